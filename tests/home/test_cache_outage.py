"""Redis is not a source of truth (F4): with the cache unreachable the site still works.

The cache here is the production one (coopsite.cache.ResilientRedisCache) with production's
cached_db sessions, pointed at a closed port: public pages, logging in, the lockout and voting
must all work, and the operator gets one warning, not one per request. With a real Redis it
must cache as usual. The drill against a running gunicorn is `make drill-redis`.
"""

import itertools
import logging
import socket

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from members.factories import make_member, make_open_proposal
from members.models import Vote
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

BACKEND = "coopsite.cache.ResilientRedisCache"
_db_index = itertools.count(1)


def redis_cache(location):
    return {"default": {"BACKEND": BACKEND, "LOCATION": location, "KEY_PREFIX": "coopsite"}}


@pytest.fixture
def redis_down():
    # Port 1 refuses connections. A new database index each time, so each test starts with
    # a cache that has not yet seen the outage.
    location = f"redis://127.0.0.1:1/{next(_db_index)}"
    with override_settings(
        CACHES=redis_cache(location),
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    ):
        yield location


@pytest.fixture
def member(db):
    return make_member("Ana Outage", password=PASSWORD)


def redis_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def login(client, member, password=PASSWORD):
    return client.post(
        reverse("members:login"), {"username": member.user.email, "password": password}
    )


@pytest.mark.parametrize("url", ["/en/", "/es/", "/en/about/", "/en/faq/"])
def test_public_pages_answer_without_redis(redis_down, url):
    response = Client().get(url)
    assert response.status_code == 200
    # The chrome (menu, crisis notice) is built from the database instead of the cache.
    assert b'class="crisis' in response.content
    assert b"site-nav" in response.content


def test_a_member_logs_in_and_votes_without_redis(redis_down, member):
    proposal = make_open_proposal(member)
    client = Client()
    response = login(client, member)
    assert response.status_code == 302
    # The session is in the database: the next request is still logged in.
    assert client.get(reverse("members:dashboard")).status_code == 200
    url = reverse("members:vote", args=[proposal.pk])
    response = client.post(url, {"choice": "yes"}, follow=True)
    assert "Your vote is recorded" in response.content.decode()
    response = client.post(url, {"choice": "no"}, follow=True)
    assert "Your vote is changed" in response.content.decode()
    assert Vote.objects.get(proposal=proposal, member=member, is_current=True).choice == "no"
    # Logging out ends the session even though the cache could not be told.
    client.post(reverse("members:logout"))
    assert client.get(reverse("members:dashboard")).status_code == 302


def test_the_lockout_still_works_without_redis(redis_down, member):
    client = Client()
    with override_settings(AXES_ENABLED=True):
        for _ in range(4):
            assert login(client, member, "wrong-password").status_code == 200
        assert login(client, member, "wrong-password").status_code == 429
        assert login(client, member).status_code == 429


def test_an_outage_is_logged_once_not_per_request(redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="coopsite.cache"):
        for url in ["/en/", "/en/about/", "/es/", "/en/faq/"] * 3:
            assert Client().get(url).status_code == 200
    warnings = [r for r in caplog.records if r.name == "coopsite.cache"]
    assert len(warnings) == 1
    assert "unavailable" in warnings[0].getMessage()


def test_the_cache_api_answers_as_for_a_miss(redis_down):
    assert cache.get("anything", "fallback") == "fallback"
    cache.set("anything", 1)
    assert cache.get("anything") is None
    assert cache.add("anything", 1) is False
    assert cache.get_or_set("anything", 7) == 7
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete("anything") is False
    with pytest.raises(ValueError):
        cache.incr("anything")


@pytest.mark.skipif(not redis_up(), reason="needs Redis at 127.0.0.1:6379")
def test_with_redis_up_pages_are_cached_in_redis():
    with override_settings(CACHES=redis_cache("redis://127.0.0.1:6379/11")):
        cache.clear()
        try:
            cache.set("probe", {"a": 1})
            assert cache.get("probe") == {"a": 1}
            assert Client().get("/en/about/").status_code == 200
            client = cache._cache.get_client()
            # The page chrome (home/chrome.py) is now stored in Redis under the site's prefix.
            assert any(b":chrome:" in key for key in client.keys("coopsite:*"))
            assert Client().get("/en/about/").status_code == 200
        finally:
            cache.clear()
