"""Votes under concurrency, over real HTTP, on PostgreSQL (V1/V2).

Transactional tests: the database is flushed afterwards, so each test builds its own data.
"""

import random
import time

import pytest
from django.test import Client
from django.urls import reverse

from members import tally, voting
from members.factories import make_member
from members.models import AuditEntry, Kind, Vote
from tests.conftest import on_postgresql
from tests.threads import run_threads

pytestmark = [on_postgresql, pytest.mark.django_db(transaction=True)]


def test_fifty_concurrent_votes_by_one_member_leave_one_current_vote():
    member = make_member("Solo Voter")
    make_member("Second Member")
    proposal = voting.propose(
        kind=Kind.GENERAL, title="Race", body="b", proposer=member, notify=False
    )
    voting.open_proposal(proposal.pk, now=proposal.opens_at, notify=False)
    url = reverse("members:vote", args=[proposal.pk])
    clients = []
    for _ in range(50):
        client = Client()
        client.force_login(member.user)
        clients.append(client)
    choices = ["yes", "no", "abstain"]

    def vote(i):
        return clients[i].post(url, {"choice": choices[i % 3]}).status_code

    codes = run_threads(50, vote)
    assert codes.count(302) == 50, codes
    current = Vote.objects.filter(proposal=proposal, member=member, is_current=True)
    assert current.count() == 1
    history = Vote.objects.filter(proposal=proposal, member=member).order_by("cast_at", "pk")
    # Every change is in the history, and the current vote is the last one written.
    assert history.last().pk == current.get().pk
    assert (
        AuditEntry.objects.filter(
            proposal=proposal, action__in=["vote.cast", "vote.changed"]
        ).count()
        == history.count()
    )


def test_votes_racing_the_close_are_counted_before_it_or_refused():
    voters = [make_member(f"Racer {i}") for i in range(24)]
    proposal = voting.propose(
        kind=Kind.GENERAL, title="Close race", body="b", proposer=voters[0], notify=False
    )
    voting.open_proposal(proposal.pk, now=proposal.opens_at, notify=False)
    clients = []
    for v in voters:
        client = Client()
        client.force_login(v.user)
        clients.append(client)
    url = reverse("members:vote", args=[proposal.pk])

    def work(i):
        if i == len(voters):
            # The closer acts as if the clock had reached the close, at the same instant
            # the voters post: whoever takes the proposal's row lock first goes first.
            time.sleep(random.uniform(0, 0.05))
            voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
            return "closed"
        return clients[i].post(url, {"choice": "yes"}).status_code

    results = run_threads(len(voters) + 1, work)
    assert results[-1] == "closed"
    assert all(code == 302 for code in results[:-1]), results
    proposal.refresh_from_db()
    accepted = Vote.objects.filter(proposal=proposal)
    # The stored tally is exactly what was accepted, and nothing was accepted after the close.
    print(f"race: {accepted.count()} of {len(voters)} votes beat the close")
    assert proposal.yes_count == accepted.count()
    assert tally.recount_matches(proposal)
    close_entry = AuditEntry.objects.get(proposal=proposal, action="proposal.closed")
    assert not AuditEntry.objects.filter(
        proposal=proposal, action="vote.cast", pk__gt=close_entry.pk
    ).exists()
    assert close_entry.detail["yes"] == accepted.count()
