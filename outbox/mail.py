"""The one mailer: queue a notice to each recipient, written in that recipient's language.

`queue()` renders each message now (so the outbox holds exactly what is sent), stores one
`OutgoingMessage` per recipient under an idempotency key and enqueues its delivery task, all
in the caller's transaction: with the database task backend the message and its task commit
or roll back together with the vote, refund or application that caused them. Delivery
(outbox/delivery.py) happens in the worker, never in a request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import make_msgid
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingMessage

GIVE_UP_AFTER = timedelta(hours=getattr(settings, "OUTBOX_GIVE_UP_HOURS", 72))


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    context: Mapping = field(default_factory=dict)


def site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _domain() -> str:
    sender = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >")
    return sender or "localhost"


def render(template: str, context: Mapping, language: str) -> tuple[str, str]:
    """(subject, body) of `template`, rendered in `language`. Callables in the context (e.g.
    a link) are called inside the language, so they give that language's address."""
    with translation.override(language):
        context = {k: v() if callable(v) else v for k, v in context.items()}
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return " ".join(subject.split()), body


def queue(
    kind: str,
    about: str,
    template: str,
    recipients: Iterable[Recipient],
    context: Mapping | None = None,
) -> int:
    """Queue `template` to each recipient once. `kind` and `about` (e.g. "proposal:12") with
    the address make the key: queueing the same notice again adds nothing. Returns how many
    messages were added."""
    from .tasks import fan_out

    now = timezone.now()
    wanted = {}
    for recipient in recipients:
        email = (recipient.email or "").strip()
        if email:
            wanted.setdefault(f"{kind}:{about}:{email.lower()}"[:255], recipient)
    if not wanted:
        return 0
    with transaction.atomic():
        existing = set(OutgoingMessage.objects.filter(key__in=wanted).values_list("key", flat=True))
        rows = []
        for key, recipient in wanted.items():
            if key in existing:
                continue
            subject, body = render(
                template, {**(context or {}), **recipient.context}, recipient.language
            )
            rows.append(
                OutgoingMessage(
                    key=key,
                    kind=kind,
                    to_email=recipient.email.strip(),
                    language=recipient.language,
                    subject=subject[:255],
                    body=body,
                    message_id=make_msgid(domain=_domain()),
                    next_attempt_at=now,
                    give_up_at=now + GIVE_UP_AFTER,
                )
            )
        OutgoingMessage.objects.bulk_create(rows, ignore_conflicts=True)
        added = list(
            OutgoingMessage.objects.filter(
                key__in=[row.key for row in rows], attempts=0, status=OutgoingMessage.Status.QUEUED
            ).values_list("pk", flat=True)
        )
        if added:
            # One task row in the request's transaction; the worker fans it out into one
            # delivery task per message (50 inserts less in a request that emails 50).
            fan_out.enqueue(added)
    return len(added)
