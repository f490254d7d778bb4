import re

from django.core.paginator import EmptyPage, Paginator
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from coopsite.ratelimits import OPEN, rate_limit
from home import chrome, routing

from . import compiled
from .forms import SearchForm

PER_PAGE = 10
WORD = re.compile(r"\w+")
SNIPPET_WORDS = 40

# Kinds of result a visitor can narrow to: label and the page models that count as it.
RESULT_TYPES = {
    "faq": (_("FAQ answers"), ["home.FAQPage"]),
    "principle": (_("Principles"), ["home.PrinciplesPage"]),
    "resource": (_("Resources"), ["resources.ResourceIndexPage"]),
    "provider": (_("Providers"), ["resources.ProviderPage"]),
    "event": (_("Events"), ["events.EventPage", "events.EventIndexPage"]),
    "page": (_("Pages"), ["home.HomePage", "home.StandardPage"]),
}


def _page_models(names):
    from django.apps import apps

    found = []
    for name in names:
        try:
            found.append(apps.get_model(name))
        except LookupError:  # an app that is not installed yet
            continue
    return found


def public_pages(locale):
    """What anyone may find: live pages, without view restrictions, in this language.

    `public()` matters: `live()` alone would list members-only pages to anonymous visitors.
    Members-only content has its own search inside the members' area. (`routing.private_q()`
    is `public()`'s condition from the cache instead of a query on every search.)
    """
    return Page.objects.live().exclude(routing.private_q()).filter(locale=locale)


def searchable_pages(locale, result_type):
    """The public pages in `locale` that a search narrowed to `result_type` ("" for every
    kind) looks through."""
    pages = public_pages(locale)
    if result_type:
        pages = pages.type(*_page_models(RESULT_TYPES[result_type][1]))
    return pages


def promoted_queries():
    """The query strings editors have promoted results for, cached with the page chrome
    (saving a promotion or its query starts a new version, search/apps.py): a search for
    anything else asks for no promotions."""
    return chrome.cached(
        "search-promoted",
        lambda: frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True)),
    )


def promotions_for(query_string, locale, result_type):
    """Editors' promotions for this (normalised) query whose page is a public page in
    `locale` of `result_type`."""
    if query_string not in promoted_queries():
        return []
    pages = searchable_pages(locale, result_type)
    return [
        promo
        for promo in SearchPromotion.objects.filter(
            query__query_string=query_string
        ).select_related("page")
        if promo.page_id is None or pages.filter(pk=promo.page_id).exists()
    ]


def ranked_ids(locale, result_type, promoted_ids, words):
    """The ids of every public page in `locale` (of `result_type`, promotions left out) that
    matches `words`, best first, from one full-text query: their number is the count and a
    slice of them is a page of results. (Paginating the backend's results would run the
    full-text match twice, once to count and once for the page.) The query is the search
    backend's, compiled once for its shape (search/compiled.py)."""

    def build(words):
        pages = searchable_pages(locale, result_type)
        if promoted_ids:
            pages = pages.exclude(pk__in=promoted_ids)
        results = pages.search(" ".join(words))
        return results.get_queryset().values_list("pk", flat=True)

    shape = (
        locale.pk,
        result_type,
        tuple(routing.restricted_paths()),
        tuple(sorted(promoted_ids)),
    )
    return compiled.ranked_ids(build, words, shape)


def highlight(text, terms):
    """An escaped excerpt of `text` around the first match, with every term in <mark>."""
    words = text.split()
    if not words:
        return ""
    lowered = [w.lower() for w in words]
    start = next(
        (i for i, w in enumerate(lowered) if any(t in w for t in terms)),
        0,
    )
    start = max(0, start - 8)
    excerpt = " ".join(words[start : start + SNIPPET_WORDS])
    # One pass over the plain text, longest term first, escaping each piece: a short term can
    # never match inside the markup added for an earlier one.
    # A term marks where a word starts with it ("terap" in "terapia"); a one- or two-letter
    # term ("a", "de") only marks itself as a whole word, not every letter it appears in.
    pattern = re.compile(
        "|".join(
            rf"\b{re.escape(t)}\b" if len(t) < 3 else rf"\b{re.escape(t)}"
            for t in sorted(set(terms), key=len, reverse=True)
            if t
        ),
        re.I,
    )
    pieces, last = [], 0
    for match in pattern.finditer(excerpt) if pattern.pattern else ():
        pieces += [escape(excerpt[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    html = "".join(pieces) + escape(excerpt[last:])
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
    return mark_safe(prefix + html + suffix)  # noqa: S308 - built from escaped text


# Per address; a read, so it is served uncounted if Redis is down.
@rate_limit("search-ip", key="ip", methods=("GET", "HEAD"), store_down=OPEN)
def search(request):
    form = SearchForm(request.GET, RESULT_TYPES)
    form.is_valid()  # the form has no invalid state; this only runs the clean_ methods
    query = form.cleaned_data.get("q", "")
    result_type = form.cleaned_data.get("type", "")
    routing.site_for(request)  # the results' URLs need the site: from the cache
    locale = routing.active_locale()

    promotions, results, page_obj = [], [], None
    if query:
        promotions = promotions_for(normalise_query_string(query), locale, result_type)
        promoted_ids = {promo.page_id for promo in promotions if promo.page_id}
        # Only words reach the search backend: quotes and operators in what a visitor types
        # would otherwise be parsed as query syntax (SQLite's FTS5 fails on a lone quote).
        words = WORD.findall(query)
        matches = ranked_ids(locale, result_type, promoted_ids, words)
        paginator = Paginator(matches, PER_PAGE)
        try:
            page_obj = paginator.page(form.cleaned_data.get("page", 1))
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        terms = [word.lower() for word in words]
        results = [
            {
                "page": page,
                "url": _result_url(page, terms, request),
                "snippet": highlight(_search_text(page), terms),
            }
            for page in routing.live_pages(page_obj.object_list)
        ]

    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "result_type": result_type,
            "result_types": [(key, label) for key, (label, _models) in RESULT_TYPES.items()],
            "promotions": promotions if page_obj is None or page_obj.number == 1 else [],
            "results": results,
            "page_obj": page_obj,
            "notices": form.notices,
        },
    )


def _search_text(page):
    """The page's own snippet text (`BasePage.search_text`); its description otherwise."""
    own = getattr(page, "search_text", None)
    return own() if own else page.search_description or ""


def _result_url(page, terms, request):
    """The page's URL, and where on it a result for these terms leads
    (`BasePage.search_anchor`)."""
    anchor = getattr(page, "search_anchor", None)
    return routing.page_url(page, request) + (anchor(terms) if anchor else "")
