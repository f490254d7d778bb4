"""The finances page, CSV, the dashboard block, principle 3 and read-only mode."""

import csv
import io

import pytest

from billing.factories import fresh_cycle, pay
from billing.models import Cycle, Expense
from members.factories import make_member
from members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle_with_ledger():
    cycle, members = fresh_cycle(2, budget=20000)
    for member in members:
        pay(member, cycle, method="manual")
    Expense.objects.create(
        cycle=cycle,
        date=cycle.start,
        payee="=HYPERLINK(evil)",
        category="admin_staff",
        amount_cents=12345,
    )
    return cycle, members


def test_members_see_the_fee_computation_chart_table_and_expenses(client, cycle_with_ledger):
    cycle, members = cycle_with_ledger
    client.force_login(members[0].user)
    html = client.get("/en/members/billing/").content.decode()
    assert "$200.00 of shared costs / 2 providers = $100.00 a month" in html
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in html
    assert 'id="chart-title"' in html and 'id="chart-desc"' in html
    assert "<table" in html and "$123.45" in html and "$200.00" in html
    # No Stripe keys in tests: members are told how to pay another way, in their words.
    assert "check or bank transfer" in html and "Stripe keys" not in html


def test_csv_export_has_every_expense_and_defuses_formulas(client, cycle_with_ledger):
    cycle, members = cycle_with_ledger
    client.force_login(members[0].user)
    response = client.get(f"/en/members/billing/cycles/{cycle.pk}/finances.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    expense = [r for r in rows if r[0] == "expense"][0]
    assert expense[3] == "'=HYPERLINK(evil)" and expense[5] == "123.45"
    assert ["collected", "", "", "", "", "200.00"] in rows


@pytest.mark.parametrize("status", ["applicant", "former", None])
def test_only_members_see_the_finances(client, cycle_with_ledger, status):
    if status:
        client.force_login(make_member(status=status).user)
    response = client.get("/en/members/billing/")
    assert response.status_code in (302, 403)


def test_the_dashboard_shows_the_fee_and_what_the_member_paid(client, cycle_with_ledger):
    cycle, members = cycle_with_ledger
    client.force_login(members[0].user)
    html = client.get("/en/members/dashboard/").content.decode()
    assert "Your monthly share this cycle is $100.00" in html
    assert "You have paid $100.00" in html


def test_principle_three_shows_the_fee_and_last_surplus_returned(client):
    html = client.get("/en/principles/").content.decode()
    current = Cycle.objects.filter(status="open").first()
    assert "principle__figures" in html
    from billing.ledger import dollars

    assert dollars(current.fee_cents) in html
    assert "Returned to providers at the end of the last cycle" in html


def test_principle_three_shows_a_fee_change_at_once(client):
    """The current cycle is cached for pages (cycles.shared_current_cycle); saving it bumps."""
    client.get("/en/principles/")
    current = Cycle.objects.filter(status="open").first()
    current.fee_cents = 98765
    current.save(update_fields=["fee_cents"])
    assert "$987.65" in client.get("/en/principles/").content.decode()


def test_the_demo_has_a_closed_cycle_with_refunds_and_an_open_one():
    closed = Cycle.objects.filter(status="closed").first()
    assert closed.refunds.filter(status="paid").exists() and closed.surplus_cents > 0
    current = Cycle.objects.get(status="open")
    assert current.expenses.exists() and current.payments.filter(method="manual").exists()
    assert current.budget_lines.count() >= 4


def test_pay_buttons_are_refused_without_stripe(client, cycle_with_ledger):
    cycle, members = cycle_with_ledger
    client.force_login(members[0].user)
    response = client.post("/en/members/billing/pay/")
    assert response.status_code == 302 and response["Location"].endswith("/members/billing/")
    assert Member.objects.filter(billing_account__isnull=False).count() == 0
