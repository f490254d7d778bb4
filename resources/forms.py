"""The form a provider uses to edit their own profile (outside the admin). The form that reads
the provider directory's filters from its URL is in `filters.py`, which imports no models."""

from django import forms
from django.utils.translation import gettext_lazy

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
        # The provider's own words, not the admin's: "you", "your practice".
        labels = {
            "pronouns": gettext_lazy("Your pronouns"),
            "practice_name": gettext_lazy("Your practice's name"),
            "intro": gettext_lazy("Short introduction"),
            "accepting_new_clients": gettext_lazy("I am accepting new clients"),
            "offers_telehealth": gettext_lazy("I offer telehealth (video or phone)"),
            "offers_in_person": gettext_lazy("I see clients in person"),
            "reduced_cost": gettext_lazy("I offer reduced-cost or sliding-scale sessions"),
            "reduced_cost_details": gettext_lazy("How reduced cost works for you"),
            "phone": gettext_lazy("Phone for clients"),
            "email": gettext_lazy("Email for clients"),
        }
        help_texts = {
            "pronouns": gettext_lazy("For example she/her, they/them. Leave empty if you prefer."),
            "practice_name": gettext_lazy("If your practice has a name of its own."),
            "intro": gettext_lazy(
                "One or two sentences under your name, also shown in the directory."
            ),
            "accepting_new_clients": gettext_lazy(
                "Saving this form confirms it. After a few weeks without a confirmation your "
                "profile says “contact to ask about availability” instead, so clients are "
                "never told you have room when you may not."
            ),
            "offers_telehealth": "",
            "offers_in_person": gettext_lazy("At the offices on your profile."),
            "reduced_cost": gettext_lazy(
                "Check this if some clients can pay less than your full fee."
            ),
            "reduced_cost_details": gettext_lazy(
                "For example: sliding scale from $40 to $120 a session."
            ),
            "phone": gettext_lazy("Shown on your profile as you write it, with a button to call."),
            "email": gettext_lazy(
                "Shown on your profile. Clients are asked not to send health details."
            ),
        }
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}

    booking_url = forms.URLField(
        required=False,
        assume_scheme="https",
        label=gettext_lazy("Booking link"),
        help_text=gettext_lazy(
            "Where clients can book or ask for a first session online, if you have one."
        ),
    )

    OWN_WORDS = {
        "specialties": (gettext_lazy("What you help with"), ""),
        "approaches": (
            gettext_lazy("How you work"),
            gettext_lazy("The therapy approaches you are trained in."),
        ),
        "populations": (
            gettext_lazy("Who you work with"),
            gettext_lazy("For example teens, couples, families."),
        ),
        "languages": (gettext_lazy("Languages you hold sessions in"), ""),
        "insurance": (gettext_lazy("Insurance you accept"), gettext_lazy("The plans you bill.")),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels, not "Label:"
        super().__init__(*args, **kwargs)
        self._init_term_fields()
        for name, (label, help_text) in self.OWN_WORDS.items():
            self.fields[name].label = label
            self.fields[name].help_text = help_text

    def selected_terms(self):
        # The states a provider is licensed in are not on this form: keep them as they are.
        kept = [t for t in self.instance.terms.all() if t.kind == TERM_FIELDS["licensed_states"][0]]
        return kept + super().selected_terms()
