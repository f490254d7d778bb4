"""What members may do to each other's proposals, votes and records (A1). Which role may GET
which URL, for every URL of the site, is the matrix in tests/security/test_authz_matrix.py."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from members import voting
from members.factories import make_open_proposal
from members.models import Kind, Proposal, Vote
from tests.funds import fund_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(member, other, applicant, former):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x" * 16)
    return {
        "anonymous": None,
        "applicant": applicant.user,
        "member": member.user,
        "other": other.user,
        "former": former.user,
        "admin": admin,
    }


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["anonymous", "applicant", "former", "admin"])
def test_only_active_members_can_vote_or_comment(client, people, member, role):
    proposal = make_open_proposal(member)
    client_for(client, people[role])
    client.post(reverse("members:vote", args=[proposal.pk]), {"choice": "yes"})
    client.post(reverse("members:comment", args=[proposal.pk]), {"body": "hi"})
    assert not proposal.votes.exists() and not proposal.comments.exists()


def test_a_member_cannot_withdraw_anothers_proposal(client, member, other):
    proposal = voting.propose(
        kind=Kind.MANUAL_AMENDMENT, title="Mine", body="b", proposer=member, notify=False
    )
    client.force_login(other.user)
    response = client.post(reverse("members:withdraw", args=[proposal.pk]))
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SCHEDULED
    client.force_login(member.user)
    client.post(reverse("members:withdraw", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN


def test_a_member_cannot_vote_for_another(client, member, other):
    proposal = make_open_proposal(member)
    voting.cast_vote(proposal.pk, member, "yes")
    client.force_login(other.user)
    client.post(
        reverse("members:vote", args=[proposal.pk]),
        {"choice": "no", "member": member.pk, "member_id": member.pk},
    )
    assert Vote.objects.get(proposal=proposal, member=member, is_current=True).choice == "yes"
    assert Vote.objects.get(proposal=proposal, member=other, is_current=True).choice == "no"


def test_a_member_cannot_change_anothers_secret_vote_without_the_receipt(client, member, other):
    proposal = make_open_proposal(member, kind=Kind.ADMIN_PAY)
    mine = voting.cast_vote(proposal.pk, member, "yes").receipt
    client.force_login(other.user)
    url = reverse("members:vote", args=[proposal.pk])
    client.post(url, {"choice": "no"})  # other's own first vote
    client.post(url, {"choice": "no", "receipt": "0000000000000000"})
    proposal.refresh_from_db()
    assert proposal.ballots.get(receipt=mine).choice == "yes"


def test_a_receipt_is_shown_once_to_its_voter_only(client, member, other):
    proposal = make_open_proposal(member, kind=Kind.ADMIN_PAY)
    client.force_login(member.user)
    response = client.post(reverse("members:vote", args=[proposal.pk]), {"choice": "yes"})
    receipt = proposal.ballots.get().receipt
    assert response.status_code == 200 and receipt in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert receipt not in str(dict(client.session))
    url = reverse("members:proposal", args=[proposal.pk])
    assert receipt not in client.get(url).content.decode()
    client.force_login(other.user)
    assert receipt not in client.get(url).content.decode()


def test_an_applicant_sees_only_their_own_application(client, applicant, member):
    from members.factories import make_member

    rival = make_member("Ed Rival", status="applicant")
    theirs = voting.propose(
        kind=Kind.ONBOARD_PROVIDER,
        title="Welcome Ed",
        body="Ed's text",
        subject=rival,
        notify=False,
    )
    rival.application_text = "RIVAL-SECRET"
    rival.save()
    client.force_login(applicant.user)
    page = client.get(reverse("members:application")).content.decode()
    assert "RIVAL-SECRET" not in page and "Ed Rival" not in page
    assert client.get(reverse("members:proposal", args=[theirs.pk])).status_code == 302


def test_a_former_member_sees_their_records_and_nobody_elses(client, member, other):
    proposal = make_open_proposal(member)
    voting.cast_vote(proposal.pk, member, "yes")
    voting.cast_vote(proposal.pk, other, "no")
    voting.add_comment(proposal.pk, other, "OTHER-COMMENT")
    from members import membership

    membership.leave(member)
    client.force_login(member.user)
    page = client.get(reverse("members:goodbye")).content.decode()
    assert proposal.title in page and "Yes" in page
    assert "OTHER-COMMENT" not in page
    assert client.get(reverse("members:proposal", args=[proposal.pk])).status_code == 302


def test_hidden_results_are_not_shown_before_the_close(client, member, other):
    proposal = make_open_proposal(member, kind=Kind.SHARED_FUND, payload=fund_payload())
    voting.cast_vote(proposal.pk, other, "no")
    client.force_login(member.user)
    page = client.get(reverse("members:proposal", args=[proposal.pk])).content.decode()
    assert "Results are shown when voting closes" in page
    assert "Bo Other: No" not in page
