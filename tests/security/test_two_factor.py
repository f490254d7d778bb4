"""Admin accounts sign in with a second factor (reliability plan L3).

A password alone opens no admin URL; a code works once; a backup code works once; the
first sign-in sets the authenticator up; members who are not admin users never see any of it.
"""

import re
from base64 import b32decode
from binascii import unhexlify
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.factories import make_member
from tests.resolver import concrete, url_patterns

pytestmark = pytest.mark.django_db

VERIFY, SETUP = "/admin/2fa/verify/", "/admin/2fa/setup/"
PASSWORD = "a-long-enough-password-2026"


def code_for(device):
    return f"{TOTP(unhexlify(device.key), device.step, device.t0, device.digits).token():06d}"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "eddie", "eddie@example.org", PASSWORD, is_superuser=True
    )


def password_login(user):
    client = Client()
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def admin_routes():
    open_ = tuple(
        f"admin/{p}" for p in ("login/", "logout/", "password_reset/", "2fa/", "jsi18n/", "sprite/")
    )
    for route, _name, _entry in url_patterns():
        if route.startswith("admin/") and not route.startswith(open_):
            yield concrete(route)


def test_a_password_alone_opens_no_admin_url(editor):
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client = password_login(editor)
    urls = sorted(set(admin_routes()))
    assert len(urls) > 300  # the whole admin, not a sample
    for method in ("get", "post"):
        answers = {url: getattr(client, method)(url) for url in urls}
        not_sent_to_verify = {
            url: r.status_code
            for url, r in answers.items()
            if not (r.status_code == 302 and r["Location"].startswith(VERIFY))
        }
        assert not_sent_to_verify == {}, method


def test_the_code_is_asked_for_after_the_password_and_works_once(editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client = password_login(editor)
    response = client.get("/admin/pages/", follow=True)
    assert response.redirect_chain[-1][0] == VERIFY + "?next=%2Fadmin%2Fpages%2F"
    assert b"Two-step sign-in" in response.content

    code = code_for(device)
    ok = client.post(VERIFY, {"code": code, "next": "/admin/pages/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200

    # The same code in another session (say, someone who saw it over a shoulder) fails.
    other = password_login(editor)
    reused = other.post(VERIFY, {"code": code})
    assert reused.status_code == 200 and b"That code is not right" in reused.content
    assert other.get("/admin/")["Location"].startswith(VERIFY)


def test_a_wrong_code_is_refused_and_slows_the_next_attempt(editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client = password_login(editor)
    wrong = client.post(VERIFY, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and b"That code is not right" in wrong.content
    # Right after a failure even the right code waits (django-otp's growing back-off), so
    # guessing 10**6 codes is out of reach.
    throttled = client.post(VERIFY, {"code": code_for(device)})
    assert throttled.status_code == 200
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_the_first_sign_in_sets_up_the_authenticator_and_backup_codes(editor):
    client = password_login(editor)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(SETUP)
    page = response.content.decode()
    assert "<svg" in page  # the QR code, drawn on our server: no third-party image service
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert b32decode(secret) == unhexlify(device.key)  # the key shown is the one stored

    done = client.post(SETUP, {"code": code_for(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200

    # A backup code signs in once, and is then gone.
    second = password_login(editor)
    assert second.post(VERIFY, {"code": codes[0]}).status_code == 302
    assert second.get("/admin/").status_code == 200
    third = password_login(editor)
    refused = third.post(VERIFY, {"code": codes[0]})
    assert refused.status_code == 200 and b"That code is not right" in refused.content
    assert StaticToken.objects.filter(token=codes[0]).count() == 0


def test_setup_cannot_replace_a_confirmed_authenticator(editor):
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client = password_login(editor)
    assert client.get(SETUP)["Location"] == reverse("two_factor_verify")
    assert client.post(SETUP, {"code": "123456"})["Location"] == reverse("two_factor_verify")
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_next_never_leaves_the_admin(editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client = password_login(editor)
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_members_who_are_not_admin_users_are_not_asked(client):
    client.force_login(make_member("Mo Member").user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert not response["Location"].startswith(("/admin/2fa/",))
    assert client.get(VERIFY)["Location"].startswith("/admin/login/")


def test_a_lost_phone_is_reset_from_the_shell_and_set_up_again(editor):
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    call_command("reset_two_factor", "eddie", stdout=StringIO())
    client = password_login(editor)
    assert client.get("/admin/")["Location"].startswith(SETUP)
