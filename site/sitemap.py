"""/sitemap.xml: every live public page of the site in every language, with hreflang alternates.

Wagtail's own sitemap lists the descendants of the site's root page only, which is the English
home page: the Spanish tree sits beside it, under its own home page, and would be left out.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Locale, Page


class Sitemap(WagtailSitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True).live()
        in_a_home = Q(pk__in=[])
        for home in homes:
            in_a_home |= Q(path__startswith=home.path)
        return (
            Page.objects.live()
            .public()
            .filter(in_a_home)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        """Wagtail's URLs, each with the page's versions in the other languages."""
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        versions = defaultdict(list)
        for item in self.items():
            versions[item.translation_key].append(
                {
                    "lang_code": languages[item.locale_id],
                    "location": item.get_full_url(self.request),
                }
            )
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list:
            alternates = versions[item.translation_key]
            if len(alternates) > 1:
                default = [a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE]
                alternates = alternates + [
                    {"lang_code": "x-default", "location": a["location"]} for a in default
                ]
            else:
                alternates = []
            for url_info in item.get_sitemap_urls(self.request):
                urls.append({**url_info, "alternates": alternates})
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
