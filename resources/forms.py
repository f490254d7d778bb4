"""The form a provider uses to edit their own profile (outside the admin)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .admin_forms import TermFieldsMixin, _term_field
from .models import ProviderPage
from .vocab import TERM_FIELDS

OWN_TERM_FIELDS = ["specialties", "approaches", "populations", "languages", "insurance"]


class OwnProfileForm(TermFieldsMixin, forms.ModelForm):
    """What a provider may change themselves. Their name, licence, states and account link
    are checked by the co-op, so only editors change those, in the admin."""

    specialties = _term_field(*TERM_FIELDS["specialties"][1:])
    approaches = _term_field(*TERM_FIELDS["approaches"][1:])
    populations = _term_field(*TERM_FIELDS["populations"][1:])
    languages = _term_field(*TERM_FIELDS["languages"][1:])
    insurance = _term_field(*TERM_FIELDS["insurance"][1:])

    class Meta:
        model = ProviderPage
        fields = [
            "pronouns",
            "practice_name",
            "intro",
            "accepting_new_clients",
            "offers_telehealth",
            "offers_in_person",
            "reduced_cost",
            "reduced_cost_details",
            "booking_url",
            "phone",
            "email",
        ]
        labels = {"intro": _("Short introduction")}
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}

    booking_url = forms.URLField(
        required=False,
        assume_scheme="https",
        label=_("Booking link"),
        help_text=ProviderPage._meta.get_field("booking_url").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_term_fields()

    def selected_terms(self):
        # The states a provider is licensed in are not on this form: keep them as they are.
        kept = [t for t in self.instance.terms.all() if t.kind == TERM_FIELDS["licensed_states"][0]]
        return kept + super().selected_terms()
