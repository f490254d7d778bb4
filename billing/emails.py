"""Billing emails: one message per recipient. Sent after commit; an outage is logged."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mass_mail
from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from members.models import ROLE_TREASURER, Member

from .ledger import dollars, money
from .models import Payment, Refund

logger = logging.getLogger(__name__)


def _url(name):
    """The page's address in the active language (see `_send`)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name)


def _language(user):
    member = Member.objects.filter(user=user).first()
    return member.email_language if member else settings.LANGUAGE_CODE


def _send(template, recipients, context, url_name):
    """One message per (email, language) recipient, written, dated and linked in their
    language, as members' emails are."""
    messages = []
    for email, language in recipients:
        with translation.override(language):
            context = {**context, "url": _url(url_name)}
            subject = render_to_string(f"billing/emails/{template}_subject.txt", context)
            body = render_to_string(f"billing/emails/{template}.txt", context)
        messages.append((" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [email]))
    if not messages:
        return 0
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:
        logger.exception("Could not send %s emails", template)
        return 0
    return len(messages)


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
    return _send("payment_failed", recipients, context, "members:dashboard")


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
        if member.user.email:
            with translation.override(member.email_language):
                amount = money(row["total"])  # as the member's language writes it
            sent += _send(
                "refund",
                [(member.user.email, member.email_language)],
                {"member": member, "cycle": cycle, "amount": amount, "due": due},
                "billing:finances",
            )
        refunds.update(emailed=True)
    return sent
