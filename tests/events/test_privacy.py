"""A members-only event never reaches the public: pages, search, sitemap, feeds, cache."""

import pytest
from django.test import Client, override_settings

from events.models import EventPage
from members.factories import make_member
from members.models import Member

from .conftest import TITLE_CONSULTATION

pytestmark = pytest.mark.django_db

HIDDEN = [TITLE_CONSULTATION, "Affirming care for neurodivergent adults", "Velada de consulta"]
PUBLIC_PAGES = [
    "/en/",
    "/es/",
    "/en/principles/",
    "/en/events/",
    "/en/events/archive/",
    "/es/eventos/",
    "/en/search/?q=consultation",
    "/en/search/?q=neurodivergent",
    "/es/search/?q=consulta",
    "/en/search/?q=events&type=event",
    "/sitemap.xml",
    "/en/events/calendar/",
    "/es/eventos/calendar/",
]


def hidden_events():
    return list(EventPage.objects.filter(members_only=True))


def assert_nothing_hidden(content):
    text = content.decode()
    for title in HIDDEN:
        assert title not in text
    for event in hidden_events():
        assert event.url not in text
        assert str(event.translation_key) not in text


def test_members_only_events_are_absent_from_every_public_page():
    for url in PUBLIC_PAGES:
        response = Client().get(url)
        assert response.status_code == 200, url
        assert_nothing_hidden(response.content)
    # and the public ones are there
    assert "Co-ops at the farmers market" in Client().get("/en/").content.decode()
    assert "Co-ops at the farmers market" in Client().get("/en/search/?q=farmers").content.decode()


def test_a_members_only_event_page_and_its_ics_are_refused_to_non_members():
    applicant = make_member("Cy Applicant", status=Member.Status.APPLICANT)
    for event in hidden_events():
        for url in (event.url, event.url + "ics/"):
            anonymous = Client().get(url)
            assert anonymous.status_code == 302 and "/members/login/" in anonymous["Location"]
            client = Client()
            client.force_login(applicant.user)
            assert client.get(url).status_code == 403, url


def test_an_active_member_sees_the_members_events_and_the_meeting_link():
    client = Client()
    client.force_login(Member.objects.get(user__username="marcus.bell").user)
    html = client.get("/en/events/").content.decode()
    assert TITLE_CONSULTATION in html
    page = client.get("/en/events/peer-consultation-evening/").content.decode()
    assert "meet.lycan-coop.example/peer-consultation" in page
    public = Client().get("/en/events/co-ops-farmers-market/").content.decode()
    assert "meet.lycan-coop.example" not in public


@override_settings(PAGE_CACHE=True)
def test_the_page_cache_never_stores_a_members_only_event():
    member = Client()
    member.force_login(Member.objects.get(user__username="marcus.bell").user)
    for event in hidden_events():
        assert member.get(event.url).status_code == 200
        for _ in range(2):
            anonymous = Client().get(event.url)
            assert anonymous.status_code == 302
            assert anonymous["X-Cache"] == "miss"
    # The public list is cached, and the cached copy has none of them either.
    Client().get("/en/events/")
    hit = Client().get("/en/events/")
    assert hit["X-Cache"] == "hit"
    assert_nothing_hidden(hit.content)


def test_a_members_only_event_carries_a_view_restriction_from_its_first_save(index):
    from .conftest import make_event

    event = make_event(index, "Closed circle", members_only=True)
    assert event.get_view_restrictions().exists()
    assert not EventPage.objects.public().filter(pk=event.pk).exists()
    event.members_only = False
    event.save_revision().publish()
    assert EventPage.objects.public().filter(pk=event.pk).exists()


def test_public_event_pages_say_what_schema_org_expects():
    from tests.html import soup

    html = soup(Client().get("/en/events/ethics-boundaries-small-practices/"))
    import json

    data = [json.loads(s.string) for s in html.select('script[type="application/ld+json"]')]
    event = next(d for d in data if d.get("@type") == "Event")
    assert event["name"] == "Ethics and boundaries in small group practices"
    assert event["startDate"].endswith(("-05:00", "-04:00", "-08:00", "-07:00"))
    assert event["offers"]["price"] == "180.00"
    assert event["location"]["@type"] == "Place"
