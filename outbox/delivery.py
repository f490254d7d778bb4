"""Delivering one outgoing message: claim it, hand it to the mail server, record the outcome.

Guarantee: at least once, with doubles kept to the one unavoidable window and recognisable.

* A worker claims a message with one conditional UPDATE (queued and due, or sending with an
  expired lease): two workers, or a task enqueued twice, never send it at the same time.
  The claim is committed before the mail server is contacted, with a lease
  (`OUTBOX_LEASE_SECONDS`) well above the SMTP timeout (`EMAIL_TIMEOUT`).
* "Sent" is committed right after the server accepts the message. A worker killed after the
  server's "250 OK" and before that commit (milliseconds) leaves the message "sending"; when
  the lease expires the sweep requeues it and it is sent again. That copy carries the same
  Message-ID header, so mail systems that deduplicate (and people) see the same message.
  We chose this over at-most-once because a lost vote notice is worse than a rare double.
* A failure the server calls temporary (connection refused, timeout, 4xx) is retried with
  exponential back-off and jitter, up to `OUTBOX_RETRY_CAP_SECONDS` apart, until the message's
  `give_up_at` (three days by default); then, or at once on a permanent refusal (5xx), it is
  marked failed, listed in the admin's Outbox with its error and a retry button.
"""

from __future__ import annotations

import logging
import random
import secrets
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import F, Q
from django.utils import timezone

from .models import OutgoingMessage

logger = logging.getLogger(__name__)

Status = OutgoingMessage.Status


def lease() -> timedelta:
    return timedelta(seconds=getattr(settings, "OUTBOX_LEASE_SECONDS", 300))


def backoff(attempts: int, *, rng=random) -> timedelta:
    """Delay after the `attempts`-th failure: 30 s, 1 min, 2 min ... capped, with +-20 %
    jitter so a queue that failed together does not retry together."""
    base = getattr(settings, "OUTBOX_RETRY_BASE_SECONDS", 30)
    cap = getattr(settings, "OUTBOX_RETRY_CAP_SECONDS", 1800)
    seconds = min(base * 2 ** max(attempts - 1, 0), cap)
    return timedelta(seconds=seconds * rng.uniform(0.8, 1.2))


def claimable(now: datetime) -> Q:
    return Q(status=Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=Status.SENDING, lease_until__lte=now
    )


def claim(message_id: int, now: datetime) -> str | None:
    """Take the message for one attempt; the claim token, or None if it is not ours to send."""
    token = secrets.token_hex(16)
    taken = (
        OutgoingMessage.objects.filter(claimable(now), pk=message_id).update(
            status=Status.SENDING,
            attempts=F("attempts") + 1,
            lease_until=now + lease(),
            claim=token,
        )
        == 1
    )
    return token if taken else None


def permanent(error: Exception) -> bool:
    """A refusal that retrying will not change (5xx), as opposed to an outage (4xx, network)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    code = getattr(error, "smtp_code", None)
    return isinstance(code, int) and code >= 500


def send(message: OutgoingMessage) -> None:
    connection = get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None))
    EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_email],
        headers={"Message-ID": message.message_id},
        connection=connection,
    ).send()


def deliver(message_id: int, *, now: datetime | None = None) -> str:
    """One attempt at one message. Returns what happened (for the task's result)."""
    now = now or timezone.now()
    token = claim(message_id, now)
    if token is None:
        return "not due"
    message = OutgoingMessage.objects.get(pk=message_id)
    mine = OutgoingMessage.objects.filter(pk=message_id, claim=token)
    try:
        send(message)
    except (TimeoutError, smtplib.SMTPException, OSError) as error:
        return _failed(message, mine, error, now)
    mine.update(status=Status.SENT, sent_at=timezone.now(), lease_until=None, last_error="")
    return "sent"


def _failed(message, mine, error, now) -> str:
    text = f"{type(error).__name__}: {error}"[:2000]
    retry_at = now + backoff(message.attempts)
    if permanent(error) or retry_at > message.give_up_at:
        mine.update(status=Status.FAILED, lease_until=None, last_error=text)
        logger.error("Gave up on email %s to %s: %s", message.pk, message.to_email, text)
        return "failed"
    mine.update(status=Status.QUEUED, next_attempt_at=retry_at, lease_until=None, last_error=text)
    logger.warning("Email %s to %s: %s; retry at %s", message.pk, message.to_email, text, retry_at)
    from .tasks import enqueue_delivery

    enqueue_delivery(message.pk, run_after=retry_at)
    return "retry"


def sweep(*, now: datetime | None = None, grace: timedelta = timedelta(minutes=2)) -> int:
    """Requeue what no task is bringing: notices not written into messages after `grace`
    (their task was lost or its worker killed), messages whose lease expired (a worker died while
    sending) and queued messages overdue by `grace` (their task was lost, e.g. the worker
    died between the failure and enqueueing the retry). A double enqueue is harmless: only
    one attempt can claim a message."""
    from .mail import unwritten
    from .tasks import enqueue_delivery, write

    now = now or timezone.now()
    count = 0
    for pk in unwritten(now, grace).values_list("pk", flat=True)[:1000]:
        write.enqueue(pk)
        count += 1
    due = OutgoingMessage.objects.filter(
        Q(status=Status.SENDING, lease_until__lte=now)
        | Q(status=Status.QUEUED, next_attempt_at__lte=now - grace)
    ).values_list("pk", flat=True)[:1000]
    for pk in due:
        enqueue_delivery(pk)
        count += 1
    return count


def retry(message_id: int) -> bool:
    """An admin's retry of a failed message: queued again with a fresh deadline."""
    now = timezone.now()
    from .mail import GIVE_UP_AFTER
    from .tasks import enqueue_delivery

    updated = OutgoingMessage.objects.filter(pk=message_id, status=Status.FAILED).update(
        status=Status.QUEUED, next_attempt_at=now, give_up_at=now + GIVE_UP_AFTER, claim=""
    )
    if updated:
        enqueue_delivery(message_id)
    return bool(updated)
