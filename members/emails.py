"""Emails about proposals. Each is one message per recipient, so no address leaks."""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def _url(proposal):
    """The proposal's address in the active language (see `_send`)."""
    path = reverse("members:proposal", args=[proposal.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(template, proposal, members):
    messages = []
    for member in members:
        if not member.user.email:
            continue
        # Each member reads their email, dates and link in the language they chose.
        with translation.override(member.email_language):
            context = {"proposal": proposal, "member": member, "url": _url(proposal)}
            subject = render_to_string(f"members/emails/{template}_subject.txt", context)
            body = render_to_string(f"members/emails/{template}.txt", context)
        messages.append(
            (" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [member.user.email])
        )
    if messages:
        try:
            send_mass_mail(messages, fail_silently=False)
        except Exception:
            # The decision is already stored; a mail outage must not undo or hide it.
            logger.exception("Could not send %s emails for proposal %s", template, proposal.pk)
            return 0
    return len(messages)


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


def left_the_coop(member):
    """The confirmation a member who leaves keeps: when it ended and what happens next."""
    if not member.user.email:
        return 0
    with translation.override(member.email_language):
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("members:goodbye")
        context = {"member": member, "url": url}
        subject = render_to_string("members/emails/left_subject.txt", context)
        body = render_to_string("members/emails/left.txt", context)
    try:
        send_mass_mail(
            [(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [member.user.email])],
            fail_silently=False,
        )
    except Exception:
        # The membership has ended either way; the goodbye page says the same.
        logger.exception("Could not send the leaving confirmation to member %s", member.pk)
        return 0
    return 1
