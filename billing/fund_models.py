"""Shared funds' allocations and CE-fund requests (see billing/funds.py). Imported by
billing/models.py, whose names they are."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FundAllocation(models.Model):
    """Money a passed shared-fund vote set aside from a fund, until the treasurer pays it out
    as an expense against the fund's budget line (billing/funds.py)."""

    budget_line = models.ForeignKey(
        "billing.BudgetLine",
        on_delete=models.PROTECT,
        related_name="fund_allocations",
        help_text=_("The fund (a budget line marked as one) it comes from."),
    )
    proposal = models.OneToOneField(
        "members.Proposal",
        on_delete=models.PROTECT,
        related_name="fund_allocation",
        help_text=_("The passed vote that approved it."),
    )
    amount_cents = models.PositiveBigIntegerField(help_text=_("The amount, in cents."))
    purpose = models.CharField(max_length=200, help_text=_("What it pays for."))
    payee_member = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_allocations",
        help_text=_("The member reimbursed, for a continuing-education request."),
    )
    expense = models.OneToOneField(
        "billing.Expense",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_allocation",
        help_text=_("The expense the treasurer recorded when paying it out."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was approved."))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("fund allocation")
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="allocation_positive"),
        ]

    def __str__(self):
        return f"{self.budget_line}: {self.amount_cents} ({self.purpose})"

    @property
    def is_paid(self):
        return self.expense_id is not None


class CERequest(models.Model):
    """A member's request that the continuing-education fund help pay for a training.

    Submitting it makes a shared-fund proposal (billing/funds.py); its status follows from the
    proposal and the allocation it leads to."""

    class Status(models.TextChoices):
        VOTING = "voting", _("Waiting for the members' vote")
        APPROVED = "approved", _("Approved; waiting for the reimbursement")
        DECLINED = "declined", _("Declined by the vote")
        WITHDRAWN = "withdrawn", pgettext_lazy("CE request", "Withdrawn")
        REIMBURSED = "reimbursed", _("Reimbursed")

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="ce_requests",
        help_text=_("The member asking."),
    )
    training = models.CharField(max_length=200, help_text=_("The training, and who gives it."))
    held_on = models.DateField(help_text=_("The day the training takes place (or starts)."))
    cost_cents = models.PositiveBigIntegerField(
        help_text=_("What the fund is asked for, in cents.")
    )
    note = models.TextField(
        blank=True, max_length=2000, help_text=_("Anything members should know.")
    )
    proposal = models.OneToOneField(
        "members.Proposal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ce_request",
        help_text=_("The shared-fund vote the request became."),
    )
    receipt = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The receipt, uploaded after the training."),
    )
    decision_emailed = models.BooleanField(
        default=False, help_text=_("Whether the member was told the vote's result.")
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was made."))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("CE-fund request")
        constraints = [
            models.CheckConstraint(condition=Q(cost_cents__gt=0), name="ce_request_positive"),
        ]

    def __str__(self):
        return f"{self.member}: {self.training}"

    @property
    def allocation(self):
        if self.proposal_id is None:
            return None
        return FundAllocation.objects.filter(proposal_id=self.proposal_id).first()

    @property
    def status(self):
        allocation = self.allocation
        if allocation is not None:
            return self.Status.REIMBURSED if allocation.is_paid else self.Status.APPROVED
        proposal = self.proposal
        if proposal is not None and proposal.status == "withdrawn":
            return self.Status.WITHDRAWN
        if proposal is not None and proposal.outcome == "failed":
            return self.Status.DECLINED
        return self.Status.VOTING

    def get_status_display(self):
        return self.Status(self.status).label
