"""Whole-page cache for anonymous visitors of public pages (wagtail-cache has no Wagtail 8).

It sits at the top of the middleware (just below the request memo), so a hit costs one cache
read and nothing else: none of the other middleware runs, and the stored response already
carries every header they added to the fresh one (security headers, CSP, X-Frame-Options,
Content-Language, `Vary: Cookie` where the page looked at the visitor). A request is looked
up only when it can be served from the cache: a GET or HEAD that carries no cookie except the
CSRF and language cookies, for a path that Django routes to a cacheable view (the route of a
path is remembered per process; static files and media never are). No session cookie means
nobody is logged in, and nothing about the visitor can have shaped the page. The middleware
never reads `request.user` or the session, so it creates no session and adds no `Vary: Cookie`
of its own. A hit also skips the security middleware's redirect to https, and loses nothing by
it: the key holds the scheme, and where plain http is redirected no plain-http page is stored.

A response is stored only when all of these hold, so member-only content cannot get in:

- it is a 200 from Wagtail's page view or the public site search, outside the members' area,
  the admin, documents, media and billing;
- the page has no view restriction (anonymous visitors are refused restricted pages anyway;
  this is a second lock);
- the view set no cookie, used no CSRF token (`CSRF_COOKIE_NEEDS_UPDATE`/`CSRF_COOKIE_USED`),
  changed no session, read or queued no message, used no CSP nonce or per-view policy, and
  said nothing against caching (`Cache-Control: private/no-store/no-cache`, a `Vary` on
  anything but the cookie);
- its query string has only parameters the public pages read (search, directory filters,
  resource topics, page numbers), short values and few of them. Other query strings are
  served uncached, and at most MAX_QUERY_STORES_PER_MINUTE query-string variants are stored
  per minute, so crafted URLs cannot fill the cache.

The key is scheme, host, language, path and the sorted query string, under the version
number of home/chrome.py: publishing, unpublishing, moving or deleting a page, or saving the
site text, settings, sites, locales, directory lists, resource links or a page's privacy
starts a new version, so the next anonymous visitor sees the change at once (one mechanism
for the chrome and the pages). With Redis (REDIS_URL) every worker sees the new version at
once; entries also expire after PAGE_CACHE_TIMEOUT seconds for what changes without an
editor (billing figures on the principles page, "accepting new clients" dates).

What the stored response says about itself is what the full middleware stack made of a fresh
one: a response that any middleware gave a cookie (a CSRF token, a session, messages, the
language) is never stored. The public policy has no nonce, so the CSP header can be replayed.
Every response says `X-Cache: hit` or `X-Cache: miss`.

If the cache fails (Redis down), the page is rendered as if there were no cache.
"""

import hashlib
import logging
import re
import time
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_path, override

from . import chrome

logger = logging.getLogger("coopsite.page_cache")

DEFAULT_TIMEOUT = 300
CACHEABLE_VIEWS = {"wagtail_serve", "search"}
# Never cached, whatever the view: the members' area, billing, the admin, files.
PRIVATE_PATH = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z0-9]+)?/)?(?:members|billing|admin|documents|media|django-admin)(?:/|$)"
)
# Query parameters public pages read: site search, the directory's filters, resource topics.
KNOWN_PARAMS = {
    "q",
    "page",
    "type",
    "topic",
    "format",
    "reduced_cost",
    "accepting",
    "city",
    "specialty",
    "approach",
    "population",
    "insurance",
    "language",
    "state",
}
MAX_QUERY_LENGTH = 512
MAX_PARAMS = 12
MAX_VALUE_LENGTH = 100
MAX_QUERY_STORES_PER_MINUTE = 300
# Hop-by-hop or per-request headers that are not replayed from the cache.
NOT_STORED = {"set-cookie", "x-cache", "content-length", "connection", "date"}
# Paths whose routes are remembered per process: enough for every page and search of a site.
ROUTES_REMEMBERED = 4096


def _allowed_cookies():
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def _normalised_query(request):
    """The query string in a canonical order, or None when it is not worth caching."""
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return ""
    if len(raw) > MAX_QUERY_LENGTH:
        return None
    try:
        pairs = parse_qsl(raw, keep_blank_values=False, max_num_fields=MAX_PARAMS)
    except ValueError:  # more than MAX_PARAMS fields
        return None
    for name, value in pairs:
        if name not in KNOWN_PARAMS or len(value) > MAX_VALUE_LENGTH or "\x00" in value:
            return None
    # Stable sort on the name only: the order of one parameter's values may matter.
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def _page_key(request, query):
    """The cache entry's name and key parts (home/chrome.py stores it under the version).
    The language is the path's, as LocaleMiddleware will activate it (it has not run yet)."""
    language = get_language_from_path(request.path_info) or ""
    identity = "|".join([request.scheme, request.get_host().lower(), language, request.path, query])
    digest = hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()
    return ("page-response", digest)


@lru_cache(maxsize=ROUTES_REMEMBERED)
def _view_name(path_info):
    """The name of the view Django routes `path_info` to, or None (the URLs never change
    while a process runs). Resolved in the path's language, as LocaleMiddleware will: the
    language prefix of `i18n_patterns` matches only the active language."""
    try:
        with override(get_language_from_path(path_info) or settings.LANGUAGE_CODE):
            return resolve(path_info).view_name
    except Resolver404:
        return None


def _forbids_caching(response):
    cache_control = response.get("Cache-Control", "")
    directives = {d.split("=")[0].strip().lower() for d in cc_delim_re.split(cache_control)}
    return bool(directives & {"private", "no-store", "no-cache"})


def _is_public_page(request, response):
    """A plain 200 from a cacheable view, outside the members' area, billing and the admin."""
    match = getattr(request, "resolver_match", None)
    if response.status_code != 200 or response.streaming or match is None:
        return False
    return match.view_name in CACHEABLE_VIEWS and not PRIVATE_PATH.match(request.path)


def _varies_on_more_than_the_cookie(response):
    """A `Vary` on anything but `Cookie`. (The session middleware adds `Vary: Cookie` when the
    page looked at the visitor, e.g. the editors' userbar: only visitors without a session
    cookie are served from the cache, so that one is kept and replayed.)"""
    varies = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return bool(varies - {"cookie"})


def _said_nothing_against_it(request, response):
    """No cookie, no `Vary` but on the cookie, no `Cache-Control: private/no-store/no-cache`,
    no CSRF token."""
    if response.cookies or _varies_on_more_than_the_cookie(response) or _forbids_caching(response):
        return False
    meta = request.META
    return not (meta.get("CSRF_COOKIE_NEEDS_UPDATE") or meta.get("CSRF_COOKIE_USED"))


def _touched_no_visitor_state(request):
    """The view changed no session and read or queued no message."""
    session = getattr(request, "session", None)
    if session is not None and getattr(session, "modified", False):
        return False
    messages = getattr(request, "_messages", None)
    return messages is None or not (
        getattr(messages, "used", False) or getattr(messages, "_queued_messages", None)
    )


def _uses_the_public_policy(request, response):
    """No CSP nonce and no per-view policy: the cached copy gets the site-wide CSP."""
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False
    return all(
        getattr(response, attr, None) is None
        for attr in ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")
    )


def _unrestricted(request):
    """The page served has no view restriction (a second lock: anonymous visitors are
    refused restricted pages anyway)."""
    from wagtail.models import Page

    route = getattr(request, "_wagtail_route_for_request", None)
    # Wagtail's own query, not what the cached route remembers (home/routing.py).
    return route is None or not Page.get_view_restrictions(route[0]).exists()


def _storable(request, response):
    """Whether this anonymous GET's response may be shown to every anonymous visitor: every
    condition in the module docstring, each its own predicate, cheapest first."""
    return (
        _is_public_page(request, response)
        and _said_nothing_against_it(request, response)
        and _touched_no_visitor_state(request)
        and _uses_the_public_policy(request, response)
        and _unrestricted(request)
    )


def _within_budget():
    """True while fewer than MAX_QUERY_STORES_PER_MINUTE query-string pages were stored."""
    key = f"coopsite:page:budget:{int(time.time() // 60)}"
    cache.add(key, 0, 120)
    try:
        return cache.incr(key) <= MAX_QUERY_STORES_PER_MINUTE
    except ValueError:  # the key vanished (eviction, an outage): err on not storing
        return False


class AnonymousPageCacheMiddleware:
    """Serves an anonymous visitor's GET of a public page from the cache before any other
    middleware runs, and stores what the whole stack made of a fresh one. Only requests that
    can be served from the cache are looked up, so no other request (the members' area, the
    admin, files, health checks) pays for a cache read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "PAGE_CACHE", False):
            return self.get_response(request)
        key, query = self._key(request)
        if key is not None:
            try:
                # The version and this page in one round trip.
                chrome.prefetch(key, using=cache)
                entry = chrome.lookup(*key, using=cache)
            except Exception:  # the cache is down: render as if there were none
                logger.warning("page cache lookup failed", exc_info=True)
                entry = key = None
            if entry is not None and entry is not chrome.MISSING:
                return self._replay(entry)
        response = self.get_response(request)
        if response.get("X-Cache") != "hit":
            response["X-Cache"] = "miss"
        if key is not None and request.method == "GET" and _storable(request, response):
            self._store(key, query, response)
        return response

    def _key(self, request):
        """(key, normalised query string) for a request the cache may serve, else (None, None)."""
        if not self._may_serve(request):
            return None, None
        query = _normalised_query(request)
        if query is None:
            return None, None
        try:
            return _page_key(request, query), query
        except DisallowedHost:  # answered by the stack below, with its 400
            return None, None

    @staticmethod
    def _may_serve(request):
        """A GET or HEAD of a path routed to a cacheable view, outside the private paths,
        static files and media, from a visitor with no cookie but the CSRF and language ones."""
        path = request.path_info
        return (
            request.method in ("GET", "HEAD")
            and not path.startswith((settings.STATIC_URL, settings.MEDIA_URL))
            and not PRIVATE_PATH.match(path)
            and set(request.COOKIES) <= _allowed_cookies()
            and _view_name(path) in CACHEABLE_VIEWS
        )

    def _store(self, key, query, response):
        headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
        entry = (response.content, headers)
        try:
            if query and not _within_budget():
                return
            timeout = getattr(settings, "PAGE_CACHE_TIMEOUT", DEFAULT_TIMEOUT)
            chrome.store(*key[:1], entry, *key[1:], timeout=timeout, using=cache)
        except Exception:
            logger.warning("page cache store failed", exc_info=True)

    @staticmethod
    def _replay(entry):
        content, headers = entry
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["X-Cache"] = "hit"
        return response


def _forget_routes(setting, **kwargs):
    """Other URLs (a test's `override_settings(ROOT_URLCONF=...)`): other routes."""
    if setting == "ROOT_URLCONF":
        _view_name.cache_clear()


def connect_signals():
    """Changes that alter public pages without a page publish also start a new version.

    Page publish/unpublish/move/delete, site text, settings, sites, locales and the
    directory's lists are watched by home.chrome and resources.apps already.
    """
    from django.test.signals import setting_changed
    from wagtail.models import PageViewRestriction

    from resources.models import ResourceLink

    setting_changed.connect(_forget_routes, dispatch_uid="coopsite-page-cache-routes")

    # A new view restriction must take a page out of every cached copy at once.
    chrome.watch(PageViewRestriction, ResourceLink)
