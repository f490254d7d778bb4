"""The directory follows membership: a passed onboarding vote gives the new member a draft
profile they own; leaving or an ended contract takes their profile off the directory."""

import pytest

from members import membership, voting
from members.factories import make_member, pass_proposal
from members.models import Kind, Member, Proposal
from resources.models import ProviderPage
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_an_onboarded_provider_gets_a_draft_profile_they_can_edit(client):
    voter = make_member("Vera Voter")
    applicant = make_member(
        "Lucía Ortega", status=Member.Status.APPLICANT, profession="LMHC", password="x" * 14
    )
    proposal = pass_proposal(
        voting.propose(
            kind=Kind.ONBOARD_PROVIDER,
            title="Welcome Lucía",
            body="",
            proposer=voter,
            subject=applicant,
            notify=False,
        )
    )
    assert proposal.enactment_status == Proposal.Enactment.DONE, proposal.enactment_error
    applicant.refresh_from_db()
    profile = ProviderPage.objects.get(account=applicant.user)
    assert applicant.status == Member.Status.ACTIVE
    assert applicant.profile_page_id == profile.pk
    assert not profile.live  # nobody is listed before an editor or they publish it
    assert "Lucía Ortega" not in parse(client.get("/en/directory/")).get_text()
    # The new member fills in the draft from the members' area; it then waits for an editor
    # (its licence and states are checked by the co-op), even though edits by listed
    # providers go live at once.
    client.force_login(applicant.user)
    form = client.get("/en/members/profile/")
    assert form.status_code == 200
    assert 'name="practice_name"' in form.content.decode()
    response = client.post(
        "/en/members/profile/",
        {"pronouns": "she/her", "practice_name": "Ortega Counseling", "intro": "Hola."},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.live
    assert profile.get_latest_revision_as_object().practice_name == "Ortega Counseling"


def test_own_profile_in_the_members_area_needs_a_login_and_a_profile(client):
    response = client.get("/en/members/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/members/login/")
    client.force_login(make_member("No Profile").user)
    assert client.get("/en/members/profile/").status_code == 404


def test_leaving_unpublishes_the_members_profile(client):
    profile = ProviderPage.objects.live().get(locale__language_code="en", slug="ana-rivera")
    member = make_member("Ana Rivera")
    profile.account = member.user
    profile.save_revision().publish()
    assert "Ana Rivera" in parse(client.get("/en/directory/")).get_text()
    spanish = ProviderPage.objects.get(
        translation_key=profile.translation_key, locale__language_code="es"
    )
    assert spanish.live
    membership.leave(member)
    profile.refresh_from_db()
    spanish.refresh_from_db()
    assert not profile.live and not spanish.live  # off the directory in every language
    assert "Ana Rivera" not in parse(client.get("/en/directory/")).get_text()
    assert "Ana Rivera" not in parse(client.get(spanish.get_parent().url)).get_text()


def test_an_ended_contract_unpublishes_the_profile():
    proposer = make_member("Pat Proposer")
    subject = make_member("Marcus Bell")
    profile = ProviderPage.objects.live().get(locale__language_code="en", slug="marcus-bell")
    profile.account = subject.user
    profile.save_revision().publish()
    proposal = pass_proposal(
        voting.propose(
            kind=Kind.END_CONTRACT,
            title="End",
            body="",
            proposer=proposer,
            subject=subject,
            notify=False,
        )
    )
    assert proposal.enactment_status == Proposal.Enactment.DONE, proposal.enactment_error
    profile.refresh_from_db()
    assert not profile.live
