"""What billing does when a vote passes or a membership ends (members.effects).

A passed budget proposal sets the next cycle's budget (`cycles.apply_budget_proposal`); a member
who leaves or whose contract ends stops paying (`subscriptions.on_membership_ended`). A passed
shared-fund proposal sets its amount aside from the fund (`funds.allocate`), if the fund can
still cover it (`funds.check_proposal` refuses one it cannot when it is made).
`register_effects()` is called from `BillingConfig.ready()`.
"""

from members import effects
from members.models import Kind

from . import funds
from .cycles import apply_budget_proposal
from .fund_forms import FundSpendingFields
from .subscriptions import on_membership_ended


def register_effects():
    effects.register(Kind.CYCLE_BUDGET, apply_budget_proposal)
    effects.register_hook(effects.MEMBERSHIP_ENDED, on_membership_ended)
    effects.register_form(Kind.SHARED_FUND, FundSpendingFields)
    effects.register_precondition(Kind.SHARED_FUND, funds.check_proposal)
    effects.register(Kind.SHARED_FUND, funds.allocate)
