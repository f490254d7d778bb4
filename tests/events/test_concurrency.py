"""Twenty members asking for ten seats at the same moment: ten go, ten wait (PostgreSQL)."""

import pytest
from django.core.management import call_command

from events import rsvp
from events.models import RSVP
from members.factories import make_member
from tests.conftest import on_postgresql
from tests.threads import run_threads

from .conftest import make_event

pytestmark = [on_postgresql, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def index(transactional_db):
    """Transactional tests start from an empty database: build the demo site again."""
    call_command("load_demo", verbosity=0)
    from events.models import EventIndexPage

    return EventIndexPage.objects.get(locale__language_code="en")


def test_twenty_concurrent_rsvps_for_ten_seats_leave_ten_going_and_ten_waitlisted(index):
    event = make_event(index, capacity=10)
    people = [make_member(f"Racer {i}") for i in range(20)]

    results = run_threads(20, lambda i: rsvp.answer(event, people[i], going=True).status)

    assert not [r for r in results if isinstance(r, Exception)], results
    statuses = list(RSVP.objects.filter(event=event).values_list("status", flat=True))
    assert sorted(statuses).count(RSVP.Status.GOING) == 10
    assert sorted(statuses).count(RSVP.Status.WAITLISTED) == 10
    assert len(statuses) == 20


def test_concurrent_cancellations_promote_one_waitlisted_member_each(index):
    event = make_event(index, capacity=5)
    people = [make_member(f"Seat {i}") for i in range(10)]
    for person in people:
        rsvp.answer(event, person, going=True)

    run_threads(5, lambda i: rsvp.answer(event, people[i], going=False))

    going = set(
        RSVP.objects.filter(event=event, status=RSVP.Status.GOING).values_list(
            "member_id", flat=True
        )
    )
    assert going == {p.pk for p in people[5:]}
