"""What billing does when a vote passes or a membership ends (members.effects).

A passed budget proposal sets the next cycle's budget (`cycles.apply_budget_proposal`); a member
who leaves or whose contract ends stops paying (`subscriptions.on_membership_ended`).
`register_effects()` is called from `BillingConfig.ready()`.
"""

from members import effects
from members.models import Kind

from .cycles import apply_budget_proposal
from .subscriptions import on_membership_ended


def register_effects():
    effects.register(Kind.CYCLE_BUDGET, apply_budget_proposal)
    effects.register_hook(effects.MEMBERSHIP_ENDED, on_membership_ended)
