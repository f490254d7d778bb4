from urllib.parse import urlencode

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale

from events import listing
from home import live_figures

register = template.Library()


@register.simple_tag(takes_context=True)
def upcoming_public_events(context, heading=True):
    """The next public events in the page's language (home page, principles page).

    Nothing in it is about the visitor, so the list is cached rendered, per language and
    host, until an event, its dates or any page's publication changes, or the first listed
    date ends (home/live_figures.py)."""
    page = context.get("page")
    request = context.get("request")

    def build(now):
        locale = page.locale if page is not None else Locale.get_active()
        events, changes_at = listing.upcoming_public_until(locale, now=now)
        html = render_to_string(
            "events/includes/upcoming.html",
            {
                "events": events,
                "index": listing.index_for(locale),
                "heading": heading,
                "request": request,
            },
        )
        return html, changes_at

    return mark_safe(  # noqa: S308 - our own template's output, escaped as it rendered
        live_figures.cached(
            "upcoming-events",
            build,
            page.locale_id if page is not None else "",
            get_language() or "",
            request.get_host() if request is not None else "",
            bool(heading),
        )
    )


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
