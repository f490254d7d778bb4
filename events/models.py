"""Events: peer consultation, continuing-education (CE) trainings and community events.

Design notes:

- One page model, `EventPage`, with a `kind`: the three kinds share times, place, capacity,
  RSVPs and calendars, and differ in a few fields (CE hours and presenter for trainings,
  the meeting link for online events) that the admin groups by kind and `clean()` checks.
  One model keeps the index, feeds and search to one query each, whatever the mix of kinds.
- Times are stored timezone-aware (`starts_at`, `ends_at`) and shown in the co-op's zone
  (settings.TIME_ZONE). A recurring event repeats monthly on the weekday of its first date
  ("second Tuesday"), in wall-clock time, so 6 pm stays 6 pm across daylight saving; single
  dates are canceled or moved with `EventDateChange` rows. `events.schedule` computes the
  dates; `events.calendar` writes the same rule as RRULE/EXDATE/RECURRENCE-ID.
- Members-only events carry a login view restriction (`events.access`), so every `public()`
  query leaves them out, and `serve` refuses anyone who is not an active member.
- RSVPs, attendance and CE credits belong to the event in the default language (its
  translation source), so the English and Spanish pages share one list and one capacity.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from home.blocks import BODY_FEATURES
from home.models import BasePage


class EventKind(models.TextChoices):
    CONSULTATION = "consultation", _("Peer consultation")
    TRAINING = "training", _("CE training")
    COMMUNITY = "community", _("Community event")


class EventIndexPage(RoutablePageMixin, BasePage):
    """Upcoming events, the archive of past ones and the public calendar feed."""

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("events page")

    def get_context(self, request, *args, **kwargs):
        from .listing import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request, archive=kwargs.get("archive", False)))
        context["archive_url"] = self.url + self.reverse_subpage("archive")
        context["feed_url"] = self.url + self.reverse_subpage("public_feed")
        return context

    @path("archive/")
    def archive(self, request):
        return self.render(request, archive=True)

    @path("calendar/")
    def public_feed(self, request):
        from . import calendar

        return calendar.public_feed_response(self, request)


class EventPage(RoutablePageMixin, BasePage):
    kind = models.CharField(
        _("kind of event"),
        max_length=20,
        choices=EventKind.choices,
        default=EventKind.COMMUNITY,
        help_text=_(
            "Peer consultation is always for members only. CE trainings carry CE hours. "
            "Community events are public."
        ),
    )
    starts_at = models.DateTimeField(
        _("starts"),
        help_text=_("In the co-op's time zone. For a repeating event, the first date."),
    )
    ends_at = models.DateTimeField(_("ends"), help_text=_("The same day as the start."))
    repeats_monthly = models.BooleanField(
        _("repeats every month"),
        default=False,
        help_text=_(
            "Repeats on the same weekday of the month as the first date, e.g. every second "
            "Tuesday. Cancel or move single dates below."
        ),
    )
    repeat_until = models.DateField(
        _("repeats until"),
        null=True,
        blank=True,
        help_text=_("The last day a repeating event can fall on."),
    )
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_(
            "Only active members can see the page; it never appears in public lists, search, "
            "the sitemap or the public calendar. Always on for peer consultation."
        ),
    )
    body = RichTextField(
        _("description"),
        features=BODY_FEATURES,
        blank=True,
        help_text=_("What happens, who it is for and what to bring."),
    )
    place = models.CharField(
        _("place"),
        max_length=255,
        blank=True,
        help_text=_("Address or venue. Leave blank for an online-only event."),
    )
    online = models.BooleanField(
        _("online"), default=False, help_text=_("Tick when people can join online.")
    )
    meeting_link = models.URLField(
        _("meeting link"),
        blank=True,
        help_text=_("Shown only to logged-in active members, never on public pages."),
    )
    accessibility = models.TextField(
        _("accessibility notes"),
        blank=True,
        max_length=600,
        help_text=_("Step-free access, captions, quiet space, parking, anything people ask."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Seats for members who RSVP. Leave blank for no limit."),
    )
    takes_rsvps = models.BooleanField(
        _("members can RSVP"),
        default=True,
        help_text=_("Members answer going or not going; a full event keeps a waitlist."),
    )
    ce_hours = models.DecimalField(
        _("CE hours"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Continuing-education hours a member earns by attending."),
    )
    presenter_member = models.ForeignKey(
        "members.Member",
        verbose_name=_("presenter from the group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("One of the group's supervisors. Leave blank for an outside trainer."),
    )
    presenter_name = models.CharField(
        _("outside trainer"),
        max_length=200,
        blank=True,
        help_text=_("Name and credentials of an outside trainer."),
    )
    cost_cents = models.PositiveIntegerField(
        _("cost (cents)"),
        null=True,
        blank=True,
        help_text=_("The usual price per person, in cents (e.g. 12000 for $120)."),
    )
    group_rate_cents = models.PositiveIntegerField(
        _("group rate (cents)"),
        null=True,
        blank=True,
        help_text=_("What a member pays at the group rate, in cents."),
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("kind"),
        index.FilterField("members_only"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel([FieldPanel("repeats_monthly"), FieldPanel("repeat_until")]),
                InlinePanel("date_changes", label=_("Canceled or moved dates")),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("online"), FieldPanel("meeting_link")]),
                FieldPanel("accessibility"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("members_only"),
                FieldRowPanel([FieldPanel("takes_rsvps"), FieldPanel("capacity")]),
            ],
            heading=_("Who can come"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("ce_hours"),
                FieldRowPanel([FieldPanel("presenter_member"), FieldPanel("presenter_name")]),
                FieldRowPanel([FieldPanel("cost_cents"), FieldPanel("group_rate_cents")]),
            ],
            heading=_("CE training"),
        ),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["starts_at"], name="event_starts_at")]

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if self.kind == EventKind.CONSULTATION:
            self.members_only = True
        if self.kind == EventKind.TRAINING and self.ce_hours is None:
            errors["ce_hours"] = _("Say how many CE hours the training carries (0 if none).")
        if self.repeats_monthly and not self.repeat_until:
            errors["repeat_until"] = _("Say when a repeating event stops.")
        if self.repeats_monthly and self.takes_rsvps:
            errors["takes_rsvps"] = _("RSVPs are for single-date events.")
        if self.online and not self.place and not self.meeting_link:
            errors["meeting_link"] = _("Give the meeting link members will use.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.kind == EventKind.CONSULTATION:
            self.members_only = True
        if self.repeats_monthly:
            self.takes_rsvps = False
        return super().save(*args, **kwargs)

    # --- Facts the templates and feeds read ------------------------------------------------

    @property
    def is_training(self):
        return self.kind == EventKind.TRAINING

    @property
    def presenter(self):
        if self.presenter_member_id:
            return self.presenter_member.display_name
        return self.presenter_name

    def source_event(self):
        """The event in the default language: RSVPs, attendance and credits hang off it."""
        from .access import source_event

        return source_event(self)

    def get_sitemap_urls(self, request=None):
        if self.members_only:  # a second lock beside the view restriction
            return []
        return super().get_sitemap_urls(request)

    def get_structured_data(self, request=None):
        from .listing import structured_data

        return structured_data(self, request)

    # --- Serving ---------------------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        from .access import refuse_non_member

        refused = refuse_non_member(self, request)
        if refused is not None:
            return refused
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .listing import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        context["ics_url"] = self.url + self.reverse_subpage("ics")
        return context

    @path("ics/")
    def ics(self, request):
        from . import calendar

        return calendar.event_response(self, request)


class EventDateChange(Orderable):
    """One date of a repeating event that is canceled, or moved to another time."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="date_changes")
    original_date = models.DateField(
        _("date"), help_text=_("The date in the repeating pattern that changes.")
    )
    moved_to_start = models.DateTimeField(
        _("moved to (start)"),
        null=True,
        blank=True,
        help_text=_("Leave blank to cancel the date. Otherwise, the new start."),
    )
    moved_to_end = models.DateTimeField(
        _("moved to (end)"), null=True, blank=True, help_text=_("The new end, if moved.")
    )

    panels = [
        FieldPanel("original_date"),
        FieldRowPanel([FieldPanel("moved_to_start"), FieldPanel("moved_to_end")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("canceled or moved date")
        verbose_name_plural = _("canceled or moved dates")

    def clean(self):
        if bool(self.moved_to_start) != bool(self.moved_to_end):
            raise ValidationError(_("A moved date needs both a new start and a new end."))

    @property
    def canceled(self):
        return self.moved_to_start is None


class RSVP(models.Model):
    class Status(models.TextChoices):
        GOING = "going", _("Going")
        WAITLISTED = "waitlisted", _("On the waitlist")
        NOT_GOING = "not_going", _("Not going")

    event = models.ForeignKey(
        EventPage,
        on_delete=models.CASCADE,
        related_name="rsvps",
        help_text=_("The event, in the default language."),
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="rsvps", help_text=_("Who.")
    )
    status = models.CharField(max_length=16, choices=Status.choices, db_index=True)
    queued_at = models.DateTimeField(
        help_text=_("When the member last asked for a seat: the waitlist's order.")
    )
    attended = models.BooleanField(default=False, help_text=_("Marked by an organizer."))
    reminder_sent_for = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("The start time the day-before reminder was sent for."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="one_rsvp_per_member")
        ]

    def __str__(self):
        return f"{self.member} – {self.event} ({self.get_status_display()})"


class CECredit(models.Model):
    """CE hours a member earned by attending a training. Copies the training's facts, so a
    certificate still reads the same after the page is edited or deleted."""

    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="ce_credits"
    )
    event = models.ForeignKey(
        EventPage, null=True, on_delete=models.SET_NULL, related_name="ce_credits"
    )
    training = models.CharField(max_length=255, help_text=_("The training's title."))
    presenter = models.CharField(max_length=200, blank=True)
    held_on = models.DateField(help_text=_("The day of the training."))
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("CE credit")
        verbose_name_plural = _("CE credits")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "event"], name="one_ce_credit_per_training")
        ]

    def __str__(self):
        return f"{self.member}: {self.training} ({self.hours} h)"


def new_calendar_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A member's private calendar address. Resetting gives a new secret; the old one stops."""

    member = models.OneToOneField(
        "members.Member", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("private calendar feed")
        verbose_name_plural = _("private calendar feeds")

    def __str__(self):
        return str(self.member)

    def reset(self):
        self.token = new_calendar_token()
        self.save(update_fields=["token", "created_at"])


def coop_zone():
    from zoneinfo import ZoneInfo

    return ZoneInfo(settings.TIME_ZONE)
