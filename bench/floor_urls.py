"""The site's URLs plus `/bench/floor/`: the cheapest Django view through the same middleware,
the floor every page is compared with in docs/performance.md. Bench-only (floor_settings)."""

from django.http import HttpResponse
from django.urls import path

from coopsite.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("bench/floor/", lambda request: HttpResponse("ok")), *site_urlpatterns]
