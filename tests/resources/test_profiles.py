"""A profile page, the expiry of 'accepting new clients', and editing one's own profile."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from resources.models import DirectorySettings, ProviderPage
from tests.html import soup

pytestmark = pytest.mark.django_db
ANA = "/en/directory/ana-rivera/"
EDIT = ANA + "edit/"


def test_profile_shows_facts_and_json_ld(client):
    page = soup(client.get(ANA))
    assert page.h1.get_text(strip=True) == "Ana Rivera"
    text = page.get_text(" ")
    assert "Medicaid" in text and "Spanish" in text and "Seattle, WA" in text
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "Person" and data["name"] == "Ana Rivera"
    assert data["worksFor"]["address"][0]["addressLocality"] == "Seattle"


def test_accepting_expires_after_the_configured_days(client, site):
    ana = ProviderPage.objects.get(locale__language_code="en", slug="ana-rivera")
    cutoff = DirectorySettings.for_site(site).accepting_cutoff()
    assert ana.is_accepting(cutoff)
    ProviderPage.objects.filter(pk=ana.pk).update(
        availability_confirmed_at=timezone.now() - timedelta(days=31)
    )
    page = soup(client.get(ANA))
    assert "Contact to ask about availability" in page.get_text()
    settings = DirectorySettings.for_site(site)
    settings.accepting_valid_days = 60
    settings.save()
    assert "Accepting new clients" in soup(client.get(ANA)).get_text()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(EDIT)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_provider_cannot_edit_someone_elses_profile(client):
    other = get_user_model().objects.create_user("other-provider", password="x" * 14)
    client.force_login(other)
    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, {"pronouns": "hacked"}).status_code == 403
    assert (
        ProviderPage.objects.get(locale__language_code="en", slug="ana-rivera").pronouns
        == "she/her"
    )


def _form_data(page, **changes):
    data = {
        "pronouns": page.pronouns,
        "practice_name": page.practice_name,
        "intro": page.intro,
        "accepting_new_clients": "on",
        "offers_telehealth": "on",
        "reduced_cost_details": "",
        "booking_url": "",
        "phone": page.phone,
        "email": page.email,
        "languages": [t.pk for t in page.terms.all() if t.kind == "language"],
    }
    data.update(changes)
    return data


def test_owner_edit_is_a_new_revision_published_at_once(client):
    ana = ProviderPage.objects.get(locale__language_code="en", slug="ana-rivera")
    client.force_login(ana.account)
    assert client.get(EDIT).status_code == 200
    revisions = ana.revisions.count()
    old_confirmed = ana.availability_confirmed_at
    response = client.post(EDIT, _form_data(ana, practice_name="Rivera Counseling PLLC"))
    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.practice_name == "Rivera Counseling PLLC"
    assert ana.revisions.count() == revisions + 1
    assert ana.availability_confirmed_at > old_confirmed
    assert {t.slug for t in ana.terms.all() if t.kind == "state"} == {"wa"}  # kept
    assert {t.slug for t in ana.terms.all() if t.kind == "specialty"} == set()
    assert "Rivera Counseling PLLC" in soup(client.get(ANA)).get_text()


def test_owner_edit_goes_to_moderation_when_the_setting_says_so(client, site):
    settings = DirectorySettings.for_site(site)
    settings.moderate_profile_edits = True
    settings.save()
    ana = ProviderPage.objects.get(locale__language_code="en", slug="ana-rivera")
    client.force_login(ana.account)
    response = client.post(EDIT, _form_data(ana, practice_name="Not Yet Live"), follow=True)
    assert response.status_code == 200
    ana.refresh_from_db()
    assert ana.practice_name == "Rivera Counseling"  # live page unchanged
    assert ana.has_unpublished_changes
    assert ana.get_latest_revision_as_object().practice_name == "Not Yet Live"


def test_invalid_own_edit_shows_errors(client):
    ana = ProviderPage.objects.get(locale__language_code="en", slug="ana-rivera")
    client.force_login(ana.account)
    response = client.post(EDIT, _form_data(ana, email="not-an-email", languages=["\x00"]))
    assert response.status_code == 200
    assert soup(response).select(".profile-edit__field--error")
