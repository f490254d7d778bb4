"""Closing a cycle: surplus shares, refunds made crash-safely, a deficit carried forward.

1. `plan_close` (one transaction): surplus = collected - expenses; shares by the
   largest-remainder method in proportion to what each member paid; each share split into
   refunds of the member's own payments, newest first, never more than a payment's remainder.
   Manual payments get "refund due" entries. A deficit becomes a budget line of the next cycle.
2. `submit_refund` per refund, with no transaction open across the Stripe call:
   planned -> submitting (commit) -> on a retry, look the refund up by metadata; create it
   (first attempt: at once) with the deterministic idempotency key -> succeeded / pending /
   failed (commit).
3. When nothing is outstanding the cycle is closed and members are emailed.
Rerunning after a crash or a failure at any point finishes the job and never refunds twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from fractions import Fraction

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member

from . import emails, ledger
from .cycles import add_months, ceil_div, cycle_end, set_fee
from .models import Allocation, BudgetLine, Category, Cycle, Payment, Refund
from .stripe_gateway import Gateway, StripeError, crash_point

OUTSTANDING = (
    Refund.Status.PLANNED,
    Refund.Status.SUBMITTING,
    Refund.Status.FAILED,
    Refund.Status.PENDING,
)


def allocate(surplus_cents: int, paid: dict[int, int]) -> dict[int, int]:
    """Shares of `surplus_cents` in proportion to `paid` (member -> cents), largest remainder.

    The shares add up exactly to the surplus; each is its exact value rounded down or up.
    Ties for the leftover cents go to the lowest member id, so the result is deterministic.
    """
    total = sum(paid.values())
    if surplus_cents <= 0 or total <= 0:
        return dict.fromkeys(paid, 0)
    if surplus_cents > total:
        raise ValueError("cannot return more than was collected")
    shares = {}
    remainders = []
    for member, cents in paid.items():
        whole, rest = divmod(surplus_cents * cents, total)
        shares[member] = whole
        remainders.append((-rest, member))
    left = surplus_cents - sum(shares.values())
    for _rest, member in sorted(remainders)[:left]:
        shares[member] += 1
    return shares


def exact_share(surplus_cents: int, paid_cents: int, total_cents: int) -> Fraction:
    return Fraction(surplus_cents * paid_cents, total_cents)


def split(share_cents: int, payments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split a share over (payment id, refundable cents), in the given (newest-first) order."""
    parts = []
    left = share_cents
    for payment_id, available in payments:
        if left <= 0:
            break
        take = min(left, available)
        if take > 0:
            parts.append((payment_id, take))
            left -= take
    if left:
        raise ValueError("share larger than the member's refundable payments")
    return parts


def refund_key(cycle_id: int, member_id: int, payment_id: int) -> str:
    return f"refund:{cycle_id}:{member_id}:{payment_id}"


def _refundable(payment: Payment) -> int:
    used = (
        payment.refunds.exclude(status=Refund.Status.FAILED).aggregate(t=Sum("amount_cents"))["t"]
        or 0
    )
    return payment.amount_cents - used


def next_cycle(cycle: Cycle) -> Cycle:
    start = date_after(cycle)
    found = Cycle.objects.filter(start=start, amends__isnull=True).first()
    return found or Cycle.objects.create(start=start, end=cycle_end(start))


def date_after(cycle: Cycle):
    return add_months(cycle.start, cycle.months)


def plan_close(cycle_id: int) -> Cycle:
    """Fix the surplus and store every share and planned refund, in one transaction."""
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle_id)
        if cycle.status in (Cycle.Status.CLOSING, Cycle.Status.CLOSED):
            return cycle
        if cycle.status != Cycle.Status.OPEN:
            raise ValueError(f"{cycle} is {cycle.status}; only an open cycle can be closed")
        surplus = ledger.collected_cents(cycle) - ledger.spent_cents(cycle)
        cycle.surplus_cents = surplus
        cycle.status = Cycle.Status.CLOSING
        cycle.save(update_fields=["surplus_cents", "status"])
        if surplus > 0:
            payments = list(
                Payment.objects.filter(cycle=cycle, status=Payment.Status.SUCCEEDED).order_by(
                    "-paid_at", "-pk"
                )
            )
            by_member: dict[int, list[tuple[Payment, int]]] = defaultdict(list)
            for payment in payments:
                by_member[payment.member_id].append((payment, _refundable(payment)))
            paid = {m: sum(a for _p, a in rows) for m, rows in by_member.items()}
            shares = allocate(surplus, paid)
            allocations, refunds = [], []
            for member_id, share in sorted(shares.items()):
                allocations.append(
                    Allocation(
                        cycle=cycle,
                        member_id=member_id,
                        paid_cents=paid[member_id],
                        share_cents=share,
                    )
                )
                rows = {p.pk: p for p, _a in by_member[member_id]}
                for payment_id, cents in split(share, [(p.pk, a) for p, a in by_member[member_id]]):
                    manual = rows[payment_id].method == Payment.Method.MANUAL
                    refunds.append(
                        Refund(
                            cycle=cycle,
                            member_id=member_id,
                            payment_id=payment_id,
                            amount_cents=cents,
                            key=refund_key(cycle.pk, member_id, payment_id),
                            status=Refund.Status.DUE if manual else Refund.Status.PLANNED,
                        )
                    )
            Allocation.objects.bulk_create(allocations)
            Refund.objects.bulk_create(refunds)
        elif surplus < 0:
            carry_deficit(cycle, -surplus)
        return cycle


def carry_deficit(cycle: Cycle, deficit_cents: int) -> None:
    following = next_cycle(cycle)
    months = following.months
    BudgetLine.objects.create(
        cycle=following,
        category=Category.DEFICIT,
        description=_("Deficit of %(cycle)s") % {"cycle": cycle},
        monthly_cents=ceil_div(deficit_cents, months),
    )
    if following.status == Cycle.Status.OPEN:
        set_fee(following, reason=_("Deficit carried from %(cycle)s") % {"cycle": cycle})


def submit_refund(refund_id: int, gateway: Gateway) -> str:
    with transaction.atomic():
        refund = Refund.objects.select_for_update().select_related("payment").get(pk=refund_id)
        if refund.status not in (
            Refund.Status.PLANNED,
            Refund.Status.SUBMITTING,
            Refund.Status.FAILED,
        ):
            return str(refund.status)
        # Never sent before: Stripe cannot hold it yet, so one call (the create) suffices. A
        # retry (a crash or failure after `submitting`) looks it up first.
        first_attempt = refund.status == Refund.Status.PLANNED and refund.attempts == 0
        refund.status = Refund.Status.SUBMITTING
        refund.attempts += 1
        refund.save(update_fields=["status", "attempts", "updated_at"])
    payment = refund.payment
    crash_point("before_call")
    try:
        intent, charge = payment.stripe_payment_intent_id or "", payment.stripe_charge_id
        if not intent and not charge and payment.stripe_invoice_id:
            intent = gateway.invoice_payment_intent(payment.stripe_invoice_id)
            Payment.objects.filter(pk=payment.pk).update(stripe_payment_intent_id=intent or None)
        result = None
        if not first_attempt:
            result = gateway.find_refund(key=refund.key, payment_intent=intent, charge=charge)
        if result is None:
            result = gateway.create_refund(
                key=refund.key,
                amount_cents=refund.amount_cents,
                payment_intent=intent,
                charge=charge,
                metadata={
                    "cycle_id": str(refund.cycle_id),
                    "member_id": str(refund.member_id),
                    "payment_id": str(payment.pk),
                },
            )
    except StripeError as error:
        Refund.objects.filter(pk=refund.pk).update(
            status=Refund.Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
        )
        return str(Refund.Status.FAILED)
    crash_point("after_call")
    status = Refund.Status.from_stripe(result.status)
    with transaction.atomic():
        Refund.objects.filter(pk=refund.pk).update(
            status=status,
            stripe_refund_id=result.id,
            error="" if status != Refund.Status.DUE else f"Stripe refund {result.status}",
            updated_at=timezone.now(),
        )
    crash_point("after_commit")
    return str(status)


def finish(cycle_id: int) -> bool:
    """Close the cycle when no refund is outstanding; then email members. True if closed."""
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle_id)
        if cycle.status == Cycle.Status.CLOSING:
            if Refund.objects.filter(cycle=cycle, status__in=OUTSTANDING).exists():
                return False
            cycle.status = Cycle.Status.CLOSED
            cycle.closed_at = timezone.now()
            cycle.save(update_fields=["status", "closed_at"])
    if cycle.status != Cycle.Status.CLOSED:
        return False
    emails.refunds_made(cycle)
    from members.membership import finish_leaving

    for member in Member.objects.filter(status=Member.Status.LEAVING, left_on__lte=cycle.end):
        finish_leaving(member)
    return True


def close_cycle(
    cycle_id: int, *, gateway: Gateway | None, out: Callable[[str], None] = lambda s: None
) -> Cycle:
    cycle = plan_close(cycle_id)
    out(
        _("Cycle %(cycle)s: surplus %(surplus)s.")
        % {"cycle": cycle, "surplus": ledger.dollars(cycle.surplus_cents)}
    )
    todo = list(
        Refund.objects.filter(cycle=cycle, status__in=OUTSTANDING)
        .exclude(status=Refund.Status.PENDING)
        .order_by("pk")
        .values_list("pk", "key")
    )
    if todo and gateway is None:
        out(_("Stripe is not configured: %(n)d refunds wait.") % {"n": len(todo)})
    elif gateway is not None:
        for index, (refund_id, key) in enumerate(todo, 1):
            status = submit_refund(refund_id, gateway)
            out(f"[{index}/{len(todo)}] {key}: {status}")
    if finish(cycle.pk):
        out(_("Cycle closed."))
    else:
        left = Refund.objects.filter(cycle=cycle, status__in=OUTSTANDING).count()
        out(_("%(n)d refunds are not finished; run the command again.") % {"n": left})
    cycle.refresh_from_db()
    return cycle
