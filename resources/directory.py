"""The provider directory's presentation: the filter form, chips and page links, the way back
from a profile, and a profile's structured data.

Plain functions of the values they are given, importing no models (the page models call them),
tested through the directory page (tests/resources/test_directory.py). The filters are read by
`DirectoryFilterForm` (resources/filters.py) and the providers queried by `ProviderQuerySet`
(resources/models/provider.py). The number of queries a listing runs does not depend on how
many providers there are: each filter is an indexed subquery of the one query for a page of
results; the filter form (rendered once with every option: `render_filter_form`), the count,
the cities and the result cards (resources/cards.py) come from the cache, and a card not found
costs two queries for the terms and offices of all such cards.
"""

import hashlib
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from . import markup
from .filters import format_labels
from .vocab import FILTER_PARAMS


def _url(pairs, page=None):
    pairs = list(pairs) + ([("page", str(page))] if page and page != 1 else [])
    return "?" + urlencode(pairs) if pairs else "?"


DIRECTORY_PARAMS = {*FILTER_PARAMS, "format", "reduced_cost", "accepting", "city", "q", "page"}


def directory_return_url(directory_url, query):
    """The directory as the visitor left it: the filters of a profile link's query string (only
    the directory's own parameters), opened at the results."""
    pairs = [
        (name, value[:100])
        for name, values in query.lists()
        if name in DIRECTORY_PARAMS
        for value in values[:20]
    ]
    return directory_url + (_url(pairs) if pairs else "") + "#results"


def filters_digest(query):
    """A short name for the filters a query string asks for (its directory parameters but
    the page number, in any order): equal for queries that read as the same filters while
    the vocabularies and cities stay the same."""
    pairs = sorted(
        (name, value)
        for name, values in query.lists()
        if name in DIRECTORY_PARAMS and name != "page"
        for value in values
    )
    return hashlib.sha256(urlencode(pairs).encode()).hexdigest()[:32]


def chips(filters):
    """Each active filter as a label and the link that removes it."""
    pairs = filters.params()
    labels = format_labels()
    result = []
    for index, (name, value) in enumerate(pairs):
        if name in FILTER_PARAMS:
            term = next(t for t in filters.terms[name] if t.slug == value)
            label = f"{term.get_kind_display()}: {term.label}"
        elif name == "format":
            label = labels[value]
        elif name == "reduced_cost":
            label = _("Reduced cost or sliding scale")
        elif name == "accepting":
            label = _("Accepting new clients")
        elif name == "city":
            label = _("City: %(city)s") % {"city": value}
        else:
            label = _("Search: %(text)s") % {"text": value}
        rest = pairs[:index] + pairs[index + 1 :]
        result.append({"label": label, "remove_url": _url(rest)})
    return result


def directory_listing(filters, results, form, per_page, cutoff, count=None):
    """Everything the directory template needs: the visitor's `filters`, one page of `results`
    (the matching providers, in order; `count` of them, if known), the filter `form` (from
    `render_filter_form`) filled in for them."""
    paginator = Paginator(results, per_page)
    if count is not None:
        paginator.count = count  # instead of its COUNT query
    page_obj = paginator.get_page(filters.page)
    pairs = filters.params()
    return {
        "filters": filters,
        "form": markup.fill(form, filter_form_values(filters)),
        "page_obj": page_obj,
        "count": paginator.count,
        "chips": chips(filters),
        # Carried on each profile link, so "Back to the directory" keeps the filters.
        "query": urlencode(
            pairs + ([("page", str(page_obj.number))] if page_obj.number > 1 else [])
        ),
        "previous_url": _url(pairs, page_obj.previous_page_number())
        if page_obj.has_previous()
        else "",
        "next_url": _url(pairs, page_obj.next_page_number()) if page_obj.has_next() else "",
        "cutoff": cutoff,
    }


FORM_TEMPLATE = "resources/includes/directory_filters.html"
CHECKED, SELECTED, OPEN = " checked", " selected", " open"


def render_filter_form(action, all_terms, cities):
    """The filter form with every option, for the cache (resources/markup.py): the same for
    every visitor of one directory, language and host but for its holes, which
    `filter_form_values` fills."""
    by_param = {param: [] for param in FILTER_PARAMS}
    param_of = {kind: param for param, kind in FILTER_PARAMS.items()}
    for term in all_terms:
        by_param[param_of[term.kind]].append(term)

    def context(holes):
        return {
            "action": action,
            "q": holes["q"],
            "accepting": holes["accepting"],
            "reduced_cost": holes["reduced_cost"],
            "formats": [
                {"value": value, "label": label, "checked": holes["format", value]}
                for value, label in format_labels().items()
            ],
            "cities": [
                {"value": city, "label": f"{city}, {state}", "selected": holes["city", city]}
                for city, state in cities
            ],
            "groups": [
                {
                    "param": param,
                    "label": FILTER_PARAMS[param].label,
                    "open": holes["open", param],
                    "terms": [
                        {"slug": t.slug, "name": t.label, "checked": holes[param, t.slug]}
                        for t in terms
                    ],
                }
                for param, terms in by_param.items()
                if terms
            ],
        }

    return markup.render(FORM_TEMPLATE, context)


def filter_form_values(filters):
    """What fills the filter form's holes for a visitor's `filters`."""
    values = {"q": filters.q}
    if filters.accepting:
        values["accepting"] = CHECKED
    if filters.reduced_cost:
        values["reduced_cost"] = CHECKED
    for value in filters.formats:
        values["format", value] = CHECKED
    if filters.city:
        values["city", filters.city] = SELECTED
    for param, terms in filters.terms.items():
        if terms:
            values["open", param] = OPEN
        for term in terms:
            values[param, term.slug] = CHECKED
    return values


def provider_json_ld(page, request=None):
    """schema.org data for one profile: a Person with their practice and offices."""
    by_kind = page.terms_by_kind
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": page.title,
        "url": page.get_full_url(request),
        "jobTitle": page.get_licence_type_display(),
        "honorificSuffix": page.credentials,
        "knowsLanguage": [t.label for t in by_kind["language"]],
        "knowsAbout": [t.label for t in by_kind["specialty"]],
    }
    contact = {}
    if page.phone:
        contact["telephone"] = page.phone
    if page.email:
        contact["email"] = page.email
    data.update(contact)
    business = {
        "@type": "MedicalBusiness",
        "name": page.practice_name or page.title,
        "address": [
            {
                "@type": "PostalAddress",
                "addressLocality": office.city,
                "addressRegion": office.state,
                "addressCountry": "US",
            }
            for office in page.office_list
        ],
        "paymentAccepted": [t.label for t in by_kind["insurance"]],
        **contact,
    }
    if page.booking_url:
        business["url"] = page.booking_url
    data["worksFor"] = business
    return data
