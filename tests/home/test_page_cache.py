"""The anonymous page cache (home/page_cache.py): fast for visitors, never a leak.

Each test turns the cache on (PAGE_CACHE is on by default only with Redis) and talks to the
real middleware stack through Django's test client, on the demo site.
"""

from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from home.models import FAQPage
from members.models import Member
from resources.models import ResourceLink

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

MEMBER_EMAIL = "marcus.bell@lycan-coop.example"
MEMBER_PASSWORD = "coop-demo-member-2026"  # the demo's documented password
# Only a logged-in member's pages show these.
MEMBER_MARKERS = ["Welcome, Marcus", "members-logout", "members-nav", "Waiting for your vote"]
PUBLIC = ["/en/", "/en/faq/", "/en/principles/", "/en/resources/", "/en/directory/"]


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE=True):
        yield


def test_the_second_anonymous_visit_is_served_from_the_cache():
    visitor = Client()
    first = visitor.get("/en/faq/")
    second = Client().get("/en/faq/")
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    # Security headers and the policy are the same on a hit; the public policy has no nonce.
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Content-Type",
        "Content-Language",
    ):
        assert second[header] == first[header], header
    assert "nonce" not in second["Content-Security-Policy"]
    assert "Set-Cookie" not in second.headers
    assert not second.cookies


def test_a_hit_carries_every_header_the_fresh_page_had():
    # A hit is answered before the rest of the middleware runs: the stored headers are what
    # that middleware gave the fresh page.
    first = Client().get("/en/directory/")
    second = Client().get("/en/directory/")
    assert second["X-Cache"] == "hit"
    ignored = {"X-Cache", "Date"}
    assert {k: v for k, v in second.items() if k not in ignored} == {
        k: v for k, v in first.items() if k not in ignored
    }
    assert int(second["Content-Length"]) == len(second.content)


def test_pages_in_each_language_are_served_from_the_cache_in_turn():
    # Routes are remembered in the path's language, whatever language the process last used.
    for _ in range(2):
        for path, language in [("/es/", "es"), ("/en/", "en"), ("/es/directorio/", "es")]:
            Client().get(path)
            hit = Client().get(path)
            assert (hit.status_code, hit["X-Cache"]) == (200, "hit"), path
            assert hit["Content-Language"] == language


@override_settings(SECURE_SSL_REDIRECT=True)
def test_a_plain_http_request_is_still_sent_to_https():
    # The security middleware below the cache sends it; a hit for https is no answer to http.
    Client().get("/en/faq/", secure=True)
    assert Client().get("/en/faq/", secure=True)["X-Cache"] == "hit"
    for _ in range(2):
        response = Client().get("/en/faq/")
        assert response.status_code == 301
        assert response["Location"] == "https://testserver/en/faq/"


def test_a_member_is_never_served_a_cached_page_and_their_pages_never_reach_visitors():
    Client().get("/en/faq/")  # cached for visitors
    member = Client()
    response = member.post(
        "/en/members/login/", {"username": MEMBER_EMAIL, "password": MEMBER_PASSWORD}
    )
    assert response.status_code == 302
    for url in PUBLIC + ["/en/members/dashboard/", "/en/members/manual/", "/en/faq/"]:
        response = member.get(url)
        assert response.status_code == 200, url
        assert response["X-Cache"] == "miss", url
    assert "Welcome, Marcus" in member.get("/en/members/dashboard/").content.decode()

    for url in PUBLIC + ["/en/search/?q=vote"]:
        for _ in range(2):
            response = Client().get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert not [marker for marker in MEMBER_MARKERS if marker in body], url
        assert response["X-Cache"] == "hit", url
    for url in ["/en/members/dashboard/", "/en/members/manual/"]:
        for _ in range(2):
            response = Client().get(url)
            assert response.status_code == 302, url  # to the login page, never a copy
            assert response["X-Cache"] == "miss"


def test_publishing_shows_the_new_text_to_the_next_visitor_at_once():
    assert Client().get("/en/faq/")["X-Cache"] == "miss"
    assert Client().get("/en/faq/")["X-Cache"] == "hit"
    faq = FAQPage.objects.get(locale__language_code="en")
    faq.intro = "Freshly published answers for everyone."
    faq.save_revision().publish()
    response = Client().get("/en/faq/")
    assert "Freshly published answers for everyone." in response.content.decode()
    assert response["X-Cache"] == "miss"
    assert Client().get("/en/faq/")["X-Cache"] == "hit"


def test_posts_are_never_cached_or_served_from_the_cache():
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/en/faq/")
    assert visitor.get("/en/faq/")["X-Cache"] == "hit"
    response = Client().post("/en/faq/", {"anything": "1"})
    assert response["X-Cache"] == "miss"
    # A form that sets a CSRF token is never stored: the member login page.
    for _ in range(2):
        response = Client().get("/en/members/login/")
        assert response.status_code == 200
        assert response["X-Cache"] == "miss"


def test_a_private_page_is_never_cached():
    faq = FAQPage.objects.get(locale__language_code="en")
    # A password form (a 200 with a CSRF token) for a password-restricted page.
    restriction = PageViewRestriction.objects.create(
        page=faq, restriction_type=PageViewRestriction.PASSWORD, password="not-cached-123"
    )
    for _ in range(2):
        response = Client().get("/en/faq/")
        assert response["X-Cache"] == "miss"
        assert "What does" not in response.content.decode()
    restriction.delete()
    # Cached while public; making it members-only takes it out of the cache at once.
    Client().get("/en/faq/")
    assert Client().get("/en/faq/")["X-Cache"] == "hit"
    restriction = PageViewRestriction.objects.create(
        page=faq, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Members")[0])
    member = Member.objects.get(user__email=MEMBER_EMAIL)
    member.user.groups.add(Group.objects.get(name="Members"))
    signed_in = Client()
    signed_in.force_login(member.user)
    assert signed_in.get("/en/faq/").status_code == 200
    for _ in range(2):
        response = Client().get("/en/faq/")
        assert response.status_code == 302  # to the login page
        assert response["X-Cache"] == "miss"


def test_query_strings_are_normalised_and_unknown_ones_bypass_the_cache():
    assert Client().get("/en/search/?q=therapy&type=faq")["X-Cache"] == "miss"
    assert Client().get("/en/search/?type=faq&q=therapy")["X-Cache"] == "hit"
    assert Client().get("/en/search/?q=anxiety")["X-Cache"] == "miss"  # another search
    assert Client().get("/en/directory/?language=es")["X-Cache"] == "miss"
    assert Client().get("/en/directory/?language=es")["X-Cache"] == "hit"
    for url in [
        "/en/faq/?utm_source=mail",
        "/en/search/?q=" + "a" * 300,
        "/en/directory/?" + "&".join(f"language=x{n}" for n in range(20)),
    ]:
        for _ in range(2):
            response = Client().get(url)
            assert response.status_code == 200, url
            assert response["X-Cache"] == "miss", url


def test_a_new_resource_link_shows_at_once():
    Client().get("/en/resources/")
    assert Client().get("/en/resources/")["X-Cache"] == "hit"
    link = ResourceLink.objects.filter(locale__language_code="en").first()
    link.title = "A renamed resource link"
    link.save()
    assert "A renamed resource link" in Client().get("/en/resources/").content.decode()


def test_a_broken_cache_falls_through_to_normal_rendering():
    broken = mock.Mock()
    broken.get.side_effect = ConnectionError("Redis is down")
    broken.set.side_effect = ConnectionError("Redis is down")
    broken.get_many.side_effect = ConnectionError("Redis is down")
    with mock.patch("home.page_cache.cache", broken):
        for _ in range(2):
            response = Client().get("/en/faq/")
            assert response.status_code == 200
            assert response["X-Cache"] == "miss"


@override_settings(PAGE_CACHE=False)
def test_the_setting_turns_it_off():
    for _ in range(2):
        response = Client().get("/en/faq/")
        assert response.status_code == 200
        assert "X-Cache" not in response.headers
