"""Billing's forms: the draft a budget proposal is about, and the admin's cycle form, which
refuses any change by hand to a budget that only a vote may change (budgets.change_refusal)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from members.effects import ProposalFields

from . import budgets, ledger
from .models import Cycle


class DraftChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        figures = budgets.describe(obj)
        return f"{budgets.default_title(obj)} ({ledger.money(figures['monthly_cents'])})"


class CycleBudgetFields(ProposalFields, forms.Form):
    """What a cycle-budget proposal asks for: the draft budget it puts to the vote."""

    draft = DraftChoiceField(
        queryset=Cycle.objects.none(),
        label=_("Draft budget"),
        help_text=_(
            "The treasurer drafts budgets under Finances in the admin; the vote adopts the "
            "draft's lines as they are now."
        ),
        empty_label=None,
    )

    def __init__(self, *args, proposer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposer = proposer
        self.fields["draft"].queryset = budgets.drafts()

    def payload(self) -> dict:
        return budgets.payload_for(self.cleaned_data["draft"])

    def subject(self):
        return None


class CycleAdminForm(WagtailAdminModelForm):
    """A planned cycle's dates and lines are the treasurer's draft; once opened, adopted or
    put to the vote they are the members' decision, and the form refuses to change them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "amends" in self.fields:
            self.fields["amends"].queryset = Cycle.objects.filter(status=Cycle.Status.OPEN)
            self.fields["amends"].required = False

    def _lines_changed(self):
        formset = self.formsets.get("budget_lines")
        return formset is not None and formset.has_changed()

    def clean(self):
        cleaned = super().clean()
        refusal = budgets.change_refusal(self.instance)
        changed = set(self.changed_data) & {"start", "end", "amends"}
        if refusal and (changed or self._lines_changed()):
            raise ValidationError(refusal)
        amends = cleaned.get("amends")
        if amends is not None:
            # A change to a running cycle covers that cycle's dates.
            cleaned["start"], cleaned["end"] = amends.start, amends.end
            self.instance.start, self.instance.end = amends.start, amends.end
        return cleaned
