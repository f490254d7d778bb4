"""A mail outage of hours while three proposals open and close: every elector gets every
notice exactly once when the server is back. The worker's own code runs the tasks
(tests.tasks.run_tasks) on the database backend; the clock moves with time-machine."""

from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from members import voting
from members.factories import make_member
from members.models import Kind, Proposal
from outbox import delivery
from outbox.models import OutgoingMessage
from tests.tasks import run_tasks

from .smtp import SmtpSink, free_port

pytestmark = pytest.mark.django_db


def work(moment):
    """What the worker and the scheduler do at `moment`: the minute's jobs, then the tasks."""
    with time_machine.travel(moment, tick=False):
        voting.process_due(now=moment)
        delivery.sweep(now=moment)
        run_tasks()


def test_every_notice_arrives_once_after_hours_of_outage(settings):
    down = SmtpSink(port=free_port())
    down.settings(settings, timeout=2)
    proposer = make_member("Outage Proposer")
    for n in range(5):
        make_member(f"Outage Elector {n}")
    start = timezone.now()
    proposals = [
        voting.propose(kind=Kind.GENERAL, title=f"Outage vote {n}", body="b", proposer=proposer)
        for n in range(3)
    ]
    # The server is down throughout: the notices of opening and of the result wait.
    moment = start
    for proposal in proposals:
        proposal.refresh_from_db()
        work(proposal.closes_at + timedelta(minutes=1))
        moment = max(moment, proposal.closes_at + timedelta(minutes=1))
    assert Proposal.objects.filter(pk__in=[p.pk for p in proposals], status="closed").count() == 3
    outage_end = moment + timedelta(hours=3)
    while moment < outage_end:
        moment += timedelta(minutes=5)
        work(moment)
    rows = OutgoingMessage.objects.filter(kind__in=["members.opened", "members.result"])
    assert rows.filter(status="sent").count() == 0
    assert rows.filter(status="failed").count() == 0  # nothing given up on after hours
    assert min(rows.values_list("attempts", flat=True)) >= 5
    # The server comes back.
    sink = SmtpSink(port=down.port).start()
    try:
        for _ in range(8):
            moment += timedelta(minutes=5)
            work(moment)
    finally:
        sink.stop()
    assert rows.exclude(status="sent").count() == 0
    expected = Counter()
    for proposal in proposals:
        proposal.refresh_from_db()
        result = f"{proposal.get_outcome_display()}: {proposal.title}"
        for elector in proposal.electors.select_related("member__user"):
            expected[(elector.member.user.email, f"Vote open: {proposal.title}")] += 1
            expected[(elector.member.user.email, result)] += 1
    # (The demo's own proposals fall due in the hours that pass too; ours are checked here.)
    got = Counter((to, s) for _mid, to, s in sink.received if "Outage vote" in s)
    assert got == expected
    # One delivery per message: no Message-ID twice.
    assert len({mid for mid, _to, _s in sink.received}) == len(sink.received) == rows.count()
