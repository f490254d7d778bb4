from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from billing.webhooks import stripe_webhook
from coopsite import media, two_factor
from coopsite.sitemap import Sitemap
from coopsite.views import healthz
from events import views as events_views
from home import routing
from resources import views as resources_views
from search import views as search_views

# Outside the language prefix: the admin, documents, the sitemap, robots.txt, health checks
# and the Stripe webhook.
urlpatterns = [
    path("admin/2fa/", include(two_factor.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("healthz/", healthz, name="healthz"),
    # Images (never documents) from the storage, disk or the shared bucket: see coopsite/media.py.
    path("media/<path:path>", media.serve, name="media"),
    path("billing/stripe/webhook/", stripe_webhook, name="stripe_webhook"),
    # A member's private calendar feed: a secret address, in the member's own language.
    path("calendar/<str:token>.ics", events_views.private_feed, name="events_private_feed"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages live under /en/ and /es/. Wagtail's catch-all must stay last.
urlpatterns += i18n_patterns(
    path("members/profile/", resources_views.my_profile, name="my_profile"),
    path(
        "members/profile/reconfirm/<str:token>/",
        resources_views.reconfirm_availability,
        name="reconfirm_availability",
    ),
    path("members/billing/", include("billing.urls")),
    path("members/events/", include("events.urls")),
    path("members/", include("members.urls")),
    path("search/", search_views.search, name="search"),
    # Every page, routed from the cache (home/routing.py); Wagtail's own patterns after it
    # (its password and login forms under _util/, which this pattern leaves to them; its
    # serve pattern, the same as this one, never reached).
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
