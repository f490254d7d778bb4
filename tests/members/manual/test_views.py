"""The manual in the members' area: reading, versions, diffs, the amendment form."""

import pytest
from django.urls import reverse

from members import manual
from members.models import Kind, ManualAmendment

pytestmark = pytest.mark.django_db


def test_version_and_diff_views_render(client, member, page):
    client.force_login(member.user)
    current = manual.current_version(page)
    home = client.get(reverse("members:manual")).content.decode()
    assert "Membership and leaving" in home and 'id="leaving-is-always-allowed"' in home
    assert "Contents" in home and "Last changed in version 2 by the proposal" in home
    assert client.get(reverse("members:manual_print")).status_code == 200
    old = client.get(reverse("members:manual_version", args=[1])).content.decode()
    assert "This is not the version in force" in old
    diff = client.get(reverse("members:manual_diff") + "?from=1&to=2").content.decode()
    assert "<ins>" in diff and "<del>" in diff and "cost no more" in diff
    assert client.get(reverse("members:manual_diff") + "?from=1&to=99").status_code == 404
    assert (
        client.get(reverse("members:manual_version", args=[current.number + 5])).status_code == 404
    )


def test_a_member_drafts_an_amendment_through_the_form(client, member, page):
    client.force_login(member.user)
    form_page = client.get(reverse("members:manual_amend"))
    assert form_page.status_code == 200
    form = form_page.context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial}
    data.update(
        title="Manual: add a clause",
        body="Because.",
        new_section="community",
        new_title="Sliding scale",
        new_text="Each provider offers some sliding-scale places.",
    )
    response = client.post(reverse("members:manual_amend"), data)
    assert response.status_code == 302, response.context["form"].errors
    amendment = ManualAmendment.objects.get(proposal__title="Manual: add a clause")
    assert amendment.proposal.kind == Kind.MANUAL_AMENDMENT
    detail = client.get(response["Location"]).content.decode()
    assert "Sliding scale" in detail and "<ins>" in detail
    outline = manual.version_page_outline(amendment.revision)
    assert outline[6].clauses[-1].anchor == "sliding-scale"
    # Nothing changed: refused.
    data.pop("new_section")
    data["title"] = "Nothing"
    response = client.post(reverse("members:manual_amend"), data)
    assert response.status_code == 200 and "Nothing in the manual would change" in (
        response.content.decode()
    )
