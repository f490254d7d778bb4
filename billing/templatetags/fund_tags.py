"""The finances page's shared-funds section (balances, and the member's reimbursements)."""

from django import template

from .. import funds

register = template.Library()


@register.inclusion_tag("billing/fund_summary.html", takes_context=True)
def fund_summary(context, cycle):
    member = getattr(context.get("request"), "member", None)
    return {
        "cycle": cycle,
        "balances": funds.balances(cycle),
        "reimbursements": funds.reimbursements_for(member, cycle) if member else [],
    }
