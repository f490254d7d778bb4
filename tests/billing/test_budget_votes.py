"""The fee cycle end to end: a draft budget, put to the vote from the members' area, opens
the next cycle on its first day with its own fee and Stripe Price; a change to the running
cycle's budget goes the same way; nothing changes a running cycle's budget without a vote."""

import datetime as dt
from contextlib import contextmanager
from unittest import mock

import pytest
from django.utils import timezone

from background import schedule
from billing import budgets, closing, cycles
from billing.factories import fresh_cycle
from billing.forms import CycleBudgetFields
from billing.models import BillingAccount, BudgetLine, Category, Cycle, FeeChange
from billing.tasks import open_due_cycle
from members import effects, voting
from members.factories import make_member
from members.models import ROLE_TREASURER, Kind, Member, Proposal
from tests.tasks import run_tasks

from .test_stripe import fee_move_gateway

pytestmark = pytest.mark.django_db

NEXT_LINES = [
    (Category.ADMIN_STAFF, "Coordinator, 25 hours a week", 200000),
    (Category.WEBSITE, "Hosting", 10001),
]


@contextmanager
def freeze_today(day):
    """The co-op's calendar shows `day` (the daily job asks timezone.localdate())."""
    with mock.patch("billing.cycles.timezone.localdate", return_value=day):
        yield


def vote_through(proposal):
    """Every elector votes yes as it opens; closing it enacts it."""
    voting.open_proposal(proposal.pk, now=proposal.opens_at, notify=False)
    proposal.refresh_from_db()
    for elector in proposal.electors.select_related("member"):
        voting.cast_vote(proposal.pk, elector.member, "yes", now=proposal.opens_at)
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    proposal.refresh_from_db()
    return proposal


def propose_from_finances_page(client, member, draft):
    client.force_login(member.user)
    page = client.get("/en/members/billing/").content.decode()
    action = f"/en/members/billing/drafts/{draft.pk}/propose/"
    assert f'action="{action}"' in page and "Propose this budget" in page
    response = client.post(action)
    assert response.status_code == 302
    return Proposal.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def snapshot(cycle):
    cycle.refresh_from_db()
    return (
        cycle.status,
        cycle.fee_cents,
        cycle.member_count,
        sorted(cycle.budget_lines.values_list("category", "description", "monthly_cents")),
        FeeChange.objects.filter(cycle=cycle).count(),
    )


def test_a_budget_proposed_from_a_draft_opens_the_next_cycle_on_its_start_with_a_new_price(
    client, stripe_keys, use_gateway
):
    # localstripe has no Prices: Stripe is the recording client with a subscription to move.
    gateway, stripe_requests = fee_move_gateway("price_next")
    use_gateway(gateway)
    current, members = fresh_cycle(3, budget=90000)
    BillingAccount.objects.create(
        member=members[0],
        stripe_customer_id="cus_1",
        stripe_subscription_id="sub_1",
        subscription_status="active",
    )
    before = snapshot(current)
    draft = cycles.plan_cycle(closing.date_after(current), NEXT_LINES)

    proposal = propose_from_finances_page(client, members[0], draft)
    assert proposal.kind == Kind.CYCLE_BUDGET
    assert proposal.payload["cycle_id"] == draft.pk
    proposal = vote_through(proposal)
    assert proposal.outcome == Proposal.Outcome.PASSED
    assert proposal.enactment_status == Proposal.Enactment.DONE, proposal.enactment_error
    assert proposal.enactment_results[0]["url_name"] == "billing:finances"

    draft.refresh_from_db()
    assert draft.adopted_by == proposal and draft.status == Cycle.Status.PLANNED
    assert snapshot(current) == before  # the running cycle keeps its budget and fee

    # The day before its start the daily job opens nothing; on its first day it opens.
    assert cycles.open_due_cycle(today=draft.start - dt.timedelta(days=1)) is None
    make_member()  # a provider joins before the new cycle starts: the fee divides by them too
    active = Member.objects.active().count()
    assert "billing.tasks.open_due_cycle" in {job.task_path for job in schedule.jobs()}
    with freeze_today(draft.start):
        open_due_cycle.enqueue()
        run_tasks(only=["billing.tasks.open_due_cycle"])
    draft.refresh_from_db()
    assert draft.status == Cycle.Status.OPEN and draft.member_count == active
    assert draft.fee_cents == -(-210001 // active)  # budget / providers, rounded up
    assert snapshot(current) == before
    assert stripe_requests.requests == []  # Stripe is the worker's, after the commit

    run_tasks(only=["billing.tasks.sync_price"])
    draft.refresh_from_db()
    assert draft.stripe_price_id == f"price_next#{draft.fee_cents}"
    calls = {(method, path): params for method, path, params, _headers in stripe_requests.requests}
    price = calls[("POST", "/v1/prices")]
    assert price["unit_amount"] == [str(draft.fee_cents)]
    assert price["recurring[interval]"] == ["month"]
    assert calls[("POST", "/v1/subscriptions/sub_1")] == {
        "items[0][id]": ["si_1"],
        "items[0][price]": ["price_next"],
        "proration_behavior": ["none"],
    }


def test_a_change_to_the_running_budget_reprices_it_only_through_a_vote(client):
    current, members = fresh_cycle(4, budget=100000)
    draft = budgets.draft_amendment(current)
    assert draft.amends == current and draft.status == Cycle.Status.PLANNED
    BudgetLine.objects.create(
        cycle=draft,
        category=Category.ADMIN_STAFF,
        description="A second coordinator",
        monthly_cents=30001,
    )
    assert current.fee_cents == 25000
    proposal = vote_through(propose_from_finances_page(client, members[1], draft))
    assert proposal.enactment_status == Proposal.Enactment.DONE, proposal.enactment_error
    current.refresh_from_db()
    assert current.monthly_budget_cents == 130001 and current.fee_cents == 32501
    assert FeeChange.objects.filter(cycle=current).first().proposal == proposal
    assert not Cycle.objects.filter(pk=draft.pk).exists()  # the draft did its work
    result = proposal.enactment_results[0]
    assert result["params"]["fee_cents"] == 32501 and result["url_kwargs"] == {"pk": current.pk}
    html = client.get(f"/en/members/billing/cycles/{current.pk}/").content.decode()
    assert "$1,300.01 of shared costs / 4 providers = $325.01 a month" in html


def test_the_proposal_form_offers_drafts_and_a_budget_proposal_needs_one():
    current, members = fresh_cycle(2, budget=1000)
    draft = cycles.plan_cycle(closing.date_after(current), NEXT_LINES)
    assert effects.form_for(Kind.CYCLE_BUDGET) is CycleBudgetFields
    form = CycleBudgetFields({"draft": draft.pk}, proposer=members[0])
    assert form.is_valid(), form.errors
    assert form.payload()["cycle_id"] == draft.pk and len(form.payload()["lines"]) == 2
    assert not CycleBudgetFields({"draft": current.pk}, proposer=members[0]).is_valid()
    with pytest.raises(voting.VotingError):
        voting.propose(kind=Kind.CYCLE_BUDGET, title="t", body="b", proposer=members[0])
    budgets.propose_draft(draft, members[0])
    with pytest.raises(voting.VotingError):  # one vote on a draft at a time
        budgets.propose_draft(draft, members[1])


def test_the_demo_budget_vote_is_about_the_next_cycle_not_the_current_one():
    proposal = Proposal.objects.get(title="Budget for the January–June 2027 cycle")
    draft = Cycle.objects.get(pk=proposal.payload["cycle_id"])
    current = cycles.current_cycle()
    assert draft.status == Cycle.Status.PLANNED and draft.start == closing.date_after(current)
    assert sum(line["monthly_cents"] for line in proposal.payload["lines"]) == 390000


def test_a_late_vote_opens_a_cycle_whose_start_has_passed_at_once():
    current, members = fresh_cycle(2, budget=1000)
    start = timezone.localdate().replace(day=1)
    Cycle.objects.filter(pk=current.pk).update(
        start=cycles.add_months(start, -6), end=start - dt.timedelta(days=1)
    )
    draft = cycles.plan_cycle(start, NEXT_LINES)
    proposal = vote_through(budgets.propose_draft(draft, members[0]))
    assert proposal.enactment_status == Proposal.Enactment.DONE, proposal.enactment_error
    draft.refresh_from_db()
    assert draft.status == Cycle.Status.OPEN
    assert proposal.enactment_results[0]["params"]["fee_cents"] == draft.fee_cents


def test_the_treasurer_starts_a_change_to_the_running_budget_from_the_finances_page(client):
    current, members = fresh_cycle(2, budget=1000)
    client.force_login(members[0].user)
    assert "Draft a change to this cycle" not in client.get("/en/members/billing/").content.decode()
    assert client.post(f"/en/members/billing/cycles/{current.pk}/amend/").status_code == 302
    assert not Cycle.objects.filter(amends=current).exists()
    treasurer = make_member("Tess Treasurer", roles=[ROLE_TREASURER])
    client.force_login(treasurer.user)
    page = client.get("/en/members/billing/").content.decode()
    assert "Draft a change to this cycle" in page
    response = client.post(f"/en/members/billing/cycles/{current.pk}/amend/")
    draft = Cycle.objects.get(amends=current)
    assert response["Location"] == f"/admin/snippets/billing/cycle/edit/{draft.pk}/"
    assert budgets.lines_of(draft) == budgets.lines_of(current)
    # Members read the draft, in Spanish too, and may put it to the vote.
    Member.objects.filter(pk=members[1].pk).update(language="es")
    client.force_login(members[1].user)
    page = client.get("/es/members/billing/").content.decode()
    assert "Proponer este presupuesto" in page
