"""A queued notice is a small row in the caller's transaction; the worker writes it into one
message per recipient, in each recipient's language, once."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from members.factories import make_member
from outbox import delivery
from outbox.mail import Link, Recipient, Text, queue, write_messages
from outbox.models import Notice, OutgoingMessage
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def test_links_and_texts_are_resolved_in_each_recipients_language():
    member = make_member("Notice Reader")
    queue(
        "test.languages",
        f"member:{member.pk}",
        "members/emails/work_failed",
        [Recipient("en@example.org", "en"), Recipient("es@example.org", "es")],
        {
            "what": Text(gettext_noop("The refund %(key)s"), {"key": "r-1"}),
            "error": "none",
            "url": Link("members:proposal", (7,)),
            "member": member,
        },
    )
    assert OutgoingMessage.objects.filter(kind="test.languages").count() == 0  # not yet
    run_tasks()
    by_address = {m.to_email: m for m in OutgoingMessage.objects.filter(kind="test.languages")}
    assert "/en/members/proposals/7/" in by_address["en@example.org"].body
    assert "/es/members/proposals/7/" in by_address["es@example.org"].body
    assert "The refund r-1" in by_address["en@example.org"].body
    assert "The refund r-1" not in by_address["es@example.org"].body  # in Spanish


def test_a_rolled_back_transaction_queues_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue("test.rollback", "x:1", "members/emails/work_failed", [Recipient("a@x.org", "en")])
        raise RuntimeError
    assert not Notice.objects.filter(kind="test.rollback").exists()
    run_tasks()
    assert not OutgoingMessage.objects.filter(kind="test.rollback").exists()


def test_a_notice_is_written_once_and_a_lost_task_is_swept_up():
    context = {"what": "Testing", "error": "none", "url": "http://testserver/"}
    to = [Recipient("a@x.org", "en"), Recipient("b@x.org", "en")]
    assert queue("test.once", "x:1", "members/emails/work_failed", to, context) == 2
    # Queued again before the worker wrote it: nothing more.
    assert queue("test.once", "x:1", "members/emails/work_failed", to, context) == 0
    notice = Notice.objects.get(kind="test.once")
    # Its task is lost (a worker killed while running it): the sweep brings it back.
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(task_path="outbox.tasks.write").delete()
    assert delivery.sweep() == 0  # not overdue yet
    later = timezone.now() + timedelta(minutes=3)
    assert delivery.sweep(now=later) == 1
    assert len(write_messages(notice.pk)) == 2
    assert write_messages(notice.pk) == []  # written once
    rows = OutgoingMessage.objects.filter(kind="test.once")
    assert sorted(rows.values_list("to_email", flat=True)) == ["a@x.org", "b@x.org"]
    assert len(set(rows.values_list("message_id", flat=True))) == 2
    # And once written, the same notice again adds nothing.
    assert queue("test.once", "x:1", "members/emails/work_failed", to, context) == 0


def test_a_recipient_deleted_before_the_worker_writes_is_skipped_and_the_rest_are_written():
    gone, kept = make_member("Notice Gone"), make_member("Notice Kept")
    queue(
        "test.gone",
        "x:1",
        "members/emails/left",
        [
            Recipient("gone@x.org", "en", {"member": gone}),
            Recipient("kept@x.org", "en", {"member": kept}),
        ],
        {"url": Link("members:goodbye")},
    )
    gone.delete()
    # (Wagtail's reference-index update for the deleted member fails on its own; not ours.)
    done = run_tasks(raise_errors=False)
    assert [r.status for r in done if r.task_path == "outbox.tasks.write"] == ["SUCCESSFUL"]
    assert list(
        OutgoingMessage.objects.filter(kind="test.gone").values_list("to_email", flat=True)
    ) == ["kept@x.org"]
    assert Notice.objects.get(kind="test.gone").written_at is not None  # not retried forever
