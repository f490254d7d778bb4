from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Public pages"

    def ready(self):
        import coopsite.checks  # noqa: F401 - registers the project's own system checks

        from . import chrome, live_figures, page_cache

        chrome.connect_signals()
        page_cache.connect_signals()
        live_figures.connect_signals()
