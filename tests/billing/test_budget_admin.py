"""Nothing changes a running cycle's budget by hand: the admin refuses, with a clear message;
the treasurer still drafts the next cycle's budget there."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from billing import budgets, closing, cycles
from billing.factories import fresh_cycle
from billing.models import Category, Cycle, FeeChange
from members.factories import make_member
from members.models import ROLE_TREASURER
from tests.otp import verified_admin_login

pytestmark = pytest.mark.django_db


def edit_data(cycle, monthly_cents):
    lines = [
        {
            "id": line.pk,
            "category": line.category,
            "description": line.description,
            "monthly_cents": monthly_cents,
        }
        for line in cycle.budget_lines.all()
    ]
    return nested_form_data(
        {
            "start": cycle.start.isoformat(),
            "end": cycle.end.isoformat(),
            "amends": "",
            "budget_lines": inline_formset(lines, initial=len(lines)),
        }
    )


@pytest.fixture
def treasurer_client(client):
    treasurer = make_member("Tess Treasurer", roles=[ROLE_TREASURER])
    return verified_admin_login(client, treasurer.user)


def edit_url(cycle):
    return f"/admin/snippets/billing/cycle/edit/{cycle.pk}/"


def test_the_treasurers_edit_of_a_running_cycles_budget_is_refused(treasurer_client):
    cycle, _members = fresh_cycle(2, budget=411000)
    response = treasurer_client.post(edit_url(cycle), edit_data(cycle, 999900))
    assert response.status_code == 200
    assert "its budget and fee change only by a passed vote" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.monthly_budget_cents == 411000 and cycle.fee_cents == 205500
    assert FeeChange.objects.filter(cycle=cycle).count() == 1


def test_the_treasurer_drafts_the_next_cycle_and_an_adopted_draft_is_locked(treasurer_client):
    current, members = fresh_cycle(2, budget=1000)
    draft = cycles.plan_cycle(closing.date_after(current), [(Category.WEBSITE, "Hosting", 500)])
    response = treasurer_client.post(edit_url(draft), edit_data(draft, 700))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert draft.monthly_budget_cents == 700
    proposal = budgets.propose_draft(draft, members[0])
    response = treasurer_client.post(edit_url(draft), edit_data(draft, 900))
    assert "withdraw the proposal to change the draft" in response.content.decode()
    Cycle.objects.filter(pk=draft.pk).update(adopted_by=proposal)
    response = treasurer_client.post(edit_url(draft), edit_data(draft, 900))
    assert "adopted this budget by a vote" in response.content.decode()
    assert draft.monthly_budget_cents == 700
