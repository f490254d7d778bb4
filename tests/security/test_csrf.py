"""Every state-changing view needs a CSRF token (reliability plan C5)."""

import pytest
from django.test import Client

from tests.otp import verified_admin_login
from tests.resolver import concrete, url_patterns

pytestmark = pytest.mark.django_db

# Views allowed to skip CSRF: Stripe signs its webhook instead (checked in tests/billing).
CSRF_EXEMPT_ALLOWED = {"stripe_webhook"}


def is_rest_framework_view(callback):
    """Django REST framework marks its views csrf_exempt and checks CSRF itself, for logged-in
    sessions, in SessionAuthentication (Wagtail's admin API, wagtail-localize's editor)."""
    from rest_framework.views import APIView

    view_class = getattr(callback, "cls", None)
    return isinstance(view_class, type) and issubclass(view_class, APIView)


def test_only_the_stripe_webhook_is_exempt_from_csrf():
    exempt = {
        entry.name or route
        for route, _name, entry in url_patterns()
        if getattr(entry.callback, "csrf_exempt", False)
        and not is_rest_framework_view(entry.callback)
    }
    assert exempt <= CSRF_EXEMPT_ALLOWED, exempt


def test_rest_framework_views_refuse_a_logged_in_post_without_a_token(admin_user):
    client = verified_admin_login(Client(enforce_csrf_checks=True), admin_user)
    drf = [
        concrete(route)
        for route, _name, entry in url_patterns()
        if getattr(entry.callback, "csrf_exempt", False) and is_rest_framework_view(entry.callback)
    ]
    assert len(drf) >= 10
    codes = {url: client.post(url, {"x": "1"}).status_code for url in drf}
    assert {url: c for url, c in codes.items() if c not in (403, 405)} == {}
    assert 403 in codes.values()


OUR_APPS = {"members", "resources", "search", "billing", "home", "coopsite"}


def test_posting_without_a_token_is_refused_on_every_view_of_ours():
    client = Client(enforce_csrf_checks=True)
    ours = [
        concrete(route)
        for route, _name, entry in url_patterns()
        if entry.callback.__module__.split(".")[0] in OUR_APPS
        and not getattr(entry.callback, "csrf_exempt", False)
        and entry.name != "healthz"  # GET and HEAD only: a POST gets 405 before anything runs
    ]
    assert len(ours) >= 15
    codes = {url: client.post(url, {"anything": "1"}).status_code for url in ours}
    assert {url: code for url, code in codes.items() if code != 403} == {}
