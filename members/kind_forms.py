"""The fields each kind of proposal asks for (see `members.effects.ProposalFields`).

Registered by their owners: the decision kinds by `members.decisions`, ending a contract by
`members.membership`. Money is typed as dollars and kept as integer cents; dates are days.
"""

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .effects import ProposalFields
from .models import Kind, Member
from .models.decisions import PERIODS

# The member whose contract would end is told at once, and heard no sooner than this.
HEARING_NOTICE = timedelta(hours=48)


class DollarsField(forms.DecimalField):
    """An amount typed in dollars ("1,250.50" or "1250.5"), cleaned to integer cents."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal("0.01"))
        kwargs.setdefault("max_value", Decimal("1000000"))
        super().__init__(max_digits=10, decimal_places=2, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "step": "0.01"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().lstrip("$").replace(",", "")
        return super().to_python(value)

    def clean(self, value):
        dollars = super().clean(value)
        return None if dollars is None else int(dollars * 100)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def not_in_the_past(day):
    if day < timezone.localdate():
        raise forms.ValidationError(_("Choose today or a later day."))


class StartDayField(forms.DateField):
    """The day a change starts: today or later, picked with the browser's date control."""

    widget = DateInput
    default_validators = [not_in_the_past]


class KindFields(ProposalFields, forms.Form):
    """Common ground: built as `form_class(data, proposer=member)`."""

    def __init__(self, *args, proposer=None, **kwargs):
        self.proposer = proposer
        super().__init__(*args, **kwargs)

    def payload(self):
        data = {}
        for name, value in self.cleaned_data.items():
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return data

    def subject(self):
        return None


class StaffingFields(KindFields):
    change = forms.CharField(
        label=_("What changes"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: hire a part-time office coordinator, 20 hours a week."),
    )
    effective_from = StartDayField(
        label=_("Effective from"), help_text=_("The day the change starts.")
    )


class PayFields(KindFields):
    PERIODS = [(key, PERIODS[key]) for key in ("hour", "month", "year")]

    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        help_text=_("Whose pay changes, by role: for example, office coordinator."),
    )
    amount_cents = DollarsField(
        label=_("New pay in dollars"), help_text=_("For example: 28.50 or 4,200.")
    )
    period = forms.ChoiceField(label=_("Paid"), choices=PERIODS)
    effective_from = StartDayField(
        label=_("Effective from"), help_text=_("The first day of the new pay.")
    )


class ServiceFields(KindFields):
    PERIODS = [(key, PERIODS[key]) for key in ("once", "month", "year")]

    service = forms.CharField(
        label=_("Which service"),
        max_length=200,
        help_text=_("The service and who provides it: for example, a shared EHR from Acme."),
    )
    cost_cents = DollarsField(
        label=_("Cost in dollars"), help_text=_("What the co-op pays for it, for example 300.")
    )
    period = forms.ChoiceField(label=_("Paid"), choices=PERIODS)
    starts_on = StartDayField(label=_("From"), help_text=_("The day the co-op starts using it."))


class EndContractFields(KindFields):
    """The member concerned, and the hearing they are told of before anyone votes."""

    member = forms.ModelChoiceField(
        label=_("Member concerned"),
        queryset=Member.objects.none(),
        help_text=_("The provider whose contract would end. They are told by email at once."),
    )
    hearing_at = forms.DateTimeField(
        label=_("Date and time of the hearing"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_(
            "When the member may be heard: at least two days from now and before the vote closes."
        ),
    )
    hearing_place = forms.CharField(
        label=_("Where the hearing takes place"),
        max_length=200,
        help_text=_("A room or a video call link."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        members = Member.objects.active().order_by("display_name")
        if self.proposer is not None:
            members = members.exclude(pk=self.proposer.pk)
        self.fields["member"].queryset = members

    def clean_hearing_at(self):
        from .voting import rule_for

        hearing = self.cleaned_data.get("hearing_at")
        now = timezone.now()
        rule = rule_for(self.kind)
        closes = now + timedelta(hours=rule.min_notice_hours + rule.min_voting_hours)
        if hearing < now + HEARING_NOTICE:
            raise forms.ValidationError(_("Give the member at least two days' notice."))
        if hearing >= closes:
            raise forms.ValidationError(_("The hearing must take place before the vote closes."))
        return hearing

    kind = Kind.END_CONTRACT

    def payload(self):
        return {
            "hearing_at": self.cleaned_data["hearing_at"].isoformat(),
            "hearing_place": self.cleaned_data["hearing_place"],
        }

    def subject(self):
        return self.cleaned_data["member"]

    def proposed(self, proposal):
        """Tell the member, through the outbox, in the same transaction as the proposal."""
        from .notices import contract_notice

        contract_notice(proposal)
