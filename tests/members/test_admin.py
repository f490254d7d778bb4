"""Members, proposals and rules in the Wagtail admin: listed and editable, tallies read-only,
no creating or deleting outside the voting engine."""

import pytest
from django.urls import reverse

from members import voting
from members.factories import make_open_proposal
from members.models import Member, Proposal, VoteRule

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Member, Proposal, VoteRule])
def test_admin_lists_and_edits_but_cannot_add_or_delete(admin_client, member, model):
    make_open_proposal(member)
    label = f"{model._meta.app_label}_{model._meta.model_name}"
    obj = model.objects.first()
    assert admin_client.get(reverse(f"wagtailsnippets_{label}:list")).status_code == 200
    assert (
        admin_client.get(reverse(f"wagtailsnippets_{label}:edit", args=[obj.pk])).status_code == 200
    )
    assert admin_client.get(reverse(f"wagtailsnippets_{label}:add")).status_code in (302, 403)
    response = admin_client.get(reverse(f"wagtailsnippets_{label}:delete", args=[obj.pk]))
    assert response.status_code in (302, 403)


def test_the_tally_cannot_be_edited_in_the_admin(admin_client, member):
    proposal = make_open_proposal(member)
    voting.cast_vote(proposal.pk, member, "yes")
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    proposal.refresh_from_db()
    outcome = proposal.outcome
    url = reverse("wagtailsnippets_members_proposal:edit", args=[proposal.pk])
    response = admin_client.post(
        url, {"title": "Renamed", "body": "b", "yes_count": 99, "outcome": "x", "status": "open"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    # A closed proposal is frozen altogether (tests/members/test_frozen.py).
    assert proposal.title == "Buy a shared printer"
    assert proposal.yes_count == 1 and proposal.outcome == outcome and proposal.is_closed
    assert not proposal.audit_entries.filter(action="proposal.edited").exists()


def test_failed_enactments_show_on_the_admin_dashboard(admin_client, member):
    proposal = make_open_proposal(member, title="BROKEN-ONE")
    Proposal.objects.filter(pk=proposal.pk).update(
        enactment_status=Proposal.Enactment.FAILED, enactment_error="RuntimeError: down"
    )
    page = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "BROKEN-ONE" in page and "RuntimeError: down" in page
