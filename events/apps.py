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

        # Principles 5 and 7 count the trainings held this year; they and the cached lists of
        # upcoming events (home/live_figures.py) start afresh with every change to an event,
        # its dates or its RSVPs.
        from home import live_figures

        from .listing import held_this_year_until
        from .models import RSVP, EventDateChange

        held = "events/includes/principle_figures.html"
        live_figures.register(
            "events_held",
            held_this_year_until,
            {n: (held, lambda figures, n=n: {"number": n, "held": figures}) for n in (5, 7)},
            watch=(EventPage, EventDateChange, RSVP),
        )
