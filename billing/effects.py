"""What billing does when a vote passes or a membership ends (members.effects).

A passed budget proposal adopts a draft budget: the next cycle's, opened on its first day, or
a change to the running cycle's, re-priced from the next billing period
(`cycles.apply_budget_proposal`, drafts in `budgets.py`); the proposal form asks for the draft
(`forms.CycleBudgetFields`). A passed shared-fund proposal sets its amount aside from the fund
(`funds.allocate`), if the fund can still cover it (`funds.check_proposal` refuses one it
cannot when it is made). A member who leaves or whose contract ends stops paying
(`subscriptions.on_membership_ended`). `register_effects()` is called from
`BillingConfig.ready()`.
"""

from members import effects
from members.models import Kind

from . import funds
from .budgets import check_proposal
from .cycles import apply_budget_proposal
from .forms import CycleBudgetFields
from .fund_forms import FundSpendingFields
from .subscriptions import on_membership_ended


def register_effects():
    effects.register(Kind.CYCLE_BUDGET, apply_budget_proposal)
    effects.register_precondition(Kind.CYCLE_BUDGET, check_proposal)
    effects.register_form(Kind.CYCLE_BUDGET, CycleBudgetFields)
    effects.register_hook(effects.MEMBERSHIP_ENDED, on_membership_ended)
    effects.register_form(Kind.SHARED_FUND, FundSpendingFields)
    effects.register_precondition(Kind.SHARED_FUND, funds.check_proposal)
    effects.register(Kind.SHARED_FUND, funds.allocate)
