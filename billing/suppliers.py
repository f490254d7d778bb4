"""Principle 6, cooperation among cooperatives, in figures: how much of a cycle's shared
spending went to cooperatives (suppliers the treasurer marked as such)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, Sum

from .models import Cycle, Expense


@dataclass(frozen=True)
class CoopShare:
    coop_cents: int
    total_cents: int

    @property
    def percent(self) -> int:
        """Whole per cent, rounded half up; 0 when nothing was spent."""
        if self.total_cents <= 0:
            return 0
        return (200 * self.coop_cents + self.total_cents) // (2 * self.total_cents)


def coop_share(cycle: Cycle | None) -> CoopShare | None:
    """The cycle's spending so far, and the part paid to cooperatives (None: no spending)."""
    if cycle is None:
        return None
    sums = Expense.objects.filter(cycle=cycle).aggregate(
        total=Sum("amount_cents"),
        coop=Sum("amount_cents", filter=Q(supplier__is_cooperative=True)),
    )
    if not sums["total"]:
        return None
    return CoopShare(coop_cents=sums["coop"] or 0, total_cents=sums["total"])
