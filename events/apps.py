from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from .access import ensure_view_restriction
        from .models import EventPage

        # A members-only event carries a login view restriction from its first save, which
        # keeps it out of every `public()` query: site search, the sitemap, menus, the
        # page cache's guard (home/page_cache.py) and the public calendar feed.
        post_save.connect(ensure_view_restriction, sender=EventPage, dispatch_uid="events_restrict")

        # The cached live figures and upcoming-events lists (home/live_figures.py) start
        # afresh with every change to what they count: events, members, votes, cycles.
        from home import live_figures

        live_figures.connect_signals()
