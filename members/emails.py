"""Emails about proposals, through the outbox: one message per recipient (no address leaks),
in the recipient's language, queued in the caller's transaction and sent by the worker."""

import hashlib

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from outbox.mail import Link, Recipient, Text, queue, site_url

from .access import member_of


def _send(template, proposal, members):
    recipients = [
        Recipient(member.user.email, member.email_language, {"member": member})
        for member in members
        if member.user.email
    ]
    return queue(
        f"members.{template}",
        f"proposal:{proposal.pk}",
        f"members/emails/{template}",
        recipients,
        {"proposal": proposal, "url": Link("members:proposal", (proposal.pk,))},
    )


def _electors(proposal):
    return [e.member for e in proposal.electors.select_related("member__user")]


def proposal_opened(proposal):
    return _send("opened", proposal, _electors(proposal))


def vote_reminder(proposal, members):
    return _send("reminder", proposal, members)


def proposal_decided(proposal):
    recipients = _electors(proposal)
    if proposal.subject and proposal.subject not in recipients:
        recipients.append(proposal.subject)
    return _send("result", proposal, recipients)


def password_reset(user, email, context):
    """The link to choose a new password (Django's `PasswordResetForm` context: uid, token,
    protocol, domain) to `email`, in the member's language, else the page's. Queued once per
    token: the same reset asked twice in a moment sends one email."""
    member = member_of(user)
    language = member.email_language if member is not None else get_language()
    token = hashlib.sha256(context["token"].encode()).hexdigest()[:16]
    return queue(
        "members.password_reset",
        f"user:{user.pk}:{token}",
        "members/emails/password_reset",
        [Recipient(email, language or settings.LANGUAGE_CODE)],
        {key: context[key] for key in ("uid", "token", "protocol", "domain")},
    )


def staff():
    """The people told when background work finally fails: active treasurers and admins."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from .models import ROLE_TREASURER, Member

    users = (
        get_user_model()
        .objects.filter(Q(groups__name=ROLE_TREASURER) | Q(is_superuser=True), is_active=True)
        .exclude(email="")
    )
    languages = {m.user_id: m.email_language for m in Member.objects.filter(user__in=users)}
    return [
        Recipient(u.email, languages.get(u.pk, settings.LANGUAGE_CODE))
        for u in users.distinct().order_by("pk")
    ]


def work_failed(kind, about, *, what, error, admin_path):
    """Tell the treasurer and admins, once per `kind` and `about`, that work which was
    retried by itself has finally failed. `what` says what failed in the recipient's
    language: a `Text` (resolved when the message is written) or a callable."""
    return queue(
        f"alert.{kind}",
        about,
        "members/emails/work_failed",
        staff(),
        {"what": what, "error": error[:500], "url": site_url(admin_path)},
    )


def enactment_failed(proposal):
    from django.utils.translation import gettext_noop

    return work_failed(
        "enactment",
        f"proposal:{proposal.pk}:attempt:{proposal.enactment_attempts}",
        what=Text(gettext_noop('Carrying out the proposal "%(title)s"'), {"title": proposal.title}),
        error=proposal.enactment_error,
        admin_path=reverse("wagtailsnippets_members_proposal:edit", args=[proposal.pk]),
    )


def left_the_coop(member):
    """The confirmation a member who leaves keeps: when it ended and what happens next."""
    if not member.user.email:
        return 0
    return queue(
        "members.left",
        f"member:{member.pk}:left",
        "members/emails/left",
        [Recipient(member.user.email, member.email_language)],
        {"member": member, "url": Link("members:goodbye")},
    )


def application_received(member, proposal):
    """The applicant's confirmation: what they sent, what happens next and when, where to
    follow it, and the documents they agree to. In the language they applied in."""
    if not member.user.email:
        return 0
    return queue(
        "members.application_received",
        f"member:{member.pk}:applied",
        "members/emails/application_received",
        [Recipient(member.user.email, member.email_language)],
        {
            "member": member,
            "proposal": proposal,
            "url": Link("members:application"),
        },
    )
