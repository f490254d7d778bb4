"""Issue 13, point 5: a proposal is frozen once voting opens (text, kind and rules), for
everyone, superusers included; admin edits before opening are logged with what changed."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from members import voting
from members.factories import make_open_proposal
from members.frozen import ProposalFrozen
from members.models import Kind, Proposal, VoteRule

pytestmark = pytest.mark.django_db


def edit_url(proposal):
    return reverse("wagtailsnippets_members_proposal:edit", args=[proposal.pk])


@pytest.fixture
def scheduled(member):
    VoteRule.objects.filter(kind=Kind.GENERAL).update(min_notice_hours=48)
    proposal = voting.propose(
        kind=Kind.GENERAL, title="Buy a kettle", body="Tea.", proposer=member, notify=False
    )
    assert proposal.status == Proposal.Status.SCHEDULED
    return proposal


def test_a_superuser_cannot_edit_an_open_proposal_in_the_admin(admin_client, open_proposal):
    form = admin_client.get(edit_url(open_proposal)).content.decode()
    assert "Voting on this proposal has opened" in form
    response = admin_client.post(
        edit_url(open_proposal), {"title": "Buy TWO printers", "body": "x"}
    )
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("withdraws it" in m and "new proposal" in m for m in messages)
    open_proposal.refresh_from_db()
    assert (open_proposal.title, open_proposal.body) == ("Buy a shared printer", "Why not.")
    assert not open_proposal.audit_entries.filter(action="proposal.edited").exists()


@pytest.mark.parametrize("state", ["open", "closed", "withdrawn"])
def test_the_model_refuses_to_change_text_kind_or_rules_once_open(member, state, request):
    if state == "withdrawn":
        proposal = request.getfixturevalue("scheduled")
        voting.withdraw(proposal.pk, member)
    else:
        proposal = make_open_proposal(member)
    if state == "closed":
        voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    for field, value in [
        ("title", "Other"),
        ("body", "Other"),
        ("kind", Kind.CYCLE_BUDGET),
        ("quorum_percent", 1),
        ("secret_ballot", True),
        ("payload", {"x": 1}),
    ]:
        proposal = Proposal.objects.get(pk=proposal.pk)
        setattr(proposal, field, value)
        with pytest.raises(ProposalFrozen):
            proposal.save()
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.title != "Other" and proposal.quorum_percent != 1


def test_the_voting_engine_still_moves_an_open_proposal_along(member, open_proposal):
    voting.cast_vote(open_proposal.pk, member, "yes")
    voting.close_proposal(open_proposal.pk, now=open_proposal.closes_at, notify=False)
    open_proposal.refresh_from_db()
    assert open_proposal.is_closed and open_proposal.yes_count == 1


def test_an_admin_edit_before_opening_is_allowed_and_logged_with_what_changed(
    admin_client, scheduled
):
    response = admin_client.post(edit_url(scheduled), {"title": "Buy a big kettle", "body": "Tea."})
    assert response.status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.title == "Buy a big kettle"
    entry = scheduled.audit_entries.get(action="proposal.edited")
    assert entry.detail["changes"] == [
        {"field": "title", "old": "Buy a kettle", "new": "Buy a big kettle"}
    ]
    assert entry.actor == "admin"
