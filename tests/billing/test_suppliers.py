"""Principle 6 in figures: the share of this cycle's shared spending paid to cooperatives."""

import pytest

from billing.factories import fresh_cycle
from billing.models import Expense, Supplier

pytestmark = pytest.mark.django_db


@pytest.fixture
def spending():
    cycle, members = fresh_cycle(2, budget=20000)
    coop = Supplier.objects.create(name="Sunrise Bookkeeping Cooperative", is_cooperative=True)
    Expense.objects.create(
        cycle=cycle, date=cycle.start, supplier=coop, category="other", amount_cents=2500
    )
    # A payee written by hand names (and makes) its supplier.
    Expense.objects.create(
        cycle=cycle,
        date=cycle.start,
        payee="Big Box Office Supply",
        category="supplies",
        amount_cents=7500,
    )
    return cycle, members, coop


def test_an_expense_names_its_supplier(spending):
    cycle, _members, coop = spending
    by_hand = Expense.objects.get(cycle=cycle, payee="Big Box Office Supply")
    assert by_hand.supplier.name == "Big Box Office Supply"
    assert not by_hand.supplier.is_cooperative
    assert Expense.objects.get(cycle=cycle, supplier=coop).payee == coop.name


def test_the_finances_page_shows_the_share_paid_to_cooperatives(client, spending):
    cycle, members, _coop = spending
    client.force_login(members[0].user)
    html = client.get("/en/members/billing/").content.decode()
    assert "25% of shared spending ($25.00 of $100.00)" in html
    Supplier.objects.filter(name="Big Box Office Supply").update(is_cooperative=True)
    html = client.get("/en/members/billing/").content.decode()
    assert "100% of shared spending ($100.00 of $100.00)" in html


def test_principle_six_shows_the_share_paid_to_cooperatives_live(client, spending):
    html = client.get("/en/principles/").content.decode()
    assert "Share of this cycle's shared spending paid to cooperatives" in html
    assert "<dd>25%</dd>" in html and "$25.00 of $100.00" in html
