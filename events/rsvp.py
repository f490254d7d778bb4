"""RSVPs, the waitlist and attendance: the rules, without HTTP.

Every change to an event's list takes a row lock on the event (`select_for_update`), so two
members asking for the last seat at the same moment are served one after the other: one
gets it, the other is waitlisted (tested with 20 threads for 10 seats on PostgreSQL). A
cancellation by someone going hands the seat to exactly one waitlisted member, the one who
asked first, and emails them once the change is committed.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from . import emails
from .access import source_event
from .models import RSVP, CECredit, EventPage

Status = RSVP.Status


class RSVPClosed(Exception):
    """The event takes no RSVPs (repeating, not open to RSVPs, or already over)."""


def _locked_event(event):
    source = source_event(event)
    return EventPage.objects.select_for_update(of=("self",)).get(pk=source.pk)


def counts(event):
    """{"going": n, "waitlisted": n} for one event (its default-language source)."""
    totals = RSVP.objects.filter(event=source_event(event)).aggregate(
        going=Count("pk", filter=Q(status=Status.GOING)),
        waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
    )
    return totals


def _has_seat(event):
    if event.capacity is None:
        return True
    return RSVP.objects.filter(event=event, status=Status.GOING).count() < event.capacity


def answer(event, member, going, now=None):
    """The member says going (a seat, or the waitlist when full) or not going. Returns the
    member's RSVP. Saying going again keeps one's place; not going frees a seat, which goes
    to the first member on the waitlist."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked_event(event)
        if not event.takes_rsvps or event.repeats_monthly or event.ends_at < now:
            raise RSVPClosed
        rsvp = RSVP.objects.filter(event=event, member=member).first()
        if going:
            if rsvp is not None and rsvp.status in (Status.GOING, Status.WAITLISTED):
                return rsvp
            status = Status.GOING if _has_seat(event) else Status.WAITLISTED
            if rsvp is None:
                return RSVP.objects.create(event=event, member=member, status=status, queued_at=now)
            rsvp.status, rsvp.queued_at = status, now
            rsvp.save(update_fields=["status", "queued_at", "updated_at"])
            return rsvp
        if rsvp is None:
            return RSVP.objects.create(
                event=event, member=member, status=Status.NOT_GOING, queued_at=now
            )
        was_going = rsvp.status == Status.GOING
        rsvp.status = Status.NOT_GOING
        rsvp.save(update_fields=["status", "updated_at"])
        if was_going:
            promote_next(event)
        return rsvp


def promote_next(event):
    """Give a free seat to the member who has waited longest. Call with the event locked."""
    if not _has_seat(event):
        return None
    promoted = (
        RSVP.objects.filter(event=event, status=Status.WAITLISTED)
        .select_related("member__user")
        .order_by("queued_at", "pk")
        .first()
    )
    if promoted is None:
        return None
    promoted.status = Status.GOING
    promoted.save(update_fields=["status", "updated_at"])
    emails.waitlist_promoted(promoted)  # queued in this transaction (the outbox)
    return promoted


def record_attendance(event, attended_member_ids):
    """The organizer's ticks: attended or not for each member going. A training's CE hours
    are credited once per member, however often the list is saved; unticking removes the
    credit."""
    with transaction.atomic():
        event = _locked_event(event)
        rsvps = list(RSVP.objects.filter(event=event, status=Status.GOING).select_related("member"))
        ticked = set(attended_member_ids)
        for rsvp in rsvps:
            attended = rsvp.member_id in ticked
            if rsvp.attended != attended:
                rsvp.attended = attended
                rsvp.save(update_fields=["attended", "updated_at"])
        if event.ce_hours:
            present = [r.member for r in rsvps if r.attended]
            for member in present:
                CECredit.objects.get_or_create(
                    member=member,
                    event=event,
                    defaults={
                        "training": event.title,
                        "presenter": event.presenter or "",
                        "held_on": timezone.localtime(event.starts_at).date(),
                        "hours": event.ce_hours,
                    },
                )
            CECredit.objects.filter(event=event).exclude(
                member_id__in=[m.pk for m in present]
            ).delete()
        return rsvps


def hours_by_year(member):
    """[(year, total hours, [credits])], newest year first."""
    years = {}
    for credit in CECredit.objects.filter(member=member).order_by("-held_on", "pk"):
        years.setdefault(credit.held_on.year, []).append(credit)
    return [(year, sum(c.hours for c in credits), credits) for year, credits in years.items()]
