"""Proposals, the rules per kind, the frozen electorate, votes, secret ballots, comments."""

import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ADMIN_STAFFING = "admin_staffing", _("Administrative staffing change")
    ADMIN_PAY = "admin_pay", _("Admin staff pay")
    MANUAL_AMENDMENT = "manual_amendment", _("Manual amendment")
    ONBOARD_PROVIDER = "onboard_provider", _("Onboard a provider")
    END_CONTRACT = "end_contract", _("End a provider's contract")
    REMOVE_PARENT = "remove_parent", _("Remove the parent company")
    CYCLE_BUDGET = "cycle_budget", _("Cycle budget")
    SHARED_SERVICE = "shared_service", _("Adopt a shared service")
    SHARED_FUND = "shared_fund", _("Spend from a shared fund")
    GENERAL = "general", _("General")


class Threshold(models.TextChoices):
    MAJORITY = "majority", _("More than half")
    TWO_THIRDS = "two_thirds", _("Two-thirds")
    THREE_QUARTERS = "three_quarters", _("Three-quarters")


class ThresholdBase(models.TextChoices):
    CAST = "cast", _("Of yes and no votes cast")
    ELECTORATE = "electorate", _("Of the whole electorate")


class Choice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")


class RuleFields(models.Model):
    """The rule settings, shared by the rules table and each proposal's frozen copy."""

    quorum_percent = models.PositiveSmallIntegerField(
        default=50,
        help_text=_("Share of the electorate (0-100 %) that must take part, abstentions included."),
    )
    threshold = models.CharField(
        max_length=16,
        choices=Threshold.choices,
        default=Threshold.MAJORITY,
        help_text=_("How many yes votes it takes to pass."),
    )
    threshold_base = models.CharField(
        max_length=16,
        choices=ThresholdBase.choices,
        default=ThresholdBase.CAST,
        help_text=_("Whether the threshold counts yes and no votes cast or the whole electorate."),
    )
    secret_ballot = models.BooleanField(
        default=False,
        help_text=_("Store who voted apart from what they chose, with nothing linking the two."),
    )
    hide_results_until_close = models.BooleanField(
        default=True, help_text=_("Show no running count while the vote is open.")
    )
    conflict_of_interest = models.BooleanField(
        default=False,
        help_text=_(
            "The member the proposal is about does not vote; electorate and quorum shrink."
        ),
    )

    class Meta:
        abstract = True

    RULE_FIELDS = (
        "quorum_percent",
        "threshold",
        "threshold_base",
        "secret_ballot",
        "hide_results_until_close",
        "conflict_of_interest",
    )


class VoteRule(RuleFields):
    """One row per kind of proposal, seeded by a migration; admins change them in Wagtail."""

    kind = models.CharField(
        max_length=32, choices=Kind.choices, unique=True, help_text=_("The kind of proposal.")
    )
    min_notice_hours = models.PositiveIntegerField(
        default=0, help_text=_("Hours between proposing and the vote opening, at least.")
    )
    min_voting_hours = models.PositiveIntegerField(
        default=168, help_text=_("Hours the vote stays open, at least.")
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("voting rule")
        verbose_name_plural = _("voting rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_percent__lte=100), name="voterule_quorum_at_most_100"
            )
        ]

    def __str__(self):
        return str(self.get_kind_display())


class Proposal(RuleFields):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        OPEN = "open", _("Open for voting")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Outcome(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    class Enactment(models.TextChoices):
        NOT_NEEDED = "not_needed", _("Nothing to carry out")
        PENDING = "pending", _("Waiting to be carried out")
        DONE = "done", _("Carried out")
        FAILED = "failed", _("Failed; will be retried")

    kind = models.CharField(
        max_length=32, choices=Kind.choices, help_text=_("What kind of decision this is.")
    )
    title = models.CharField(max_length=200, help_text=_("A short summary of the proposal."))
    body = models.TextField(help_text=_("What is proposed and why."))
    proposer = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals_made",
        help_text=_("The member who proposed it; empty when an application created it."),
    )
    subject = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals_about",
        help_text=_("The member the proposal is about (applicant, contract, representative)."),
    )
    payload = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("Extra data the effect needs, e.g. a budget in cents."),
    )
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.SCHEDULED,
        db_index=True,
        help_text=_("Where the proposal is in its life."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was proposed."))
    opens_at = models.DateTimeField(help_text=_("When voting opens."))
    closes_at = models.DateTimeField(help_text=_("When voting closes."))
    opened_at = models.DateTimeField(null=True, blank=True, help_text=_("When it opened."))
    closed_at = models.DateTimeField(null=True, blank=True, help_text=_("When it was tallied."))
    reminder_sent_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the reminder to non-voters went out.")
    )
    # The tally, written once at close and never edited.
    electorate_size = models.PositiveIntegerField(
        default=0, help_text=_("Members entitled to vote, frozen at opening.")
    )
    yes_count = models.PositiveIntegerField(default=0, help_text=_("Yes votes at close."))
    no_count = models.PositiveIntegerField(default=0, help_text=_("No votes at close."))
    abstain_count = models.PositiveIntegerField(default=0, help_text=_("Abstentions at close."))
    quorum_met = models.BooleanField(null=True, blank=True, help_text=_("Set at close."))
    outcome = models.CharField(
        max_length=8, choices=Outcome.choices, blank=True, help_text=_("Set at close.")
    )
    enactment_status = models.CharField(
        max_length=16,
        choices=Enactment.choices,
        default=Enactment.NOT_NEEDED,
        help_text=_("Whether a passed proposal's effects have been carried out."),
    )
    enactment_attempts = models.PositiveSmallIntegerField(
        default=0, help_text=_("How many times carrying it out was tried.")
    )
    enactment_error = models.TextField(
        blank=True, help_text=_("The last error when carrying it out failed.")
    )
    enacted_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When its effects were carried out.")
    )
    enactment_results = models.JSONField(
        default=list,
        blank=True,
        help_text=_("What its effects reported they carried out (members.effects.Carried)."),
    )

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="proposal_closes_after_open"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def shown_title(self):
        """The title in the active language: an application's vote is titled by the site
        (stored in English), any other by its proposer, in their words."""
        if self.kind == Kind.ONBOARD_PROVIDER and self.subject_id and self.proposer_id is None:
            from django.utils.translation import gettext

            return gettext("Welcome %(name)s as a provider") % {"name": self.subject.display_name}
        return self.title

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED


class Elector(models.Model):
    """A member entitled to vote on a proposal, frozen when it opens; records participation."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="electors", help_text=_("The proposal.")
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="electorships",
        help_text=_("The member entitled to vote."),
    )
    has_voted = models.BooleanField(
        default=False, help_text=_("Whether the member has taken part (never what they chose).")
    )

    class Meta:
        verbose_name = _("elector")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], name="one_elector_per_member")
        ]

    def __str__(self):
        return f"{self.member} on {self.proposal_id}"


class Vote(models.Model):
    """A choice in an open (not secret) ballot. Changing it adds a row; one row is current."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="votes", help_text=_("The proposal.")
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="votes",
        help_text=_("Who voted."),
    )
    choice = models.CharField(max_length=8, choices=Choice.choices, help_text=_("The choice."))
    cast_at = models.DateTimeField(help_text=_("When this choice was made."))
    reason = models.TextField(
        blank=True,
        max_length=1000,
        help_text=_("Why the member chose it, in their words, shown beside the vote (optional)."),
    )
    is_current = models.BooleanField(
        default=True, help_text=_("False once the member changed their vote.")
    )

    class Meta:
        ordering = ["cast_at", "pk"]
        verbose_name = _("vote")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "member"],
                condition=Q(is_current=True),
                name="one_current_vote_per_member",
            )
        ]

    def __str__(self):
        return f"{self.member}: {self.choice}"


def new_receipt():
    return secrets.token_hex(8).upper()


class SecretBallot(models.Model):
    """What was chosen in a secret ballot. No member, no time: nothing links it to a voter.

    A random UUID key keeps insertion order out of the table; the voter alone holds the
    receipt code, which finds the ballot in the list published at close and lets them change it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="ballots", help_text=_("The proposal.")
    )
    receipt = models.CharField(
        max_length=32,
        unique=True,
        default=new_receipt,
        help_text=_("The code only the voter was shown."),
    )
    choice = models.CharField(max_length=8, choices=Choice.choices, help_text=_("The choice."))
    is_current = models.BooleanField(
        default=True, help_text=_("False once the voter replaced this ballot.")
    )

    class Meta:
        ordering = ["receipt"]
        verbose_name = _("secret ballot")

    def __str__(self):
        return self.receipt


class Comment(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="comments", help_text=_("The proposal.")
    )
    author = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="comments",
        help_text=_("Who wrote it."),
    )
    body = models.TextField(max_length=5000, help_text=_("The comment."))
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was written."))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")

    def __str__(self):
        return f"{self.author} on {self.proposal_id}"
