"""What the event pages, the home page and the principles page show.

Each list is a fixed number of queries: the events (one query, `specific` already, as the
queryset is of EventPage), their canceled and moved dates (one prefetch) and the RSVP counts
(one aggregate), however many events and RSVPs there are (asserted in tests).
"""

from datetime import timedelta

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale

from home import live_figures

from . import schedule
from .access import active_member
from .models import RSVP, EventKind, EventPage

HOME_PAGE_EVENTS = 3


def visible_events(request, locale):
    """Live events of one language this visitor may see: public ones for everyone, and
    members-only ones too for active members."""
    events = EventPage.objects.live().filter(locale=locale)
    if active_member(request) is None:
        events = events.public().filter(members_only=False)
    return events.prefetch_related("date_changes").order_by("starts_at")


def _going_counts(events):
    """{translation_key: (going, waitlisted)} for the events, in one query."""
    keys = [event.translation_key for event in events]
    rows = (
        RSVP.objects.filter(event__translation_key__in=keys)
        .values("event__translation_key")
        .annotate(
            going=Count("pk", filter=Q(status=RSVP.Status.GOING)),
            waitlisted=Count("pk", filter=Q(status=RSVP.Status.WAITLISTED)),
        )
    )
    return {row["event__translation_key"]: (row["going"], row["waitlisted"]) for row in rows}


def _annotate(event, counts, now):
    changes = list(event.date_changes.all())
    event.next = schedule.next_occurrence(event, now, changes)
    event.last = schedule.last_occurrence(event, changes)
    event.going, event.waitlisted = counts.get(event.translation_key, (0, 0))
    event.seats_left = None if event.capacity is None else max(event.capacity - event.going, 0)
    return event


def index_context(index, request, archive=False):
    """The events page's list: for visitors and members who are not active, the same for
    everyone, so cached rendered, per page, language and host, until an event, its dates,
    an RSVP or any page's publication changes, or the first listed date ends
    (home/live_figures.py); for active members (members-only events too), built afresh."""
    if active_member(request) is not None:
        return _index_events(index, request, timezone.now(), archive)[0]

    def build(now):
        context, changes_at = _index_events(index, request, now, archive)
        html = render_to_string("events/includes/event_list.html", {**context, "request": request})
        return html, changes_at

    html = live_figures.cached(
        "events-index", build, index.pk, archive, get_language() or "", request.get_host()
    )
    return {"archive": archive, "events_html": mark_safe(html)}  # noqa: S308 - our template's


def _index_events(index, request, now, archive):
    """The events page's context, and the moment time alone changes it: when any listed
    event's next date ends (it moves from the upcoming list to the archive)."""
    events = list(visible_events(request, index.locale).child_of(index))
    counts = _going_counts(events)
    events = [_annotate(event, counts, now) for event in events]
    upcoming = [e for e in events if e.next is not None]
    changes_at = min((e.next.end + timedelta(microseconds=1) for e in upcoming), default=None)
    if archive:
        past = [e for e in events if e.next is None and e.last is not None]
        past.sort(key=lambda e: e.last.start, reverse=True)
        return {"archive": True, "events": past}, changes_at
    return {"archive": False, "events": sorted(upcoming, key=lambda e: e.next.start)}, changes_at


def event_context(event, request):
    now = timezone.now()
    member = active_member(request)
    source = event.source_event()
    changes = list(event.date_changes.all())
    rsvp = None
    if member is not None and event.takes_rsvps:
        rsvp = RSVP.objects.filter(event=source, member=member).first()
    counts = _going_counts([event])
    _annotate(event, counts, now)
    coming = schedule.upcoming(event, now, changes)
    from .access import can_organize

    return {
        "member": member,
        "rsvp": rsvp,
        "occurrences": coming[:12],
        "canceled_dates": sorted(
            c.original_date for c in changes if c.canceled and event.repeats_monthly
        ),
        "is_past": not coming,
        "can_rsvp": member is not None and event.takes_rsvps and bool(coming),
        "show_meeting_link": member is not None and event.online and event.meeting_link,
        "can_organize": can_organize(request.user, source),
        "structured_data": None if event.members_only else structured_data(event, request),
    }


def structured_data(event, request=None):
    """schema.org Event, for public events only."""
    occurrence = getattr(event, "next", None) or schedule.next_occurrence(event)
    start = occurrence.start if occurrence else event.starts_at
    end = occurrence.end if occurrence else event.ends_at
    if event.online and event.place:
        mode = "https://schema.org/MixedEventAttendanceMode"
    elif event.online:
        mode = "https://schema.org/OnlineEventAttendanceMode"
    else:
        mode = "https://schema.org/OfflineEventAttendanceMode"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": timezone.localtime(start).isoformat(),
        "endDate": timezone.localtime(end).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": mode,
        "url": event.get_full_url(request),
        "inLanguage": event.locale.language_code,
    }
    if event.intro:
        data["description"] = event.intro
    if event.place:
        data["location"] = {"@type": "Place", "name": event.place, "address": event.place}
    elif event.online:
        data["location"] = {"@type": "VirtualLocation", "url": event.get_full_url(request)}
    if event.presenter:
        data["performer"] = {"@type": "Person", "name": event.presenter}
    if event.cost_cents is not None:
        data["offers"] = {
            "@type": "Offer",
            "price": f"{event.cost_cents / 100:.2f}",
            "priceCurrency": "USD",
            "url": event.get_full_url(request),
        }
    return data


def upcoming_public_until(locale, limit=HOME_PAGE_EVENTS, now=None):
    """The next few public events of one language, soonest first (home and principles), and
    the moment the list may change by time alone: when any event's next date ends (None when
    no event is coming)."""
    from .calendar import public_events

    now = now or timezone.now()
    events = list(public_events(locale))
    counts = _going_counts(events)
    events = [_annotate(event, counts, now) for event in events]
    coming = sorted((e for e in events if e.next), key=lambda e: e.next.start)
    ends = [e.next.end + timedelta(microseconds=1) for e in coming]
    return coming[:limit], min(ends, default=None)


def held_this_year_until(now=None):
    """How many community events, CE trainings and peer consultations the group held this
    year so far (each event once, counted in the default language), and the moment that
    changes by time alone: the next start of any event's date, or the new year."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    start, _end = schedule.day_bounds(today.replace(month=1, day=1))
    new_year, _end = schedule.day_bounds(today.replace(year=today.year + 1, month=1, day=1))
    events = (
        EventPage.objects.live()
        .filter(locale=Locale.get_default())
        .filter(Q(repeats_monthly=True) | Q(starts_at__gte=start))
        .prefetch_related("date_changes")
    )
    totals = dict.fromkeys(EventKind.values, 0)
    changes_at = new_year
    for event in events:
        changes = list(event.date_changes.all())
        totals[event.kind] += schedule.held_in_year(event, today.year, now, changes)
        later = (o.start for o in schedule.occurrences(event, changes) if o.start > now)
        changes_at = min(changes_at, next(later, new_year))
    return totals, changes_at


def index_for(locale):
    """The live events page of one language, if there is one."""
    from .models import EventIndexPage

    return EventIndexPage.objects.live().public().filter(locale=locale).first()
