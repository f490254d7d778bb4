"""A budget's way through a vote: the draft, the proposal, the lock on what was voted.

A draft budget is a planned `Cycle` with budget lines: the next cycle's, or, with `amends`, a
change to the running cycle's lines. Any active member proposes a draft (`propose_draft`);
the proposal's payload names the draft and carries a copy of its lines, so what passes is what
was read. The passed vote's effect is `cycles.apply_budget_proposal`; the cycle opens on its
start (`cycles.open_due_cycle`, daily). Nothing changes an open cycle's budget by hand
(`change_refusal`, used by the admin).
"""

from __future__ import annotations

from django.db.models import F, Q
from django.utils.translation import gettext as _

from members import voting
from members.models import Kind, Member, Proposal

from . import ledger
from .cycles import monthly_fee
from .models import BudgetLine, Category, Cycle

PENDING = (Proposal.Status.SCHEDULED, Proposal.Status.OPEN)


def drafts():
    """Draft budgets not yet adopted: next cycles first, then changes to the running one."""
    # A next cycle may still be voted on after its first day, until a later one has opened.
    started = (
        Cycle.objects.exclude(status=Cycle.Status.PLANNED)
        .filter(amends__isnull=True)
        .order_by("-start")
        .values_list("start", flat=True)
        .first()
    )
    following = Q(amends__isnull=True, start__gt=started) if started else Q(amends__isnull=True)
    return (
        Cycle.objects.filter(status=Cycle.Status.PLANNED, adopted_by__isnull=True)
        .filter(following | Q(amends__status=Cycle.Status.OPEN))
        .select_related("amends")
        .prefetch_related("budget_lines")
        .order_by(F("amends_id").asc(nulls_first=True), "start")
    )


def lines_of(cycle: Cycle) -> list[dict]:
    """The lines a vote on `cycle` is about (a carried deficit is not voted on: it stays)."""
    return [
        {
            "category": line.category,
            "description": line.description,
            "monthly_cents": line.monthly_cents,
        }
        for line in cycle.budget_lines.exclude(category=Category.DEFICIT).order_by("pk")
    ]


def pending_votes(cycle: Cycle):
    return Proposal.objects.filter(
        kind=Kind.CYCLE_BUDGET, status__in=PENDING, payload__cycle_id=cycle.pk
    )


def change_refusal(cycle: Cycle | None) -> str | None:
    """Why the budget of `cycle` may not be changed by hand now, or None if it may."""
    if cycle is None or cycle.pk is None:
        return None
    saved = Cycle.objects.filter(pk=cycle.pk).first()
    if saved is None:
        return None
    if saved.status != Cycle.Status.PLANNED:
        return _(
            "This cycle has opened: its budget and fee change only by a passed vote. Draft a "
            "change to its budget (a new planned cycle that amends it) and propose it."
        )
    if saved.adopted_by_id:
        return _("The members adopted this budget by a vote; it can no longer be changed.")
    if pending_votes(saved).exists():
        return _("The members are voting on this draft; withdraw the proposal to change the draft.")
    return None


def describe(draft: Cycle) -> dict:
    """The figures a draft is read by: its dates, monthly total and fee at today's count."""
    target = draft.amends or draft
    monthly = sum(line["monthly_cents"] for line in lines_of(draft))
    monthly += sum(
        target.budget_lines.filter(category=Category.DEFICIT).values_list(
            "monthly_cents", flat=True
        )
    )
    count = target.member_count if draft.amends_id else Member.objects.active().count()
    return {
        "start": target.start,
        "end": target.end,
        "monthly_cents": monthly,
        "members": count,
        "fee_cents": monthly_fee(monthly, count),
        "vote": pending_votes(draft).order_by("pk").first(),
    }


def default_title(draft: Cycle) -> str:
    figures = describe(draft)
    dates = {"start": f"{figures['start']:%b %Y}", "end": f"{figures['end']:%b %Y}"}
    if draft.amends_id:
        return _("Change to the budget of %(start)s to %(end)s") % dates
    return _("Budget for %(start)s to %(end)s") % dates


def default_body(draft: Cycle) -> str:
    figures = describe(draft)
    rows = [
        f"- {Category(line['category']).label}: {line['description']} "
        f"{ledger.money(line['monthly_cents'])}"
        for line in lines_of(draft)
    ]
    total = _("%(budget)s a month in all / %(n)s providers = %(fee)s a month each.") % {
        "budget": ledger.money(figures["monthly_cents"]),
        "n": figures["members"],
        "fee": ledger.money(figures["fee_cents"]),
    }
    when = (
        _("The new fee is charged from each provider's next billing period.")
        if draft.amends_id
        else _("The fee is fixed on the cycle's first day, by the providers active then.")
    )
    return "\n".join([*rows, "", total, when])


def payload_for(draft: Cycle) -> dict:
    return {"cycle_id": draft.pk, "lines": lines_of(draft)}


def check_proposal(subject=None, payload=None, proposer=None):
    """Precondition of a cycle-budget proposal: it names a budget that a vote can adopt."""
    payload = payload or {}
    if "cycle_id" not in payload:
        if "lines" in payload or "monthly_budget_cents" in payload:
            return  # a change to the open cycle, written out in full
        raise voting.VotingError(
            _("A budget proposal is made from a draft budget: choose the draft to propose.")
        )
    draft = Cycle.objects.filter(pk=payload["cycle_id"]).select_related("amends").first()
    if draft is None or draft.status in (Cycle.Status.CLOSING, Cycle.Status.CLOSED):
        raise voting.VotingError(_("That budget can no longer be voted on."))
    if draft.status == Cycle.Status.PLANNED and draft.adopted_by_id:
        raise voting.VotingError(_("The members have already adopted that budget."))
    if draft.amends_id and draft.amends.status != Cycle.Status.OPEN:
        raise voting.VotingError(_("The cycle that draft changes is no longer open."))
    if pending_votes(draft).exists():
        raise voting.VotingError(_("The members are already voting on that budget."))
    if not payload.get("lines") and not draft.budget_lines.exists():
        raise voting.VotingError(_("That draft has no budget lines yet."))


def draft_amendment(cycle: Cycle) -> Cycle:
    """A draft change to the open `cycle`'s budget, starting from its current lines."""
    draft = Cycle.objects.create(start=cycle.start, end=cycle.end, amends=cycle)
    BudgetLine.objects.bulk_create(BudgetLine(cycle=draft, **line) for line in lines_of(cycle))
    return draft


def propose_draft(draft: Cycle, proposer, *, title: str = "", body: str = "") -> Proposal:
    """Any active member puts a draft budget to the vote (raises `voting.VotingError`)."""
    return voting.propose(
        kind=Kind.CYCLE_BUDGET,
        title=(title or default_title(draft))[:200],
        body=body or default_body(draft),
        proposer=proposer,
        payload=payload_for(draft),
    )
