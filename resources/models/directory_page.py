"""The provider directory's page: the searchable list of the providers below it."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from home.chrome import cached
from home.models import BasePage

from ..directory import directory_listing
from ..filters import DirectoryFilterForm
from .directory import DirectorySettings, DirectoryTerm
from .provider import ProviderOffice, ProviderPage


class ProviderDirectoryPage(BasePage):
    """The searchable list of providers. Each provider is a child page."""

    per_page = 20

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ProviderPage"]

    class Meta:
        verbose_name = _("provider directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cutoff = DirectorySettings.cached_for_request(request).accepting_cutoff()
        all_terms = DirectoryTerm.cached_all()
        providers = ProviderPage.objects.in_directory(self)
        # Changes only when a profile is published, moved or deleted (home/chrome.py).
        cities = cached("directory-cities", providers.office_cities, self.pk)
        filters = DirectoryFilterForm(request.GET, all_terms, cities).filters()
        results = (
            providers.annotate_accepting(cutoff)
            .matching(filters)
            .by_availability()
            .values(*CARD_FIELDS)
        )
        listing = directory_listing(
            filters, results, all_terms, cities, per_page=self.per_page, cutoff=cutoff
        )
        page_obj = listing["page_obj"]
        page_obj.object_list = cards(list(page_obj.object_list), all_terms, self.get_url(request))
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
    """One page of results as plain values (no model instances): each row of CARD_FIELDS
    with its `url`, `offices` [(city, state)] and `terms` {kind: [term]}, in two queries."""
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
