"""Issue 13's journeys in a real browser: a member votes with a reason, sees the vote held,
changes it and reads the outcome after the close; a provider goes from the home page to a
submitted application and its confirmation email, in English and Spanish. Every page on the
way passes axe (WCAG 2.2 AA) in both languages, light and dark."""

import pytest
from playwright.sync_api import expect

from members import effects, voting
from members.models import Kind, Member, Proposal
from outbox.models import OutgoingMessage
from tests.tasks import run_tasks

from .axe import sweep, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL, PASSWORD = "marcus.bell@lycan-coop.example", "coop-demo-member-2026"
APPLICANT_PASSWORD = "a-long-applicant-password-7"
OPEN_TITLE = "Run a table at the spring community health fair"


def axe_failures(page, site_url, paths):
    """axe's violations on each of `paths` (with {lang}), both languages, light and dark."""
    urls = [path.format(lang=language) for language in ("en", "es") for path in paths]
    failures = sweep(page, site_url, urls)
    page.emulate_media(color_scheme="light")
    return failures


def log_in(page, site_url, email, password, language="en"):
    page.goto(f"{site_url}/{language}/members/login/")
    page.locator("form.members-form input[name='username']").fill(email)
    page.locator("form.members-form input[name='password']").fill(password)
    page.locator("form.members-form button[type='submit']").click()


def test_a_member_votes_with_a_reason_changes_it_and_reads_the_outcome(page, site_url, monkeypatch):
    proposal = Proposal.objects.get(title=OPEN_TITLE)
    lucia = Member.objects.get(user__username="lucia.morales")
    log_in(page, site_url, EMAIL, PASSWORD)
    page.wait_for_url("**/members/dashboard/")
    page.goto(f"{site_url}/en/members/proposals/{proposal.pk}/")
    expect(
        page.get_by_text("it passes when more than half of the yes and no votes")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Not voted yet")).to_be_visible()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Your reason (optional)").fill("Tabling is how people find us.")
    page.get_by_role("button", name="Vote", exact=True).click()
    expect(page.get_by_text("Your vote is recorded.")).to_be_visible()
    page.shot("voted")
    # The ballot holds the vote: Yes checked, the reason there, and the button says so.
    expect(page.get_by_label("Yes", exact=True)).to_be_checked()
    expect(page.get_by_label("Your reason (optional)")).to_have_value(
        "Tabling is how people find us."
    )
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Your reason (optional)").fill("Not this spring: we are short-staffed.")
    page.get_by_role("button", name="Change my vote").click()
    expect(page.get_by_text("Your vote is changed.")).to_be_visible()
    expect(page.get_by_label("No", exact=True)).to_be_checked()
    page.shot("changed")

    # The close, as the scheduler does it, with an effect that reports what it did.
    monkeypatch.setitem(
        effects.EFFECTS,
        Kind.GENERAL,
        [
            lambda p: effects.Carried(
                "%(name)s staffs the table.",
                {"name": lucia.display_name},
                "members:member",
                {"pk": lucia.pk},
            )
        ],
    )
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    page.reload()
    results = page.locator("section[aria-labelledby='results']")
    expect(results.get_by_role("heading", name="Outcome")).to_be_visible()
    expect(results.get_by_role("img")).to_be_visible()  # the chart, with its text alternative
    expect(results.get_by_text("No: 1")).to_be_visible()
    expect(results.get_by_text("Not this spring: we are short-staffed.")).to_be_visible()
    results.get_by_role("link", name="Lucía Morales, LMFT staffs the table.").click()
    expect(page.get_by_role("heading", name="Lucía Morales, LMFT")).to_be_visible()
    page.shot("outcome-link")

    closed = f"/{{lang}}/members/proposals/{proposal.pk}/"
    still_open = Proposal.objects.filter(status=Proposal.Status.OPEN).first()
    paths = [closed, f"/{{lang}}/members/people/{lucia.pk}/"]
    if still_open is not None:
        paths.append(f"/{{lang}}/members/proposals/{still_open.pk}/")
    assert axe_failures(page, site_url, paths) == {}


@pytest.mark.parametrize(
    ("language", "cta", "apply_button", "send", "subject"),
    [
        (
            "en",
            "Join us",
            "Apply to join the co-op",
            "Send my application",
            "We have your application to join the co-op",
        ),
        (
            "es",
            "Únase a nosotros",
            "Solicite su ingreso a la cooperativa",
            "Enviar mi solicitud",
            "Recibimos su solicitud de ingreso a la cooperativa",
        ),
    ],
)
def test_a_provider_goes_from_the_home_page_to_a_sent_application(
    page, site_url, language, cta, apply_button, send, subject
):
    email = f"rosa.{language}@example.org"
    page.goto(f"{site_url}/{language}/")
    # The site's menu, in the page's language (the Spanish home's call to action still links
    # the English page: a demo translation bug, noted for the lead).
    page.get_by_role("navigation").get_by_role("link", name=cta, exact=True).first.click()
    page.wait_for_url(f"**/{language}/*/")
    offer = page.locator("section.application-offer")
    expect(offer).to_contain_text("$")  # the fee, live from billing
    page.shot("join-page")
    offer.get_by_role("link", name=apply_button).click()
    page.wait_for_url(f"**/{language}/members/join/")
    form = page.locator("form.members-form")
    fields = form.locator("input, textarea")
    values = [
        "Rosa Vega, LMHC",
        email,
        "Licensed mental health counselor",
        "LH60987654",
        "Washington",
        "Bilingual counseling for families.",
        APPLICANT_PASSWORD,
        APPLICANT_PASSWORD,
    ]
    visible = [f for f in fields.all() if f.get_attribute("type") != "hidden"]
    assert len(visible) == len(values)
    for field, value in zip(visible, values, strict=True):
        field.fill(value)
    page.get_by_role("button", name=send).click()
    page.shot("sent")
    assert violations(page) == []  # the thanks page
    applicant = Member.objects.get(user__email=email)
    assert applicant.license_number == "LH60987654" and applicant.language == language
    run_tasks()
    message = OutgoingMessage.objects.get(kind="members.application_received", to_email=email)
    assert message.subject == subject
    assert f"/{language}/members/application/" in message.body

    # The status page, and every page on the way, pass axe.
    log_in(page, site_url, email, APPLICANT_PASSWORD, language)
    page.wait_for_url(f"**/{language}/members/application/")
    expect(page.locator("#next")).to_be_visible()
    failures = axe_failures(page, site_url, ["/{lang}/members/application/"])
    page.context.clear_cookies()
    failures |= axe_failures(
        page, site_url, ["/{lang}/members/join/", "/en/join-us/", "/es/unase/"]
    )
    assert failures == {}
