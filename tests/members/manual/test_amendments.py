"""Amendments by vote: exactly the proposed draft goes live, or nothing does."""

import pytest
from wagtail.models import Revision

from members import manual, voting
from members.factories import pass_proposal
from members.models import Kind, ManualPage, ManualVersion, Proposal
from tests.members.manual.helpers import SECRET, amend

pytestmark = pytest.mark.django_db


def test_a_passed_amendment_publishes_exactly_its_revision(page, member, voters):
    before = manual.current_version(page)
    amendment = amend(page, member, "group-buying", "We buy together. " + SECRET)
    # An editor's unrelated draft saved in the admin meanwhile must not go live.
    admin_draft = ManualPage.objects.get(pk=page.pk)
    admin_draft.intro = "EDITOR-DRAFT"
    admin_draft.save_revision()
    assert amendment.proposal.payload == {
        "page_id": page.pk,
        "revision_id": amendment.revision_id,
        "base_version": before.number,
    }
    proposal = pass_proposal(amendment.proposal, voters=voters, choice="yes")
    assert proposal.enactment_status == Proposal.Enactment.DONE
    page.refresh_from_db()
    version = manual.current_version(page)
    assert version.number == before.number + 1
    assert version.revision_id == amendment.revision_id == page.live_revision_id
    assert version.proposal == proposal and version.source == ManualVersion.Source.AMENDMENT
    assert page.intro != "EDITOR-DRAFT"
    assert SECRET in str(ManualPage.objects.get(pk=page.pk).sections.raw_data)
    assert manual.amendment_status(amendment) == manual.Status.ENACTED
    history = manual.clause_history(page, version)
    assert history["group-buying"] == version and history["who-may-join"] != version
    # Closing again enacts nothing more.
    voting.close_proposal(proposal.pk, now=proposal.closes_at)
    assert page.versions.count() == version.number


def test_a_failed_amendment_changes_nothing_and_stays_on_record(page, member, voters):
    before = manual.current_version(page)
    live = page.live_revision_id
    amendment = amend(page, member, "group-buying", "Rejected text")
    proposal = pass_proposal(amendment.proposal, voters=voters, choice="no")
    assert proposal.outcome == Proposal.Outcome.FAILED
    page.refresh_from_db()
    assert page.live_revision_id == live and manual.current_version(page) == before
    assert Revision.objects.filter(pk=amendment.revision_id).exists()
    assert manual.amendment_status(amendment) == manual.Status.REJECTED


def test_an_amendment_without_a_draft_is_refused(member, voters, page):
    live = page.live_revision_id
    proposal = voting.propose(
        kind=Kind.MANUAL_AMENDMENT, title="No draft", body="b", proposer=member, notify=False
    )
    voting.open_proposal(proposal.pk, now=proposal.opens_at, notify=False)
    for m in voters:
        voting.cast_vote(proposal.pk, m, "yes", now=proposal.opens_at)
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    proposal.refresh_from_db()
    assert proposal.enactment_status == Proposal.Enactment.FAILED
    assert ManualPage.objects.get(pk=page.pk).live_revision_id == live


def test_only_active_members_amend_or_confirm(page, applicant):
    with pytest.raises(manual.ManualError):
        manual.draft_amendment(page, applicant, sections=[], title="t", body="b")
    with pytest.raises(manual.ManualError):
        manual.acknowledge(applicant, manual.current_version(page))
