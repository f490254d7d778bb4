"""The form a provider uses to edit their own profile (outside the admin), and the form that
reads the provider directory's filters from its URL."""

import re
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.text import clean_text, read_page_number, read_query

from .admin_forms import TermFieldsMixin, _term_field
from .models import ProviderPage
from .vocab import FILTER_PARAMS, TERM_FIELDS

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


MAX_VALUES_PER_PARAM = 10
MAX_QUERY_LENGTH = 100
MAX_QUERY_WORDS = 8
MAX_CITY_LENGTH = 80
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
TRUE_VALUES = {"1", "on", "true", "yes"}
FORMATS = {"telehealth": "offers_telehealth", "in-person": "offers_in_person"}


def format_labels():
    return {"telehealth": _("Telehealth"), "in-person": _("In person")}


@dataclass
class Filters:
    """What a directory visitor asked for, as read by `DirectoryFilterForm`."""

    terms: dict = field(default_factory=dict)  # param -> [DirectoryTerm]
    formats: list = field(default_factory=list)
    reduced_cost: bool = False
    accepting: bool = False
    city: str = ""
    q: str = ""
    page: int = 1
    notices: list = field(default_factory=list)

    @property
    def active(self):
        return bool(
            any(self.terms.values())
            or self.formats
            or self.reduced_cost
            or self.accepting
            or self.city
            or self.q
        )

    def params(self):
        """The filters as (name, value) pairs, in a stable order, without the page number."""
        pairs = []
        for param, terms in self.terms.items():
            pairs += [(param, term.slug) for term in terms]
        pairs += [("format", value) for value in self.formats]
        if self.reduced_cost:
            pairs.append(("reduced_cost", "1"))
        if self.accepting:
            pairs.append(("accepting", "1"))
        if self.city:
            pairs.append(("city", self.city))
        if self.q:
            pairs.append(("q", self.q))
        return pairs


class RawTextField(forms.CharField):
    """Any text at all, never an error: the clean_* methods below decide what it means
    (a NUL, which CharField refuses, is dropped by `clean_text`)."""

    def __init__(self):
        super().__init__(required=False, strip=False)
        self.validators = []


class DirectoryFilterForm(forms.Form):
    """The directory's filters from a query string, read like the site search's `SearchForm`
    (search/forms.py): never invalid. Unknown or malformed values are dropped, and each
    dropped value adds a polite notice instead of an error."""

    reduced_cost = RawTextField()
    accepting = RawTextField()
    city = RawTextField()
    q = RawTextField()
    page = RawTextField()

    def __init__(self, data, all_terms, cities):
        super().__init__(data)
        self.by_kind_slug = {(t.kind, t.slug): t for t in all_terms}
        self.known_cities = {c.lower(): c for c, _state in cities}
        self.notices = []

    def filters(self) -> Filters:
        terms = {param: self._terms(param, kind) for param, kind in FILTER_PARAMS.items()}
        formats = self._formats()
        self.full_clean()
        data = self.cleaned_data
        return Filters(
            terms=terms,
            formats=formats,
            reduced_cost=data["reduced_cost"],
            accepting=data["accepting"],
            city=data["city"],
            q=data["q"],
            page=data["page"],
            notices=self.notices,
        )

    def _values(self, param):
        raw_values = self.data.getlist(param)[:MAX_VALUES_PER_PARAM]
        return [value for value in (clean_text(raw).lower() for raw in raw_values) if value]

    def _terms(self, param, kind):
        chosen = []
        for value in self._values(param):
            term = self.by_kind_slug.get((kind, value)) if SLUG_RE.match(value) else None
            if term is None:
                self.notices.append(
                    _("We ignored an unknown %(filter)s filter.") % {"filter": kind.label.lower()}
                )
            elif term not in chosen:
                chosen.append(term)
        return chosen

    def _formats(self):
        chosen = []
        for value in self._values("format"):
            if value not in FORMATS:
                self.notices.append(_("We ignored an unknown session format."))
            elif value not in chosen:
                chosen.append(value)
        return chosen

    def clean_reduced_cost(self):
        return clean_text(self.cleaned_data["reduced_cost"]).lower() in TRUE_VALUES

    def clean_accepting(self):
        return clean_text(self.cleaned_data["accepting"]).lower() in TRUE_VALUES

    def clean_city(self):
        city = clean_text(self.cleaned_data["city"])
        if not city:
            return ""
        if len(city) <= MAX_CITY_LENGTH and city.lower() in self.known_cities:
            return self.known_cities[city.lower()]
        self.notices.append(_("We have no office in that city, so we ignored it."))
        return ""

    def clean_q(self):
        query, shortened = read_query(self.cleaned_data["q"], MAX_QUERY_LENGTH)
        if shortened:
            self.notices.append(
                _("Your search was long, so we used its first %(count)s characters.")
                % {"count": MAX_QUERY_LENGTH}
            )
        return query

    def clean_page(self):
        return read_page_number(self.cleaned_data["page"])
