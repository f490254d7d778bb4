"""A provider's journey through the members' area, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from billing import stripe_gateway
from tests.billing.stripe_fakes import WEBHOOK_SECRET, RecordingClient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL, PASSWORD = "marcus.bell@lycan-coop.example", "coop-demo-member-2026"
CHECKOUT_URL = "https://checkout.stripe.com/c/pay/cs_test_journey"


@pytest.fixture
def stripe_recorder(settings):
    """Stripe cannot be reached from here: our Stripe module talks to a recording client."""
    settings.STRIPE_SECRET_KEY = "sk_test_journey"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    client = RecordingClient(
        {
            ("GET", "/v1/products"): {"object": "list", "data": [], "has_more": False},
            ("POST", "/v1/products"): {"id": "prod_j", "object": "product"},
            ("POST", "/v1/prices"): {"id": "price_j", "object": "price"},
            ("POST", "/v1/customers"): {"id": "cus_j", "object": "customer"},
            ("POST", "/v1/checkout/sessions"): {
                "id": "cs_test_journey",
                "object": "checkout.session",
                "url": CHECKOUT_URL,
            },
        }
    )
    stripe_gateway.set_gateway(
        stripe_gateway.Gateway("sk_test_journey", http_client=client, max_network_retries=0)
    )
    yield client
    stripe_gateway.set_gateway(None)


def test_provider_votes_reads_the_manual_pays_and_leaves(page, site_url, stripe_recorder):
    page.goto(site_url + "/en/members/login/")
    page.locator("form.members-form input[name='username']").fill(EMAIL)
    page.locator("form.members-form input[name='password']").fill(PASSWORD)
    page.locator("form.members-form button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/en/members/dashboard/$"))
    expect(page.locator("h1")).to_contain_text("Marcus Bell")
    page.shot("dashboard")

    # Vote, then change the vote.
    page.get_by_role("link", name="Run a table at the spring community health fair").click()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Vote").click()
    expect(page.locator("body")).to_contain_text("Your vote is recorded.")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Vote").click()
    expect(page.locator("body")).to_contain_text("Your vote is changed.")
    page.shot("vote-changed")

    # The manual: read it, compare two versions, confirm having read it.
    page.get_by_role("link", name="Manual", exact=True).click()
    expect(page.locator(".manual-clause").first).to_be_visible()
    page.shot("manual")
    page.get_by_role("link", name="Compare versions").click()
    page.goto(site_url + "/en/members/manual/diff/?from=1&to=2")
    expect(page.locator("ins, del").first).to_be_visible()
    page.shot("manual-diff")
    page.get_by_role("link", name="Manual", exact=True).click()
    page.get_by_role("button", name=re.compile(r"I have read version \d+")).click()
    expect(page.get_by_role("button", name=re.compile(r"I have read version"))).to_have_count(0)
    page.shot("manual-confirmed")

    # Finances, then the monthly payment: our Stripe module's Checkout URL is where we go.
    page.goto(site_url + "/en/members/billing/")
    expect(page.locator("svg").first).to_be_visible()
    page.shot("finances")
    page.route("https://checkout.stripe.com/**", lambda route: route.fulfill(body="Stripe"))
    page.get_by_role("button", name="Set up my monthly payment").click()
    expect(page).to_have_url(CHECKOUT_URL)
    assert ("POST", "/v1/checkout/sessions") in [r[:2] for r in stripe_recorder.requests]
    # The one place we send a member on purpose; nothing else may go elsewhere.
    page.watch.foreign_requests[:] = [u for u in page.watch.foreign_requests if u != CHECKOUT_URL]

    # Leaving: a confirmation page says what happens, then it is done.
    page.goto(site_url + "/en/members/leave/")
    page.shot("leave-confirmation")
    expect(page.locator("main")).to_contain_text("surplus")
    page.get_by_label("I understand that my membership ends today").check()
    page.get_by_role("button", name="Yes, I am leaving").click()
    expect(page).to_have_url(re.compile(r"/en/members/goodbye/$"))
    page.shot("goodbye")
