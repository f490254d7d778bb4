"""Each of the anonymous page cache's privacy guards in `_storable` refuses on its own.

The journeys in test_page_cache.py stop a restricted page or a modified session at more
than one guard (a restricted page answers 302 to anonymous visitors, a session write sets a
cookie), so deleting one guard leaves them green. Here a real anonymous response from the
full middleware stack, which `_storable` accepts, is changed in exactly one respect, and that
alone must keep it out of the cache."""

from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from home import page_cache
from home.models import FAQPage

pytestmark = pytest.mark.django_db


def storable_before_and_after(change):
    """`_storable` on an anonymous GET of the FAQ, as the middleware calls it, before and
    after `change(request, response)`: (True, False) means that change alone refuses it."""
    seen = []
    original = page_cache._storable

    def record(request, response):
        before = original(request, response)
        change(request, response)
        seen.append((before, original(request, response)))
        return False

    with (
        override_settings(PAGE_CACHE=True),
        mock.patch.object(page_cache, "_storable", side_effect=record),
    ):
        response = Client().get("/en/faq/")
    assert response.status_code == 200
    assert len(seen) == 1
    return seen[0]


def restrict_to_members(request, response):
    restriction = PageViewRestriction.objects.create(
        page=FAQPage.objects.get(locale__language_code="en"),
        restriction_type=PageViewRestriction.GROUPS,
    )
    restriction.groups.add(Group.objects.get_or_create(name="Members")[0])


def write_to_session(request, response):
    assert not response.cookies  # no session cookie yet: only the session guard can refuse
    request.session["seen_faq"] = True
    assert request.session.modified


def test_a_restricted_page_is_never_stored_even_with_a_200_in_hand():
    assert storable_before_and_after(restrict_to_members) == (True, False)


def test_a_response_whose_view_changed_the_session_is_never_stored():
    assert storable_before_and_after(write_to_session) == (True, False)
