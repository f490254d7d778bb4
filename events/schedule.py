"""The dates an event falls on, in the co-op's time zone.

A repeating event repeats monthly on the weekday of its first date in the same week of the
month ("second Tuesday"; a first date in the fifth week means "last Tuesday"). Dates are
computed in wall-clock time and then given the zone, so 6 pm stays 6 pm when daylight saving
starts or ends; calendars get the same rule as RRULE (events.calendar), so both agree.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from dateutil import rrule
from django.utils import timezone

WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


@dataclass(frozen=True)
class Occurrence:
    start: datetime
    end: datetime
    original_date: date  # the date in the pattern (differs from start's when moved)
    moved: bool = False


def week_of_month(day):
    """1-4, or -1 for a date in the month's fifth week (its last such weekday)."""
    n = (day.day - 1) // 7 + 1
    return -1 if n == 5 else n


def monthly_rule(event):
    """The event's rule as dateutil sees it, in naive wall-clock time of the co-op's zone."""
    first = timezone.localtime(event.starts_at).replace(tzinfo=None)
    weekday = WEEKDAYS[first.weekday()](week_of_month(first))
    until = datetime.combine(event.repeat_until, time.max).replace(microsecond=0)
    return rrule.rrule(rrule.MONTHLY, dtstart=first, byweekday=weekday, until=until)


def rrule_parts(event):
    """The rule for iCalendar's RRULE: FREQ, BYDAY and UNTIL (in UTC, as RFC 5545 asks)."""
    first = timezone.localtime(event.starts_at)
    code = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[first.weekday()]
    starts = pattern_starts(event)
    last_start = starts[-1] if starts else event.starts_at
    return {
        "FREQ": "MONTHLY",
        "BYDAY": f"{week_of_month(first)}{code}",
        "UNTIL": last_start.astimezone(UTC),
    }


def pattern_starts(event):
    """Every start the rule makes, timezone-aware, before cancellations and moves."""
    if not event.repeats_monthly or not event.repeat_until:
        return [event.starts_at]
    zone = timezone.get_default_timezone()
    return [moment.replace(tzinfo=zone) for moment in monthly_rule(event)]


def occurrences(event, changes=None):
    """Every date the event actually happens on, in order. `changes` defaults to the page's
    canceled and moved dates (prefetch `date_changes` to keep lists to one query)."""
    duration = event.ends_at - event.starts_at
    if changes is None:
        changes = list(event.date_changes.all())
    by_date = {change.original_date: change for change in changes}
    found = []
    for start in pattern_starts(event):
        original = timezone.localtime(start).date()
        change = by_date.get(original) if event.repeats_monthly else None
        if change is None:
            found.append(Occurrence(start, start + duration, original))
        elif not change.canceled:
            found.append(Occurrence(change.moved_to_start, change.moved_to_end, original, True))
    return sorted(found, key=lambda occurrence: occurrence.start)


def upcoming(event, now=None, changes=None):
    now = now or timezone.now()
    return [o for o in occurrences(event, changes) if o.end >= now]


def next_occurrence(event, now=None, changes=None):
    coming = upcoming(event, now, changes)
    return coming[0] if coming else None


def last_occurrence(event, changes=None):
    every = occurrences(event, changes)
    return every[-1] if every else None


def held_in_year(event, year, now=None, changes=None):
    """How many times the event was held in `year`, up to now."""
    now = now or timezone.now()
    return sum(
        1
        for o in occurrences(event, changes)
        if o.start <= now and timezone.localtime(o.start).year == year
    )


def day_bounds(day):
    """The start and end of a local calendar day, timezone-aware."""
    zone = timezone.get_default_timezone()
    start = datetime.combine(day, time.min).replace(tzinfo=zone)
    return start, start + timedelta(days=1)
