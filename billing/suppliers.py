"""Suppliers, and principle 6 (cooperation among cooperatives) in figures: how much of a
cycle's shared spending went to cooperatives, the suppliers the treasurer marked as such.

`Supplier` is a billing model (imported by billing/models.py, where `Expense` names one)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _


class Supplier(models.Model):
    """Who the co-op pays; the treasurer marks cooperatives (principle 6 counts them)."""

    name = models.CharField(max_length=200, unique=True, help_text=_("The supplier's name."))
    is_cooperative = models.BooleanField(
        default=False,
        verbose_name=_("cooperative"),
        help_text=_("A cooperative or a business run by one (principle 6 counts these)."),
    )
    url = models.URLField(blank=True, help_text=_("Its website, if any."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("supplier")

    def __str__(self):
        return self.name


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


def coop_share(cycle) -> CoopShare | None:
    """The cycle's spending so far, and the part paid to cooperatives (None: no spending)."""
    if cycle is None:
        return None
    sums = cycle.expenses.aggregate(
        total=Sum("amount_cents"),
        coop=Sum("amount_cents", filter=Q(supplier__is_cooperative=True)),
    )
    if not sums["total"]:
        return None
    return CoopShare(coop_cents=sums["coop"] or 0, total_cents=sums["total"])
