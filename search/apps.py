from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Site search"

    def ready(self):
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        from home import chrome

        # The promoted query strings are cached with the chrome (search/views.py).
        chrome.watch(SearchPromotion, Query)
