"""The provider directory's page: the searchable list of the providers below it."""

from django.utils.translation import gettext_lazy as _

from home.chrome import cached
from home.models import BasePage

from ..directory import directory_listing
from ..filters import DirectoryFilterForm
from .directory import DirectorySettings, DirectoryTerm
from .provider import ProviderPage


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
            .prefetch_related("terms", "offices")
        )
        context["listing"] = directory_listing(
            filters, results, all_terms, cities, per_page=self.per_page, cutoff=cutoff
        )
        return context
