"""Browser journeys for events: a visitor takes a community event home in their calendar; a
member is waitlisted for a full training and promoted when seats free; axe on every events
page, in both languages, light and dark."""

from pathlib import Path

import pytest
from django.core import mail
from icalendar import Calendar

from events import rsvp
from events.models import CECredit, EventPage
from members.models import Member
from tests.tasks import run_tasks

from .axe import sweep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "coop-demo-member-2026"
FULL_TRAINING = "/en/events/affirming-care-neurodivergent-adults/"


def log_in(page, site_url, username, language="en"):
    page.goto(f"{site_url}/{language}/members/login/")
    page.locator("form.members-form input[name='username']").fill(f"{username}@lycan-coop.example")
    page.locator("form.members-form input[name='password']").fill(PASSWORD)
    page.locator("form.members-form button[type='submit']").click()
    page.wait_for_url("**/members/dashboard/")


@pytest.mark.parametrize(
    ("home", "title"),
    [
        ("/en/", "Co-ops at the farmers market"),
        ("/es/", "Las cooperativas en el mercado de agricultores"),
    ],
)
def test_a_visitor_finds_a_community_event_from_the_home_page_and_downloads_its_ics(
    page, site_url, home, title
):
    page.goto(site_url + home)
    page.get_by_role("link", name=title).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == title
    page.shot("event-page")
    link = page.locator(".event-rsvp a[download]")
    with page.expect_download() as download:
        link.click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == title
    assert calendar.walk("VTIMEZONE")


def test_a_member_is_waitlisted_for_a_full_training_then_promoted(page, site_url):
    log_in(page, site_url, "marcus.bell")
    page.goto(site_url + FULL_TRAINING)
    page.get_by_role("button", name="Join the waitlist").click()
    page.wait_for_load_state()
    assert "You are on the waitlist" in page.locator(".event-rsvp").inner_text()
    page.shot("waitlisted")

    # Priya, first on the waitlist, withdraws; then Lucía gives up her seat.
    event = EventPage.objects.get(
        slug="affirming-care-neurodivergent-adults", locale__language_code="en"
    )
    members = {m.user.username: m for m in Member.objects.select_related("user")}
    mail.outbox.clear()
    rsvp.answer(event, members["priya.natarajan"], going=False)
    rsvp.answer(event, members["lucia.morales"], going=False)
    run_tasks()  # the worker delivers the outbox's one message
    assert [m.to for m in mail.outbox] == [["marcus.bell@lycan-coop.example"]]

    page.reload()
    assert "You are going." in page.locator(".event-rsvp").inner_text()
    page.shot("promoted")
    page.goto(site_url + "/es/eventos/atencion-afirmativa-adultos-neurodivergentes/")
    assert "Va a ir." in page.locator(".event-rsvp").inner_text()
    page.goto(site_url + "/es/members/events/")
    assert "Atención afirmativa para adultos neurodivergentes" in page.locator("main").inner_text()
    page.shot("mis-eventos")


def test_events_pages_have_no_wcag_violations(page, site_url):
    robin = Member.objects.get(user__username="robin.lycan")
    credit = CECredit.objects.filter(member__user__username="marcus.bell").first()
    full = EventPage.objects.get(
        slug="affirming-care-neurodivergent-adults", locale__language_code="en"
    )
    log_in(page, site_url, "robin.lycan")
    Member.objects.filter(pk=robin.pk).update(language="")
    urls = []
    for language, index in (("en", "/en/events/"), ("es", "/es/eventos/")):
        urls += [index, index + "archive/"]
        urls += [e.url for e in EventPage.objects.live().filter(locale__language_code=language)]
        urls += [
            f"/{language}/members/events/",
            f"/{language}/members/events/{full.pk}/attendance/",
        ]
    urls += ["/en/", "/es/", "/en/principles/"]
    failures = sweep(page, site_url, urls)
    assert credit is not None
    page.shot("last-events-page")
    assert failures == {}


def test_a_members_ce_certificate_has_no_wcag_violations(page, site_url):
    log_in(page, site_url, "marcus.bell")
    credit = CECredit.objects.get(member__user__username="marcus.bell")

    def names_the_training(page, path):
        assert "Telehealth and safety planning" in page.locator(".ce-certificate").inner_text()

    path = f"/en/members/events/ce/{credit.pk}/certificate/"
    assert sweep(page, site_url, [path], prepare=names_the_training, status=None) == {}
    page.shot("certificate")
