"""Fee cycles and the fee: plain functions, tested without HTTP.

Fee = the cycle's monthly budget / active providers at its start, rounded up to the cent.
"""

from __future__ import annotations

import calendar
import logging
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from members.effects import Carried
from members.models import Member

from .models import BudgetLine, Category, Cycle, FeeChange

logger = logging.getLogger(__name__)
CYCLE_MONTHS = 6


class CycleError(Exception):
    pass


def ceil_div(numerator: int, denominator: int) -> int:
    """Integer division rounded up (toward positive infinity), exact for any size of int."""
    return -(-numerator // denominator)


def monthly_fee(monthly_budget_cents: int, member_count: int) -> int:
    """The equal monthly share in cents, rounded up: the group never collects too little."""
    if member_count <= 0:
        return 0
    if monthly_budget_cents <= 0:
        return 0
    return ceil_div(monthly_budget_cents, member_count)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cycle_end(start: date, months: int = CYCLE_MONTHS) -> date:
    return date.fromordinal(add_months(start, months).toordinal() - 1)


def current_cycle(today: date | None = None) -> Cycle | None:
    today = today or timezone.localdate()
    return (
        Cycle.objects.filter(start__lte=today, end__gte=today)
        .exclude(status=Cycle.Status.PLANNED)
        .first()
        or Cycle.objects.filter(status=Cycle.Status.OPEN).order_by("-start").first()
    )


def shared_current_cycle() -> Cycle | None:
    """`current_cycle()` for pages: the same for every member, so cached under the chrome
    version, which every save or deletion of a cycle bumps (`BillingConfig.ready`). Shared
    between requests: never change what it returns."""
    from home.chrome import cached

    today = timezone.localdate()
    return cached("billing-current-cycle", lambda: current_cycle(today), today.isoformat())


def cycle_for(day: date) -> Cycle | None:
    return (
        Cycle.objects.filter(start__lte=day, end__gte=day, amends__isnull=True)
        .order_by("-start")
        .first()
    )


def last_closed_cycle() -> Cycle | None:
    return Cycle.objects.filter(status=Cycle.Status.CLOSED).order_by("-start").first()


def plan_cycle(start: date, lines=(), months: int = CYCLE_MONTHS) -> Cycle:
    """A planned cycle with budget lines given as (category, description, monthly_cents).

    A cycle already planned for that day (e.g. one a deficit was carried into) is reused."""
    cycle = Cycle.objects.filter(
        start=start, status=Cycle.Status.PLANNED, amends__isnull=True
    ).first()
    if cycle is None:
        cycle = Cycle.objects.create(start=start, end=cycle_end(start, months))
    for category, description, cents in lines:
        BudgetLine.objects.create(
            cycle=cycle, category=category, description=description, monthly_cents=cents
        )
    return cycle


@transaction.atomic
def open_cycle(cycle: Cycle, *, member_count: int | None = None) -> Cycle:
    """Open a planned cycle: freeze the number of active providers and set the fee."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != Cycle.Status.PLANNED or cycle.amends_id:
        raise CycleError(f"{cycle} is {cycle.status}, not a planned cycle")
    if not can_open(cycle):
        raise CycleError("another open cycle runs into this one; close it first")
    cycle.member_count = (
        member_count if member_count is not None else Member.objects.active().count()
    )
    cycle.status = Cycle.Status.OPEN
    cycle.save(update_fields=["member_count", "status"])
    set_fee(cycle, reason=_("Cycle opened"))
    return cycle


def set_fee(cycle: Cycle, *, reason: str, proposal=None) -> FeeChange:
    """Recompute and record the fee; a new fee enqueues, in this transaction, the task that
    moves Stripe subscriptions (billing.tasks.sync_price)."""
    budget = sum(cycle.budget_lines.values_list("monthly_cents", flat=True))
    fee = monthly_fee(budget, cycle.member_count)
    changed = fee != cycle.fee_cents
    cycle.fee_cents = fee
    cycle.save(update_fields=["fee_cents"])
    change = FeeChange.objects.create(
        cycle=cycle,
        monthly_budget_cents=budget,
        member_count=cycle.member_count,
        fee_cents=fee,
        reason=reason[:200],
        proposal=proposal,
    )
    if changed and cycle.status == Cycle.Status.OPEN:
        from .tasks import sync_price  # Stripe is called by the worker, never in a request

        sync_price.enqueue(cycle.pk)
    return change


def target_cycle(payload) -> Cycle:
    if payload.get("cycle_id"):
        return Cycle.objects.select_for_update().get(pk=payload["cycle_id"])
    cycle = Cycle.objects.select_for_update().filter(status=Cycle.Status.OPEN).first()
    if cycle is None:
        raise CycleError("the budget proposal names no draft and no cycle is open")
    return cycle


def replace_lines(cycle: Cycle, lines) -> None:
    """The cycle's budget lines become `lines` (a carried deficit stays)."""
    cycle.budget_lines.exclude(category=Category.DEFICIT).delete()
    for line in lines:
        cents = int(line["monthly_cents"])
        if cents < 0:
            raise CycleError("a budget line cannot be negative")
        BudgetLine.objects.create(
            cycle=cycle,
            category=line.get("category") or Category.OTHER,
            description=str(line.get("description", ""))[:200],
            monthly_cents=cents,
        )


def _adjust_to(cycle: Cycle, target: int, proposal) -> None:
    """The legacy payload `monthly_budget_cents`: an adjustment line makes the total match."""
    if target < 0:
        raise CycleError("a budget cannot be negative")
    current = sum(cycle.budget_lines.values_list("monthly_cents", flat=True))
    if target != current:
        BudgetLine.objects.create(
            cycle=cycle,
            category=Category.OTHER,
            description=(_("Adjustment by the vote '%(title)s'") % {"title": proposal.title})[:200],
            monthly_cents=target - current,
        )


def _dates(cycle: Cycle) -> dict:
    return {"start": cycle.start.isoformat(), "end": cycle.end.isoformat()}


def _amend(cycle: Cycle, payload, proposal):
    """A passed change to the running cycle's budget: new lines, the fee recomputed, and the
    subscriptions moved from their next billing period (set_fee's task)."""
    if cycle.status != Cycle.Status.OPEN:
        raise CycleError(f"{cycle} is {cycle.status}, not open")
    if "lines" in payload:
        replace_lines(cycle, payload["lines"])
    elif "monthly_budget_cents" in payload:
        _adjust_to(cycle, int(payload["monthly_budget_cents"]), proposal)
    else:
        raise CycleError("the budget proposal names no budget")
    change = set_fee(
        cycle, reason=_("Budget vote: %(title)s") % {"title": proposal.title}, proposal=proposal
    )
    return Carried(
        gettext_noop(
            "The budget of %(start)s to %(end)s is now %(budget_cents)s a month: the fee is "
            "%(fee_cents)s a month from each provider's next billing period."
        ),
        {
            **_dates(cycle),
            "budget_cents": change.monthly_budget_cents,
            "fee_cents": cycle.fee_cents,
        },
        "billing:cycle",
        {"pk": cycle.pk},
    )


def _adopt(cycle: Cycle, payload, proposal):
    """A passed budget for a planned cycle: its lines, adopted; it opens on its start."""
    from . import budgets

    replace_lines(cycle, payload.get("lines") or budgets.lines_of(cycle))
    cycle.adopted_by = proposal
    cycle.save(update_fields=["adopted_by"])
    if cycle.start <= timezone.localdate() and can_open(cycle):
        open_cycle(cycle)
        cycle.refresh_from_db()
        return Carried(
            gettext_noop("The fee for %(start)s to %(end)s is %(fee_cents)s a month."),
            {**_dates(cycle), "fee_cents": cycle.fee_cents},
            "billing:cycle",
            {"pk": cycle.pk},
        )
    return Carried(
        gettext_noop(
            "The budget for %(start)s to %(end)s is adopted: %(budget_cents)s a month. The "
            "cycle opens on %(start)s, when the fee is set by the providers active then."
        ),
        {**_dates(cycle), "budget_cents": cycle.monthly_budget_cents},
        "billing:finances",
        {},
    )


def apply_budget_proposal(proposal):
    """Effect of a passed cycle-budget vote (see billing/budgets.py).

    payload: `cycle_id` names the draft (a planned cycle, maybe one that `amends` the open
    cycle) and `lines` ([{category, description, monthly_cents}]) the lines voted on; they
    replace the budget lines (a carried deficit stays). Without `cycle_id` the open cycle is
    changed, by `lines` or by `monthly_budget_cents` (an adjustment line makes the total).
    """
    payload = proposal.payload or {}
    cycle = target_cycle(payload)
    if cycle.amends_id:
        running = Cycle.objects.select_for_update().get(pk=cycle.amends_id)
        from . import budgets

        lines = payload.get("lines") or budgets.lines_of(cycle)
        cycle.delete()  # the draft has done its work; the proposal keeps its lines
        return _amend(running, {"lines": lines}, proposal)
    if cycle.status == Cycle.Status.PLANNED:
        return _adopt(cycle, payload, proposal)
    return _amend(cycle, payload, proposal)


def can_open(cycle: Cycle) -> bool:
    """No other open cycle runs into this one's first day."""
    return (
        not Cycle.objects.filter(status=Cycle.Status.OPEN, end__gte=cycle.start)
        .exclude(pk=cycle.pk)
        .exists()
    )


def open_due_cycle(today: date | None = None) -> Cycle | None:
    """Open the adopted cycle whose first day has come (daily; nothing to do twice)."""
    today = today or timezone.localdate()
    cycle = (
        Cycle.objects.filter(
            status=Cycle.Status.PLANNED,
            amends__isnull=True,
            adopted_by__isnull=False,
            start__lte=today,
        )
        .order_by("start")
        .first()
    )
    if cycle is None or not can_open(cycle):
        return None
    return open_cycle(cycle)
