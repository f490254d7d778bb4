"""The events index and an event page cost the same number of queries however many events
and RSVPs there are."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import RSVP
from members.factories import make_member

from .conftest import make_event

pytestmark = pytest.mark.django_db


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_rsvps(event, n):
    now = timezone.now()
    for i in range(n):
        person = make_member(f"Guest {event.pk}-{i}")
        RSVP.objects.create(event=event, member=person, status=RSVP.Status.GOING, queued_at=now)


@pytest.mark.parametrize("logged_in", [False, True])
def test_index_and_event_page_queries_do_not_grow(index, logged_in):
    client = Client()
    if logged_in:
        client.force_login(make_member("Counting Member").user)
    event = make_event(index, "Counted event", capacity=50)
    index_before = count(client, index.url)
    page_before = count(client, event.url)
    for n in range(5):
        other = make_event(index, f"More {n}", days=20 + n, capacity=30)
        add_rsvps(other, 3)
    add_rsvps(event, 6)
    html = client.get(index.url).content.decode()
    assert "More 4" in html
    assert count(client, index.url) == index_before
    assert count(client, event.url) == page_before
