from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from events.models import EventIndexPage, EventKind, EventPage
from members.factories import make_member

TITLE_CONSULTATION = "Peer consultation evening"


def local(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute)).replace(tzinfo=timezone.get_default_timezone())


@pytest.fixture
def index(db):
    return EventIndexPage.objects.get(locale=Locale.get_default())


def make_event(index, title="A training", days=10, capacity=None, **fields):
    """Publish a single-date event `days` from today, 9 am to noon, co-op time."""
    day = timezone.localdate() + timedelta(days=days)
    fields.setdefault("kind", EventKind.TRAINING)
    if fields["kind"] == EventKind.TRAINING:
        fields.setdefault("ce_hours", 3)
    event = EventPage(
        title=title,
        slug=fields.pop("slug", None) or title.lower().replace(" ", "-"),
        starts_at=local(day, 9),
        ends_at=local(day, 12),
        capacity=capacity,
        **fields,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    event.refresh_from_db()
    return event


@pytest.fixture
def member(db):
    return make_member("Ana Active", password="a-long-test-password-42")


@pytest.fixture
def consultation(index):
    return index.get_children().get(slug="peer-consultation-evening").specific
