"""The provider directory's page: the searchable list of the providers below it."""

from collections import defaultdict

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from home.chrome import cached, prefetch
from home.models import BasePage

from ..cards import rendered_cards
from ..directory import directory_listing, filters_digest, render_filter_form
from ..filters import DirectoryFilterForm
from .directory import SETTINGS_CACHE, TERMS_CACHE, DirectorySettings, DirectoryTerm
from .provider import ProviderOffice, ProviderPage

CITIES_CACHE = "directory-cities"
COUNT_CACHE = "directory-count"
FORM_CACHE = "directory-form"


class ProviderDirectoryPage(BasePage):
    """The searchable list of providers. Each provider is a child page."""

    per_page = 20

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ProviderPage"]

    class Meta:
        verbose_name = _("provider directory")

    def get_context(self, request, *args, **kwargs):
        from home.routing import site_for

        context = super().get_context(request, *args, **kwargs)
        # What the listing reads from the cache, in one round trip. Each changes only with
        # an edit that starts a new chrome version (home/chrome.py): settings and terms when
        # saved (resources/apps.py), cities, counts and the filter form (all its options,
        # resources/directory.py) when a profile is published, moved or deleted, or an
        # office saved.
        digest = filters_digest(request.GET)
        form_key = (self.pk, get_language() or "", request.get_host())
        prefetch(
            (SETTINGS_CACHE, site_for(request).pk),
            (TERMS_CACHE,),
            (CITIES_CACHE, self.pk),
            (COUNT_CACHE, self.pk, digest),
            (FORM_CACHE, *form_key),
        )
        cutoff = DirectorySettings.cached_for_request(request).accepting_cutoff()
        all_terms = DirectoryTerm.cached_all()
        providers = ProviderPage.objects.in_directory(self)
        cities = cached(CITIES_CACHE, providers.office_cities, self.pk)
        filters = DirectoryFilterForm(request.GET, all_terms, cities).filters()
        results = (
            providers.annotate_accepting(cutoff)
            .matching(filters)
            .by_availability()
            .values(*CARD_FIELDS)
        )
        # Who is accepting new clients changes as confirmations lapse: that count is live.
        count = None if filters.accepting else cached(COUNT_CACHE, results.count, self.pk, digest)
        directory_url = self.get_url(request)
        form = cached(
            FORM_CACHE,
            lambda: render_filter_form(directory_url, all_terms, cities),
            *form_key,
        )
        listing = directory_listing(filters, results, form, self.per_page, cutoff, count=count)
        page_obj = listing["page_obj"]
        page_obj.object_list = rendered_cards(
            list(page_obj.object_list),
            lambda rows: cards(rows, all_terms, directory_url),
            listing["query"],
            request.get_host(),
        )
        context["listing"] = listing
        return context


# What a result card shows (templates/resources/includes/provider_card.html).
CARD_FIELDS = (
    "pk",
    "slug",
    "title",
    "pronouns",
    "credentials",
    "practice_name",
    "accepting_now",
    "offers_telehealth",
    "offers_in_person",
    "reduced_cost",
)


def cards(rows, all_terms, directory_url):
    """Result rows as plain values (no model instances): each row of CARD_FIELDS with its
    `url`, `offices` [(city, state)] and `terms` {kind: [term]}, in two queries."""
    ids = [row["pk"] for row in rows]
    by_id = {term.pk: term for term in all_terms}
    terms = defaultdict(list)
    links = ProviderPage.terms.through.objects.filter(providerpage_id__in=ids)
    for provider_id, term_id in links.values_list("providerpage_id", "directoryterm_id"):
        if term_id in by_id:
            terms[provider_id].append(by_id[term_id])
    offices = defaultdict(list)
    rows_of_offices = ProviderOffice.objects.filter(page_id__in=ids).order_by("sort_order", "pk")
    for provider_id, city, state in rows_of_offices.values_list("page_id", "city", "state"):
        offices[provider_id].append({"city": city, "state": state})
    for row in rows:
        grouped = defaultdict(list)
        for term in sorted(terms[row["pk"]], key=lambda t: (t.position, t.name)):
            grouped[term.kind].append(term)
        row.update(url=f"{directory_url}{row['slug']}/", offices=offices[row["pk"]], terms=grouped)
    return rows
