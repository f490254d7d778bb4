"""Wagtail's page routing from one cache read.

Wagtail finds the page for a URL with about seven queries on every request: the site, the
home page in the active language, one per level of the tree, the page's specific row, and the
view restrictions of the page and its ancestors. All of that depends only on the host, the
language and the path, and changes only when a page is published, unpublished, moved or
deleted, or a site, a locale or a view restriction is saved: exactly the events that start a
new version of the page chrome (home/chrome.py, home/page_cache.py). So the route is cached
under that version:

    (host, language, path) -> (site, page's content type, page id, route, restricted)

and a request with a cached route costs one query, the page's own row, read from its specific
model (`live=True`, so even a stale entry never serves an unpublished page). A GET of a page
without a view restriction does not even cost that: each process keeps the page's instance
under the same version (`chrome.local`; saving a live page's row outside publishing also
starts a new version), with Wagtail's site root paths beside it. A page with a
view restriction (on itself or an ancestor) is still checked on every request, by Wagtail's
own hook; one without skips the restriction query (`BasePage.get_view_restrictions`). Routes
that Wagtail does not find (404s) are not cached, so crafted URLs cannot fill the cache.

`serve` is the view behind every page URL (site/urls.py); Wagtail's own serve view does the
rest (its hooks, `page.serve`).
"""

import copy
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from . import chrome

NAME = "route"


def route_key(request, path):
    """The route's cache key parts; a long path by its digest (cache keys stay short)."""
    if len(path) > 150:
        path = hashlib.sha256(path.encode()).hexdigest()
    return (NAME, request.get_host().lower(), get_language() or "", path)


def serve(request, path):
    prime(request, path)
    route, site = request._wagtail_route_for_request, getattr(request, "_wagtail_site", None)
    if route is not None and site is not None:
        # What the page's chrome will read (home/templatetags/site_tags.py), in one round trip.
        language = get_supported_content_language_variant(get_language())
        host = request.get_host()
        chrome.prefetch(chrome.chrome_key(site.pk, language), ("translations", route[0].pk, host))
    return wagtail_views.serve(request, path)


def prime(request, path):
    """Set Wagtail's per-request site and route from the cache (or route once, and cache)."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    key = route_key(request, path)
    entry = chrome.lookup(*key)
    if entry is not chrome.MISSING and _apply(request, entry):
        return
    entry = _route(request, path)
    if entry is not None:
        chrome.store(*key[:1], entry, *key[1:])
        # The page Wagtail just found is this process's copy from now on (`_page`).
        routed = request._wagtail_route_for_request
        _page(request, type(routed.page), routed.page.pk, entry[-1], found=routed.page)


def site_for(request):
    """`Site.find_for_request`, from the cache (by host and port) outside page views too: the
    members' area and the search render the chrome, which needs the site."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = chrome.cached(
            "site", lambda: _plain(Site._find_for_request(request)), request._get_raw_host()
        )
        _keep_site_root_paths(request)
    return request._wagtail_site


def _keep_site_root_paths(request):
    """What Wagtail would read from the cache for every page URL it builds (`get_url_parts`):
    the search's results and the members' pages build several."""
    request._wagtail_cached_site_root_paths = chrome.local(
        "site-root-paths", Site.get_site_root_paths
    )


def page_url(page, request):
    """`page.get_url(request)`, kept in this process under the chrome's version (moving a page,
    changing its slug or a site starts a new one): the search builds one for every result."""
    return chrome.local("page-url", lambda: page.get_url(request), page.pk, request.get_host())


def _plain(site):
    """A copy of `site` without its cached relations (the entry stays small)."""
    if site is None:
        return None
    site = copy.copy(site)
    site._state.fields_cache = {}
    return site


def _page(request, model, page_id, restricted, found=None):
    """The live page's instance: this process's copy for a GET or HEAD of a page anyone may
    see (never changed by serving it), a fresh row for anything else (a form posted to a
    page's sub-URL binds to its instance). `found`: the instance Wagtail's routing returned."""

    def fetch():
        page = found or model.objects.filter(pk=page_id, live=True).first()
        return _unrestricted(page) if page is not None and not restricted else page

    if restricted or request.method not in ("GET", "HEAD"):
        return fetch()
    return chrome.local("page", fetch, page_id)


def _unrestricted(page):
    """`page`, marked as having no view restriction (on itself or an ancestor), so
    `BasePage.get_view_restrictions` skips Wagtail's query."""
    page._known_view_restrictions = PageViewRestriction.objects.none()
    return page


def live_pages(ids):
    """The specific instances of these live pages, in the order of `ids`, for pages without a
    view restriction (as the site search finds them): this process's copies where it holds
    them (the ones page views use, `_page`), one query per page type for the rest."""
    found = {pk: chrome.local_get("page", pk) for pk in ids}
    missing = [pk for pk, page in found.items() if page is chrome.MISSING]
    if missing:
        for page in Page.objects.filter(pk__in=missing, live=True).specific():
            found[page.pk] = _unrestricted(page)
            chrome.local_put("page", page, page.pk)
    return [found[pk] for pk in ids if found[pk] is not chrome.MISSING]


def _apply(request, entry):
    site, content_type_id, page_id, sub_path, args, kwargs, restricted = entry
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model and _page(request, model, page_id, restricted)
    if page is None:
        return False
    if sub_path is not None:  # a routable page: its own sub-URL resolver (no queries)
        route = page.route(request, sub_path)
    else:
        route = RouteResult(page, args=args, kwargs=kwargs)
    _keep_site_root_paths(request)
    request._wagtail_site = site
    request._wagtail_route_for_request = route
    return True


def _route(request, path):
    """Wagtail's own routing; what to cache of its result (None: nothing)."""
    route = Page.route_for_request(request, path)
    site = Site.find_for_request(request)
    if route is None or site is None:
        return None
    page, args, kwargs = route
    components = [part for part in path.split("/") if part]
    sub_path = None
    if isinstance(page, RoutablePageMixin):
        sub_path = components[page.depth - site.root_page.depth :]
        args, kwargs = (), {}
    elif args or kwargs:
        return None  # a page whose route() says more than which page: route it every time
    restricted = page.get_view_restrictions().exists()
    return (
        _plain(site),
        page.content_type_id,
        page.pk,
        sub_path,
        tuple(args),
        dict(kwargs),
        restricted,
    )


def restricted_paths():
    """The tree paths of every page with a view restriction (a prefix that also covers its
    descendants), cached with the page chrome: saving a restriction starts a new version."""
    return chrome.cached(
        "restricted-paths",
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))),
    )


def private_q():
    """What `PageQuerySet.public()` excludes, without its query on every call."""
    private = Q()
    for restricted_path in restricted_paths():
        private |= Q(path__startswith=restricted_path)
    return private


def active_locale():
    """`Locale.get_active()` (a query each time), cached per language with the chrome."""
    return chrome.cached("locale", Locale.get_active, get_language() or "")
