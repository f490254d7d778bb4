"""The voting engine, without HTTP: electorate, changing votes, closing, secret ballots."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from members import effects, tally, voting
from members.factories import make_member, make_open_proposal
from members.models import (
    Choice,
    Comment,
    Elector,
    Kind,
    Member,
    Proposal,
    SecretBallot,
    Vote,
    VoteRule,
)
from tests.funds import fund_payload
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def close_now(proposal):
    return voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)


def test_every_kind_has_a_seeded_rule():
    assert set(VoteRule.objects.values_list("kind", flat=True)) == set(Kind.values)


def test_the_electorate_is_frozen_at_opening(member, other):
    proposal = make_open_proposal(member)
    electors = set(proposal.electors.values_list("member_id", flat=True))
    assert electors == set(Member.objects.active().values_list("pk", flat=True))
    assert proposal.electorate_size == len(electors)
    late = make_member("Late Joiner")
    assert not proposal.electors.filter(member=late).exists()
    with pytest.raises(voting.VotingError):
        voting.cast_vote(proposal.pk, late, "yes")


def test_conflict_of_interest_leaves_the_member_concerned_out(member, other):
    proposal = make_open_proposal(member, kind=Kind.END_CONTRACT, subject=other)
    assert proposal.conflict_of_interest
    assert not proposal.electors.filter(member=other).exists()
    assert proposal.electorate_size == Member.objects.active().count() - 1


def test_the_rules_are_copied_so_later_edits_do_not_change_an_open_vote(member):
    proposal = make_open_proposal(member)
    VoteRule.objects.filter(kind=Kind.GENERAL).update(quorum_percent=99)
    proposal.refresh_from_db()
    assert proposal.quorum_percent == 50


def test_notice_schedules_the_opening(member):
    now = timezone.now()
    proposal = voting.propose(
        kind=Kind.MANUAL_AMENDMENT, title="t", body="b", proposer=member, now=now, notify=False
    )
    rule = VoteRule.objects.get(kind=Kind.MANUAL_AMENDMENT)
    assert proposal.status == Proposal.Status.SCHEDULED
    assert proposal.opens_at == now + timedelta(hours=rule.min_notice_hours)
    assert proposal.closes_at - proposal.opens_at >= timedelta(hours=rule.min_voting_hours)
    with pytest.raises(voting.VotingError):
        voting.cast_vote(proposal.pk, member, "yes")
    assert voting.process_due(now=proposal.opens_at, notify=False)["opened"] >= 1
    proposal.refresh_from_db()
    assert proposal.is_open


def test_only_active_members_propose(applicant, former):
    for who in (applicant, former):
        with pytest.raises(voting.VotingError):
            voting.propose(kind=Kind.GENERAL, title="t", body="b", proposer=who)


def test_changing_a_vote_keeps_the_history_and_one_current_vote(member, open_proposal):
    for choice in ("yes", "no", "no", "abstain"):
        voting.cast_vote(open_proposal.pk, member, choice)
    votes = Vote.objects.filter(proposal=open_proposal, member=member)
    assert list(votes.values_list("choice", "is_current")) == [
        ("yes", False),
        ("no", False),
        ("abstain", True),
    ]
    assert voting.current_choice(open_proposal, member) == "abstain"


def test_a_vote_after_the_close_is_refused(member, open_proposal):
    with pytest.raises(voting.VotingError):
        voting.cast_vote(open_proposal.pk, member, "yes", now=open_proposal.closes_at)
    close_now(open_proposal)
    with pytest.raises(voting.VotingError):
        voting.cast_vote(open_proposal.pk, member, "yes", now=open_proposal.opens_at)


def test_a_nonsense_choice_is_refused(member, open_proposal):
    with pytest.raises(voting.VotingError):
        voting.cast_vote(open_proposal.pk, member, "maybe")


def test_leavers_cannot_vote_on_what_they_were_electors_for(member, open_proposal):
    from members import membership

    membership.leave(member)
    member.refresh_from_db()
    with pytest.raises(voting.VotingError):
        voting.cast_vote(open_proposal.pk, member, "yes")


def test_close_stores_a_tally_that_a_recount_reproduces(member, other, open_proposal):
    voting.cast_vote(open_proposal.pk, member, "yes")
    voting.cast_vote(open_proposal.pk, other, "no")
    voting.cast_vote(open_proposal.pk, other, "abstain")
    assert close_now(open_proposal)
    open_proposal.refresh_from_db()
    assert (open_proposal.yes_count, open_proposal.no_count, open_proposal.abstain_count) == (
        1,
        0,
        1,
    )
    assert tally.recount_matches(open_proposal)
    # Tampering with a stored ballot is caught by the recount.
    Vote.objects.filter(proposal=open_proposal, is_current=True, member=member).update(choice="no")
    assert not tally.recount_matches(open_proposal)


def test_abstentions_count_for_quorum_but_not_threshold(member, other):
    proposal = make_open_proposal(member)
    electors = [e.member for e in proposal.electors.select_related("member")]
    # Everyone abstains except one yes: quorum met, one yes of one cast passes.
    for m in electors:
        voting.cast_vote(proposal.pk, m, "abstain")
    voting.cast_vote(proposal.pk, member, "yes")
    close_now(proposal)
    proposal.refresh_from_db()
    assert proposal.quorum_met and proposal.outcome == Proposal.Outcome.PASSED


def test_no_quorum_fails(member, open_proposal):
    voting.cast_vote(open_proposal.pk, member, "yes")
    close_now(open_proposal)
    open_proposal.refresh_from_db()
    expected = 50 * open_proposal.electorate_size <= 100
    assert open_proposal.quorum_met is expected
    assert (open_proposal.outcome == Proposal.Outcome.PASSED) is expected


def test_results_hidden_until_close_when_the_rule_says_so(member):
    hidden = make_open_proposal(member, kind=Kind.SHARED_FUND, payload=fund_payload())
    shown = make_open_proposal(member, kind=Kind.GENERAL)
    assert not tally.results_visible(hidden)
    assert tally.results_visible(shown)
    close_now(hidden)
    hidden.refresh_from_db()
    assert tally.results_visible(hidden)


def test_secret_ballot_gives_a_receipt_and_changes_only_with_it(member, other):
    proposal = make_open_proposal(member, kind=Kind.ADMIN_PAY)
    assert proposal.secret_ballot
    first = voting.cast_vote(proposal.pk, member, "yes")
    assert first.receipt and not first.changed
    assert Elector.objects.get(proposal=proposal, member=member).has_voted
    with pytest.raises(voting.VotingError):
        voting.cast_vote(proposal.pk, member, "no")
    with pytest.raises(voting.VotingError):
        voting.cast_vote(proposal.pk, member, "no", receipt="NOT-A-RECEIPT")
    # Another member cannot use a receipt to vote twice either: they vote once on their own.
    voting.cast_vote(proposal.pk, other, "no")
    second = voting.cast_vote(proposal.pk, member, "no", receipt=first.receipt.lower())
    assert second.changed and second.receipt != first.receipt
    assert SecretBallot.objects.filter(proposal=proposal).count() == 2
    assert not Vote.objects.filter(proposal=proposal).exists()
    close_now(proposal)
    proposal.refresh_from_db()
    assert (proposal.yes_count, proposal.no_count) == (0, 2)
    assert SecretBallot.objects.filter(proposal=proposal, receipt=second.receipt).exists()
    assert tally.recount_matches(proposal)


def test_secret_votes_never_put_the_choice_in_the_log(member):
    proposal = make_open_proposal(member, kind=Kind.ADMIN_PAY)
    receipt = voting.cast_vote(proposal.pk, member, "yes").receipt
    voting.cast_vote(proposal.pk, member, "no", receipt=receipt)
    for entry in proposal.audit_entries.filter(action__startswith="vote."):
        assert "choice" not in entry.detail
        assert "yes" not in entry.content() and 'no"' not in entry.content()


def test_closing_twice_enacts_once(member, monkeypatch):
    calls = []
    monkeypatch.setitem(effects.EFFECTS, Kind.SHARED_SERVICE, [calls.append])
    proposal = make_open_proposal(member, kind=Kind.SHARED_SERVICE)
    for e in proposal.electors.select_related("member"):
        voting.cast_vote(proposal.pk, e.member, "yes")
    assert close_now(proposal) is True
    assert close_now(proposal) is False
    voting.process_due(now=proposal.closes_at + timedelta(days=1), notify=False)
    assert len(calls) == 1
    proposal.refresh_from_db()
    assert proposal.enactment_status == Proposal.Enactment.DONE
    assert proposal.audit_entries.filter(action="enactment.done").count() == 1


def test_a_failed_proposal_enacts_nothing(member, monkeypatch):
    calls = []
    monkeypatch.setitem(effects.EFFECTS, Kind.SHARED_SERVICE, [calls.append])
    proposal = make_open_proposal(member, kind=Kind.SHARED_SERVICE)
    voting.cast_vote(proposal.pk, member, "no")
    close_now(proposal)
    proposal.refresh_from_db()
    assert proposal.outcome == Proposal.Outcome.FAILED
    assert proposal.enactment_status == Proposal.Enactment.NOT_NEEDED
    assert calls == []


def test_emails_on_open_and_on_result(member, other, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = voting.propose(kind=Kind.GENERAL, title="Picnic", body="b", proposer=member)
        voting.process_due(now=proposal.opens_at)
    run_tasks()  # the worker sends what was queued
    opened = [m for m in mail.outbox if "Vote open: Picnic" in m.subject]
    assert {m.to[0] for m in opened} == set(
        proposal.electors.values_list("member__user__email", flat=True)
    )
    assert all(len(m.to) == 1 for m in opened)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        voting.process_due(now=proposal.closes_at)
    run_tasks()
    results = [m for m in mail.outbox if "Picnic" in m.subject]
    proposal.refresh_from_db()
    assert len(results) == proposal.electorate_size


def test_reminders_go_once_to_those_who_have_not_voted(
    member, other, open_proposal, django_capture_on_commit_callbacks
):
    Proposal.objects.exclude(pk=open_proposal.pk).update(reminder_sent_at=timezone.now())
    voting.cast_vote(open_proposal.pk, member, "yes")
    mail.outbox.clear()
    early = open_proposal.closes_at - timedelta(hours=30)
    assert voting.send_reminders(now=early) == 0
    due = open_proposal.closes_at - timedelta(hours=23)
    with django_capture_on_commit_callbacks(execute=True):
        sent = voting.send_reminders(now=due)
    run_tasks()
    recipients = {m.to[0] for m in mail.outbox}
    assert member.user.email not in recipients
    assert other.user.email in recipients
    assert sent == len(recipients) == open_proposal.electorate_size - 1
    assert voting.send_reminders(now=due) == 0


def test_comments_only_while_the_proposal_is_undecided(member, open_proposal):
    voting.add_comment(open_proposal.pk, member, "I agree.")
    assert Comment.objects.filter(proposal=open_proposal).count() == 1
    close_now(open_proposal)
    with pytest.raises(voting.VotingError):
        voting.add_comment(open_proposal.pk, member, "Too late.")


def test_only_the_proposer_withdraws_and_only_before_the_vote_closes(member, other):
    proposal = voting.propose(
        kind=Kind.MANUAL_AMENDMENT, title="t", body="b", proposer=member, notify=False
    )
    with pytest.raises(voting.VotingError):
        voting.withdraw(proposal.pk, other)
    voting.withdraw(proposal.pk, member)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN
    voting.process_due(now=proposal.closes_at, notify=False)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN and not proposal.electors.exists()

    # An open proposal is frozen: withdrawing it (then proposing again) is how it changes.
    opened = make_open_proposal(member)
    voting.cast_vote(opened.pk, other, Choice.YES)
    voting.withdraw(opened.pk, member)
    with pytest.raises(voting.VotingError):
        voting.cast_vote(opened.pk, other, Choice.NO)
    voting.process_due(now=opened.closes_at, notify=False)
    opened.refresh_from_db()
    assert opened.status == Proposal.Status.WITHDRAWN and opened.outcome == ""
    closed = make_open_proposal(member)
    voting.close_proposal(closed.pk, now=closed.closes_at, notify=False)
    with pytest.raises(voting.VotingError):
        voting.withdraw(closed.pk, member)


def test_the_proposal_page_names_my_choice_in_my_language(client, member, open_proposal):
    client.force_login(member.user)
    client.post(f"/en/members/proposals/{open_proposal.pk}/vote/", {"choice": "yes"})
    english = client.get(f"/en/members/proposals/{open_proposal.pk}/").content.decode()
    assert "You voted Yes." in english
    spanish = client.get(f"/es/members/proposals/{open_proposal.pk}/").content.decode()
    assert "Usted votó Sí." in spanish


def test_viewing_a_due_proposal_waits_for_the_scheduler(client, member, open_proposal):
    """A page view never closes a vote (that is the scheduler's job, every minute): it says
    the votes are being counted, and the proposal stays open until process_due runs."""
    client.force_login(member.user)
    with time_machine.travel(open_proposal.closes_at + timedelta(seconds=5), tick=False):
        page = client.get(f"/en/members/proposals/{open_proposal.pk}/").content.decode()
        open_proposal.refresh_from_db()
        assert open_proposal.is_open
        assert "The votes are being counted" in page
        voting.process_due()
    open_proposal.refresh_from_db()
    assert open_proposal.is_closed
