"""Readers: acknowledgements, the dashboard reminder, changes since the last visit."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from members import manual
from members.factories import pass_proposal
from members.models import ManualAcknowledgement, Member
from tests.members.manual.helpers import amend
from tests.otp import verified_admin_login

pytestmark = pytest.mark.django_db


def test_acknowledgements_and_the_dashboard_reminder(client, member, page):
    client.force_login(member.user)
    current = manual.current_version(page)
    dashboard = client.get(reverse("members:dashboard")).content.decode()
    assert "you have not yet confirmed reading it" in dashboard
    old = page.versions.get(number=1)
    client.post(reverse("members:manual_acknowledge"), {"version": old.number})
    assert not ManualAcknowledgement.objects.filter(member=member).exists()
    client.post(reverse("members:manual_acknowledge"), {"version": current.number})
    client.post(reverse("members:manual_acknowledge"), {"version": current.number})
    assert ManualAcknowledgement.objects.filter(member=member, version=current).count() == 1
    dashboard = client.get(reverse("members:dashboard")).content.decode()
    assert "you have confirmed reading it" in dashboard
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "x" * 16)
    verified_admin_login(client, admin)
    readers = client.get(reverse("manual_readers")).content.decode()
    assert member.display_name in readers and "Not yet" in readers
    editor = get_user_model().objects.create_user("plain", "p@example.org", "x" * 16)
    client.force_login(editor)
    assert client.get(reverse("manual_readers")).status_code in (302, 403)


def test_dashboard_lists_changes_since_the_last_visit(client, member, other, page):
    client.force_login(member.user)
    client.get(reverse("members:manual"))
    amendment = amend(page, other, "group-buying", "New wording after the visit.")
    pass_proposal(amendment.proposal, voters=list(Member.objects.active()), choice="yes")
    dashboard = client.get(reverse("members:dashboard")).content.decode()
    assert "Changed since your last visit" in dashboard
