"""The page chrome: what the header and footer of every public page show, cached.

(`cached` and `watch` serve other rarely-changing, often-read data the same way, such as
the directory's settings and vocabularies.)

Menu, crisis notice, footer text, the organisation's details, the home page of each language.
Built from the database it costs about ten queries on every page, yet it changes only when an
editor publishes, unpublishes, moves or deletes a page, or saves the site text, the site
settings, a site or a locale. So it is cached under a version number that those events bump
(`connect_signals`), per site and language.

With a shared cache (REDIS_URL) a bump reaches every worker at once. Without one, each process
has its own cache, so an entry also expires after CHROME_TTL seconds: other workers show an
edit to the menu within that time.

Each process also keeps the entries it has read or built (`_ProcessEntries`), with the version
they belong to: a request then asks the shared cache for the version alone (one round trip,
no unpickling) and finds the rest in memory while that version lasts. Nothing is kept in
memory when the version cannot be read (Redis away: `_version` is then 0), so an outage
never serves an entry from before a change.
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import partial

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import expand_db_html
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "coopsite:chrome:version"
CHROME_TTL = 300
PROCESS_ENTRIES = 600  # entries one process keeps in memory (oldest out first)


@dataclass(frozen=True)
class MenuItem:
    pk: int
    path: str
    url: str
    title: str


@dataclass(frozen=True)
class Chrome:
    locale_code: str
    locales: list = field(default_factory=list)  # [(pk, language_code)], by code
    home_url: str = "/"
    home_urls: dict = field(default_factory=dict)  # locale pk -> live home page URL
    menu: list = field(default_factory=list)  # [MenuItem]
    crisis_notice: str = ""  # HTML, rich text already expanded
    footer_text: str = ""
    organisation_name: str = ""
    phone: str = ""
    tel_href: str = ""
    email: str = ""
    address: str = ""

    def language_of(self, locale_id, default=""):
        return next((code for pk, code in self.locales if pk == locale_id), default)


# What one request has read from the cache: the version and the entries, so a page asks
# Redis once for each (and `prefetch` gets several in one round trip). Set up and cleared by
# `RequestMemoMiddleware`; outside a request (commands, tasks) nothing is remembered.
_local = threading.local()


def _memo():
    return getattr(_local, "memo", None)


def _version(using=None, version_key=VERSION_KEY):
    memo = _memo()
    if memo is not None and version_key in memo:
        return memo[version_key]
    backend = using or cache
    version = backend.get(version_key)
    if version is None:
        backend.add(version_key, time.time_ns(), None)
        version = backend.get(version_key, 0)
    if memo is not None:
        memo[version_key] = version
    return version


class _ProcessEntries:
    """This process's copies of cache entries: key -> (version, expiry, value), the expiry
    on the wall clock (as the figures that expire when an event starts are). A copy serves
    only its own version and until its entry's timeout, so it answers exactly as the shared
    cache would, without the round trip."""

    def __init__(self, size):
        self.size, self.entries, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key, version):
        entry = self.entries.get(key)
        if not version or entry is None or entry[0] != version or entry[1] <= time.time():
            return MISSING
        return entry[2]

    def put(self, key, version, value, timeout):
        if not version:
            return
        with self.lock:
            self.entries[key] = (version, time.time() + timeout, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def __contains__(self, key):
        return key in self.entries


MISSING = object()
_process = _ProcessEntries(PROCESS_ENTRIES)


def invalidate(version_key=VERSION_KEY, **kwargs):
    """Signal receiver: any change that could alter the chrome starts a new version: at once,
    and again when the change's transaction commits, so that a request which read the old
    rows before the commit cannot keep what it built from them under the new version.
    (`version_key`: another family of entries kept the same way, home/live_figures.py.)"""
    _new_version(version_key)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _new_version(version_key))


def _new_version(version_key=VERSION_KEY):
    version = time.time_ns()
    cache.set(version_key, version, None)
    memo = _memo()
    if memo is not None:  # this request changed something: it reads afresh from here on
        memo.clear()
        memo[version_key] = version


def _key(name, key_parts):
    return ":".join(["coopsite", name, *map(str, key_parts)])


def prefetch(*entries, using=None):
    """Read the version and each of `entries` ((name, *key_parts), as `cached` takes them) in
    one cache round trip, for this request's later `lookup`s and `cached`s. (`using`: the
    cache, if not Django's default; the page cache passes its own, for its tests.)"""
    memo = _memo()
    if memo is None:
        return
    keys = [VERSION_KEY] + [_key(name, parts) for name, *parts in entries]
    # What this process holds is not fetched: after a change, `lookup` finds its copy stale
    # and asks for that entry alone.
    wanted = [key for key in keys if key not in memo and (using or key not in _process)]
    if not wanted:
        return
    found = (using or cache).get_many(wanted)
    if VERSION_KEY in wanted:
        if found.get(VERSION_KEY) is None:
            _version(using)
        else:
            memo[VERSION_KEY] = found[VERSION_KEY]
    for key in wanted[1:] if VERSION_KEY in wanted else wanted:
        memo[key] = found.get(key)


def lookup(name, *key_parts, using=None, version_key=VERSION_KEY):
    """The value stored under this name and key for the current version, or MISSING.

    Entries are stored as (version, value, expiry) under a key without the version, so the
    version and the entries can be read together (`prefetch`); an entry of an older version
    is a miss, as a key under an older version was before. With `using` (the page cache's
    own cache) nothing is kept in this process: whole pages would not fit."""
    key = _key(name, key_parts)
    version = _version(using, version_key)
    if using is None:
        value = _process.get(key, version)
        if value is not MISSING:
            return value
    memo = _memo()
    entry = memo[key] if memo is not None and key in memo else (using or cache).get(key)
    if memo is not None:
        memo[key] = entry
    if entry is None or entry[0] != version:
        return MISSING
    expires = entry[2] if len(entry) > 2 else time.time() + CHROME_TTL
    if expires <= time.time():
        return MISSING
    if using is None:
        _process.put(key, version, entry[1], expires - time.time())
    return entry[1]


def store(name, value, *key_parts, timeout=CHROME_TTL, using=None, version_key=VERSION_KEY):
    if timeout <= 0:
        return
    key = _key(name, key_parts)
    entry = (_version(using, version_key), value, time.time() + timeout)
    (using or cache).set(key, entry, timeout)
    if using is None:
        _process.put(key, entry[0], value, timeout)
    memo = _memo()
    if memo is not None:
        memo[key] = entry


def local(name, build, *key_parts, timeout=CHROME_TTL):
    """`build()`'s result kept in this process only, under the current version: for what
    costs more to pickle than to build elsewhere, such as a page's model instance. Shared
    between requests, so the value must never be changed by its users."""
    value = local_get(name, *key_parts)
    if value is MISSING:
        value = build()
        if value is not None:
            local_put(name, value, *key_parts, timeout=timeout)
    return value


def local_get(name, *key_parts):
    """What `local` holds under this name and key for the current version, or MISSING."""
    return _process.get(_key(f"local-{name}", key_parts), _version())


def local_put(name, value, *key_parts, timeout=CHROME_TTL):
    _process.put(_key(f"local-{name}", key_parts), _version(), value, timeout)


def cached(name, build, *key_parts):
    """`build()`'s result, cached until the next change to anything `watch`ed."""
    value = lookup(name, *key_parts)
    if value is MISSING:
        value = build()
        store(name, value, *key_parts)
    return value


class RequestMemoMiddleware:
    """Each request starts with nothing remembered from the cache and leaves nothing behind."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _local.memo = {}
        try:
            return self.get_response(request)
        finally:
            _local.memo = None


def watch(*models, version_key=VERSION_KEY):
    """Start a new version whenever one of `models` is saved or deleted."""
    receiver = invalidate if version_key == VERSION_KEY else partial(invalidate, version_key)
    for model in models:
        uid = f"coopsite-{version_key}-{model._meta.label}"
        # weak=False: a partial has no other reference that would keep it connected.
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}-del")


def fragment_key(name, page, request, part=None):
    """The cache entry (name and key parts, as `cached` and `prefetch` take them) of
    `page`'s `{% page_fragment %}` `name` (and `part`) in the active language on this host
    (home/templatetags/site_tags.py)."""
    name = name if part is None else f"{name}-{part}"
    return (f"fragment-{name}", page.pk, get_language() or "", request.get_host())


def chrome_key(site_pk, language_code):
    return ("chrome", site_pk, language_code)


def chrome_for(site, language_code):
    return cached("chrome", lambda: build(site, language_code), site.pk, language_code)


def build(site, language_code):
    from .models import SiteSettings, SiteText

    locales = list(Locale.objects.order_by("language_code"))
    active = next((loc for loc in locales if loc.language_code == language_code), None)
    root = site.root_page
    homes = {p.locale_id: p for p in root.get_translations(inclusive=True).live()}
    home = homes.get(active.pk, root) if active else root
    menu = [
        MenuItem(
            pk=page.pk,
            path=page.path,
            url=page.relative_url(site),
            title=getattr(page, "nav_title", page.title),
        )
        # Full `specific()`: one query per page type, however many items.
        for page in home.get_children().live().public().in_menu().specific()
    ]
    text = SiteText.for_locale(active) if active else None
    settings = SiteSettings.for_site(site)
    return Chrome(
        locale_code=language_code,
        locales=[(loc.pk, loc.language_code) for loc in locales],
        home_url=home.relative_url(site),
        home_urls={pk: page.relative_url(site) for pk, page in homes.items()},
        menu=menu,
        crisis_notice=expand_db_html(text.crisis_notice) if text else "",
        footer_text=expand_db_html(text.footer_text) if text else "",
        organisation_name=settings.organisation_name,
        phone=settings.phone,
        tel_href=settings.tel_href,
        email=settings.email,
        address=settings.address,
    )


def connect_signals():
    from .models import SiteSettings, SiteText

    watch_pages()
    watch(SiteText, SiteSettings, Site, Locale)
    post_save.connect(_page_saved, dispatch_uid="coopsite-chrome-page-saved")


def watch_pages(version_key=VERSION_KEY):
    """Start a new version whenever a page is published, unpublished, moved or deleted."""

    def receiver(sender=None, instance=None, **kwargs):
        if instance is None or isinstance(instance, Page):  # post_delete: pages only
            invalidate(version_key)

    uid = f"coopsite-{version_key}-pages"
    for signal in (page_published, page_unpublished, post_page_move, post_delete):
        # weak=False: the receiver is made here and has no other reference.
        signal.connect(receiver, weak=False, dispatch_uid=f"{uid}-{id(signal)}")


# What saving a draft, locking or a revision's bookkeeping writes to a page's row: none of it
# changes what visitors see, so none of it starts a new version.
DRAFT_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _page_saved(sender, instance, update_fields=None, **kwargs):
    """A page row saved outside publishing (code that changes a live page directly): the
    copies of it that processes keep (`local`, home/routing.py) must go."""
    if isinstance(instance, Page) and (update_fields is None or set(update_fields) - DRAFT_FIELDS):
        invalidate()
