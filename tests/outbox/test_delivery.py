"""One message's delivery against a real local SMTP server: sent once, retried with back-off
through outages and slow servers, failed and visible after its deadline or a refusal."""

from datetime import timedelta

import pytest
from django.utils import timezone

from outbox import delivery
from outbox.mail import Recipient, queue, write_messages
from outbox.models import Notice, OutgoingMessage
from tests.tasks import run_tasks

from .smtp import SmtpSink, free_port

pytestmark = pytest.mark.django_db
Status = OutgoingMessage.Status


@pytest.fixture
def sink(settings):
    server = SmtpSink().start()
    server.settings(settings)
    yield server
    server.stop()


@pytest.fixture
def down(settings):
    server = SmtpSink(port=free_port())  # never started: connections are refused
    server.settings(settings)
    return server


def notice(about="test:1", to=("ana@example.org",)):
    """Queue a notice and run the delivery tasks it enqueued, as the worker would."""
    added = queue(
        "test.notice",
        about,
        "members/emails/work_failed",
        [Recipient(address, "en") for address in to],
        {"what": "Testing", "error": "none", "url": "http://testserver/"},
    )
    run_tasks()
    return added


def test_a_notice_is_queued_once_per_recipient_and_sent_once(sink):
    assert notice(to=("ana@example.org", "bo@example.org", "ANA@example.org")) == 2
    assert notice(to=("ana@example.org", "bo@example.org")) == 0  # the same notice again
    rows = OutgoingMessage.objects.filter(kind="test.notice")
    assert sorted(rows.values_list("status", flat=True)) == [Status.SENT] * 2
    assert sorted((mid, to) for mid, to, _s in sink.received) == sorted(
        rows.values_list("message_id", "to_email")
    )
    # Another delivery of a sent message sends nothing.
    for row in rows:
        assert delivery.deliver(row.pk) == "not due"
    assert len(sink.received) == 2


def test_a_refused_connection_is_retried_later_and_then_sent(down, settings):
    notice()
    row = OutgoingMessage.objects.get(kind="test.notice")
    assert row.status == Status.QUEUED and row.attempts == 1
    assert "ConnectionRefused" in row.last_error
    wait = row.next_attempt_at - timezone.now()
    assert timedelta(seconds=20) < wait < timedelta(seconds=40)  # 30 s, with jitter
    assert delivery.deliver(row.pk) == "not due"  # not before its time
    up = SmtpSink(port=down.port).start()
    try:
        assert delivery.deliver(row.pk, now=row.next_attempt_at) == "sent"
        assert [to for _m, to, _s in up.received] == ["ana@example.org"]
    finally:
        up.stop()
    row.refresh_from_db()
    assert row.status == Status.SENT and row.attempts == 2 and row.last_error == ""


def test_a_server_slower_than_the_timeout_counts_as_a_failure_to_retry(sink, settings):
    sink.delay = 2
    settings.EMAIL_TIMEOUT = 0.5
    notice()
    row = OutgoingMessage.objects.get(kind="test.notice")
    assert row.status == Status.QUEUED and "timed out" in row.last_error.lower()


def test_back_off_doubles_to_a_cap_and_the_message_fails_at_its_deadline(down):
    assert [
        round(delivery.backoff(n, rng=_Middle()).total_seconds()) for n in (1, 2, 3, 7, 20)
    ] == [
        30,
        60,
        120,
        1800,
        1800,
    ]
    notice()
    row = OutgoingMessage.objects.get(kind="test.notice")
    # An outage of hours: attempt after attempt fails, none is lost, until the deadline.
    moment = row.next_attempt_at
    while True:
        assert delivery.deliver(row.pk, now=moment) in ("retry", "failed")
        row.refresh_from_db()
        if row.status != Status.QUEUED:
            break
        moment = row.next_attempt_at
    assert row.status == Status.FAILED
    assert row.give_up_at - timedelta(hours=1) <= moment <= row.give_up_at
    assert 10 < row.attempts < 200


class _Middle:
    @staticmethod
    def uniform(a, b):
        return (a + b) / 2


def test_a_permanent_refusal_fails_at_once_and_an_admin_retry_sends_it(sink):
    sink.refuse = "550 5.1.1 no such mailbox"
    notice()
    row = OutgoingMessage.objects.get(kind="test.notice")
    assert row.status == Status.FAILED and "550" in row.last_error
    sink.refuse = ""
    assert delivery.retry(row.pk)
    run_tasks()
    row.refresh_from_db()
    assert row.status == Status.SENT and len(sink.received) == 1


def test_a_message_whose_worker_died_while_sending_is_requeued_after_its_lease(sink):
    queue(
        "test.notice",
        "test:1",
        "members/emails/work_failed",
        [Recipient("ana@example.org", "en")],
        {"what": "Testing", "error": "none", "url": "http://testserver/"},
    )
    write_messages(Notice.objects.get(kind="test.notice").pk)  # the worker writes it
    row = OutgoingMessage.objects.get(kind="test.notice")
    # A worker claims it, then dies before it finishes (nothing more happens).
    assert delivery.claim(row.pk, timezone.now())
    run_tasks()  # the queued task finds it taken: another worker holds the lease
    assert sink.received == []
    assert delivery.sweep() == 0
    later = timezone.now() + delivery.lease() + timedelta(seconds=1)
    assert delivery.sweep(now=later) == 1
    assert delivery.deliver(row.pk, now=later) == "sent"
    row.refresh_from_db()
    assert row.status == Status.SENT and row.attempts == 2
    assert [m for m, _to, _s in sink.received] == [row.message_id]
