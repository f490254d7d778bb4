"""Forms for shared funds: the fields a shared-fund proposal asks for (registered with
`members.effects.register_form`), a CE request, its receipt and the treasurer's payment."""

from decimal import Decimal

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from members.effects import ProposalFields

from . import funds
from .models import BudgetLine

MAX_RECEIPT_BYTES = 10 * 1024 * 1024
RECEIPT_TYPES = ["pdf", "png", "jpg", "jpeg"]


def cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def _amount_field(label, help_text):
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0.01"),
        max_value=Decimal("1000000"),
        max_digits=9,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


class FundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        left = funds.balance(obj).available_cents
        return _("%(fund)s (%(left)s left)") % {
            "fund": funds.fund_name(obj),
            "left": funds.money(left),
        }


class FundSpendingFields(ProposalFields, forms.Form):
    """A shared-fund proposal: which fund, how much and what for."""

    fund = FundChoiceField(
        label=_("Fund"),
        queryset=BudgetLine.objects.none(),  # the open cycle's funds, set per form
        empty_label=None,
        help_text=_("A shared fund of the open fee cycle, with what is left to allocate."),
    )
    amount = _amount_field(_("Amount in dollars"), _("For example: 250.00"))
    purpose = forms.CharField(
        label=_("What it pays for"),
        max_length=200,
        help_text=_("One line, shown with the allocation on the finances page."),
    )

    def __init__(self, data=None, *args, proposer=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.proposer = proposer
        self.fields["fund"].queryset = funds.spendable_funds()

    def clean(self):
        data = super().clean()
        line, amount = data.get("fund"), data.get("amount")
        if line is not None and amount is not None:
            try:
                funds.check_amount(line, cents(amount))
            except funds.FundError as error:
                self.add_error("amount", str(error))
        return data

    def payload(self) -> dict:
        data = self.cleaned_data
        return {
            "budget_line": data["fund"].pk,
            "amount_cents": cents(data["amount"]),
            "purpose": data["purpose"],
        }

    def subject(self):
        return None


class FundProposalForm(FundSpendingFields):
    """The members' page for proposing to spend from a fund: title and reasons first."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("What you propose and why"), max_length=20000, widget=forms.Textarea
    )
    field_order = ["title", "body", "fund", "amount", "purpose"]


class CERequestForm(forms.Form):
    training = forms.CharField(
        label=_("Training"),
        max_length=200,
        help_text=_("Its title and who gives it, e.g. 'Trauma-informed care, NW Institute'."),
    )
    held_on = forms.DateField(
        label=_("Date of the training"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day it takes place, or its first day."),
    )
    cost = _amount_field(
        _("Amount asked, in dollars"), _("What you ask the fund to pay, e.g. 180.00.")
    )
    note = forms.CharField(
        label=_("Anything else members should know (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReceiptForm(forms.Form):
    receipt = forms.FileField(
        label=_("Receipt"),
        validators=[FileExtensionValidator(RECEIPT_TYPES)],
        help_text=_("A PDF or a photo (PNG or JPEG), up to 10 MB."),
    )

    def clean_receipt(self):
        receipt = self.cleaned_data["receipt"]
        if receipt.size > MAX_RECEIPT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return receipt


class PayAllocationForm(forms.Form):
    paid_on = forms.DateField(
        label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    payee = forms.CharField(label=_("Paid to"), max_length=200)
