"""Billing emails, through the outbox (outbox/mail.py): one message per recipient, queued in
the caller's transaction, sent by the worker and retried through a mail outage."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Sum
from django.utils import translation

from members.models import ROLE_TREASURER, Member
from outbox.mail import Link, Recipient, queue

from .ledger import dollars, money
from .models import Payment, Refund


def _language(user):
    member = Member.objects.filter(user=user).first()
    return member.email_language if member else settings.LANGUAGE_CODE


def _send(template, recipients, context, url_name, about):
    """Queue `template` to each (email, language) recipient once per `about`, written,
    dated and linked in their language, as members' emails are."""
    return queue(
        f"billing.{template}",
        about,
        f"billing/emails/{template}",
        [Recipient(email, language) for email, language in recipients],
        {**context, "url": Link(url_name)},
    )


def treasurers():
    """(email, language) of every active treasurer."""
    group = Group.objects.filter(name=ROLE_TREASURER).first()
    if group is None:
        return []
    return [(u.email, _language(u)) for u in group.user_set.filter(is_active=True) if u.email]


def payment_failed(payment_id: int) -> int:
    payment = Payment.objects.select_related("member__user").get(pk=payment_id)
    context = {
        "payment": payment,
        "member": payment.member,
        "amount": dollars(payment.amount_cents),
    }
    member = payment.member
    recipients = [(member.user.email, member.email_language)] if member.user.email else []
    recipients += [r for r in treasurers() if r[0] not in {email for email, _ in recipients}]
    return _send(
        "payment_failed", recipients, context, "members:dashboard", f"payment:{payment.pk}"
    )


def refunds_made(cycle) -> int:
    """Tell each member their refund once (the total of their refunds for the cycle)."""
    sent = 0
    rows = (
        Refund.objects.filter(cycle=cycle, emailed=False)
        .values("member")
        .annotate(total=Sum("amount_cents"))
    )
    for row in rows:
        member = Member.objects.select_related("user").get(pk=row["member"])
        refunds = Refund.objects.filter(cycle=cycle, member=member)
        due = refunds.filter(status__in=[Refund.Status.DUE]).exists()
        with transaction.atomic():  # queued and marked emailed together
            if member.user.email:
                with translation.override(member.email_language):
                    amount = money(row["total"])  # as the member's language writes it
                sent += _send(
                    "refund",
                    [(member.user.email, member.email_language)],
                    {"member": member, "cycle": cycle, "amount": amount, "due": due},
                    "billing:finances",
                    f"cycle:{cycle.pk}:member:{member.pk}",
                )
            refunds.update(emailed=True)
    return sent
