"""axe-core (WCAG 2.2 AA rules) on the shared-fund and CE-fund pages, in both languages,
light and dark: as a member (their requests, the request form, a request) and as the
treasurer (the funds page with an allocation to pay out)."""

import pytest
from django.utils import timezone

from billing import funds
from members.factories import pass_proposal
from members.models import Member

from .axe import sweep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "coop-demo-member-2026"
MEMBER = "marcus.bell@lycan-coop.example"
TREASURER = "priya.natarajan@lycan-coop.example"
MEMBER_PAGES = [
    "members/billing/",
    "members/billing/funds/",
    "members/billing/funds/propose/",
    "members/billing/funds/propose/?fund={fund}",
    "members/billing/ce/",
    "members/billing/ce/new/",
    "members/billing/ce/{ce}/",
]
TREASURER_PAGES = ["members/billing/funds/"]


def log_in(page, site_url, email):
    page.goto(site_url + "/en/members/login/")
    page.locator("form.members-form input[name='username']").fill(email)
    page.locator("form.members-form input[name='password']").fill(PASSWORD)
    page.locator("form.members-form button[type='submit']").click()
    page.wait_for_url("**/members/dashboard/")


def violations(page, site_url, paths, ids):
    """axe's failures on each of `paths` (with `ids`), both languages, light and dark."""
    urls = [f"/{language}/{path.format(**ids)}" for language in ("en", "es") for path in paths]
    return sweep(page, site_url, urls)


def test_fund_pages_have_no_wcag_violations(page, site_url):
    member = Member.objects.get(user__email=MEMBER)
    ce = funds.request_ce(
        member,
        training="Trauma-informed care, NW Institute",
        held_on=timezone.localdate(),
        cost_cents=18000,
        note="Two days, online.",
    )
    pass_proposal(ce.proposal)
    ids = {"ce": ce.pk, "fund": funds.ce_fund().pk}

    log_in(page, site_url, MEMBER)
    failures = violations(page, site_url, MEMBER_PAGES, ids)
    page.shot("member-ce-request")
    page.context.clear_cookies()
    log_in(page, site_url, TREASURER)
    failures |= violations(page, site_url, TREASURER_PAGES, ids)
    assert page.locator("form.billing-pay").count() >= 1
    page.shot("treasurer-funds")
    assert failures == {}
