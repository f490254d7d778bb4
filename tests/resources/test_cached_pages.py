"""What the directory, a profile and the resources page cache (result cards, the filter form,
counts, a profile's body, the list of links) changes on the very next request after the edit it
depends on, and what is about the visitor or the hour (ticked filters, the search text,
availability) is never cached for anyone else.

Each test visits the page first, so the cache is warm, then edits as an editor would, then
visits again.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from resources.models import DirectoryTerm, ProviderOffice, ProviderPage, ResourceLink
from tests.html import soup

pytestmark = pytest.mark.django_db
DIRECTORY = "/en/directory/"
ANA = "/en/directory/ana-rivera/"
RESOURCES = "/en/resources/"


def ana():
    return ProviderPage.objects.get(locale__language_code="en", slug="ana-rivera")


def card(client, name, params=None):
    page = soup(client.get(DIRECTORY, params or {}))
    return next(
        c
        for c in page.select(".provider-card")
        if c.select_one(".provider-card__name").get_text(strip=True) == name
    )


def count(client, params=None):
    heading = soup(client.get(DIRECTORY, params or {})).select_one(".directory-results__count")
    return int(heading.get_text(strip=True).split()[0])


def publish(page, **changes):
    revision = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(revision, name, value)
    revision.save_revision().publish()


def test_a_published_profile_shows_at_once_on_its_card_and_its_page(client):
    assert "MA, LMHC" in card(client, "Ana Rivera").get_text()
    assert "Rivera Counseling" in soup(client.get(ANA)).get_text()
    publish(ana(), credentials="PhD, LMHC", practice_name="Rivera Care", intro="A new intro.")
    assert "PhD, LMHC" in card(client, "Ana Rivera").get_text()
    profile = soup(client.get(ANA))
    assert "Rivera Care" in profile.get_text() and "A new intro." in profile.get_text()
    assert "Rivera Counseling" not in profile.get_text()


def test_a_renamed_term_shows_at_once_on_cards_filters_and_profiles(client):
    assert "Spanish" in card(client, "Ana Rivera").get_text()
    assert "Spanish" in soup(client.get(ANA)).select_one(".provider-profile__facts").get_text()
    term = DirectoryTerm.objects.get(kind="language", slug="es")
    term.name = "Spanish (Castilian)"
    term.save()
    assert "Spanish (Castilian)" in card(client, "Ana Rivera").get_text()
    page = soup(client.get(DIRECTORY))
    option = page.select_one('input[name="language"][value="es"]').parent
    assert option.get_text(strip=True) == "Spanish (Castilian)"
    facts = soup(client.get(ANA)).select_one(".provider-profile__facts").get_text()
    assert "Spanish (Castilian)" in facts


def test_a_new_office_shows_at_once_on_the_card_the_city_list_and_the_profile(client):
    assert "Wenatchee" not in soup(client.get(DIRECTORY)).get_text()
    soup(client.get(ANA))
    ProviderOffice.objects.create(page=ana(), city="Wenatchee", state="WA", sort_order=9)
    assert "Wenatchee, WA" in card(client, "Ana Rivera").get_text()
    cities = soup(client.get(DIRECTORY)).select('select[name="city"] option')
    assert "Wenatchee, WA" in [option.get_text(strip=True) for option in cities]
    assert (
        "Wenatchee, WA" in soup(client.get(ANA)).select_one(".provider-profile__facts").get_text()
    )
    data = soup(client.get(ANA)).find("script", type="application/ld+json").string
    assert "Wenatchee" in data


def test_counts_follow_publishing_unpublishing_and_restrictions(client):
    total = count(client)
    spanish = count(client, {"language": "es"})
    ana().unpublish()
    assert count(client) == total - 1
    assert count(client, {"language": "es"}) == spanish - 1
    page = ana()
    page.save_revision().publish()
    assert count(client) == total
    PageViewRestriction.objects.create(page=ana(), restriction_type=PageViewRestriction.LOGIN)
    assert count(client) == total - 1
    assert "Ana Rivera" not in soup(client.get(DIRECTORY, {"q": "Rivera"})).get_text()


def test_availability_is_read_afresh_not_cached_with_the_card_or_the_profile(client):
    assert "Accepting new clients" in card(client, "Ana Rivera").get_text()
    accepting = count(client, {"accepting": "1"})
    # Time passes (no edit, no new chrome version): the confirmation lapses.
    ProviderPage.objects.filter(pk=ana().pk).update(
        availability_confirmed_at=timezone.now() - timedelta(days=31)
    )
    assert "Contact to ask about availability" in card(client, "Ana Rivera").get_text()
    assert count(client, {"accepting": "1"}) == accepting - 1
    profile = soup(client.get(ANA)).select_one(".provider-profile__availability")
    assert "Contact to ask about availability" in profile.get_text()


def test_ticked_filters_and_search_text_are_this_visitors_own(client):
    soup(client.get(DIRECTORY))  # the form and cards cached with nothing ticked
    page = soup(client.get(DIRECTORY, {"language": "es", "city": "Seattle", "q": '"<b>x'}))
    assert page.select_one('input[name="language"][value="es"]').has_attr("checked")
    assert page.select_one('select[name="city"] option[value="Seattle"]').has_attr("selected")
    assert page.select_one("#directory-q")["value"] == '"<b>x'
    assert b'value="&quot;&lt;b&gt;x"' in client.get(DIRECTORY, {"q": '"<b>x'}).content
    languages = page.select_one('input[name="language"]').find_parent("details")
    assert languages.has_attr("open")
    assert not page.select_one('input[name="insurance"]').find_parent("details").has_attr("open")
    page = soup(client.get(DIRECTORY, {"language": "es"}))
    link = page.select_one(".provider-card__name a")["href"]
    assert link.endswith("/?language=es")
    again = soup(client.get(DIRECTORY))
    assert not again.select("input[checked]") and not again.select("option[selected]")
    assert not again.select("details[open]")
    assert again.select_one("#directory-q")["value"] == ""
    assert "?" not in again.select_one(".provider-card__name a")["href"]


def test_cards_and_the_form_are_in_the_visitors_language(client):
    directory_es = ProviderPage.objects.filter(locale__language_code="es").first().get_parent()
    soup(client.get(DIRECTORY, {"specialty": "anxiety"}))
    spanish = soup(client.get(directory_es.url, {"specialty": "anxiety"}))
    assert "Ansiedad" in spanish.select_one(".provider-list").get_text()
    labels = [label.get_text(strip=True) for label in spanish.select(".directory-filters__option")]
    assert "Ansiedad" in labels and "Anxiety" not in labels


def add_link(locale, title, tags=()):
    link = ResourceLink(
        locale=locale,
        title=title,
        publisher="Test Publisher",
        url="https://example.org/new",
        description="A new link.",
        kind="article",
    )
    link.save()
    if tags:
        link.tags.add(*tags)
        link.save()
    return link


def test_a_resource_link_added_changed_or_removed_shows_at_once(client):
    english = Locale.objects.get(language_code="en")
    assert "Cooperative reading" not in soup(client.get(RESOURCES)).get_text()
    link = add_link(english, "Cooperative reading", tags=["new topic"])
    page = soup(client.get(RESOURCES))
    assert "Cooperative reading" in page.get_text()
    topics = [a.get_text(strip=True) for a in page.select(".resource-topics a")]
    assert "New topic" in topics
    filtered = soup(client.get(RESOURCES, {"topic": "new-topic"}))
    assert [a.get_text(" ", strip=True) for a in filtered.select("a.resource-link__title")] == [
        "Cooperative reading (external site)"
    ]
    link.title = "Cooperative reading, revised"
    link.save()
    assert "Cooperative reading, revised" in soup(client.get(RESOURCES)).get_text()
    link.delete()
    page = soup(client.get(RESOURCES))
    assert "Cooperative reading" not in page.get_text()
    assert "New topic" not in [a.get_text(strip=True) for a in page.select(".resource-topics a")]


def test_a_topic_added_to_a_link_shows_at_once(client):
    soup(client.get(RESOURCES))
    link = ResourceLink.objects.filter(locale__language_code="en").order_by("pk").first()
    link.tags.add("fresh topic")
    link.save()
    topics = [
        a.get_text(strip=True) for a in soup(client.get(RESOURCES)).select(".resource-topics a")
    ]
    assert "Fresh topic" in topics


def test_a_renamed_topic_shows_at_once(client):
    from taggit.models import Tag

    assert "Economics" in soup(client.get(RESOURCES)).select_one(".resource-topics").get_text()
    tag = Tag.objects.get(slug="economics")
    tag.name = "Economy"
    tag.save()
    topics = soup(client.get(RESOURCES)).select_one(".resource-topics").get_text()
    assert "Economy" in topics and "Economics" not in topics
