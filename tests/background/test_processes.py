"""Time moves by itself: the Procfile's worker and scheduler as real processes.

On PostgreSQL only: the processes must share the test database, and pytest-django's SQLite
test database lives in this process's memory. The schedule, the lease and the claims behave
alike on SQLite (tests/background/test_schedule.py runs them there in-process). These tests
start real processes (about 20 s each to import Django on a busy 2-core machine), so there are
two, and CI runs them once, in its PostgreSQL pass.
"""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from background.models import JobRun
from home.models import StandardPage
from members import voting
from members.factories import make_member
from members.models import AuditEntry, Kind, Member, Proposal
from tests.conftest import on_postgresql

from .processes import Processes, wait_for

pytestmark = [on_postgresql, pytest.mark.processes, pytest.mark.django_db(transaction=True)]


def closing_onboarding(applicant, *, closes_in):
    """A passed-to-be onboarding vote (its effect: the applicant becomes a member) that closes
    `closes_in` from now, with every elector's yes already in."""
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="en")  # the effect drafts a directory page
    proposal = voting.propose(
        kind=Kind.ONBOARD_PROVIDER,
        title=f"Welcome {applicant.display_name}",
        body="b",
        subject=applicant,
        notify=False,
        now=timezone.now() - timedelta(days=30),
    )
    voting.open_proposal(proposal.pk, now=proposal.opens_at, notify=False)
    for elector in proposal.electors.select_related("member"):
        voting.cast_vote(proposal.pk, elector.member, "yes", now=proposal.opens_at)
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() + closes_in)
    proposal.refresh_from_db()
    return proposal


def electors(proposal):
    return set(proposal.electors.values_list("member__user__email", flat=True))


def results(processes, proposal):
    return Counter(to for to, subject, _body in processes.emails() if proposal.title in subject)


@pytest.fixture
def processes(tmp_path):
    running = Processes(tmp_path)
    yield running
    running.stop()


def a_parent_page():
    """The demo's home, or a bare root in a database an earlier transactional test flushed."""
    from wagtail.models import Locale

    root = Page.get_first_root_node()
    if root is None:
        locale = Locale.objects.get_or_create(language_code="en")[0]
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def test_a_vote_closes_enacts_and_emails_and_a_page_goes_live_with_nobody_visiting(processes):
    for i in range(3):
        make_member(f"Voter {i}")
    applicant = make_member("Ada Applicant", status=Member.Status.APPLICANT)
    proposal = closing_onboarding(applicant, closes_in=timedelta(seconds=5))
    page = StandardPage(title="Open house", slug="open-house", go_live_at=proposal.closes_at)
    a_parent_page().add_child(instance=page)
    page.save_revision().publish()
    assert not Page.objects.get(pk=page.pk).live  # scheduled
    processes.start("worker")
    processes.start("scheduler")

    def done():
        proposal.refresh_from_db()
        return proposal.enactment_status == Proposal.Enactment.DONE and results(processes, proposal)

    assert wait_for(done, timeout=(proposal.closes_at - timezone.now()).total_seconds() + 90), (
        processes.output()
    )
    assert proposal.status == Proposal.Status.CLOSED
    assert proposal.outcome == Proposal.Outcome.PASSED
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.ACTIVE  # the vote's effect, carried out
    assert proposal.enacted_at - proposal.closes_at < timedelta(seconds=90)
    assert wait_for(lambda: Page.objects.get(pk=page.pk).live, timeout=30)
    assert Page.objects.get(pk=page.pk).first_published_at - proposal.closes_at < timedelta(
        seconds=90
    )
    time.sleep(3)  # nothing more arrives
    assert results(processes, proposal) == dict.fromkeys(
        electors(proposal) | {applicant.user.email}, 1
    )


def test_two_schedulers_and_two_workers_do_everything_once(processes):
    for i in range(4):
        make_member(f"Voter {i}")
    applicants = [make_member(f"Applicant {i}", status=Member.Status.APPLICANT) for i in range(3)]
    proposals = [
        closing_onboarding(a, closes_in=timedelta(seconds=10 + 8 * i))
        for i, a in enumerate(applicants)
    ]
    for name in ("scheduler", "scheduler", "worker", "worker"):
        processes.start(name)

    # Halfway, the acting scheduler is killed; the other takes over when the lease runs out.
    assert wait_for(lambda: Proposal.objects.get(pk=proposals[0].pk).is_closed, timeout=90)
    from background.models import SchedulerLease

    holder = SchedulerLease.objects.get().holder
    pid = int(holder.split(":")[1])
    acting = next(n for n, p in processes.running.items() if p.pid == pid)
    processes.kill(acting)

    def all_done():
        return all(
            p.enactment_status == Proposal.Enactment.DONE
            for p in Proposal.objects.filter(pk__in=[p.pk for p in proposals])
        ) and all(results(processes, p) for p in proposals)

    assert wait_for(all_done, timeout=120), processes.output()
    time.sleep(6)  # a few more due times pass under the surviving scheduler
    processes.stop()

    for proposal in proposals:
        proposal.refresh_from_db()
        entries = Counter(
            AuditEntry.objects.filter(proposal=proposal).values_list("action", flat=True)
        )
        assert entries["proposal.closed"] == 1
        assert entries["enactment.done"] == 1
        recipients = electors(proposal) | {proposal.subject.user.email}
        assert results(processes, proposal) == dict.fromkeys(recipients, 1)
    # Each due time of the every-5-seconds job was queued once, and none was skipped for long.
    due = list(
        JobRun.objects.filter(job="proposals").order_by("due_at").values_list("due_at", flat=True)
    )
    assert len(due) == len(set(due)) >= 3
    gaps = [(b - a).total_seconds() for a, b in zip(due, due[1:], strict=False)]
    assert max(gaps) <= 5 + 6 + 5  # one period, the lease, one more period
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(task_path="members.tasks.process_due_proposals")
    assert queued.count() == len(due)
    assert set(queued.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert sum(len(ids) for ids in queued.values_list("worker_ids", flat=True)) == len(due)
