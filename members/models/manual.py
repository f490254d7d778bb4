"""The Co-Op Procedures manual: the page, its numbered versions, amendments and readers.

The manual is a Wagtail page for editing, revisions and previews, but members read it only
through the members' area (`members.manual.views`); `ManualPage.serve` sends everyone there,
and a login view restriction keeps it out of public search, the sitemap and menus.
The rules (publishing, diffs, amendments) live in the `members.manual` package; its hooks are
in `members/wagtail_hooks.py`, its signals and effect are connected in `MembersConfig.ready()`.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from members.blocks import ManualStreamBlock


class ManualPageForm(WagtailAdminPageForm):
    """Adds the editorial note an editor must give to publish without a vote."""

    editorial_note = forms.CharField(
        label=_("Editorial fix"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "The manual changes only by a members' vote. To publish a typo or link fix "
            "without one, say what you fixed here; members see it in the manual's history. "
            "Anything more than that must be proposed as an amendment."
        ),
    )


class ManualPage(Page):
    intro = models.TextField(
        blank=True,
        max_length=600,
        verbose_name=_("introduction"),
        help_text=_("A sentence or two shown above the table of contents."),
    )
    sections = StreamField(
        ManualStreamBlock(),
        verbose_name=_("sections"),
        help_text=_(
            "Numbered sections, each with numbered clauses. Anchors stay the same when titles "
            "change, so shared links and the history of each clause keep working."
        ),
    )

    base_form_class = ManualPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [
        HelpPanel(
            content=_(
                "Members read this manual in the members' area. Publishing here is refused "
                "unless you describe an editorial fix below; real changes go through an "
                "amendment and a vote, which publishes the proposed draft by itself."
            )
        ),
        FieldPanel("editorial_note"),
        FieldPanel("intro"),
        FieldPanel("sections"),
    ]

    class Meta:
        verbose_name = _("procedures manual")

    # Only a passed amendment or an editorial fix publishes the manual; a schedule, a
    # workflow's approval or a revert is refused: `members.manual.publishing.check_publish`,
    # installed here by `MembersConfig.ready()` (models import no rules).
    publish_guard = None

    def publish(self, revision, *args, **kwargs):
        guard = type(self).publish_guard
        if guard is None:
            raise RuntimeError("The manual's publish guard is not installed.")
        allowed = guard(
            self,
            revision,
            log_action=kwargs.get("log_action", True),
            previous_revision=kwargs.get("previous_revision"),
        )
        return super().publish(revision, *args, **kwargs) if allowed else None

    # Never moderated through a workflow: an approval would change the manual without a vote.
    def get_workflow(self):
        return None

    @property
    def has_workflow(self):
        return False

    def serve(self, request, *args, **kwargs):
        # Never rendered by Wagtail's front end: the members' area applies its own access
        # rules (anonymous -> login, not a member -> 403) and never caches the response.
        return redirect("members:manual")

    def get_sitemap_urls(self, request=None):
        return []


class ManualVersion(models.Model):
    """A published version of the manual: its number, date, and what made it law."""

    class Source(models.TextChoices):
        INITIAL = "initial", _("First version")
        AMENDMENT = "amendment", _("Amendment passed by vote")
        EDITORIAL = "editorial", _("Editorial fix")
        UNRECORDED = "unrecorded", _("Published without a vote or an editorial note")

    page = models.ForeignKey(
        ManualPage,
        on_delete=models.PROTECT,
        related_name="versions",
        help_text=_("The manual."),
    )
    number = models.PositiveIntegerField(help_text=_("Version number, 1, 2, 3 …"))
    revision = models.OneToOneField(
        "wagtailcore.Revision",
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The page revision that was published as this version."),
    )
    source = models.CharField(
        max_length=16, choices=Source.choices, help_text=_("How this version came to be.")
    )
    proposal = models.ForeignKey(
        "members.Proposal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="manual_versions",
        help_text=_("The passed proposal that enacted it (amendments only)."),
    )
    note = models.TextField(blank=True, help_text=_("What an editorial fix changed."))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The editor who published it; empty when a vote did."),
    )
    published_at = models.DateTimeField(help_text=_("When it went live."))
    outline = models.JSONField(
        default=list,
        help_text=_("Sections and clauses as plain text, kept for diffs and clause history."),
    )

    class Meta:
        ordering = ["page", "-number"]
        verbose_name = _("manual version")
        verbose_name_plural = _("manual versions")
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="one_manual_version_number")
        ]

    def __str__(self):
        return str(_("Version %(number)s") % {"number": self.number})


class ManualAmendment(models.Model):
    """A drafted change: the exact revision a proposal asks the members to publish."""

    proposal = models.OneToOneField(
        "members.Proposal",
        on_delete=models.PROTECT,
        related_name="manual_amendment",
        help_text=_("The vote on this amendment."),
    )
    page = models.ForeignKey(
        ManualPage, on_delete=models.PROTECT, related_name="amendments", help_text=_("The manual.")
    )
    revision = models.OneToOneField(
        "wagtailcore.Revision",
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The draft revision that goes live if the vote passes. Kept either way."),
    )
    base_version = models.ForeignKey(
        ManualVersion,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The version the draft was written against."),
    )
    rebased_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rebased_into",
        help_text=_("The earlier amendment this one brings up to date."),
    )
    drafted_by = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="manual_amendments",
        help_text=_("The member who drafted it."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was drafted."))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("manual amendment")
        verbose_name_plural = _("manual amendments")

    def __str__(self):
        return str(self.proposal)


class ManualAcknowledgement(models.Model):
    """'I have read version N', once per member and version."""

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="manual_acknowledgements",
        help_text=_("Who confirmed."),
    )
    version = models.ForeignKey(
        ManualVersion,
        on_delete=models.PROTECT,
        related_name="acknowledgements",
        help_text=_("The version they read."),
    )
    acknowledged_at = models.DateTimeField(help_text=_("When they confirmed."))

    class Meta:
        ordering = ["-acknowledged_at"]
        verbose_name = _("manual acknowledgement")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "version"], name="one_acknowledgement_per_version"
            )
        ]

    def __str__(self):
        return f"{self.member} read {self.version}"


class ManualVisit(models.Model):
    """The last version a member opened, for "changes since your last visit"."""

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        related_name="manual_visits",
        help_text=_("The member."),
    )
    page = models.ForeignKey(
        ManualPage, on_delete=models.CASCADE, related_name="+", help_text=_("The manual.")
    )
    last_seen_number = models.PositiveIntegerField(
        default=0, help_text=_("The newest version number the member has opened.")
    )
    seen_at = models.DateTimeField(help_text=_("When."))

    class Meta:
        verbose_name = _("manual visit")
        constraints = [
            models.UniqueConstraint(fields=["member", "page"], name="one_manual_visit_per_member")
        ]

    def __str__(self):
        return f"{self.member}: {self.last_seen_number}"


@register_setting(icon="doc-full")
class ManualSettings(BaseSiteSetting):
    offer_to_applicants = models.BooleanField(
        _("offer the manual to prospective providers"),
        default=False,
        help_text=_(
            "Show a read-only print copy of the manual in force to anyone, linked from the "
            "application form, so people can read it before they apply. Off: only members see it."
        ),
    )

    services_agreement = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("provider services agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The agreement each provider signs, offered on the Join us page and the application "
            "to anyone who wants to read it before applying. Keep it in a public collection."
        ),
    )

    panels = [FieldPanel("offer_to_applicants"), FieldPanel("services_agreement")]

    class Meta:
        verbose_name = _("manual settings")


__all__ = [
    "ManualAcknowledgement",
    "ManualAmendment",
    "ManualPage",
    "ManualPageForm",
    "ManualSettings",
    "ManualVersion",
    "ManualVisit",
]
