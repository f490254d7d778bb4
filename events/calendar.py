"""iCalendar (RFC 5545) for events: one event's .ics, the public feed, a member's feed.

Written with the `icalendar` package. A repeating event is one VEVENT with an RRULE (the
rule events.schedule uses), EXDATE for canceled dates and a RECURRENCE-ID override for each
moved date; times carry the co-op's TZID and the calendar its VTIMEZONE, so a calendar app
shows 6 pm on both sides of a daylight-saving change. The UID is the page's translation key,
the same in every language, so subscribing to both languages does not double an event.

`icalendar` (about 80 modules, 5 MiB) is imported only when a calendar is written: every web
worker imports this module (events.views, events.listing), few ever serve an .ics.
"""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from .schedule import pattern_starts, rrule_parts


def _uid(event, request):
    return f"{event.translation_key}@{request.get_host().split(':')[0]}"


def _description(event, with_link):
    parts = [event.intro] if event.intro else []
    if event.accessibility:
        parts.append(event.accessibility)
    if with_link and event.online and event.meeting_link:
        parts.append(event.meeting_link)
    return "\n\n".join(parts)


def _vevent(event, request, start, end, with_link):
    from icalendar import Event

    zone = timezone.get_default_timezone()
    vevent = Event()
    vevent.add("uid", _uid(event, request))
    vevent.add("dtstamp", event.last_published_at or timezone.now())
    vevent.add("dtstart", start.astimezone(zone))
    vevent.add("dtend", end.astimezone(zone))
    vevent.add("summary", event.title)
    description = _description(event, with_link)
    if description:
        vevent.add("description", description)
    location = event.place or (event.meeting_link if with_link and event.online else "")
    if location:
        vevent.add("location", location)
    vevent.add("url", event.get_full_url(request))
    vevent.add("class", "PRIVATE" if event.members_only else "PUBLIC")
    return vevent


def components(event, request, with_link=False):
    """The VEVENTs of one event: the series, then one override per moved date."""
    from icalendar import vRecur

    zone = timezone.get_default_timezone()
    series = _vevent(event, request, event.starts_at, event.ends_at, with_link)
    if not event.repeats_monthly:
        return [series]
    series.add("rrule", vRecur(rrule_parts(event)))
    changes = list(event.date_changes.all())
    starts = {timezone.localtime(s).date(): s for s in pattern_starts(event)}
    canceled = [
        starts[c.original_date] for c in changes if c.canceled and c.original_date in starts
    ]
    if canceled:
        series.add("exdate", [s.astimezone(zone) for s in canceled])
    found = [series]
    for change in changes:
        if change.canceled or change.original_date not in starts:
            continue
        moved = _vevent(event, request, change.moved_to_start, change.moved_to_end, with_link)
        moved.add("recurrence-id", starts[change.original_date].astimezone(zone))
        found.append(moved)
    return found


def build(events, request, name, with_link=False):
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//coopsite//events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(timezone.get_default_timezone()))
    for event in events:
        for component in components(event, request, with_link):
            calendar.add_component(component)
    # VTIMEZONE rules for the years around today (icalendar's default, 1970-2038, is longer
    # than any calendar here needs and ends too soon).
    today = timezone.localdate()
    calendar.add_missing_timezones(
        first_date=today.replace(year=today.year - 2, month=1, day=1),
        last_date=today.replace(year=today.year + 5, month=1, day=1),
    )
    return calendar


def response(calendar, filename, private=False):
    answer = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    answer["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    if private:
        answer["Cache-Control"] = "private, no-store"
    return answer


def event_response(event, request):
    """One event's .ics (members-only events reach here only for active members)."""
    from .access import active_member

    with_link = event.members_only or active_member(request) is not None
    calendar = build([event], request, event.title, with_link=with_link)
    return response(calendar, slugify(event.slug) or "event", private=with_link)


def public_events(locale):
    """Live public events in one language, for the public feed and the public lists."""
    from .models import EventPage

    return (
        EventPage.objects.live()
        .public()
        .filter(locale=locale, members_only=False)
        .prefetch_related("date_changes")
        .order_by("starts_at")
    )


def public_feed_response(index, request):
    from django.utils.translation import gettext as _

    calendar = build(public_events(index.locale), request, _("Public events"))
    return response(calendar, "events")


def member_events(member, locale):
    """A member's feed: every members-only event, and the events they are going to, in the
    member's language where a translation exists."""
    from django.db.models import Q
    from wagtail.models import Locale

    from .models import RSVP, EventPage

    going = RSVP.objects.filter(
        member=member, status__in=[RSVP.Status.GOING, RSVP.Status.WAITLISTED]
    ).values("event__translation_key")
    chosen = (
        EventPage.objects.live()
        .filter(Q(members_only=True) | Q(translation_key__in=going))
        .filter(locale__in=[locale, Locale.get_default()])
        .prefetch_related("date_changes")
        .order_by("starts_at")
    )
    by_key = {}
    for event in chosen:  # prefer the member's language, fall back to the default
        if event.translation_key not in by_key or event.locale_id == locale.pk:
            by_key[event.translation_key] = event
    return sorted(by_key.values(), key=lambda event: event.starts_at)


def member_feed_response(member, request):
    from django.utils import translation
    from django.utils.translation import gettext as _
    from wagtail.models import Locale

    language = member.email_language
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    with translation.override(language):
        calendar = build(
            member_events(member, locale), request, _("My co-op events"), with_link=True
        )
    return response(calendar, "my-events", private=True)
