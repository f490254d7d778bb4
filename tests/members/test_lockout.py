"""Login lockout (L1): locks username+IP after 5 failures, cools off, never locks others out."""

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_on")]


@pytest.fixture
def axes_on():
    with override_settings(AXES_ENABLED=True):
        yield


def attempt(client, url, username, password, ip="203.0.113.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("surface", ["members:login", "wagtailadmin_login"])
def test_lockout_after_five_failures_then_cool_off(member, surface):
    url = reverse(surface)
    client = Client()
    email = member.user.email
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(4):
            assert attempt(client, url, email, "wrong-password").status_code == 200
        assert attempt(client, url, email, "wrong-password").status_code == 429
        # Locked: even the right password is refused, and the address is not case-dodged.
        assert attempt(client, url, email, PASSWORD).status_code == 429
        assert attempt(client, url, email.upper(), PASSWORD).status_code == 429
        # The same username from another address is not locked out.
        assert attempt(Client(), url, email, PASSWORD, ip="198.51.100.9").status_code == 302
        # Each attempt during the lockout restarts the 15 minutes (for that address only).
        clock.shift(14 * 60)
        assert attempt(client, url, email, PASSWORD).status_code == 429
        clock.shift(14 * 60)
        assert attempt(client, url, email, PASSWORD).status_code == 429
        clock.shift(15 * 60 + 1)
        assert attempt(client, url, email, PASSWORD).status_code == 302


def test_another_member_on_the_same_address_is_not_locked_out(member, other):
    url = reverse("members:login")
    client = Client()
    for _ in range(5):
        attempt(client, url, member.user.email, "wrong-password")
    assert attempt(Client(), url, other.user.email, PASSWORD).status_code == 302


def test_the_lockout_page_explains_itself(member):
    url = reverse("members:login")
    client = Client()
    for _ in range(5):
        response = attempt(client, url, member.user.email, "wrong-password")
    assert response.status_code == 429
    assert "15 minutes" in response.content.decode()


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_our_proxy_the_lockout_is_per_visitor_not_per_proxy(member):
    """All visitors arrive from the proxy's address; the lockout must use the one it saw."""
    url = reverse("members:login")
    email, proxy = member.user.email, "10.0.0.2"

    def through_proxy(client, password, visitor):
        return client.post(
            url,
            {"username": email, "password": password},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=visitor,
        )

    attacker = Client()
    for _ in range(5):
        response = through_proxy(attacker, "wrong-password", "203.0.113.50")
    assert response.status_code == 429
    # A forged first hop does not get the attacker out of the lockout...
    assert through_proxy(attacker, PASSWORD, "198.51.100.1, 203.0.113.50").status_code == 429
    # ...and the member, at home behind the same proxy, can still sign in.
    assert through_proxy(Client(), PASSWORD, "198.51.100.77").status_code == 302
