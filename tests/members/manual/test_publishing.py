"""Publishing: every publish is a numbered version marked with how it came about."""

import pytest
from django.contrib.auth import get_user_model
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page

from members import effects, manual
from members.models import Kind, ManualPage, ManualVersion
from tests.members.manual.helpers import admin_request
from tests.otp import verified_admin_login

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


def test_publishing_any_other_way_is_refused_and_old_ones_stay_marked(page, client, member):
    draft = ManualPage.objects.get(pk=page.pk)
    draft.intro = "Sneaky"
    with pytest.raises(manual.PublishRefused):
        draft.save_revision().publish()
    # A version published that way before the guard existed keeps its mark.
    ManualVersion.objects.filter(pk=manual.current_version(page).pk).update(
        source=ManualVersion.Source.UNRECORDED, proposal=None
    )
    client.force_login(member.user)
    page_html = client.get(reverse("members:manual_versions")).content.decode()
    assert "published without a vote or an editorial note" in page_html


def unannounced_publish(page):
    draft = ManualPage.objects.get(pk=page.pk)
    draft.intro = "Published without anyone announcing it"
    draft.save_revision().publish()


def test_an_announced_fix_never_outlives_its_publish(page):
    """The admin's hook announces a fix, then it is published: nothing is left waiting for
    the next publish, which is refused as any unannounced one is."""
    request = admin_request("Fix one")
    assert manual.before_admin_publish(request, page) is None
    draft = ManualPage.objects.get(pk=page.pk)
    draft.intro = "First fix"
    manual.editorial_publish(draft.save_revision(), request.user, "Fix one")
    with pytest.raises(manual.PublishRefused):
        unannounced_publish(page)


def test_a_fix_announced_in_a_request_that_did_not_publish_ends_with_the_request(page):
    assert manual.before_admin_publish(admin_request("Fix two"), page) is None
    # As Django does once the response is sent (keeping the test's connection open, as the
    # test client does).
    request_finished.disconnect(close_old_connections)
    try:
        request_finished.send(sender=None)
    finally:
        request_finished.connect(close_old_connections)
    with pytest.raises(manual.PublishRefused):
        unannounced_publish(page)


def test_a_new_manual_page_is_always_restricted(home):
    page = ManualPage(title="Another", slug="another-manual", sections=manual.stream_from([]))
    home.add_child(instance=page)
    assert not Page.objects.public().filter(pk=page.pk).exists()


def test_the_manual_is_wired_from_its_app_config_and_wagtail_hooks(client):
    """The effect, the publish hooks and the readers report are in place once Django is."""
    assert manual.enact_amendment in effects.EFFECTS[Kind.MANUAL_AMENDMENT]
    assert manual.before_admin_publish in hooks.get_hooks("before_publish_page")
    assert manual.after_admin_publish in hooks.get_hooks("after_publish_page")
    admin = get_user_model().objects.create_superuser("wired", "w@example.org", "x" * 16)
    verified_admin_login(client, admin)
    admin_home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Manual readers" in admin_home and reverse("manual_readers") in admin_home
