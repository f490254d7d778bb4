"""Rate limits on endpoints that login lockout does not cover (reliability plan L2).

django-axes already guards `authenticate()`. This module covers everything else a script could
hammer: password reset, the public application, both searches, the Stripe webhook and members'
comments and proposals. The views say which limit applies (`@rate_limit("search")`); the rates
are in `settings.RATELIMIT_RATES` and the table in README.md.

Counting is django-ratelimit's (`get_usage`: fixed windows, stored in the "ratelimit" cache,
keys hashed). What this module adds:

- one answer over the limit: HTTP 429 with a `Retry-After` header and a page in the visitor's
  language (`templates/429.html`), or a short plain-text 429 for machines (the webhook), never
  django-ratelimit's default `PermissionDenied` (a 403);
- a choice per endpoint of what happens when the counters cannot be reached (Redis down):
  `OPEN` serves the request uncounted (reads, members' posts, the webhook); `CLOSED` refuses
  it with a 503 and `Retry-After` (password reset and the application form, which send email
  or create accounts and would otherwise be open to floods for as long as Redis is down);
- the client's address taken from `X-Forwarded-For` only as far as `TRUSTED_PROXY_COUNT`
  proxies of our own are trusted, so nobody can dodge a limit by sending that header.
"""

from __future__ import annotations

import ipaddress
import logging
import math
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import salted_hmac
from django_ratelimit.core import get_usage

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is installed with the project

    class RedisError(Exception):
        pass


logger = logging.getLogger(__name__)

OPEN = "open"
CLOSED = "closed"
# How long a refused request is asked to wait when the counters cannot be reached.
STORE_DOWN_RETRY_AFTER = 60
STORE_ERRORS = (RedisError, OSError)


# --- Whose requests are counted together --------------------------------------------------


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, or the address our own proxy put in
    X-Forwarded-For when TRUSTED_PROXY_COUNT says there is one. IPv6 is counted per /64,
    the block a single household or server usually has."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        # Each trusted proxy appends the address it saw; what a client sent comes earlier.
        if len(hops) >= proxies:
            address = hops[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def by_ip(request) -> str:
    return client_ip(request)


def by_user(request) -> str:
    """Per account; anonymous requests are not counted here (the view sends them to log in)."""
    return str(request.user.pk) if request.user.is_authenticated else ""


def by_email(request) -> str:
    """Per address typed into the form, however it is capitalised. Only a keyed hash is
    kept, so the counters do not hold anyone's email address."""
    email = request.POST.get("email", "").strip().lower()
    return salted_hmac("coopsite.ratelimits.email", email).hexdigest() if email else ""


KEYS = {"ip": by_ip, "user": by_user, "email": by_email}


# --- Answers -------------------------------------------------------------------------------


def too_many_requests(request, retry_after: int, *, plain: bool = False) -> HttpResponse:
    return _refusal(request, 429, max(1, int(retry_after)), plain=plain, unavailable=False)


def store_unavailable(request, *, plain: bool = False) -> HttpResponse:
    return _refusal(request, 503, STORE_DOWN_RETRY_AFTER, plain=plain, unavailable=True)


def _refusal(request, status, retry_after, *, plain, unavailable):
    """The 429 or 503 page (plain text for machines), with Retry-After, never cached."""
    if plain:
        text = "Temporarily unavailable\n" if unavailable else "Too many requests\n"
        response = HttpResponse(text, status=status, content_type="text/plain")
    else:
        context = {"retry_minutes": math.ceil(retry_after / 60), "unavailable": unavailable}
        response = render(request, "429.html", context, status=status)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


# --- The decorator -------------------------------------------------------------------------


def rate(group: str) -> str:
    """The configured rate of a limit, e.g. "60/m"; read per request, so tests can change it."""
    return settings.RATELIMIT_RATES[group]


def check(request, group: str, key: str, methods) -> tuple[bool, int]:
    """Count this request against one limit: (over the limit?, seconds left in the window).

    Raises one of STORE_ERRORS when the counters cannot be read or written.
    """
    value = KEYS[key](request)
    if not value or request.method not in methods:
        return False, 0
    usage = get_usage(
        request,
        group=group,
        key=lambda _group, _request: value,
        rate=rate(group),
        method=list(methods),
        increment=True,
    )
    if usage is None:  # RATELIMIT_ENABLE = False
        return False, 0
    if usage["limit"] == 0 and usage["time_left"] == -1:
        # django-ratelimit's sign that the cache gave no count back.
        raise RedisError("the rate-limit cache returned no count")
    return usage["should_limit"], usage["time_left"]


def rate_limit(group: str, *, key: str = "ip", methods=("POST",), store_down=OPEN, plain=False):
    """Limit a view to `settings.RATELIMIT_RATES[group]` requests per `key` ("ip", "user" or
    "email") for the given HTTP methods. Stack it for several limits on one view."""
    if key not in KEYS:
        raise ValueError(f"unknown rate-limit key {key!r}")
    if store_down not in (OPEN, CLOSED):
        raise ValueError("store_down is OPEN or CLOSED")
    methods = tuple(m.upper() for m in methods)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                limited, time_left = check(request, group, key, methods)
            except STORE_ERRORS as error:
                logger.warning(
                    "Rate-limit store unavailable (%s) for %s: failing %s", error, group, store_down
                )
                if store_down == CLOSED:
                    return store_unavailable(request, plain=plain)
                return view(request, *args, **kwargs)
            if limited:
                logger.info("Rate limit %s reached (%s)", group, rate(group))
                return too_many_requests(request, time_left, plain=plain)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
