"""Every .ics and feed is valid iCalendar; a repeating event expands to the page's dates."""

from datetime import timedelta

import pytest
import recurring_ical_events
from dateutil.parser import isoparse
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.models import CalendarFeed, EventPage
from members.models import Member
from tests.html import soup

from .conftest import TITLE_CONSULTATION

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def summaries(calendar):
    return {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}


def active_client(member):
    client = Client()
    client.force_login(member.user)
    return client


def test_every_event_ics_parses_with_a_time_zone(member):
    client = active_client(member)
    events = EventPage.objects.live()
    assert events.count() >= 12  # six demo events in English and Spanish
    for event in events:
        calendar = parse(client.get(event.url + "ics/"))
        zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
        assert zones == [timezone.get_default_timezone_name()]
        (first, *_overrides) = calendar.walk("VEVENT")
        assert str(first["SUMMARY"]) == event.title
        assert first.decoded("DTSTART") == event.starts_at
        assert str(first["DTSTART"].params["TZID"]) == zones[0]


def test_the_public_feed_lists_public_events_in_its_language_only():
    english = summaries(parse(Client().get("/en/events/calendar/")))
    assert "Co-ops at the farmers market" in english
    assert "Ethics and boundaries in small group practices" in english
    assert TITLE_CONSULTATION not in english
    assert "Affirming care for neurodivergent adults" not in english
    spanish = summaries(parse(Client().get("/es/eventos/calendar/")))
    assert "Las cooperativas en el mercado de agricultores" in spanish
    assert "Velada de consulta entre pares" not in spanish


def test_a_repeating_consultation_expands_to_the_dates_its_page_lists_across_dst(
    member, consultation
):
    client = active_client(member)
    html = soup(client.get(consultation.url))
    listed = [isoparse(t["datetime"]) for t in html.select(".event-dates li time:first-child")]
    assert len(listed) >= 10
    calendar = parse(client.get(consultation.url + "ics/"))
    expanded = [
        occurrence.decoded("DTSTART")
        for occurrence in recurring_ical_events.of(calendar).between(
            listed[0] - timedelta(minutes=1), listed[-1] + timedelta(minutes=1)
        )
    ]
    assert sorted(expanded) == listed
    # A year of meetings crosses both daylight-saving changes; the wall clock stays at 6 pm
    # on the pattern's dates while the UTC offset changes.
    offsets = {start.utcoffset() for start in listed}
    assert len(offsets) == 2
    local_starts = {timezone.localtime(start).time().hour for start in listed}
    assert local_starts == {18}
    # The canceled date is an EXDATE, the moved date an override with a RECURRENCE-ID.
    series = calendar.walk("VEVENT")[0]
    assert "RRULE" in series and "EXDATE" in series
    assert any("RECURRENCE-ID" in e for e in calendar.walk("VEVENT")[1:])
    canceled = consultation.date_changes.get(moved_to_start=None).original_date
    assert canceled not in {timezone.localtime(s).date() for s in expanded}


def test_a_members_private_feed_has_members_events_and_their_rsvps():
    marcus = Member.objects.get(user__username="marcus.bell")
    feed = CalendarFeed.objects.create(member=marcus)
    calendar = parse(Client().get(reverse("events_private_feed", args=[feed.token])))
    names = summaries(calendar)
    assert TITLE_CONSULTATION in names  # members' events
    assert "Ethics and boundaries in small group practices" in names  # his RSVP
    assert "Co-ops at the farmers market" not in names  # public, and he is not going
    links = [str(e.get("DESCRIPTION", "")) for e in calendar.walk("VEVENT")]
    assert any("meet.lycan-coop.example" in text for text in links)


def test_a_private_feed_stops_working_after_a_reset_or_leaving():
    marcus = Member.objects.get(user__username="marcus.bell")
    feed = CalendarFeed.objects.create(member=marcus)
    old = reverse("events_private_feed", args=[feed.token])
    assert Client().get(old).status_code == 200
    client = active_client(marcus)
    assert client.post(reverse("events:reset_feed")).status_code == 302
    feed.refresh_from_db()
    assert Client().get(old).status_code == 404
    new = reverse("events_private_feed", args=[feed.token])
    assert new != old and Client().get(new).status_code == 200
    Member.objects.filter(pk=marcus.pk).update(status=Member.Status.FORMER)
    assert Client().get(new).status_code == 404
