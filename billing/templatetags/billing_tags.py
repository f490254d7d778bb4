from django import template
from django.db.models import Q

from billing import cycles, ledger, suppliers
from billing.models import Payment

register = template.Library()


@register.filter
def dollars(cents):
    """The amount as the page's language writes it (see ledger.money)."""
    return ledger.money(cents)


@register.inclusion_tag("billing/principle_figures.html")
def principle_fee_figures():
    """Aggregates only, for the public principle 3: the fee and last cycle's returned surplus."""
    current = cycles.current_cycle()
    last = cycles.last_closed_cycle()
    return {
        "current": current,
        "last": last,
        "returned": ledger.returned_cents(last) if last else 0,
    }


@register.inclusion_tag("billing/coop_figures.html")
def principle_coop_figures():
    """Aggregates only, for the public principle 6: this cycle's share of shared spending
    paid to cooperatives."""
    return {"share": suppliers.coop_share(cycles.current_cycle())}


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
