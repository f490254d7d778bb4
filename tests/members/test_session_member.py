"""The members' area reads the session's user and their membership in one query when the
session came through `EmailOrUsernameBackend` (a real login), and its navigation is rendered
once per page and language: neither may show one person's state to another (issue 16)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from members.factories import make_member
from members.models import Member

pytestmark = pytest.mark.django_db

BACKEND = "members.auth.EmailOrUsernameBackend"
DASHBOARD = "/en/members/dashboard/"


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured.captured_queries]


def test_the_membership_comes_with_the_user(client, member):
    client.force_login(member.user, backend=BACKEND)
    client.get(DASHBOARD)
    response, sql = queries(client, DASHBOARD)
    assert response.status_code == 200
    assert not any(s.startswith('SELECT "members_member"."id"') for s in sql), sql


def test_a_status_change_shows_on_the_next_request(client, member):
    client.force_login(member.user, backend=BACKEND)
    assert client.get(DASHBOARD).status_code == 200
    Member.objects.filter(pk=member.pk).update(status=Member.Status.FORMER)
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "goodbye" in response.url


def test_an_account_without_a_membership_is_refused(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", "editor@example.org", "x" * 16)
    client.force_login(editor, backend=BACKEND)
    assert client.get(DASHBOARD).status_code == 403


def test_the_profile_link_is_only_for_members_with_a_profile(client, member, other):
    other.profile_page = Page.objects.filter(depth__gt=1).first()
    other.save(update_fields=["profile_page"])
    third = make_member("Cy Third")
    for person, has_profile in ((other, True), (member, False), (other, True), (third, False)):
        client.force_login(person.user, backend=BACKEND)
        html = client.get(DASHBOARD).content.decode()
        assert ("Your directory profile" in html) is has_profile, person
        assert 'aria-current="page">Dashboard' in html
    html = client.get("/en/members/manual/").content.decode()
    assert 'aria-current="page">Manual' in html and 'aria-current="page">Dashboard' not in html
