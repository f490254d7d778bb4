"""The demo manual: two versions, the second enacted by a vote, and an open amendment."""

import pytest

from members import manual
from members.models import ManualAmendment, ManualVersion, Proposal

pytestmark = pytest.mark.django_db


def test_the_demo_manual_has_two_versions_and_an_open_amendment(page):
    assert page is not None and page.live
    versions = list(page.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].source == ManualVersion.Source.INITIAL
    assert versions[1].source == ManualVersion.Source.AMENDMENT and versions[1].proposal
    assert page.live_revision_id == versions[1].revision_id
    titles = [s["title"] for s in versions[1].outline]
    assert titles[0] == "Membership and leaving" and len(titles) == 8
    open_ones = ManualAmendment.objects.exclude(proposal__status=Proposal.Status.CLOSED)
    assert open_ones.count() == 1
    amendment = open_ones.get()
    assert amendment.proposal.payload["revision_id"] == amendment.revision_id
    assert manual.amendment_status(amendment) == manual.Status.DRAFT
