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
        # The provider's own words, not the admin's: "you", "your practice".
        labels = {
            "pronouns": _("Your pronouns"),
            "practice_name": _("Your practice's name"),
            "intro": _("Short introduction"),
            "accepting_new_clients": _("I am accepting new clients"),
            "offers_telehealth": _("I offer telehealth (video or phone)"),
            "offers_in_person": _("I see clients in person"),
            "reduced_cost": _("I offer reduced-cost or sliding-scale sessions"),
            "reduced_cost_details": _("How reduced cost works for you"),
            "phone": _("Phone for clients"),
            "email": _("Email for clients"),
        }
        help_texts = {
            "pronouns": _("For example she/her, they/them. Leave empty if you prefer."),
            "practice_name": _("If your practice has a name of its own."),
            "intro": _("One or two sentences under your name, also shown in the directory."),
            "accepting_new_clients": _(
                "Saving this form confirms it. After a few weeks without a confirmation your "
                "profile says “contact to ask about availability” instead, so clients are "
                "never told you have room when you may not."
            ),
            "offers_telehealth": "",
            "offers_in_person": _("At the offices on your profile."),
            "reduced_cost": _("Check this if some clients can pay less than your full fee."),
            "reduced_cost_details": _("For example: sliding scale from $40 to $120 a session."),
            "phone": _("Shown on your profile as you write it, with a button to call."),
            "email": _("Shown on your profile. Clients are asked not to send health details."),
        }
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}

    booking_url = forms.URLField(
        required=False,
        assume_scheme="https",
        label=_("Booking link"),
        help_text=_("Where clients can book or ask for a first session online, if you have one."),
    )

    OWN_WORDS = {
        "specialties": (_("What you help with"), ""),
        "approaches": (_("How you work"), _("The therapy approaches you are trained in.")),
        "populations": (_("Who you work with"), _("For example teens, couples, families.")),
        "languages": (_("Languages you hold sessions in"), ""),
        "insurance": (_("Insurance you accept"), _("The plans you bill.")),
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
