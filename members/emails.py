"""Emails about proposals, through the outbox: one message per recipient (no address leaks),
in the recipient's language, queued in the caller's transaction and sent by the worker."""

from django.urls import reverse

from outbox.mail import Recipient, queue, site_url


def _url(proposal):
    """The proposal's address in the language active when the message is rendered."""
    return site_url(reverse("members:proposal", args=[proposal.pk]))


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
        {"proposal": proposal, "url": lambda: _url(proposal)},
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
