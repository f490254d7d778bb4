from django import template
from wagtail.models import Locale

from events import listing

register = template.Library()


@register.inclusion_tag("events/includes/upcoming.html", takes_context=True)
def upcoming_public_events(context, heading=True):
    """The next public events in the page's language (home page, principles page)."""
    page = context.get("page")
    locale = page.locale if page is not None else Locale.get_active()
    index = listing.index_for(locale)
    return {
        "events": listing.upcoming_public(locale),
        "index": index,
        "heading": heading,
        "request": context.get("request"),
    }


@register.inclusion_tag("events/includes/principle_figures.html")
def event_figures(number):
    """Principles 5 and 7: how many trainings, consultations and community events the group
    held this year, counted live."""
    return {"number": number, "held": listing.held_this_year()}
