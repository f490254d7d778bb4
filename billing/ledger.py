"""Sums over the ledger for the finances page, the CSV export and the public principle 3."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils import formats
from django.utils.translation import gettext as _

from .models import Category, Cycle, Expense, Payment, Refund


def collected_cents(cycle: Cycle) -> int:
    return (
        Payment.objects.filter(cycle=cycle, status=Payment.Status.SUCCEEDED).aggregate(
            total=Sum("amount_cents")
        )["total"]
        or 0
    )


def spent_cents(cycle: Cycle) -> int:
    return Expense.objects.filter(cycle=cycle).aggregate(total=Sum("amount_cents"))["total"] or 0


def returned_cents(cycle: Cycle) -> int:
    """Surplus refunds made (by Stripe or paid by the treasurer) or owed for the cycle."""
    return (
        Refund.objects.filter(
            cycle=cycle,
            status__in=[Refund.Status.SUCCEEDED, Refund.Status.PAID, Refund.Status.DUE],
        ).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )


@dataclass
class CategoryRow:
    category: str
    label: str
    budget_cents: int
    actual_cents: int
    budget_width: float = 0.0
    actual_width: float = 0.0
    y: int = 0


@dataclass
class Summary:
    cycle: Cycle
    monthly_budget_cents: int
    budget_total_cents: int
    collected_cents: int
    spent_cents: int
    expected_cents: int
    rows: list[CategoryRow] = field(default_factory=list)

    @property
    def surplus_so_far_cents(self) -> int:
        return self.collected_cents - self.spent_cents

    @property
    def chart_height(self) -> int:
        return max(1, len(self.rows)) * 48

    @property
    def projected_cents(self) -> int:
        """Expected collections over the cycle minus what the budget plans to spend."""
        return self.expected_cents - max(self.budget_total_cents, self.spent_cents)


BAR_MAX = 360.0  # chart units; the SVG scales to its box


def summary(cycle: Cycle) -> Summary:
    months = cycle.months
    budget: dict[str, int] = {}
    for line in cycle.budget_lines.all():
        budget[line.category] = budget.get(line.category, 0) + line.monthly_cents * months
    actual = dict(
        Expense.objects.filter(cycle=cycle)
        .values_list("category")
        .annotate(total=Sum("amount_cents"))
        .values_list("category", "total")
    )
    labels = dict(Category.choices)
    rows = [
        CategoryRow(key, str(labels.get(key, key)), budget.get(key, 0), actual.get(key, 0))
        for key in labels
        if key in budget or key in actual
    ]
    top = max([1] + [max(r.budget_cents, r.actual_cents) for r in rows])
    for index, row in enumerate(rows):
        row.budget_width = round(max(0, row.budget_cents) / top * BAR_MAX, 1)
        row.actual_width = round(row.actual_cents / top * BAR_MAX, 1)
        row.y = index * 48
    monthly = sum(line.monthly_cents for line in cycle.budget_lines.all())
    return Summary(
        cycle=cycle,
        monthly_budget_cents=monthly,
        budget_total_cents=monthly * months,
        collected_cents=collected_cents(cycle),
        spent_cents=spent_cents(cycle),
        expected_cents=cycle.fee_cents * cycle.member_count * months,
        rows=rows,
    )


def member_paid_cents(member, cycle: Cycle) -> int:
    return (
        Payment.objects.filter(
            member=member, cycle=cycle, status=Payment.Status.SUCCEEDED
        ).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )


def dollars(cents: int | None) -> str:
    """`$1,234.56` (negative: `-$1,234.56`)."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}${whole:,}.{part:02d}"


def money(cents: int | None) -> str:
    """An amount as the active language writes it: `$3,510.00` in English, `3.510,00 US$` in
    Spanish. Django's own number formats give the separators (as they already localize the
    dates); the catalogue gives where the currency goes, so no currency library is needed
    for the one currency the co-op uses."""
    if cents is None:
        return ""
    amount = formats.number_format(
        Decimal(abs(int(cents))) / 100, decimal_pos=2, use_l10n=True, force_grouping=True
    )
    sign = "-" if cents < 0 else ""
    # Translators: an amount in US dollars; %(amount)s already has the separators.
    return _("%(sign)s$%(amount)s") % {"sign": sign, "amount": amount}
