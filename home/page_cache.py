"""Whole-page cache for anonymous visitors of public pages (wagtail-cache has no Wagtail 8).

A request is looked up only once its view is known (`process_view`), when the view is one
whose pages are cached (so no other request pays for a cache read), and only when it is a GET
or HEAD that carries no cookie except the CSRF and language cookies: no session cookie means
nobody is logged in, and nothing about the visitor can have shaped the page. The middleware
never reads `request.user` or the session, so it creates no session and adds no `Vary: Cookie`
of its own.

A response is stored only when all of these hold, so member-only content cannot get in:

- it is a 200 from Wagtail's page view or the public site search, outside the members' area,
  the admin, documents, media and billing;
- the page has no view restriction (anonymous visitors are refused restricted pages anyway;
  this is a second lock);
- the view set no cookie, used no CSRF token (`CSRF_COOKIE_NEEDS_UPDATE`/`CSRF_COOKIE_USED`),
  changed no session, read or queued no message, used no CSP nonce or per-view policy, and
  said nothing against caching (`Cache-Control: private/no-store/no-cache`, any `Vary`);
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

Placed below the session, locale, CSRF, auth, messages, X-Frame-Options and CSP
middlewares: a hit returns before the view, and those middlewares still add their headers
on the way out, so a cached page gets the same security headers and CSP as a fresh one (the
public policy has no nonce). Every response says `X-Cache: hit` or `X-Cache: miss`.

If the cache fails (Redis down), the page is rendered as if there were no cache.
"""

import hashlib
import logging
import re
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.translation import get_language

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
    """The cache entry's name and key parts (home/chrome.py stores it under the version)."""
    identity = "|".join(
        [request.scheme, request.get_host().lower(), get_language() or "", request.path, query]
    )
    digest = hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()
    return ("page", digest)


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


def _said_nothing_against_it(request, response):
    """No cookie, no `Vary`, no `Cache-Control: private/no-store/no-cache`, no CSRF token."""
    if response.cookies or response.has_header("Vary") or _forbids_caching(response):
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
    """Looks a request up once its view is known (`process_view`): only requests for a
    cacheable view can be served from the cache, so no other request (the members' area, the
    admin, files, health checks) pays for a cache read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "PAGE_CACHE", False):
            return self.get_response(request)
        response = self.get_response(request)
        if response.get("X-Cache") != "hit":
            response["X-Cache"] = "miss"
        key, query = getattr(request, "_page_cache_key", (None, None))
        if key is not None and request.method == "GET" and _storable(request, response):
            self._store(request, key, query, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(settings, "PAGE_CACHE", False) or not self._may_serve(request):
            return None
        query = _normalised_query(request)
        if query is None:
            return None
        key = _page_key(request, query)
        try:
            # The version and this page in one round trip (on a miss the view finds its route
            # in this process's copies, home/routing.py, so a hit does not read it).
            chrome.prefetch(key, using=cache)
            entry = chrome.lookup(*key, using=cache)
        except Exception:  # the cache is down: render as if there were none
            logger.warning("page cache lookup failed", exc_info=True)
            return None
        if entry is not chrome.MISSING:
            return self._replay(request, entry)
        request._page_cache_key = (key, query)
        return None

    @staticmethod
    def _may_serve(request):
        """A GET or HEAD of a cacheable view, outside the private paths, from a visitor with
        no cookie but the CSRF and language ones."""
        match = getattr(request, "resolver_match", None)
        return (
            request.method in ("GET", "HEAD")
            and match is not None
            and match.view_name in CACHEABLE_VIEWS
            and not PRIVATE_PATH.match(request.path)
            and set(request.COOKIES) <= _allowed_cookies()
        )

    def _store(self, request, key, query, response):
        headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
        session = getattr(request, "session", None)
        # The session middleware (above this one) adds `Vary: Cookie` when the page looked at
        # the visitor (e.g. the editors' userbar); a hit must say the same.
        vary_cookie = bool(getattr(session, "accessed", False))
        entry = (response.content, headers, vary_cookie)
        try:
            if query and not _within_budget():
                return
            timeout = getattr(settings, "PAGE_CACHE_TIMEOUT", DEFAULT_TIMEOUT)
            chrome.store(*key[:1], entry, *key[1:], timeout=timeout, using=cache)
        except Exception:
            logger.warning("page cache store failed", exc_info=True)

    def _replay(self, request, entry):
        content, headers, vary_cookie = entry
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        if vary_cookie:
            patch_vary_headers(response, ("Cookie",))
        response["X-Cache"] = "hit"
        return response


def connect_signals():
    """Changes that alter public pages without a page publish also start a new version.

    Page publish/unpublish/move/delete, site text, settings, sites, locales and the
    directory's lists are watched by home.chrome and resources.apps already.
    """
    from wagtail.models import PageViewRestriction

    from resources.models import ResourceLink

    # A new view restriction must take a page out of every cached copy at once.
    chrome.watch(PageViewRestriction, ResourceLink)
