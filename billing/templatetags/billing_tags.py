from django import template
from django.db.models import Q
from django.utils import timezone

from billing import cycles, ledger, suppliers
from billing.models import Payment
from home import live_figures

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


@register.inclusion_tag("billing/fee_status.html")
def fee_status(member):
    """The dashboard block: this cycle's fee, what the member paid, a failed payment if any."""
    cycle = cycles.current_cycle()
    latest = Payment.objects.filter(member=member, method=Payment.Method.STRIPE).first()
    account = getattr(member, "billing_account", None) if hasattr(member, "pk") else None
    from billing.stripe_gateway import is_configured

    paid = ledger.member_paid_cents(member, cycle) if cycle else 0
    return {
        "cycle": cycle,
        "member": member,
        "paid": paid,
        "paid_in_full": bool(cycle) and paid >= cycle.fee_cents * cycle.months,
        "failed": latest if latest and latest.status == Payment.Status.FAILED else None,
        "account": account,
        "stripe_ready": is_configured(),
        "refunds_due": member.refunds.filter(Q(status="due") | Q(status="planned")).count(),
    }
