from urllib.parse import urlencode

from django import template
from django.utils import timezone
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


@register.simple_tag
def ce_request_query(event):
    """The query that fills in a CE-fund request for `event`: its title, day and the price a
    member pays (the group rate when there is one)."""
    cost = event.group_rate_cents if event.group_rate_cents is not None else event.cost_cents
    query = {"training": event.title}
    upcoming = getattr(event, "next", None)  # the next date of a repeating event
    start = getattr(upcoming, "start", None) or event.starts_at
    if start:
        query["date"] = timezone.localtime(start).date().isoformat()
    if cost:
        query["cost"] = cost
    return urlencode(query)
