"""The treasurer keeps the books in the Wagtail admin; other members cannot."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from members.factories import make_member
from members.models import ROLE_TREASURER
from tests.otp import verified_admin_login

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/",
    "/admin/snippets/billing/expense/",
    "/admin/snippets/billing/expense/add/",
    "/admin/snippets/billing/payment/add/",
    "/admin/billing/close/",
    "/admin/documents/multiple/add/",
]


def test_the_treasurer_can_enter_expenses_payments_and_receipts(client):
    treasurer = make_member("Tess Treasurer", roles=[ROLE_TREASURER])
    verified_admin_login(client, treasurer.user)
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 200, url


def test_other_members_cannot_reach_the_books(client):
    member = make_member("Mo Member")
    client.force_login(member.user)
    for url in ADMIN_PAGES:
        assert client.get(url).status_code in (302, 403), url


def test_editors_do_not_see_receipts_in_the_admin_api_listing(client):
    get_document_model().objects.create(
        title="Receipt: a locksmith",
        file=ContentFile(b"Locksmith, $80.00", name="locksmith.txt"),
        collection=Collection.objects.get(name="Receipts"),
    )
    editor = get_user_model().objects.create_user("ed", "ed@example.org", "x" * 16)
    editor.groups.add(Group.objects.get(name="Editors"))
    treasurer = make_member("Tess Treasurer", roles=[ROLE_TREASURER])
    listing = "/admin/api/main/documents/?limit=20"
    seen_by = {}
    for name, user in (("editor", editor), ("treasurer", treasurer.user)):
        response = verified_admin_login(client, user).get(listing)
        assert response.status_code == 200
        seen_by[name] = {item["title"] for item in response.json()["items"]}
    assert "Receipt: a locksmith" in seen_by["treasurer"]
    assert "Receipt: a locksmith" not in seen_by["editor"]
