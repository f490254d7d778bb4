"""Rate limits outside login (reliability plan L2).

Each limited endpoint is hammered through the real URL and view at its configured rate
(settings.RATELIMIT_RATES): under the limit it answers as usual, over it HTTP 429 with
Retry-After and a page in the visitor's language, and another address or member is not
affected. Then the counters are pointed at a real Redis (counting works across the wire) and
at a dead one (search stays open, password reset and the application form refuse with a 503,
never a 500). The clock is frozen so a window cannot roll over mid-test.
"""

import json
import re

import pytest
import redis
import time_machine
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from coopsite.ratelimits import client_ip
from coopsite.settings import base as base_settings
from members import voting
from members.factories import make_member
from members.models import Kind
from tests.billing.stripe_fakes import WEBHOOK_SECRET, event, signed
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"
NEIGHBOUR = "198.51.100.9"
REDIS_TEST_URL = "redis://127.0.0.1:6379/12"
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"
WEBHOOK_URL = "/billing/stripe/webhook/"
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def url(name, language="en", **kwargs):
    """A URL in a given language (reverse() alone follows whatever language a previous
    request left active)."""
    with translation.override(language):
        return reverse(name, **kwargs)


def limit_of(group):
    """(requests allowed, window in seconds) for a configured rate such as "60/m"."""
    count, period = settings.RATELIMIT_RATES[group].split("/")
    return int(count), PERIODS[period]


@pytest.fixture
def frozen():
    with time_machine.travel(timezone.now(), tick=False) as clock:
        yield clock


def assert_limited(response, group, language="en"):
    __tracebackhide__ = True
    assert response.status_code == 429, response.status_code
    _count, period = limit_of(group)
    assert 1 <= int(response["Retry-After"]) <= period
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    with translation.override(language):
        assert gettext("Please slow down") in html
        assert gettext("Go to the home page") in html
    minutes = -(-int(response["Retry-After"]) // 60)
    assert re.search(rf"try again in {minutes} minutes?\.|{minutes} minuto", html), html


def hammer(send, group):
    """Send exactly the allowed number of requests; every one must get its usual answer."""
    allowed, _period = limit_of(group)
    return [send() for _ in range(allowed)]


# --- Public search ---------------------------------------------------------------------------


def search(ip=ATTACKER, language="en", q="co-op"):
    return Client().get(url("search", language), {"q": q}, REMOTE_ADDR=ip)


def browse(ip=ATTACKER, language="en"):
    """The search page with an empty box: counted like any search, quicker to serve."""
    return search(ip, language, q="")


def test_public_search_is_limited_per_address(frozen):
    answers = hammer(lambda: browse(), "search-ip")
    assert {r.status_code for r in answers} == {200}
    assert_limited(search(), "search-ip")
    assert search(ip=NEIGHBOUR).status_code == 200
    # Once the window is over the same address searches again.
    frozen.shift(limit_of("search-ip")[1] + 1)
    assert search().status_code == 200


def test_the_429_page_speaks_the_visitors_language(frozen):
    hammer(lambda: browse(language="es"), "search-ip")
    response = search(language="es")
    assert_limited(response, "search-ip", language="es")
    assert "Ir a la página de inicio" in response.content.decode()


# --- Password reset: per address and per email typed in ---------------------------------------


def reset(email, ip=ATTACKER):
    return Client().post(url("members:password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_is_limited_per_email_address(frozen):
    member = make_member("Reset Target", password="a-long-test-password-42")
    email = member.user.email
    answers = hammer(lambda: reset(email), "password-reset-email")
    assert {r.status_code for r in answers} == {302}
    run_tasks()  # the worker sends them (one: with the clock frozen, every reset is the same)
    sent = len(mail.outbox)
    assert sent >= 1
    # The same address, differently capitalised and from elsewhere, gets no more emails.
    assert_limited(reset(email.upper(), ip=NEIGHBOUR), "password-reset-email")
    run_tasks()
    assert len(mail.outbox) == sent
    # Another member's reset from that address goes through.
    assert reset("someone.else@members.example", ip=NEIGHBOUR).status_code == 302


def test_password_reset_is_limited_per_address(frozen):
    allowed, _period = limit_of("password-reset-ip")
    answers = [reset(f"nobody{n}@example.org") for n in range(allowed)]
    assert {r.status_code for r in answers} == {302}
    assert_limited(reset("nobody-more@example.org"), "password-reset-ip")
    assert reset("nobody-more@example.org", ip=NEIGHBOUR).status_code == 302
    # Showing the form is not counted.
    assert Client().get(url("members:password_reset"), REMOTE_ADDR=ATTACKER).status_code == 200


# --- The application form ---------------------------------------------------------------------


def test_applications_are_limited_per_address(frozen):
    join = url("members:join")

    def apply(ip=ATTACKER):
        return Client().post(join, {"display_name": "Spam"}, REMOTE_ADDR=ip)

    answers = hammer(apply, "join-ip")
    assert {r.status_code for r in answers} == {200}  # the form, with its errors
    assert_limited(apply(), "join-ip")
    assert apply(ip=NEIGHBOUR).status_code == 200
    assert Client().get(join, REMOTE_ADDR=ATTACKER).status_code == 200


# --- The Stripe webhook -----------------------------------------------------------------------


def delivery(client, ip=ATTACKER, *, valid=True):
    body = json.dumps(event("customer.created", {"id": "cus_rate", "object": "customer"}))
    headers = {"HTTP_STRIPE_SIGNATURE": signed(body) if valid else "t=1,v1=forged"}
    return client.post(
        WEBHOOK_URL, data=body, content_type="application/json", REMOTE_ADDR=ip, **headers
    )


def test_the_webhook_is_limited_per_address_before_its_signature_is_checked(frozen, settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    # The test settings lift this limit for the billing tests; this is production's.
    settings.RATELIMIT_RATES = base_settings.RATELIMIT_RATES
    client = Client()
    assert delivery(client).status_code == 200
    answers = [delivery(client, valid=False) for _ in range(limit_of("stripe-webhook-ip")[0] - 1)]
    assert {r.status_code for r in answers} == {400}
    response = delivery(client)  # even a genuine event waits: Stripe retries it later
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/plain")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert delivery(client, ip=NEIGHBOUR).status_code == 200


# --- Members: search, comments, proposals (per member) -----------------------------------------


@pytest.fixture
def members():
    ana = make_member("Rate Ana", language="es")
    bo = make_member("Rate Bo", language="en")
    return ana, bo


def logged_in(member):
    client = Client(REMOTE_ADDR=ATTACKER)
    client.force_login(member.user)
    return client


@pytest.fixture
def proposal(members):
    proposal = voting.propose(
        kind=Kind.GENERAL,
        title="Buy a shared printer",
        body="Why not.",
        proposer=members[1],
        notify=False,
    )
    voting.open_proposal(proposal.pk, now=proposal.opens_at, notify=False)
    return proposal


def test_comments_are_limited_per_member_in_their_language(frozen, members, proposal):
    ana, bo = members
    es_url = url("members:comment", "es", args=[proposal.pk])
    client = logged_in(ana)
    answers = hammer(lambda: client.post(es_url, {"body": "De acuerdo."}), "comment-user")
    assert {r.status_code for r in answers} == {302}
    assert proposal.comments.count() == len(answers)
    assert_limited(client.post(es_url, {"body": "Otra vez."}), "comment-user", language="es")
    assert proposal.comments.count() == len(answers)
    # Another member on the same address still comments.
    en_url = url("members:comment", args=[proposal.pk])
    assert logged_in(bo).post(en_url, {"body": "Agreed."}).status_code == 302


def test_new_proposals_are_limited_per_member(frozen, members):
    ana, bo = members
    client = logged_in(bo)
    new = url("members:proposal_new")
    answers = hammer(lambda: client.post(new, {}), "proposal-user")
    assert {r.status_code for r in answers} == {200}  # the form, with its errors
    assert_limited(client.post(new, {}), "proposal-user")
    assert client.get(new).status_code == 200  # reading the form is not counted
    es_url = url("members:proposal_new", "es")
    assert logged_in(ana).post(es_url, {}).status_code == 200


def test_members_search_is_limited_per_member(frozen, members):
    ana, bo = members
    client = logged_in(bo)
    find = url("members:search")
    answers = hammer(lambda: client.get(find, {"q": ""}), "members-search-user")
    assert {r.status_code for r in answers} == {200}
    assert_limited(client.get(find, {"q": "printer"}), "members-search-user")
    es_url = url("members:search", "es")
    assert logged_in(ana).get(es_url, {"q": "impresora"}).status_code == 200


# --- The visitor's address ---------------------------------------------------------------------


def test_a_forwarded_address_counts_only_behind_a_trusted_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1  # what the client wrote before our proxy's entry is ignored
    assert client_ip(request) == "203.0.113.7"
    v6 = rf.get("/", REMOTE_ADDR="2001:db8:1:2:3:4:5:6")
    assert client_ip(v6) == "2001:db8:1:2::"  # one /64 is one visitor


# --- Redis: real, then dead ----------------------------------------------------------------------


def redis_caches(location):
    return {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "coopsite-ratelimit-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }


@pytest.fixture
def real_redis():
    try:
        server = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=0.5)
        server.ping()
    except redis.exceptions.RedisError:
        pytest.skip(f"no Redis at {REDIS_TEST_URL}")
    server.flushdb()
    with override_settings(CACHES=redis_caches(REDIS_TEST_URL)):
        yield server
    server.flushdb()


def test_counters_live_in_redis(frozen, real_redis):
    assert caches["ratelimit"].__class__.__name__ == "RedisCache"
    answers = hammer(lambda: browse(), "search-ip")
    assert {r.status_code for r in answers} == {200}
    assert_limited(search(), "search-ip")
    assert search(ip=NEIGHBOUR).status_code == 200
    assert real_redis.dbsize() == 2  # one counter per address, nothing else
    hammer(lambda: reset("nobody@example.org"), "password-reset-email")
    assert_limited(reset("NOBODY@example.org", ip=NEIGHBOUR), "password-reset-email")


@pytest.fixture
def dead_redis():
    with override_settings(CACHES=redis_caches(DEAD_REDIS_URL)):
        yield


def test_with_redis_down_search_stays_open(dead_redis, caplog):
    # Nothing can be counted, so nothing is refused.
    answers = [search() for _ in range(3)]
    assert {r.status_code for r in answers} == {200}
    assert "Rate-limit store unavailable" in caplog.text


def test_with_redis_down_password_reset_and_applications_are_refused(dead_redis):
    response = reset("nobody@example.org")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "This form is paused for a moment" in response.content.decode()
    assert mail.outbox == []
    assert Client().post(url("members:join"), {}, REMOTE_ADDR=ATTACKER).status_code == 503
    # The forms themselves still show.
    assert Client().get(url("members:password_reset")).status_code == 200


def test_with_redis_down_the_webhook_and_members_stay_open(dead_redis, settings, members):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    assert delivery(Client()).status_code == 200
    client = logged_in(members[1])
    assert client.get(url("members:search"), {"q": "printer"}).status_code == 200
