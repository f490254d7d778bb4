"""The treasurer keeps the books in the Wagtail admin; other members cannot."""

import pytest

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
