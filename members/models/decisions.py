"""The decisions register: what a passed vote decided, from when, and which vote it was."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .proposals import Kind

# How often an amount is paid (`details["period"]`), as the register shows it.
PERIODS = {
    "once": _("once"),
    "hour": _("per hour"),
    "month": _("per month"),
    "year": _("per year"),
}


class Decision(models.Model):
    """An entry of the register, written once by the effect of a passed proposal.

    A record, not a draft: nothing edits it afterwards (the admin shows it read-only). A
    later vote that changes the decision adds its own entry.
    """

    proposal = models.OneToOneField(
        "members.Proposal",
        on_delete=models.PROTECT,
        related_name="decision",
        help_text=_("The vote that decided it."),
    )
    kind = models.CharField(
        max_length=32, choices=Kind.choices, db_index=True, help_text=_("The kind of decision.")
    )
    title = models.CharField(max_length=200, help_text=_("What was decided, in a line."))
    text = models.TextField(blank=True, help_text=_("What was decided, in full."))
    effective_from = models.DateField(help_text=_("The day the decision takes effect."))
    decided_at = models.DateTimeField(help_text=_("When the vote closed."))
    amount_cents = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("The amount decided, in cents (pay, cost), if any.")
    )
    details = models.JSONField(
        default=dict, blank=True, help_text=_("The fields the proposal asked for, as proposed.")
    )

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.title

    @property
    def period_display(self):
        return PERIODS.get((self.details or {}).get("period", ""), "")
