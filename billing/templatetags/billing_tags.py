from django import template
from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils import timezone

from billing import cycles, ledger, suppliers
from billing.models import Payment, Refund
from home import live_figures
from members.models import Member
from members.prepared import Prepared

register = template.Library()


@register.filter
def dollars(cents):
    """The amount as the page's language writes it (see ledger.money)."""
    return ledger.money(cents)


def cycle_figures(now):
    """The plain values behind principles 3 and 6; the current cycle depends on the day."""
    current = cycles.current_cycle(timezone.localdate(now))
    last = cycles.last_closed_cycle()
    figures = {
        "fee_cents": current.fee_cents if current else None,
        "last_closed": last.pk if last else None,
        # A closed cycle has no refund outstanding: its refunds change only by a save (a
        # webhook, the treasurer), which starts the figures afresh.
        "returned": ledger.returned_cents(last) if last else 0,
        "share": suppliers.coop_share(current),
    }
    return figures, live_figures.next_midnight(now)


def fee_figures_context(data):
    """billing/principle_figures.html's context (principle 3: the fee and last cycle's
    returned surplus), from `cycle_figures`. Aggregates only."""
    return {
        "current": {"fee_cents": data["fee_cents"]} if data["fee_cents"] is not None else None,
        "last": data["last_closed"],
        "returned": data["returned"],
    }


def coop_figures_context(data):
    """billing/coop_figures.html's context (principle 6: this cycle's share of shared spending
    paid to cooperatives), from `cycle_figures`."""
    return {"share": data["share"]}


def _total(queryset, expression):
    """`expression` summed over `queryset` (rows matching OuterRef("pk") as member), as a
    subquery: null when there are none."""
    return Subquery(
        queryset.order_by().values("member_id").annotate(total=expression).values("total")
    )


def _build_fee_figures(member, cycle):
    payments = Payment.objects.filter(member=OuterRef("pk"))
    latest = payments.filter(method=Payment.Method.STRIPE).order_by("-paid_at", "-pk")[:1]
    due = Refund.objects.filter(
        member=OuterRef("pk"), status__in=[Refund.Status.DUE, Refund.Status.PLANNED]
    )
    paid = payments.filter(cycle=cycle, status=Payment.Status.SUCCEEDED)
    return Member.objects.filter(pk=member).values(
        paid=_total(paid, Sum("amount_cents")),
        refunds_due=_total(due, Count("pk")),
        latest_status=Subquery(latest.values("status")),
        latest_amount_cents=Subquery(latest.values("amount_cents")),
        latest_paid_at=Subquery(latest.values("paid_at")),
    )


# Compiled once: the same query for every member and cycle.
_fee_figures_query = Prepared(_build_fee_figures, "member", "cycle")


def _fee_figures(member, cycle):
    """The member's figures for the fee box, in one query: what they paid in `cycle`
    (as `ledger.member_paid_cents`; none without a cycle), surplus refunds on their way,
    their latest card payment."""
    # No cycle has key 0: then nothing is paid.
    return _fee_figures_query.get(member=member.pk, cycle=cycle.pk if cycle else 0)


@register.inclusion_tag("billing/fee_status.html")
def fee_status(member):
    """The dashboard block: this cycle's fee, what the member paid, a failed payment if any."""
    from billing.stripe_gateway import is_configured

    cycle = cycles.shared_current_cycle()
    figures = _fee_figures(member, cycle)
    paid = figures["paid"] or 0
    failed = figures["latest_status"] == Payment.Status.FAILED
    return {
        "cycle": cycle,
        "member": member,
        "paid": paid,
        "paid_in_full": bool(cycle) and paid >= cycle.fee_cents * cycle.months,
        "failed": {
            "amount_cents": figures["latest_amount_cents"],
            "paid_at": figures["latest_paid_at"],
        }
        if failed
        else None,
        "stripe_ready": is_configured(),
        "refunds_due": figures["refunds_due"] or 0,
    }
