"""The schedule, in one process: due times, the lease, once-per-due-time claims, and what
each job does when the worker runs it (tests.tasks.run_tasks, the worker's own code)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from background import lease, schedule
from background.models import JobRun
from billing.models import Cycle
from home.models import StandardPage
from members import voting
from members.models import Kind, Member, Proposal
from tests.members.conftest import make_open_proposal
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

CO_OP = ZoneInfo(settings.TIME_ZONE)  # daily jobs run at the co-op's local time


def job(name):
    return next(j for j in schedule.jobs() if j.name == name)


def queued(task_path):
    return DBTaskResult.objects.filter(task_path=task_path, status="READY").count()


def test_every_scheduler_computes_the_same_due_times():
    minutely = job("proposals")
    at = datetime(2026, 12, 1, 12, 0, 42, tzinfo=UTC)
    assert schedule.due_time(minutely, at) == datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert schedule.due_time(minutely, at.replace(second=0)) == at.replace(second=0)
    # The daily close at 06:00 in the co-op's time zone: yesterday's until today's comes.
    close = job("close-ended-cycle")
    before = datetime(2026, 12, 1, 5, 59, tzinfo=CO_OP)
    assert schedule.due_time(close, before) == datetime(2026, 11, 30, 6, 0, tzinfo=CO_OP)
    after = datetime(2026, 12, 1, 6, 0, 1, tzinfo=CO_OP)
    assert schedule.due_time(close, after) == datetime(2026, 12, 1, 6, 0, tzinfo=CO_OP)


def test_a_job_is_queued_once_per_due_time_however_often_it_fires():
    proposals = job("proposals")
    now = timezone.now().replace(second=5)
    first = schedule.fire(proposals, "scheduler-a", now=now)
    assert first is not None
    assert schedule.fire(proposals, "scheduler-a", now=now + timedelta(seconds=20)) is None
    assert queued("members.tasks.process_due_proposals") == 1
    assert JobRun.objects.get(job="proposals").task_id == str(first.id)
    # The next minute is a new due time.
    assert schedule.fire(proposals, "scheduler-a", now=now + timedelta(minutes=1)) is not None
    assert queued("members.tasks.process_due_proposals") == 2


def test_one_scheduler_acts_and_another_takes_over_when_its_lease_runs_out(settings):
    proposals = job("proposals")
    now = timezone.now().replace(second=5)
    assert schedule.fire(proposals, "scheduler-a", now=now) is not None
    # B stands by while A's lease lasts, even for a due time A has not claimed.
    later = now + timedelta(minutes=1)
    assert schedule.fire(proposals, "scheduler-b", now=later) is None
    assert queued("members.tasks.process_due_proposals") == 1
    # A stops renewing (killed): B takes over once the lease has expired, and A, were it to
    # come back, stands by.
    expired = now + timedelta(seconds=settings.SCHEDULER_LEASE_SECONDS + 1)
    assert schedule.fire(proposals, "scheduler-b", now=expired) is not None
    assert not lease.hold("scheduler-a", seconds=90, now=expired + timedelta(seconds=1))
    # A due time both fire during the hand-over is still queued once.
    assert schedule.fire(proposals, "scheduler-b", now=expired) is None
    assert queued("members.tasks.process_due_proposals") == 2


def test_a_clean_shutdown_hands_the_lease_over_at_once():
    assert lease.hold("scheduler-a", seconds=90)
    assert not lease.hold("scheduler-b", seconds=90)
    lease.release("scheduler-a")
    assert lease.hold("scheduler-b", seconds=90)


def test_a_proposal_past_its_deadline_is_closed_and_announced_by_the_queued_job(
    django_capture_on_commit_callbacks,
):
    proposer = Member.objects.get(user__username="lucia.morales")
    proposal = make_open_proposal(proposer, title="Closes with nobody looking")
    voting.cast_vote(proposal.pk, proposer, "yes")
    now = timezone.now()
    Proposal.objects.filter(pk=proposal.pk).update(
        opens_at=now - timedelta(hours=2), closes_at=now - timedelta(seconds=1)
    )
    schedule.fire(job("proposals"), "scheduler-a")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_tasks()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.CLOSED
    results = [m for m in mail.outbox if "Closes with nobody looking" in m.body]
    assert len(results) == proposal.electorate_size > 0
    assert {m.to[0] for m in results} == set(
        proposal.electors.values_list("member__user__email", flat=True)
    )


def test_a_page_scheduled_for_publication_goes_live_by_the_queued_job(home):
    page = StandardPage(
        title="Spring open house",
        slug="spring-open-house",
        go_live_at=timezone.now() + timedelta(minutes=5),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live  # scheduled, not yet live
    # Six minutes later the scheduler's job runs Wagtail's publish_scheduled.
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        schedule.fire(job("publish-scheduled"), "scheduler-a")
        run_tasks()
    assert Page.objects.get(pk=page.pk).live


def test_the_treasurer_is_reminded_once_to_draft_the_next_budget(settings):
    from billing.tasks import remind_treasurer_of_budget

    cycle = Cycle.objects.get(status=Cycle.Status.OPEN)
    # The demo's budget vote is over; the open cycle ends in three weeks.
    Proposal.objects.filter(kind=Kind.CYCLE_BUDGET).update(status=Proposal.Status.CLOSED)
    Cycle.objects.filter(pk=cycle.pk).update(end=timezone.localdate() + timedelta(days=21))
    mail.outbox.clear()
    remind_treasurer_of_budget.enqueue()
    remind_treasurer_of_budget.enqueue()  # the next day's run
    run_tasks()
    assert [m.to for m in mail.outbox] == [["priya.natarajan@lycan-coop.example"]]
    assert "Time to draft the budget" in mail.outbox[0].subject
    assert "/en/members/proposals/new/" in mail.outbox[0].body


def test_no_budget_reminder_while_a_budget_is_being_voted_on_or_long_before_the_end():
    from billing.tasks import remind_treasurer_of_budget

    cycle = Cycle.objects.get(status=Cycle.Status.OPEN)
    assert Proposal.objects.filter(kind=Kind.CYCLE_BUDGET, status=Proposal.Status.OPEN).exists()
    Cycle.objects.filter(pk=cycle.pk).update(end=timezone.localdate() + timedelta(days=21))
    remind_treasurer_of_budget.enqueue()
    Proposal.objects.filter(kind=Kind.CYCLE_BUDGET).update(status=Proposal.Status.CLOSED)
    Cycle.objects.filter(pk=cycle.pk).update(end=timezone.localdate() + timedelta(days=45))
    remind_treasurer_of_budget.enqueue()
    mail.outbox.clear()
    run_tasks()
    assert mail.outbox == []


def test_an_ended_cycle_is_closed_by_the_daily_job_and_left_alone_after(
    django_capture_on_commit_callbacks,
):
    from billing.tasks import close_ended_cycle

    cycle = Cycle.objects.get(status=Cycle.Status.OPEN)
    Cycle.objects.filter(pk=cycle.pk).update(end=timezone.localdate() - timedelta(days=1))
    close_ended_cycle.enqueue()
    with django_capture_on_commit_callbacks(execute=True):
        first = run_tasks()
    cycle.refresh_from_db()
    # The demo pays by cheque or transfer: its refunds are due by hand, so it closes.
    assert cycle.status == Cycle.Status.CLOSED
    assert first[0].return_value == Cycle.Status.CLOSED
    close_ended_cycle.enqueue()
    assert run_tasks()[0].return_value is None  # nothing left to close


def test_the_treasurer_is_told_once_why_an_ended_cycle_cannot_close():
    from billing.models import Payment
    from billing.tasks import close_ended_cycle

    cycle = Cycle.objects.get(status=Cycle.Status.OPEN)
    Payment.objects.filter(cycle=cycle).update(method=Payment.Method.STRIPE)  # paid by card
    Cycle.objects.filter(pk=cycle.pk).update(end=timezone.localdate() - timedelta(days=1))
    mail.outbox.clear()
    close_ended_cycle.enqueue()
    close_ended_cycle.enqueue()  # the next day, still without Stripe
    run_tasks()
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.CLOSING
    told = [m for m in mail.outbox if "is not closed yet" in m.subject]
    assert [m.to for m in told] == [["priya.natarajan@lycan-coop.example"]]
    assert "Stripe is not configured" in told[0].body
