"""axe-core (WCAG 2.2 AA rules) on the proposal form's steps and the decisions register, in
both languages, light and dark, including a kind's form showing its errors."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from members import proposing, voting
from members.factories import pass_proposal
from members.models import Kind, Member

from .test_accessibility import WCAG_22_AA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL, PASSWORD = "marcus.bell@lycan-coop.example", "coop-demo-member-2026"


def _a_decision():
    member = Member.objects.get(user__email=EMAIL)
    proposal = voting.propose(
        kind=Kind.ADMIN_PAY,
        title="Pay the office coordinator $28.50 an hour",
        body="In line with the region.",
        proposer=member,
        payload={
            "position": "Office coordinator",
            "amount_cents": 2850,
            "period": "hour",
            "effective_from": "2027-01-04",
        },
        notify=False,
    )
    return pass_proposal(proposal).decision


def _violations(axe, page):
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]]


def test_proposal_kinds_and_decisions_have_no_wcag_violations(page, site_url):
    decision = _a_decision()
    page.goto(site_url + "/en/members/login/")
    page.locator("form.members-form input[name='username']").fill(EMAIL)
    page.locator("form.members-form input[name='password']").fill(PASSWORD)
    page.locator("form.members-form button[type='submit']").click()
    page.wait_for_url("**/members/dashboard/")
    paths = [
        reverse("members:proposal_new"),
        *[reverse("members:proposal_new_kind", args=[k]) for k in proposing.offered_kinds()],
        reverse("members:decisions"),
        reverse("members:decisions") + "?q=zanzibar",
        reverse("members:decision", args=[decision.pk]),
    ]
    axe = Axe()
    failures = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for language in ("en", "es"):
            for path in paths:
                url = site_url + path.replace("/en/", f"/{language}/", 1)
                response = page.goto(url)
                assert response.status == 200, url
                if found := _violations(axe, page):
                    failures[f"{scheme} {url}"] = found
            # A kind's form sent empty (the browser's own checks off): the errors shown.
            page.goto(site_url + f"/{language}/members/proposals/new/{Kind.ADMIN_PAY}/")
            page.evaluate("document.querySelector('form.members-form').noValidate = true")
            page.locator("form.members-form button[type='submit']").click()
            page.wait_for_selector("#form-errors")
            if found := _violations(axe, page):
                failures[f"{scheme} {language} pay form with errors"] = found
    page.shot("last-proposal-kinds-page")
    assert failures == {}
