"""axe-core (WCAG 2.2 AA rules) on the proposal form's steps and the decisions register, in
both languages, light and dark, including a kind's form showing its errors."""

import pytest
from django.urls import reverse

from members import proposing, voting
from members.factories import pass_proposal
from members.models import Kind, Member

from .axe import sweep

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


# Marks a kind's form whose errors are checked: `send_empty` sends it empty (the browser's own
# checks off) before axe runs. A fragment, so the server sees the plain form's URL.
SENT_EMPTY = "#form-errors"


def send_empty(page, path):
    if path.endswith(SENT_EMPTY):
        page.evaluate("document.querySelector('form.members-form').noValidate = true")
        page.locator("form.members-form button[type='submit']").click()
        page.wait_for_selector(SENT_EMPTY)


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
    urls = []
    for language in ("en", "es"):
        urls += [path.replace("/en/", f"/{language}/", 1) for path in paths]
        urls.append(f"/{language}/members/proposals/new/{Kind.ADMIN_PAY}/{SENT_EMPTY}")
    failures = sweep(page, site_url, urls, prepare=send_empty)
    page.shot("last-proposal-kinds-page")
    assert failures == {}
