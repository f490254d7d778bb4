"""axe-core (WCAG 2.2 AA rules) on every members' page, in both languages, light and dark."""

import pytest

from members.models import Proposal

from .axe import sweep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL, PASSWORD = "marcus.bell@lycan-coop.example", "coop-demo-member-2026"
PAGES = [
    "members/dashboard/",
    "members/proposals/",
    "members/proposals/new/",
    "members/proposals/{open}/",
    "members/proposals/{closed}/",
    "members/proposals/{closed}/log/",
    "members/log/",
    "members/log/?kind=votes&since=2000-01-01&until=1999-01-01",
    "members/manual/",
    "members/manual/versions/",
    "members/manual/diff/?from=1&to=2",
    "members/manual/amend/",
    "members/search/?q=manual",
    "members/language/",
    "members/password/change/",
    "members/billing/",
    "members/profile/",
    "members/leave/",
]


def test_members_pages_have_no_wcag_violations(page, site_url):
    page.goto(site_url + "/en/members/login/")
    page.locator("form.members-form input[name='username']").fill(EMAIL)
    page.locator("form.members-form input[name='password']").fill(PASSWORD)
    page.locator("form.members-form button[type='submit']").click()
    page.wait_for_url("**/members/dashboard/")
    ids = {
        "open": Proposal.objects.filter(status=Proposal.Status.OPEN).first().pk,
        "closed": Proposal.objects.filter(status=Proposal.Status.CLOSED).first().pk,
    }
    urls = [f"/{language}/{path.format(**ids)}" for language in ("en", "es") for path in PAGES]
    failures = sweep(page, site_url, urls)
    page.shot("last-members-page")
    assert failures == {}

    # No members' page is wider than a phone, in either language.
    too_wide = {}
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": 800})
        for language in ("en", "es"):
            for path in PAGES:
                page.goto(f"{site_url}/{language}/{path.format(**ids)}")
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    too_wide[f"{width} /{language}/{path}"] = scroll
    assert too_wide == {}
