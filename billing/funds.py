"""Shared funds: budget lines members spend from by vote, and the continuing-education fund.

A budget line marked as a fund (a CE-fund line always is one) holds its budget for the cycle.
A passed `SHARED_FUND` proposal names the fund, the amount and what for; `allocate()` (its
effect) sets the amount aside as a `FundAllocation`, and the treasurer pays it out with
`pay()`, which records an `Expense` against the fund's line, so it is in the ledger like any
other cost. A fund's balance is its budget for the cycle less what is allocated from it.

A member asks the CE fund to help pay for a training with `request_ce()`: the request becomes
a shared-fund proposal, made by them, and when it passes the allocation reimburses them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.documents import get_document_model
from wagtail.models import Collection

from members import effects, voting
from members.models import Kind, Member, Proposal
from members.models.audit import record

from . import cycles, fund_emails
from .ledger import money
from .models import BudgetLine, Category, CERequest, Cycle, Expense, FundAllocation

ALLOCATED = gettext_noop("%(amount_cents)s allocated from %(fund)s")
RECEIPTS_COLLECTION = "Receipts"


class FundError(voting.VotingError):
    """A refused fund operation; the message is safe to show to the member."""


# --- Funds and their balances ------------------------------------------------------------------


FUND = Q(is_fund=True) | Q(category=Category.CE_FUND)


def fund_lines(cycle: Cycle | None = None):
    """The funds of `cycle` (the current one by default)."""
    cycle = cycle or cycles.current_cycle()
    if cycle is None:
        return BudgetLine.objects.none()
    return cycle.budget_lines.filter(FUND)


def spendable_funds():
    """Funds members may vote to spend from now: those of the open cycle."""
    cycle = cycles.current_cycle()
    if cycle is None or cycle.status != Cycle.Status.OPEN:
        return BudgetLine.objects.none()
    return fund_lines(cycle)


def ce_fund():
    """The continuing-education fund members may ask now, or None."""
    return spendable_funds().filter(category=Category.CE_FUND).order_by("pk").first()


def fund_name(line: BudgetLine) -> str:
    return line.description or str(line.get_category_display())


@dataclass
class Balance:
    line: BudgetLine
    budgeted_cents: int
    allocated_cents: int
    paid_cents: int

    @property
    def name(self) -> str:
        return fund_name(self.line)

    @property
    def available_cents(self) -> int:
        """What members may still allocate: the budget less what is allocated."""
        return self.budgeted_cents - self.allocated_cents

    @property
    def unspent_cents(self) -> int:
        """The budget less what has been paid out."""
        return self.budgeted_cents - self.paid_cents


def balance(line: BudgetLine) -> Balance:
    allocations = FundAllocation.objects.filter(budget_line=line)
    allocated = allocations.aggregate(total=Sum("amount_cents"))["total"] or 0
    paid = (
        allocations.filter(expense__isnull=False).aggregate(total=Sum("expense__amount_cents"))[
            "total"
        ]
        or 0
    )
    return Balance(line, line.monthly_cents * line.cycle.months, allocated, paid)


def balances(cycle: Cycle | None = None) -> list[Balance]:
    return [balance(line) for line in fund_lines(cycle).select_related("cycle")]


def check_amount(line: BudgetLine, amount_cents: int) -> None:
    """Refuse an amount the fund cannot cover (or that is not an amount)."""
    if amount_cents <= 0:
        raise FundError(_("The amount must be more than zero."))
    available = balance(line).available_cents
    if amount_cents > available:
        raise FundError(
            _(
                "%(fund)s has %(available)s left to allocate this cycle; "
                "%(amount)s is more than that."
            )
            % {
                "fund": fund_name(line),
                "available": money(available),
                "amount": money(amount_cents),
            }
        )


def _line_from(payload) -> BudgetLine:
    line = spendable_funds().filter(pk=(payload or {}).get("budget_line")).first()
    if line is None:
        raise FundError(_("Choose a fund of the open fee cycle."))
    return line


def check_proposal(*, subject=None, payload=None, proposer=None):
    """Precondition of a shared-fund proposal: a fund of the open cycle that can cover it."""
    payload = payload or {}
    line = _line_from(payload)
    amount = payload.get("amount_cents")
    if not isinstance(amount, int):
        raise FundError(_("Give the amount to spend."))
    check_amount(line, amount)
    if not str(payload.get("purpose", "")).strip():
        raise FundError(_("Say what the money is for."))


def allocate(proposal: Proposal):
    """The effect of a passed shared-fund proposal: set the amount aside from the fund.

    The balance is checked again under a lock on the fund's line: two proposals that each fit
    the fund when made may not both fit it when they pass."""
    payload = proposal.payload or {}
    line = BudgetLine.objects.select_for_update().get(pk=payload["budget_line"])
    amount = int(payload["amount_cents"])
    check_amount(line, amount)
    payee = Member.objects.filter(pk=payload.get("payee_member")).first()
    allocation = FundAllocation.objects.create(
        budget_line=line,
        proposal=proposal,
        amount_cents=amount,
        purpose=str(payload.get("purpose", ""))[:200],
        payee_member=payee,
    )
    request = CERequest.objects.filter(proposal=proposal).select_related("member__user").first()
    if request is not None:
        fund_emails.ce_decided(request, approved=True)
        CERequest.objects.filter(pk=request.pk).update(decision_emailed=True)
    return effects.Carried(
        ALLOCATED,
        {"amount_cents": allocation.amount_cents, "fund": fund_name(line)},
        url_name="billing:funds",
    )


# --- Paying out --------------------------------------------------------------------------------


def pay(allocation_id: int, *, paid_on, payee: str, actor, receipt=None) -> Expense:
    """The treasurer pays an allocation out: an expense against the fund's line, once."""
    with transaction.atomic():
        # No joins under FOR UPDATE: PostgreSQL refuses to lock the nullable side of one.
        allocation = FundAllocation.objects.select_for_update().get(pk=allocation_id)
        if allocation.expense_id is not None:
            raise FundError(_("This allocation has already been paid."))
        if not payee.strip():
            raise FundError(_("Say who was paid."))
        request = CERequest.objects.filter(proposal_id=allocation.proposal_id).first()
        line = allocation.budget_line
        expense = Expense.objects.create(
            cycle=line.cycle,
            date=paid_on,
            payee=payee.strip()[:200],
            category=line.category,
            amount_cents=allocation.amount_cents,
            description=allocation.purpose,
            receipt=receipt or (request.receipt if request else None),
        )
        allocation.expense = expense
        allocation.save(update_fields=["expense"])
        record(
            "fund.paid",
            proposal=allocation.proposal,
            actor=actor,
            detail={
                "allocation": allocation.pk,
                "expense": expense.pk,
                "amount_cents": allocation.amount_cents,
            },
        )
        if request is not None:
            fund_emails.ce_reimbursed(request, expense)
    return expense


# --- Continuing-education requests -------------------------------------------------------------


def request_ce(member: Member, *, training: str, held_on, cost_cents: int, note: str = ""):
    """Record a member's CE request and make it a shared-fund proposal (or refuse both)."""
    line = ce_fund()
    if line is None:
        raise FundError(_("The co-op has no continuing-education fund in the open fee cycle."))
    with transaction.atomic():
        request = CERequest.objects.create(
            member=member, training=training, held_on=held_on, cost_cents=cost_cents, note=note
        )
        title = _("CE fund: %(training)s for %(member)s") % {
            "training": training,
            "member": member.display_name,
        }
        body = _(
            "%(member)s asks the continuing-education fund for %(amount)s towards "
            "%(training)s on %(date)s."
        ) % {
            "member": member.display_name,
            "amount": money(cost_cents),
            "training": training,
            "date": held_on.isoformat(),
        }
        proposal = _propose(member, title, body + ("\n\n" + note if note else ""), line, request)
        request.proposal = proposal
        request.save(update_fields=["proposal"])
        fund_emails.ce_received(request)
    return request


def _propose(member, title, body, line, request):
    return voting.propose(
        kind=Kind.SHARED_FUND,
        title=title[:200],
        body=body,
        proposer=member,
        subject=member,
        payload={
            "budget_line": line.pk,
            "amount_cents": request.cost_cents,
            "purpose": (_("CE: %(training)s") % {"training": request.training})[:200],
            "ce_request": request.pk,
            "payee_member": member.pk,
        },
    )


def attach_receipt(request: CERequest, uploaded, user) -> CERequest:
    """Store the member's receipt in the private Receipts collection and link it."""
    collection = Collection.objects.filter(name=RECEIPTS_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=RECEIPTS_COLLECTION)
    document = get_document_model().objects.create(
        title=_("Receipt: %(training)s") % {"training": request.training[:150]},
        file=uploaded,
        collection=collection,
        uploaded_by_user=user,
    )
    request.receipt = document
    request.save(update_fields=["receipt"])
    allocation = request.allocation
    if allocation is not None and allocation.expense_id and not allocation.expense.receipt_id:
        Expense.objects.filter(pk=allocation.expense_id).update(receipt=document)
    return request


def notify_declined() -> int:
    """Tell members whose CE request was voted down (or withdrawn), once. Scheduled."""
    told = 0
    pending = CERequest.objects.filter(
        decision_emailed=False, proposal__status=Proposal.Status.CLOSED
    ).select_related("proposal", "member__user")
    for request in pending:
        if request.proposal.outcome != Proposal.Outcome.FAILED:
            continue
        with transaction.atomic():
            fund_emails.ce_decided(request, approved=False)
            CERequest.objects.filter(pk=request.pk).update(decision_emailed=True)
        told += 1
    return told


def requests_for(member: Member):
    return CERequest.objects.filter(member=member).select_related("proposal", "receipt")


def reimbursements_for(member: Member, cycle: Cycle | None = None):
    """The member's paid CE reimbursements (expenses), for their records."""
    allocations = FundAllocation.objects.filter(payee_member=member, expense__isnull=False)
    if cycle is not None:
        allocations = allocations.filter(expense__cycle=cycle)
    return allocations.select_related("expense").order_by("-expense__date")


def allocations_to_pay():
    return (
        FundAllocation.objects.filter(expense__isnull=True)
        .select_related("budget_line__cycle", "payee_member", "proposal")
        .order_by("created_at")
    )


def today():
    return timezone.localdate()
