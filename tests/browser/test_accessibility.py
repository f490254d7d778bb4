"""axe-core (WCAG 2.2 AA rules) on every public page type, in every language, light and dark."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from wagtail.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def one_page_per_type_and_language():
    """A live public page of each type in each language, plus the pages that are views."""
    seen, urls = set(), []
    for page in Page.objects.live().public().specific().order_by("path"):
        key = (type(page), page.locale_id)
        if key not in seen and page.url:
            seen.add(key)
            urls.append(page.url)
    for language in {p.locale.language_code for p in Page.objects.live().public() if p.depth > 1}:
        urls += [
            f"/{language}/search/?q=co-op",
            f"/{language}/search/?q=zzzz",
            f"/{language}/no-such-page/",
        ]
    return urls


def test_public_pages_have_no_wcag_violations(page, site_url):
    axe = Axe()
    failures = {}
    urls = one_page_per_type_and_language()
    assert len(urls) >= 10
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for url in urls:
            page.goto(site_url + url)
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
            if result.violations_count:
                failures[f"{scheme} {url}"] = [
                    (v["id"], [n["target"] for n in v["nodes"]][:3])
                    for v in result.response["violations"]
                ]
    page.shot("last-page-checked")
    assert failures == {}
