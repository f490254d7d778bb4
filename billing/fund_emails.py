"""Emails about continuing-education requests, through the outbox (outbox/mail.py): queued
in the caller's transaction, written in the member's language by the worker."""

from __future__ import annotations

from outbox.mail import Link, Recipient, queue

from .emails import treasurers


def _member(request):
    user = request.member.user
    return [(user.email, request.member.email_language)] if user.email else []


def _send(template, recipients, context, about):
    return queue(
        f"billing.{template}",
        about,
        f"billing/emails/{template}",
        [Recipient(email, language) for email, language in recipients],
        {**context, "url": Link("billing:ce_requests")},
    )


def ce_received(request) -> int:
    """To the member, and the treasurers, who will pay it if it passes."""
    recipients = _member(request)
    recipients += [r for r in treasurers() if r[0] not in {email for email, _ in recipients}]
    context = {"request": request, "member": request.member, "proposal": request.proposal}
    return _send("ce_received", recipients, context, f"ce:{request.pk}")


def ce_decided(request, *, approved: bool) -> int:
    template = "ce_approved" if approved else "ce_declined"
    context = {"request": request, "member": request.member, "proposal": request.proposal}
    return _send(template, _member(request), context, f"ce:{request.pk}")


def ce_reimbursed(request, expense) -> int:
    context = {"request": request, "member": request.member, "expense": expense}
    return _send("ce_reimbursed", _member(request), context, f"ce:{request.pk}")
