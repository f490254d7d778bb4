"""RSVPs, the waitlist, attendance and CE hours, reminders."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events import rsvp
from events.models import RSVP, CECredit
from events.reminders import send_event_reminders
from members.factories import make_member
from tests.tasks import run_tasks

from .conftest import make_event

pytestmark = pytest.mark.django_db
Status = RSVP.Status


def members(n, **fields):
    return [make_member(f"Person {i}", **fields) for i in range(n)]


def test_a_full_event_waitlists_and_a_cancellation_promotes_exactly_one_who_is_emailed_once(
    index, django_capture_on_commit_callbacks
):
    event = make_event(index, capacity=2)
    a, b, c, d = members(4)
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [rsvp.answer(event, m, going=True).status for m in (a, b, c, d)]
    assert statuses == [Status.GOING, Status.GOING, Status.WAITLISTED, Status.WAITLISTED]
    run_tasks()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        rsvp.answer(event, a, going=False)
    run_tasks()
    now = dict(RSVP.objects.filter(event=event).values_list("member_id", "status"))
    assert now == {
        a.pk: Status.NOT_GOING,
        b.pk: Status.GOING,
        c.pk: Status.GOING,
        d.pk: Status.WAITLISTED,
    }
    assert [m.to for m in mail.outbox] == [[c.user.email]]
    assert event.title in mail.outbox[0].subject
    # Saying not going again, or a waitlisted member leaving, promotes nobody else.
    with django_capture_on_commit_callbacks(execute=True):
        rsvp.answer(event, a, going=False)
        rsvp.answer(event, d, going=False)
    run_tasks()
    assert len(mail.outbox) == 1
    assert RSVP.objects.filter(event=event, status=Status.GOING).count() == 2


def test_the_promotion_email_is_in_the_members_language(index, django_capture_on_commit_callbacks):
    from wagtail.models import Locale

    event = make_event(index, capacity=1)
    spanish = event.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.save_revision().publish()
    going = make_member("Going First")
    waiting = make_member("Waiting Second", language="es")
    rsvp.answer(event, going, going=True)
    rsvp.answer(event, waiting, going=True)
    with django_capture_on_commit_callbacks(execute=True):
        rsvp.answer(event, going, going=False)
    run_tasks()
    (email,) = mail.outbox
    assert email.to == [waiting.user.email]
    assert email.subject.startswith("Se liberó un lugar")
    assert spanish.url in email.body  # the Spanish page, as the event has one


def test_members_rsvp_through_the_event_page(index):
    event = make_event(index, capacity=1)
    first, second = members(2)
    for person, expected in ((first, Status.GOING), (second, Status.WAITLISTED)):
        client = Client()
        client.force_login(person.user)
        page = client.get(event.url).content.decode()
        assert reverse("events:rsvp", args=[event.pk]) in page
        response = client.post(reverse("events:rsvp", args=[event.pk]), {"answer": "going"})
        assert response.status_code == 302
        assert RSVP.objects.get(event=event, member=person).status == expected
    assert "waitlist" in client.get(event.url).content.decode()


def test_rsvps_on_the_spanish_page_share_the_english_list(index):
    from wagtail.models import Locale

    event = make_event(index, capacity=1)
    spanish = event.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.save_revision().publish()
    first, second = members(2)
    rsvp.answer(event, first, going=True)
    assert rsvp.answer(spanish, second, going=True).status == Status.WAITLISTED
    assert RSVP.objects.filter(event=event).count() == 2


def test_attendance_adds_ce_hours_once(index):
    event = make_event(index, days=-3, capacity=5, ce_hours="2.5", presenter_name="Dr. Outside")
    a, b = members(2)
    for person in (a, b):
        RSVP.objects.create(
            event=event, member=person, status=Status.GOING, queued_at=timezone.now()
        )
    rsvp.record_attendance(event, [a.pk])
    rsvp.record_attendance(event, [a.pk])  # saved twice
    assert CECredit.objects.filter(member=a).count() == 1
    assert CECredit.objects.filter(member=b).count() == 0
    ((year, total, credits),) = rsvp.hours_by_year(a)
    assert year == timezone.localtime(event.starts_at).year
    assert str(total) == "2.50"
    # The organizer's page does the same, and the member prints a certificate.
    editor = make_member("Event Organizer")
    editor.user.is_superuser = True
    editor.user.save()
    organizer = Client()
    organizer.force_login(editor.user)
    url = reverse("events:attendance", args=[event.pk])
    assert "Person 0" in organizer.get(url).content.decode()
    organizer.post(url, {"attended": [a.pk, b.pk]})
    organizer.post(url, {"attended": [a.pk, b.pk]})
    assert CECredit.objects.filter(event=event).count() == 2
    client = Client()
    client.force_login(a.user)
    credit = CECredit.objects.get(member=a)
    page = client.get(reverse("events:certificate", args=[credit.pk])).content.decode()
    for fact in ("Person 0", event.title, "Dr. Outside", "2.5"):
        assert fact in page
    other = CECredit.objects.get(member=b)
    assert client.get(reverse("events:certificate", args=[other.pk])).status_code == 404
    assert "2.5" in client.get(reverse("events:mine")).content.decode()


def test_only_organizers_see_the_list(index):
    event = make_event(index, capacity=5)
    client = Client()
    client.force_login(make_member("Just A Member").user)
    assert client.get(reverse("events:attendance", args=[event.pk])).status_code == 403


def test_the_day_before_reminder_goes_once_to_each_member_going(
    index, django_capture_on_commit_callbacks
):
    event = make_event(index, days=1, capacity=5)
    going, not_going = members(2)
    rsvp.answer(event, going, going=True)
    rsvp.answer(event, not_going, going=False)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_event_reminders(now)
    run_tasks()
    assert sent == 1
    assert [m.to for m in mail.outbox] == [[going.user.email]]
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminders(now + timedelta(minutes=5)) == 0
    run_tasks()
    assert len(mail.outbox) == 1
