"""The voting engine: propose, open, vote, close, tally. Plain functions; views stay thin.

Concurrency: casting a vote and closing a proposal both lock the proposal's row
(`select_for_update`), so a vote racing the close is either counted before it or refused.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import effects, emails
from .models import Choice, Elector, Kind, Member, Proposal, SecretBallot, Vote, VoteRule
from .models.audit import record
from .models.proposals import RuleFields, Threshold, ThresholdBase, new_receipt

REMINDER_BEFORE_CLOSE = timedelta(hours=24)


class VotingError(Exception):
    """A refused action; the message is safe to show to the member."""


# --- Counting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    yes: int = 0
    no: int = 0
    abstain: int = 0

    @property
    def participants(self):
        return self.yes + self.no + self.abstain


# yes / base must reach this fraction; "majority" is strictly more than half.
THRESHOLD_FRACTIONS = {
    Threshold.MAJORITY: (1, 2, True),  # numerator, denominator, strict
    Threshold.TWO_THIRDS: (2, 3, False),
    Threshold.THREE_QUARTERS: (3, 4, False),
}


def decide(tally, electorate, *, quorum_percent, threshold, threshold_base):
    """Return (quorum_met, passed) in exact integer arithmetic.

    Quorum: participants (abstentions included) >= quorum_percent % of the electorate.
    Threshold: yes votes against yes + no (`cast`) or against the electorate (`electorate`);
    abstentions never count towards the threshold. Nothing passes with an empty base.
    """
    quorum_met = electorate > 0 and tally.participants * 100 >= quorum_percent * electorate
    base = tally.yes + tally.no if threshold_base == ThresholdBase.CAST else electorate
    num, den, strict = THRESHOLD_FRACTIONS[threshold]
    if base <= 0:
        reached = False
    elif strict:
        reached = tally.yes * den > num * base
    else:
        reached = tally.yes * den >= num * base
    return quorum_met, bool(quorum_met and reached)


def count_ballots(proposal):
    """Count the current ballots from the stored votes (the source of truth)."""
    model = SecretBallot if proposal.secret_ballot else Vote
    counts = model.objects.filter(proposal=proposal, is_current=True).aggregate(
        yes=Count("pk", filter=Q(choice=Choice.YES)),
        no=Count("pk", filter=Q(choice=Choice.NO)),
        abstain=Count("pk", filter=Q(choice=Choice.ABSTAIN)),
    )
    return Tally(**counts)


def stored_tally(proposal):
    return Tally(proposal.yes_count, proposal.no_count, proposal.abstain_count)


def recount_matches(proposal):
    """True when the stored tally equals a recount from the ballots."""
    proposal.refresh_from_db()
    if not proposal.is_closed:
        return True
    tally = count_ballots(proposal)
    return (
        tally == stored_tally(proposal)
        and (proposal.outcome == Proposal.Outcome.PASSED)
        == decide(tally, proposal.electorate_size, **rule_kwargs(proposal))[1]
    )


def rule_kwargs(proposal):
    return {
        "quorum_percent": proposal.quorum_percent,
        "threshold": proposal.threshold,
        "threshold_base": proposal.threshold_base,
    }


def results_visible(proposal):
    return proposal.is_closed or (proposal.is_open and not proposal.hide_results_until_close)


# --- Proposing and opening --------------------------------------------------------------------


def rule_for(kind):
    rule = VoteRule.objects.filter(kind=kind).first()
    return rule or VoteRule(kind=kind)


def propose(
    *,
    kind,
    title,
    body,
    proposer=None,
    subject=None,
    payload=None,
    voting_hours=None,
    now=None,
    notify=True,
):
    """Create a proposal with a frozen copy of its kind's rules; open it if no notice is due."""
    now = now or timezone.now()
    if proposer is not None and proposer.status != Member.Status.ACTIVE:
        raise VotingError(_("Only active members may propose."))
    if kind == Kind.ONBOARD_PROVIDER and (
        subject is None or subject.status != Member.Status.APPLICANT
    ):
        raise VotingError(_("An onboarding proposal must name an applicant."))
    if kind == Kind.END_CONTRACT and (subject is None or subject.status != Member.Status.ACTIVE):
        raise VotingError(_("Ending a contract must name an active member."))
    rule = rule_for(kind)
    opens_at = now + timedelta(hours=rule.min_notice_hours)
    hours = max(rule.min_voting_hours, voting_hours or 0, 1)
    proposal = Proposal(
        kind=kind,
        title=title,
        body=body,
        proposer=proposer,
        subject=subject,
        payload=payload or {},
        opens_at=opens_at,
        closes_at=opens_at + timedelta(hours=hours),
        **{field: getattr(rule, field) for field in RuleFields.RULE_FIELDS},
    )
    with transaction.atomic():
        proposal.save()
        record(
            "proposal.created",
            proposal=proposal,
            actor=proposer.user if proposer else None,
            detail={
                "kind": kind,
                "title": title,
                "subject": subject.pk if subject else None,
                "opens_at": opens_at,
                "closes_at": proposal.closes_at,
                "rules": {f: getattr(rule, f) for f in RuleFields.RULE_FIELDS},
            },
        )
    if opens_at <= now:
        open_proposal(proposal.pk, now=now, notify=notify)
        proposal.refresh_from_db()
    return proposal


def electorate_for(proposal):
    members = Member.objects.active()
    if proposal.conflict_of_interest and proposal.subject_id:
        members = members.exclude(pk=proposal.subject_id)
    return members


def open_proposal(proposal_id, *, now=None, notify=True):
    """Open a scheduled proposal whose time has come and freeze its electorate."""
    now = now or timezone.now()
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        if proposal.status != Proposal.Status.SCHEDULED or proposal.opens_at > now:
            return False
        members = list(electorate_for(proposal))
        Elector.objects.bulk_create(Elector(proposal=proposal, member=m) for m in members)
        proposal.status = Proposal.Status.OPEN
        proposal.opened_at = now
        proposal.electorate_size = len(members)
        proposal.save(update_fields=["status", "opened_at", "electorate_size"])
        record("proposal.opened", proposal=proposal, detail={"electorate": len(members)})
        if notify:
            emails.proposal_opened(proposal)  # queued in this transaction (outbox)
    return True


def withdraw(proposal_id, member):
    """The proposer may withdraw a proposal before voting opens."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        if proposal.proposer_id != member.pk:
            raise VotingError(_("Only the member who proposed it may withdraw it."))
        if proposal.status != Proposal.Status.SCHEDULED:
            raise VotingError(_("Only a proposal that has not opened yet can be withdrawn."))
        proposal.status = Proposal.Status.WITHDRAWN
        proposal.save(update_fields=["status"])
        record("proposal.withdrawn", proposal=proposal, actor=member.user)
    return proposal


# --- Voting -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteReceipt:
    changed: bool
    receipt: str = ""  # secret ballots only: the code the voter keeps


def cast_vote(proposal_id, member, choice, *, receipt=None, now=None):
    """Record `member`'s choice. A second call changes it (history kept for open ballots).

    In a secret ballot, changing a vote needs the receipt from the first one: the server
    cannot find a secret ballot from the member, by design.
    """
    if choice not in Choice.values:
        raise VotingError(_("Choose yes, no or abstain."))
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        now = now or timezone.now()
        if proposal.status != Proposal.Status.OPEN or now >= proposal.closes_at:
            raise VotingError(_("This vote is closed."))
        if member.status != Member.Status.ACTIVE:
            raise VotingError(_("Only active members vote."))
        elector = Elector.objects.filter(proposal=proposal, member=member).first()
        if elector is None:
            raise VotingError(_("You are not in this vote's electorate."))
        if proposal.secret_ballot:
            return _cast_secret(proposal, elector, member, choice, receipt)
        current = Vote.objects.filter(proposal=proposal, member=member, is_current=True).first()
        if current is not None and current.choice == choice:
            return VoteReceipt(changed=False)
        if current is not None:
            Vote.objects.filter(pk=current.pk).update(is_current=False)
        Vote.objects.create(proposal=proposal, member=member, choice=choice, cast_at=now)
        if not elector.has_voted:
            Elector.objects.filter(pk=elector.pk).update(has_voted=True)
        record(
            "vote.changed" if current else "vote.cast",
            proposal=proposal,
            actor=member.user,
            detail={"member": member.pk, "choice": choice},
        )
        return VoteReceipt(changed=current is not None)


def _cast_secret(proposal, elector, member, choice, receipt):
    if not elector.has_voted:
        ballot = SecretBallot.objects.create(proposal=proposal, choice=choice)
        Elector.objects.filter(pk=elector.pk).update(has_voted=True)
        record("vote.cast", proposal=proposal, actor=member.user, detail={"member": member.pk})
        return VoteReceipt(changed=False, receipt=ballot.receipt)
    if not receipt:
        raise VotingError(_("You have voted. To change your vote, enter your receipt code."))
    ballot = (
        SecretBallot.objects.filter(
            proposal=proposal, receipt=receipt.strip().upper(), is_current=True
        )
        .select_for_update()
        .first()
    )
    if ballot is None:
        raise VotingError(_("That receipt code does not match a ballot in this vote."))
    # Replaced in place with a fresh receipt: keeping the old choice would let anyone who
    # saw the change in the log learn it.
    ballot.choice = choice
    ballot.receipt = new_receipt()
    ballot.save(update_fields=["choice", "receipt"])
    record("vote.changed", proposal=proposal, actor=member.user, detail={"member": member.pk})
    return VoteReceipt(changed=True, receipt=ballot.receipt)


def current_choice(proposal, member):
    """The member's own current choice in an open ballot (None in secret ballots)."""
    if proposal.secret_ballot:
        return None
    vote = Vote.objects.filter(proposal=proposal, member=member, is_current=True).first()
    return vote.choice if vote else None


def add_comment(proposal_id, member, body):
    from .models import Comment

    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        if proposal.status not in (Proposal.Status.SCHEDULED, Proposal.Status.OPEN):
            raise VotingError(_("Comments are closed."))
        if member.status != Member.Status.ACTIVE:
            raise VotingError(_("Only active members may comment."))
        comment = Comment.objects.create(proposal=proposal, author=member, body=body)
        record("comment.added", proposal=proposal, actor=member.user, detail={"id": comment.pk})
    return comment


# --- Closing ----------------------------------------------------------------------------------


def close_proposal(proposal_id, *, now=None, notify=True):
    """Tally a proposal whose voting time is over, store the result, then enact it.

    Idempotent: a closed proposal is left alone, so closing twice enacts once.
    """
    now = now or timezone.now()
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        if proposal.status != Proposal.Status.OPEN or proposal.closes_at > now:
            return False
        tally = count_ballots(proposal)
        quorum_met, passed = decide(tally, proposal.electorate_size, **rule_kwargs(proposal))
        proposal.status = Proposal.Status.CLOSED
        proposal.closed_at = now
        proposal.yes_count, proposal.no_count, proposal.abstain_count = (
            tally.yes,
            tally.no,
            tally.abstain,
        )
        proposal.quorum_met = quorum_met
        proposal.outcome = Proposal.Outcome.PASSED if passed else Proposal.Outcome.FAILED
        proposal.enactment_status = (
            Proposal.Enactment.PENDING
            if passed and effects.has_effects(proposal.kind)
            else Proposal.Enactment.NOT_NEEDED
        )
        proposal.save()
        record(
            "proposal.closed",
            proposal=proposal,
            detail={
                "yes": tally.yes,
                "no": tally.no,
                "abstain": tally.abstain,
                "electorate": proposal.electorate_size,
                "quorum_met": quorum_met,
                "outcome": proposal.outcome,
            },
        )
        if notify:
            emails.proposal_decided(proposal)  # queued in this transaction (outbox)
    if proposal.enactment_status == Proposal.Enactment.PENDING:
        effects.enact(proposal.pk)
    return True


def process_due(*, now=None, notify=True):
    """Open, close and enact whatever is due. Run by cron via `close_due_proposals`."""
    now = now or timezone.now()
    opened = closed = enacted = 0
    for pk in Proposal.objects.filter(
        status=Proposal.Status.SCHEDULED, opens_at__lte=now
    ).values_list("pk", flat=True):
        opened += open_proposal(pk, now=now, notify=notify)
    for pk in Proposal.objects.filter(status=Proposal.Status.OPEN, closes_at__lte=now).values_list(
        "pk", flat=True
    ):
        closed += close_proposal(pk, now=now, notify=notify)
    for pk in Proposal.objects.filter(
        Q(enactment_status=Proposal.Enactment.PENDING)
        | Q(
            enactment_status=Proposal.Enactment.FAILED,
            enactment_attempts__lt=effects.MAX_ATTEMPTS,
        )
    ).values_list("pk", flat=True):
        enacted += effects.enact(pk) == Proposal.Enactment.DONE
    return {"opened": opened, "closed": closed, "enacted": enacted}


def bring_up_to_date(proposal, *, now=None):
    """Called when a proposal is viewed: open or close it if its time has passed."""
    now = now or timezone.now()
    if proposal.status == Proposal.Status.SCHEDULED and proposal.opens_at <= now:
        open_proposal(proposal.pk, now=now)
        proposal.refresh_from_db()
    if proposal.status == Proposal.Status.OPEN and proposal.closes_at <= now:
        close_proposal(proposal.pk, now=now)
        proposal.refresh_from_db()
    return proposal


def send_reminders(*, now=None):
    """Remind electors who have not voted, once, in the last 24 hours before the close."""
    now = now or timezone.now()
    sent = 0
    due = Proposal.objects.filter(
        status=Proposal.Status.OPEN,
        reminder_sent_at__isnull=True,
        closes_at__gt=now,
        closes_at__lte=now + REMINDER_BEFORE_CLOSE,
    ).values_list("pk", flat=True)
    for pk in due:
        with transaction.atomic():
            proposal = Proposal.objects.select_for_update().get(pk=pk)
            if proposal.reminder_sent_at is not None:
                continue
            proposal.reminder_sent_at = now
            proposal.save(update_fields=["reminder_sent_at"])
            members = [
                e.member
                for e in proposal.electors.filter(has_voted=False).select_related("member__user")
            ]
            record("proposal.reminded", proposal=proposal, detail={"recipients": len(members)})
            emails.vote_reminder(proposal, members)  # queued in this transaction (outbox)
            sent += len(members)
    return sent
