"""Live figures and event lists: cached until what they count changes, or time does.

The principles page shows figures that change with the data (a member joins, a vote closes,
an event is published, a cycle's spending is recorded) and with time alone (an event starts,
a vote leaves the last twelve months, a cycle or a year begins); the home, principles and
events pages list events whose next dates pass. Computed afresh they cost 5 to 20 queries a
page, so they are cached, never inside a page's fragment (`page_fragment` holds only the
page's own revision), but here:

- under a version number that every change they depend on bumps (a save or delete of the
  models their owners `register`, and `connect_signals`: publishing, unpublishing, moving or
  deleting a page), at once and again when the change's transaction commits, so a request
  that read the database before the commit cannot keep its stale result;
- with the moment their answer changes by time alone, which each builder returns: an entry
  is a miss from then on.

The figures are cached as plain numbers and rendered on every request; an event list, which
is the same for every visitor (public events only, nothing about the reader), is cached
rendered, per language and host. Code that changes these models without a signal
(`QuerySet.update`, `bulk_create`) must call `invalidate()` unless the change cannot alter a
figure (a vote is cast on an open proposal; refunds are created and sent before their cycle
is closed).

As with the page chrome (home/chrome.py), without a shared cache (REDIS_URL) each process has
its own, so an entry also expires after CHROME_TTL seconds.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from . import chrome

# Part of every key: raise it when the shape of a cached value changes, so a deploy never
# reads what the previous code stored.
FORMAT = 3
VERSION_KEY = f"coopsite:live:{FORMAT}:version"


def invalidate(**kwargs):
    """Signal receiver: the figures start afresh now, and again once the change commits."""
    chrome.invalidate(VERSION_KEY)


def cached(name, build, *key_parts):
    """`build(now)`'s value, cached until the next change or its expiry: home/chrome.py's
    entries under this module's own version (so a vote or an RSVP leaves the page chrome and
    the page cache alone).

    `build` returns (value, expires_at): a timezone-aware moment from which the value may be
    wrong, or None. The entry's timeout is the time until then (at most CHROME_TTL)."""
    name = f"live-{FORMAT}-{name}"
    value = chrome.lookup(name, *key_parts, version_key=VERSION_KEY)
    if value is chrome.MISSING:
        now = timezone.now()
        value, expires_at = build(now)
        timeout = chrome.CHROME_TTL
        if expires_at is not None:
            timeout = min(timeout, (expires_at - now).total_seconds())
        chrome.store(name, value, *key_parts, timeout=timeout, version_key=VERSION_KEY)
    return value


# What the principles page counts, registered by the app that owns each figure (from its
# AppConfig.ready(), as a passed vote's effects are): source name -> its builder, and
# principle number -> (source, template, context from the source's figures). The public
# pages import none of those apps.
_SOURCES = {}
_BOXES = {}


def register(source, build, boxes, watch=()):
    """`build(now)` -> (figures, until) is one source of the principles page's numbers;
    `boxes` {principle number: (template name, context(figures) -> dict)} show them; a save
    or delete of any model in `watch` starts every live figure afresh."""
    _SOURCES[source] = build
    for number, (template_name, context) in boxes.items():
        _BOXES[number] = (source, template_name, context)
    if watch:
        chrome.watch(*watch, version_key=VERSION_KEY)


def boxes():
    """{principle number: (source, template name, context)} as registered."""
    return dict(_BOXES)


def principle_figures(now):
    """The plain numbers of the principles page, by source, and the first moment one of them
    changes by time alone."""
    parts = {source: build(now) for source, build in _SOURCES.items()}
    value = {source: figures for source, (figures, _until) in parts.items()}
    return value, earliest(*(until for _figures, until in parts.values()))


def earliest(*moments):
    """The first of the moments that are not None (None if all are)."""
    found = [moment for moment in moments if moment is not None]
    return min(found) if found else None


def next_midnight(now):
    """The start of the co-op's next calendar day after `now` (a cycle starts or ends on a
    day)."""
    day = timezone.localtime(now).date() + timedelta(days=1)
    zone = timezone.get_default_timezone()
    return datetime.combine(day, datetime.min.time()).replace(tzinfo=zone)


def connect_signals():
    """What every live figure and event list depends on beyond the models their owners
    `register`: pages published, unpublished, moved or deleted, restrictions, locales."""
    chrome.watch_pages(VERSION_KEY)
    chrome.watch(PageViewRestriction, Locale, version_key=VERSION_KEY)
