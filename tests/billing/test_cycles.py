"""Cycles, the fee, the budget vote's effect, allocation of the surplus (property test)."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from billing import closing, cycles, ledger
from billing.factories import fresh_cycle, pay
from billing.models import Allocation, BudgetLine, Category, Cycle, Expense, FeeChange, Refund
from members import effects
from members.factories import make_open_proposal, pass_proposal
from members.models import Kind, Proposal
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("budget", "members", "fee"),
    [(390000, 6, 65000), (100000, 3, 33334), (100, 3, 34), (0, 5, 0), (99, 100, 1), (5, 0, 0)],
)
def test_fee_is_the_budget_divided_equally_rounded_up_to_the_cent(budget, members, fee):
    assert cycles.monthly_fee(budget, members) == fee


def test_cycle_lasts_six_months_and_freezes_members_and_fee():
    cycle, members = fresh_cycle(3, budget=100000)
    assert cycle.months == 6
    assert (cycle.end - cycle.start).days in range(180, 185)
    assert cycle.member_count == 3 and cycle.fee_cents == 33334
    change = FeeChange.objects.get(cycle=cycle)
    assert (change.monthly_budget_cents, change.member_count, change.fee_cents) == (
        100000,
        3,
        33334,
    )


def test_a_passed_budget_vote_changes_the_fee_through_the_effects_registry():
    assert effects.has_effects(Kind.CYCLE_BUDGET)
    cycle, members = fresh_cycle(4, budget=100000)
    proposal = make_open_proposal(
        members[0], kind=Kind.CYCLE_BUDGET, payload={"monthly_budget_cents": 130001}
    )
    pass_proposal(proposal)
    proposal.refresh_from_db()
    assert proposal.enactment_status == Proposal.Enactment.DONE, proposal.enactment_error
    cycle.refresh_from_db()
    assert cycle.monthly_budget_cents == 130001
    assert cycle.fee_cents == 32501  # 130001 / 4 rounded up
    history = list(FeeChange.objects.filter(cycle=cycle).order_by("pk"))
    assert [c.fee_cents for c in history] == [25000, 32501]
    assert history[-1].proposal == proposal


def test_a_budget_vote_with_lines_replaces_the_lines_but_keeps_a_carried_deficit():
    cycle, members = fresh_cycle(2, budget=100000)
    BudgetLine.objects.create(cycle=cycle, category=Category.DEFICIT, monthly_cents=500)
    proposal = make_open_proposal(
        members[0],
        kind=Kind.CYCLE_BUDGET,
        payload={
            "lines": [
                {"category": "website", "description": "Hosting", "monthly_cents": 1000},
                {"category": "ce_fund", "description": "CE", "monthly_cents": 2001},
            ]
        },
    )
    pass_proposal(proposal)
    cycle.refresh_from_db()
    assert sorted(cycle.budget_lines.values_list("category", flat=True)) == [
        "ce_fund",
        "deficit",
        "website",
    ]
    assert cycle.fee_cents == 1751  # (1000 + 2001 + 500) / 2 rounded up


# --- allocation --------------------------------------------------------------------------------


paid_maps = st.dictionaries(
    st.integers(1, 10_000), st.integers(1, 200_000), min_size=1, max_size=60
)


@settings(max_examples=300, deadline=None)
@given(paid=paid_maps, data=st.data())
def test_shares_add_up_to_the_surplus_and_are_within_a_cent_of_exact(paid, data):
    total = sum(paid.values())
    surplus = data.draw(st.integers(0, total))
    shares = closing.allocate(surplus, paid)
    assert sum(shares.values()) == surplus
    for member, share in shares.items():
        exact = Fraction(surplus * paid[member], total)
        assert abs(share - exact) < 1
        assert 0 <= share <= paid[member]


@settings(max_examples=200, deadline=None)
@given(
    share_and_payments=st.lists(st.integers(1, 50_000), min_size=1, max_size=8).flatmap(
        lambda amounts: st.tuples(st.integers(0, sum(amounts)), st.just(amounts))
    )
)
def test_a_share_splits_over_payments_newest_first_never_above_a_payment(share_and_payments):
    share, amounts = share_and_payments
    parts = closing.split(share, list(enumerate(amounts)))
    assert sum(cents for _p, cents in parts) == share
    assert all(0 < cents <= amounts[p] for p, cents in parts)
    assert [p for p, _c in parts] == list(range(len(parts)))  # given order: newest first


@settings(max_examples=25, deadline=None)
@given(
    months=st.lists(st.integers(0, 6), min_size=1, max_size=12),
    fee=st.integers(1, 90_000),
    spent_ratio=st.floats(0, 1),
)
def test_planned_refunds_add_up_to_the_surplus_and_none_exceeds_its_payment(
    months, fee, spent_ratio
):
    from django.db import transaction

    with transaction.atomic():
        cycle, members = fresh_cycle(len(months), budget=fee * len(months))
        for member, count in zip(members, months, strict=True):
            for month in range(count):
                pay(member, cycle, days=month * 30, method="stripe")
        collected = ledger.collected_cents(cycle)
        spent = int(collected * spent_ratio)
        if spent:
            Expense.objects.create(
                cycle=cycle, date=cycle.start, payee="x", category="other", amount_cents=spent
            )
        closing.plan_close(cycle.pk)
        refunds = list(Refund.objects.filter(cycle=cycle).select_related("payment"))
        assert sum(r.amount_cents for r in refunds) == max(0, collected - spent)
        assert all(r.amount_cents <= r.payment.amount_cents for r in refunds)
        per_payment = {}
        for r in refunds:
            per_payment[r.payment_id] = per_payment.get(r.payment_id, 0) + r.amount_cents
        assert all(v <= fee for v in per_payment.values())
        for allocation in Allocation.objects.filter(cycle=cycle):
            exact = Fraction((collected - spent) * allocation.paid_cents, collected)
            assert abs(allocation.share_cents - exact) < 1
        transaction.set_rollback(True)


def test_equal_months_get_equal_shares_and_refunds_go_newest_first():
    cycle, members = fresh_cycle(3, budget=30000)  # fee 10000
    for member in members:
        for month in range(3):
            pay(member, cycle, days=month * 30, method="stripe")
    Expense.objects.create(
        cycle=cycle, date=cycle.start, payee="x", category="other", amount_cents=75000
    )
    closing.plan_close(cycle.pk)
    shares = sorted(Allocation.objects.filter(cycle=cycle).values_list("share_cents", flat=True))
    assert shares == [5000, 5000, 5000]
    refund = Refund.objects.filter(cycle=cycle, member=members[0]).get()
    newest = members[0].payments.order_by("-paid_at").first()
    assert refund.payment == newest and refund.status == Refund.Status.PLANNED
    assert refund.key == f"refund:{cycle.pk}:{members[0].pk}:{newest.pk}"


def test_manual_payments_get_refund_due_entries_and_the_cycle_closes_without_stripe():
    cycle, members = fresh_cycle(2, budget=20000)
    for member in members:
        pay(member, cycle, method="manual")
    closing.close_cycle(cycle.pk, gateway=None)
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.CLOSED and cycle.surplus_cents == 20000
    assert set(Refund.objects.filter(cycle=cycle).values_list("status", flat=True)) == {"due"}


def test_a_deficit_is_carried_into_the_next_cycle_as_a_budget_line(mailoutbox):
    cycle, members = fresh_cycle(2, budget=20000)
    pay(members[0], cycle, method="manual")
    Expense.objects.create(
        cycle=cycle, date=cycle.start, payee="x", category="other", amount_cents=16001
    )
    closing.close_cycle(cycle.pk, gateway=None)
    cycle.refresh_from_db()
    assert cycle.surplus_cents == -6001 and cycle.status == Cycle.Status.CLOSED
    following = Cycle.objects.get(start=cycles.add_months(cycle.start, 6))
    line = following.budget_lines.get(category=Category.DEFICIT)
    assert line.monthly_cents == 1001  # 6001 over 6 months, rounded up
    assert not Refund.objects.filter(cycle=cycle).exists()


def test_members_are_emailed_their_refund_once(mailoutbox):
    cycle, members = fresh_cycle(2, budget=20000)
    for member in members:
        pay(member, cycle, method="manual")
    closing.close_cycle(cycle.pk, gateway=None)
    closing.close_cycle(cycle.pk, gateway=None)
    run_tasks()  # the worker sends what was queued
    assert len(mailoutbox) == 2
    assert "$100.00" in mailoutbox[0].subject


def test_closing_settles_leaving_members():
    from members import membership
    from members.models import Member

    cycle, members = fresh_cycle(2, budget=20000)
    for member in members:
        pay(member, cycle, method="manual")
    membership.leave(members[1])
    closing.close_cycle(cycle.pk, gateway=None)
    members[1].refresh_from_db()
    assert members[1].status == Member.Status.FORMER
