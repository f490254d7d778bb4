"""Security headers on every kind of response (reliability plan C3)."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

ROUTES = {
    "public page": "/en/faq/",
    "directory": "/en/directory/",
    "members' login": "/en/members/login/",
    "search": "/en/search/?q=co-op",
    "not found": "/en/no-such-page/",
    "health check": "/healthz/",
    "robots.txt": "/robots.txt",
    "admin login": "/admin/login/",
}


def directives(header):
    policy = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


@pytest.mark.parametrize("name", ROUTES)
def test_every_response_carries_the_security_headers(client, name):
    response = client.get(ROUTES[name], secure=True)
    assert response.status_code in (200, 404), name
    hsts = response["Strict-Transport-Security"]
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31_536_000
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = directives(response["Content-Security-Policy"])
    assert policy["object-src"] == ["'none'"]
    if name == "admin login":
        assert policy["frame-ancestors"] == ["'self'"]  # the admin frames its own previews
        assert policy["base-uri"] == ["'self'"]
    else:
        assert response["X-Frame-Options"] == "DENY"
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        assert policy["script-src"] == ["'self'"]  # no inline script, no other origin
    for sources in policy.values():
        assert all(s.startswith(("'", "data:", "blob:")) for s in sources), policy


@override_settings(ROOT_URLCONF="tests.urls_broken")
def test_a_server_error_page_carries_them_too(client):
    client.raise_request_exception = False
    response = client.get("/broken/", secure=True)
    assert response.status_code == 500
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
