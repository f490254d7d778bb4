"""Fee cycles, budget lines, the fee history, the ledger and Stripe bookkeeping.

Money is integer cents throughout; time is timezone-aware.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .suppliers import Supplier


class Category(models.TextChoices):
    ADMIN_STAFF = "admin_staff", _("Admin staff")
    EHR_BILLING = "ehr_billing", _("EHR and insurance billing service")
    INSURANCE = "insurance", _("Liability insurance")
    WEBSITE = "website", _("Website")
    CE_FUND = "ce_fund", _("Continuing-education fund")
    SUPPLIES = "supplies", _("Supplies and tools")
    DEFICIT = "deficit", _("Deficit carried from the last cycle")
    OTHER = "other", _("Other")


class Cycle(ClusterableModel):
    class Status(models.TextChoices):
        # Context: Spanish agrees these with "ciclo", not with "propuesta".
        PLANNED = "planned", pgettext_lazy("fee cycle", "Planned")
        OPEN = "open", pgettext_lazy("fee cycle", "Open")
        CLOSING = "closing", pgettext_lazy("fee cycle", "Closing")
        CLOSED = "closed", pgettext_lazy("fee cycle", "Closed")

    start = models.DateField(help_text=_("The first day of the cycle."))
    end = models.DateField(help_text=_("The last day of the cycle (six months by default)."))
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.PLANNED,
        db_index=True,
        help_text=_("Planned, open (fee charged), closing (refunds under way) or closed."),
    )
    member_count = models.PositiveIntegerField(
        default=0, help_text=_("Active providers when the cycle opened; the fee divides by this.")
    )
    fee_cents = models.PositiveIntegerField(
        default=0, help_text=_("The monthly fee in cents, rounded up to the cent.")
    )
    stripe_price_id = models.CharField(
        max_length=255, blank=True, help_text=_("The Stripe Price charged for this fee.")
    )
    surplus_cents = models.BigIntegerField(
        null=True,
        blank=True,
        help_text=_("Collected minus expenses, fixed at close (negative: a deficit)."),
    )
    closed_at = models.DateTimeField(null=True, blank=True, help_text=_("When the close ended."))
    # A planned cycle is a draft budget: the next cycle's, or (with `amends`) a change to the
    # running cycle's. Only a passed vote adopts it (billing/budgets.py).
    amends = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="amendment_drafts",
        help_text=_("For a draft change to a running cycle's budget: the cycle it changes."),
    )
    adopted_by = models.ForeignKey(
        "members.Proposal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The passed vote that adopted this budget; the cycle opens on its start."),
    )

    class Meta:
        ordering = ["-start"]
        verbose_name = _("fee cycle")
        verbose_name_plural = _("fee cycles")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="cycle_end_after")
        ]

    def __str__(self):
        return f"{self.start:%b %Y} – {self.end:%b %Y}"

    @property
    def months(self):
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def monthly_budget_cents(self):
        return sum(line.monthly_cents for line in self.budget_lines.all())


class BudgetLine(models.Model):
    cycle = ParentalKey(
        Cycle, on_delete=models.CASCADE, related_name="budget_lines", help_text=_("The cycle.")
    )
    category = models.CharField(
        max_length=32, choices=Category.choices, help_text=_("What kind of shared cost.")
    )
    description = models.CharField(
        max_length=200, blank=True, help_text=_("e.g. 'Admin coordinator, 20 hours a week'.")
    )
    monthly_cents = models.BigIntegerField(help_text=_("The agreed monthly amount, in cents."))
    is_fund = models.BooleanField(
        default=False,
        help_text=_("A shared fund: members vote to spend from it (a CE-fund line always is one)."),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("budget line")

    def __str__(self):
        return f"{self.get_category_display()}: {self.monthly_cents}"


class FeeChange(models.Model):
    """The fee's history: one row each time a cycle's fee is set."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="fee_changes", help_text=_("The cycle.")
    )
    monthly_budget_cents = models.BigIntegerField(help_text=_("The monthly budget then."))
    member_count = models.PositiveIntegerField(help_text=_("The providers it was divided by."))
    fee_cents = models.PositiveIntegerField(help_text=_("The resulting monthly fee."))
    reason = models.CharField(max_length=200, help_text=_("Why the fee was set."))
    proposal = models.ForeignKey(
        "members.Proposal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The passed budget vote, if one set it."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When."))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("fee change")

    def __str__(self):
        return f"{self.cycle}: {self.fee_cents}"


class Expense(models.Model):
    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="expenses", help_text=_("The cycle.")
    )
    date = models.DateField(help_text=_("The day it was paid."))
    supplier = models.ForeignKey(
        Supplier,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expenses",
        help_text=_("Who was paid."),
    )
    payee = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The name on the bill; left empty, the supplier's name."),
    )
    category = models.CharField(
        max_length=32, choices=Category.choices, help_text=_("Which budget line it counts against.")
    )
    amount_cents = models.PositiveBigIntegerField(help_text=_("The amount, in cents."))
    description = models.TextField(blank=True, help_text=_("What it was for."))
    receipt = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The receipt, uploaded to the private 'Receipts' collection."),
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("expense")

    def __str__(self):
        return f"{self.date} {self.payee}"

    def save(self, *args, **kwargs):
        # Every expense names its supplier: a payee written without one becomes (or finds) one.
        if self.supplier_id is None and self.payee:
            self.supplier, _created = Supplier.objects.get_or_create(name=self.payee[:200])
        if not self.payee and self.supplier_id:
            self.payee = self.supplier.name
        super().save(*args, **kwargs)


class BillingAccount(models.Model):
    """A member's link to Stripe: customer, subscription and its last known state."""

    member = models.OneToOneField(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="billing_account",
        help_text=_("The member."),
    )
    stripe_customer_id = models.CharField(
        max_length=255, unique=True, null=True, blank=True, help_text=_("Stripe customer id.")
    )
    stripe_subscription_id = models.CharField(
        max_length=255, blank=True, help_text=_("Stripe subscription id.")
    )
    subscription_status = models.CharField(
        max_length=32, blank=True, help_text=_("Stripe's subscription status.")
    )
    cancel_at_period_end = models.BooleanField(
        default=False, help_text=_("Whether the subscription stops at the period's end.")
    )
    status_as_of = models.DateTimeField(
        null=True, blank=True, help_text=_("Time of the Stripe event the status comes from.")
    )

    class Meta:
        verbose_name = _("billing account")

    def __str__(self):
        return str(self.member)


class Payment(models.Model):
    class Method(models.TextChoices):
        STRIPE = "stripe", _("Stripe")
        MANUAL = "manual", _("Check or bank transfer")

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded", _("Paid")
        FAILED = "failed", pgettext_lazy("payment", "Failed")

    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="payments", help_text=_("Payer.")
    )
    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="payments", help_text=_("The cycle.")
    )
    amount_cents = models.PositiveBigIntegerField(help_text=_("The amount, in cents."))
    paid_at = models.DateTimeField(help_text=_("When it was paid (or failed)."))
    method = models.CharField(
        max_length=16, choices=Method.choices, default=Method.MANUAL, help_text=_("How.")
    )
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.SUCCEEDED,
        help_text=_("Failed payments are kept to tell the member; only paid ones count."),
    )
    stripe_invoice_id = models.CharField(
        max_length=255, null=True, blank=True, unique=True, help_text=_("Stripe invoice id.")
    )
    stripe_payment_intent_id = models.CharField(
        max_length=255, null=True, blank=True, unique=True, help_text=_("PaymentIntent id.")
    )
    stripe_charge_id = models.CharField(
        max_length=255, blank=True, help_text=_("Stripe charge id, when known.")
    )
    note = models.CharField(
        max_length=200, blank=True, help_text=_("e.g. 'Check no. 1042' for manual payments.")
    )

    class Meta:
        ordering = ["-paid_at", "-pk"]
        verbose_name = _("payment")

    def __str__(self):
        return f"{self.member} {self.amount_cents} {self.paid_at:%Y-%m-%d}"


class Allocation(models.Model):
    """A member's share of a closed cycle's surplus, stored before any refund is made."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="allocations", help_text=_("The cycle.")
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="+", help_text=_("The member.")
    )
    paid_cents = models.PositiveBigIntegerField(help_text=_("What they paid in the cycle."))
    share_cents = models.PositiveBigIntegerField(help_text=_("Their share of the surplus."))

    class Meta:
        ordering = ["cycle", "member"]
        verbose_name = _("surplus share")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "member"], name="one_share_per_member")
        ]

    def __str__(self):
        return f"{self.cycle}: {self.member_id} {self.share_cents}"


class Refund(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SUBMITTING = "submitting", _("Sending to Stripe")
        PENDING = "pending", _("Pending at Stripe")
        SUCCEEDED = "succeeded", _("Refunded")
        FAILED = "failed", _("Failed; will be retried")
        DUE = "due", _("Due: the treasurer pays it")
        PAID = "paid", _("Paid by the treasurer")

        @classmethod
        def from_stripe(cls, stripe_status: str | None) -> "Refund.Status":
            """Our status for a Stripe refund's `status`; unknown or missing reads as pending.

            Stripe's "failed" and "canceled" mean the money did not go back to the card, so the
            refund becomes due: the treasurer pays it another way."""
            return cls(_STRIPE_REFUND_STATUS.get(stripe_status or "", "pending"))

    DONE = (Status.SUCCEEDED, Status.PAID)

    cycle = models.ForeignKey(
        Cycle,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refunds",
        help_text=_("The cycle whose surplus it returns (empty: a refund made at Stripe)."),
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="refunds", help_text=_("Payee.")
    )
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, related_name="refunds", help_text=_("Refunded payment.")
    )
    amount_cents = models.PositiveBigIntegerField(help_text=_("The amount, in cents."))
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.PLANNED,
        db_index=True,
        help_text=_("planned → submitting → succeeded or failed; manual: due → paid."),
    )
    key = models.CharField(
        max_length=200,
        unique=True,
        help_text=_("Idempotency key and metadata: refund:{cycle}:{member}:{payment}."),
    )
    stripe_refund_id = models.CharField(
        max_length=255, null=True, blank=True, unique=True, help_text=_("Stripe refund id.")
    )
    error = models.TextField(blank=True, help_text=_("The last error, if any."))
    attempts = models.PositiveSmallIntegerField(default=0, help_text=_("Calls made to Stripe."))
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When planned."))
    updated_at = models.DateTimeField(auto_now=True, help_text=_("Last change."))
    emailed = models.BooleanField(default=False, help_text=_("Whether the member was told."))

    class Meta:
        ordering = ["cycle", "member", "pk"]
        verbose_name = _("refund")
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="refund_positive"),
        ]

    def __str__(self):
        return self.key


# A Stripe refund's status -> the value of ours (`Refund.Status.from_stripe`).
_STRIPE_REFUND_STATUS: dict[str, str] = {
    "succeeded": "succeeded",
    "pending": "pending",
    "requires_action": "pending",
    "failed": "due",
    "canceled": "due",
}


class StripeEvent(models.Model):
    """Each Stripe event, stored once by its id: a duplicate delivery is not processed again."""

    event_id = models.CharField(max_length=255, unique=True, help_text=_("Stripe's event id."))
    type = models.CharField(max_length=100, help_text=_("e.g. invoice.paid."))
    created = models.DateTimeField(help_text=_("When Stripe created the event."))
    payload = models.JSONField(help_text=_("The event as received."))
    received_at = models.DateTimeField(auto_now_add=True, help_text=_("When it arrived."))
    source = models.CharField(
        max_length=16, default="webhook", help_text=_("webhook or reconcile.")
    )
    outcome = models.CharField(max_length=200, blank=True, help_text=_("What processing did."))

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("Stripe event")

    def __str__(self):
        return f"{self.type} {self.event_id}"


# Shared funds and CE-fund requests live in their own module (this one is long enough);
# imported here so Django finds them and `billing.models` names them all.
from .fund_models import CERequest, FundAllocation  # noqa: E402, F401
