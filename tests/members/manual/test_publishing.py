"""Publishing: every publish is a numbered version marked with how it came about."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from members import manual
from members.models import (
    ManualPage,
    ManualVersion,
)
from tests.members.manual.helpers import admin_request

pytestmark = pytest.mark.django_db


def test_admin_publishing_needs_an_editorial_note_and_is_marked(page):
    count = page.versions.count()
    request = admin_request("")
    response = manual.before_admin_publish(request, page)
    assert response is not None and response.status_code == 302
    request = admin_request("Fixed a typo in 4.1")
    assert manual.before_admin_publish(request, page) is None
    draft = ManualPage.objects.get(pk=page.pk)
    draft.intro = "Fixed intro"
    draft.save_revision(user=request.user).publish(user=request.user)
    manual.after_admin_publish(request, page)
    version = manual.current_version(page)
    assert version.number == count + 1
    assert version.source == ManualVersion.Source.EDITORIAL
    assert version.note == "Fixed a typo in 4.1" and version.published_by == request.user


def test_publishing_any_other_way_is_recorded_as_such(page, client, member):
    draft = ManualPage.objects.get(pk=page.pk)
    draft.intro = "Sneaky"
    draft.save_revision().publish()
    version = manual.current_version(page)
    assert version.source == ManualVersion.Source.UNRECORDED
    client.force_login(member.user)
    page_html = client.get(reverse("members:manual_versions")).content.decode()
    assert "published without a vote or an editorial note" in page_html


def test_a_new_manual_page_is_always_restricted(home):
    page = ManualPage(title="Another", slug="another-manual", sections=manual.stream_from([]))
    home.add_child(instance=page)
    assert not Page.objects.public().filter(pk=page.pk).exists()
