"""The day-before reminder: one email per member going, once per start time.

`send_event_reminders` is a plain function (the scheduler calls it; so does the
`send_event_reminders` command). An RSVP remembers the start it was reminded for, so running
it twice sends nothing new, and an event moved to another day is reminded again.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from . import emails
from .models import RSVP, EventPage
from .schedule import day_bounds


def send_event_reminders(now=None):
    """Remind everyone going to an event that starts tomorrow (co-op time). Returns the
    number of emails sent."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    start, end = day_bounds(tomorrow)
    events = EventPage.objects.live().filter(
        locale=Locale.get_default(),
        repeats_monthly=False,
        takes_rsvps=True,
        starts_at__gte=start,
        starts_at__lt=end,
    )
    sent = 0
    for event in events:
        with transaction.atomic():
            due = list(
                RSVP.objects.select_for_update(of=("self",))
                .filter(event=event, status=RSVP.Status.GOING)
                .exclude(reminder_sent_for=event.starts_at)
                .select_related("member__user")
            )
            if not due:
                continue
            RSVP.objects.filter(pk__in=[r.pk for r in due]).update(
                reminder_sent_for=event.starts_at
            )
            members = [r.member for r in due]
            emails.event_reminder(event, event.starts_at, members)  # queued with the marks
        sent += len(members)
    return sent
