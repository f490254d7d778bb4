"""Thin views over events.rsvp and events.calendar. Members' pages use `member_view`."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from members.models import Member
from members.views import ACTIVE, forbidden, member_view

from . import calendar, rsvp
from .access import can_organize, source_event
from .models import RSVP, CalendarFeed, CECredit, EventPage


def _event(page_id):
    # `id`, not `pk`: the page's own integer field, whose lookups Django bounds to its range
    # (`pk` here is the link to wagtailcore's page row, where a 2**63 in the URL overflowed).
    return get_object_or_404(EventPage.objects.live(), id=page_id)


@require_POST
@member_view(*ACTIVE)
def answer(request, page_id):
    event = _event(page_id)
    going = request.POST.get("answer") == "going"
    try:
        result = rsvp.answer(event, request.member, going)
    except rsvp.RSVPClosed:
        messages.error(request, _("This event does not take RSVPs."))
        return redirect(event.get_url(request))
    if result.status == RSVP.Status.GOING:
        messages.success(request, _("You are going. It is in your private calendar."))
    elif result.status == RSVP.Status.WAITLISTED:
        messages.info(
            request,
            _("The event is full, so you are on the waitlist. We will email you if a seat frees."),
        )
    else:
        messages.success(request, _("Thanks for letting us know you are not going."))
    return redirect(event.get_url(request))


def _feed(member):
    return CalendarFeed.objects.get_or_create(member=member)[0]


@member_view(*ACTIVE)
def my_events(request):
    member = request.member
    feed = _feed(member)
    now = timezone.now()
    rsvps = list(
        RSVP.objects.filter(member=member, event__ends_at__gte=now, event__live=True)
        .exclude(status=RSVP.Status.NOT_GOING)
        .select_related("event")
        .order_by("event__starts_at")
    )
    # RSVPs belong to the default-language event; show the member's language's page.
    translated = {
        page.translation_key: page
        for page in EventPage.objects.live().filter(
            locale=Locale.get_active(), translation_key__in=[r.event.translation_key for r in rsvps]
        )
    }
    for entry in rsvps:
        entry.page = translated.get(entry.event.translation_key, entry.event)
    return render(
        request,
        "events/my_events.html",
        {
            "member": member,
            "rsvps": rsvps,
            "years": rsvp.hours_by_year(member),
            "feed_url": request.build_absolute_uri(
                reverse("events_private_feed", args=[feed.token])
            ),
        },
    )


@require_POST
@member_view(*ACTIVE)
def reset_feed(request):
    _feed(request.member).reset()
    messages.success(
        request, _("Your calendar has a new address. The old one has stopped working.")
    )
    return redirect(reverse("events:mine"))


@member_view(*ACTIVE)
def certificate(request, credit_id):
    credit = get_object_or_404(CECredit, pk=credit_id, member=request.member)
    return render(request, "events/certificate.html", {"credit": credit, "member": request.member})


@member_view(*ACTIVE)
def attendance(request, page_id):
    event = source_event(_event(page_id))
    if not can_organize(request.user, event):
        return forbidden(request)
    if request.method == "POST":
        ticked = {int(pk) for pk in request.POST.getlist("attended") if pk.isdigit()}
        rsvp.record_attendance(event, ticked)
        messages.success(request, _("Attendance saved."))
        return redirect(reverse("events:attendance", args=[event.pk]))
    rsvps = (
        RSVP.objects.filter(event=event).select_related("member").order_by("status", "queued_at")
    )
    return render(
        request,
        "events/attendance.html",
        {"event": event, "rsvps": rsvps, "counts": rsvp.counts(event), "Status": RSVP.Status},
    )


@never_cache
def private_feed(request, token):
    """A member's private feed. Works while the member is active and the address is current."""
    feed = (
        CalendarFeed.objects.filter(token=token, member__status=Member.Status.ACTIVE)
        .select_related("member__user")
        .first()
    )
    if feed is None:
        raise Http404
    return calendar.member_feed_response(feed.member, request)
