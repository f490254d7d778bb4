"""Page routing from the cache (home/routing.py): no query for a page whose route and instance
are cached, and every change that alters which page a URL shows, or who may see it, takes
effect on the very next request."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home):
    page = StandardPage(title="Routing test", slug="routing-test")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_a_cached_route_costs_no_query(client, page):
    first, _ = get(client, "/en/routing-test/")
    again, queries = get(client, "/en/routing-test/")
    assert first.status_code == again.status_code == 200
    assert "Routing test" in again.content.decode()
    assert queries == 0  # no site, tree, page row, specific or restriction query


def test_a_published_edit_shows_at_once(client, page):
    get(client, "/en/routing-test/")
    page.title = "Routing test, edited"
    page.save_revision().publish()
    assert "Routing test, edited" in get(client, "/en/routing-test/")[0].content.decode()


def test_saving_a_draft_changes_nothing_visitors_see(client, page):
    get(client, "/en/routing-test/")
    page.title = "A draft title"
    page.save_revision()
    response, queries = get(client, "/en/routing-test/")
    html = response.content.decode()
    assert "Routing test" in html and "A draft title" not in html
    assert queries == 0  # a draft starts no new version: every cached copy still holds


def test_a_new_login_restriction_applies_at_once(client, page):
    assert get(client, "/en/routing-test/")[0].status_code == 200
    assert get(client, "/en/routing-test/")[0].status_code == 200  # the route is cached
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response, _ = get(client, "/en/routing-test/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_restriction_on_an_ancestor_applies_at_once(client, home, page):
    get(client, "/en/routing-test/")
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    response, _ = get(client, "/en/routing-test/")
    assert response.status_code == 302


def test_a_restricted_page_is_checked_on_every_request(client, page, member):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Routing readers"))
    client.force_login(member.user)
    for _ in range(2):  # the second from the cached route: still refused
        assert get(client, "/en/routing-test/")[0].status_code in (302, 403)


def test_unpublishing_takes_effect_at_once(client, page):
    assert get(client, "/en/routing-test/")[0].status_code == 200
    get(client, "/en/routing-test/")
    page.unpublish()
    assert get(client, "/en/routing-test/")[0].status_code == 404


def test_a_live_page_saved_outside_publishing_shows_at_once(client, page):
    """Code that changes a live page's row directly (no publish signal) is seen on the next
    request: the processes' copies of the page go with the version."""
    get(client, "/en/routing-test/")
    page.title = "Routing test, saved directly"
    page.save()
    assert "saved directly" in get(client, "/en/routing-test/")[0].content.decode()
    page.live = False
    page.save(update_fields=["live"])
    assert get(client, "/en/routing-test/")[0].status_code == 404


def test_a_new_slug_moves_the_page_at_once(client, page):
    get(client, "/en/routing-test/")
    page.slug = "routing-moved"
    page.save_revision().publish()
    assert get(client, "/en/routing-test/")[0].status_code == 404
    assert get(client, "/en/routing-moved/")[0].status_code == 200


def test_a_deleted_page_is_gone_at_once(client, page):
    get(client, "/en/routing-test/")
    page.delete()
    assert get(client, "/en/routing-test/")[0].status_code == 404


def test_routable_pages_keep_their_sub_urls(client):
    for url in ("/en/events/", "/en/events/archive/"):
        get(client, url)
        response, _ = get(client, url)
        assert response.status_code == 200, url
