"""Every URL pattern of the project, for the sweeps that must cover them all (CSRF, the URL ×
role matrix, fuzzing, the admin's second factor)."""

import re

from django.urls import URLPattern, URLResolver, get_resolver


def url_patterns(patterns=None, prefix="", namespace=""):
    """(route, name, pattern) for every URL pattern, nested includes and i18n prefixes too.
    `name` is "namespace:name" as `reverse` takes it, None for an unnamed pattern."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            ns = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from url_patterns(entry.url_patterns, route, ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield route, name, entry


def page_serving_pattern():
    """The text of the page-serving catch-all's pattern (home/routing.py), found by its name:
    the first pattern named `wagtail_serve` (Wagtail's own, under the same name, comes after)."""
    return next(str(e.pattern) for _route, name, e in url_patterns() if name == "wagtail_serve")


def concrete(route):
    """A URL for a route pattern, with each parameter filled by a harmless value."""
    # The page-serving catch-all serves the home page at its shortest.
    route = route.removesuffix(page_serving_pattern())
    route = route.lstrip("^").replace("\\Z", "").replace("$", "")
    # A real model for views that look one up by app and model name before anything else.
    route = route.replace("<slug:app_label>/<slug:model_name>", "home/sitetext")
    route = re.sub(r"<(?:int:)?\w*(?:pk|id)\w*>", "1", route)
    route = re.sub(r"<[^>]+>", "x", route)
    route = re.sub(r"\(\?P<[^>]+>[^)]*\)", "1", route)
    return "/" + route.replace("\\", "")
