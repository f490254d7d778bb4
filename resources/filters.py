"""The provider directory's filters, read from its URL by `DirectoryFilterForm`.

It is given the vocabularies and cities to accept and imports no models, so the directory page
can use it; the providers are queried from the `Filters` it returns by `ProviderQuerySet.matching`
(resources/models/provider.py).
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _

from home.text import clean_text, read_page_number, read_query

from .vocab import FILTER_PARAMS, FORMATS

MAX_VALUES_PER_PARAM = 10
MAX_QUERY_LENGTH = 100
MAX_QUERY_WORDS = 8
MAX_CITY_LENGTH = 80
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
TRUE_VALUES = {"1", "on", "true", "yes"}


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

    @property
    def words(self):
        """The words of the search text that narrow the results (at most MAX_QUERY_WORDS)."""
        return self.q.split()[:MAX_QUERY_WORDS]

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
