"""axe-core (WCAG 2.2 AA rules) on every public page type, in every language, light and dark."""

import pytest
from wagtail.models import Page

from .axe import sweep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    urls = one_page_per_type_and_language()
    assert len(urls) >= 10
    failures = sweep(page, site_url, urls, status=None)  # the not-found pages too
    page.shot("last-page-checked")
    assert failures == {}
