"""The voting engine: propose, open, vote, close (counting is `members.tally`). Plain
functions; views stay thin.

Concurrency: casting a vote and closing a proposal both lock the proposal's row
(`select_for_update`), so a vote racing the close is either counted before it or refused.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import effects, emails
from .models import Choice, Elector, Member, Proposal, SecretBallot, Vote, VoteRule
from .models.audit import record
from .models.proposals import RuleFields, new_receipt
from .tally import count_ballots, decide, rule_kwargs

REMINDER_BEFORE_CLOSE = timedelta(hours=24)


class VotingError(Exception):
    """A refused action; the message is safe to show to the member."""


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
    effects.check_preconditions(kind, subject=subject, payload=payload, proposer=proposer)
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


def _withdraw_refusal(proposal, member):
    if proposal.proposer_id != member.pk:
        return _("Only the member who proposed it may withdraw it.")
    if proposal.status not in (Proposal.Status.SCHEDULED, Proposal.Status.OPEN):
        return _("Only a proposal whose vote has not closed can be withdrawn.")
    return None


def can_withdraw(proposal, member):
    """The proposer may withdraw a proposal until its vote closes: an open proposal is frozen,
    so withdrawing it and proposing again is how its text changes."""
    return _withdraw_refusal(proposal, member) is None


def withdraw(proposal_id, member):
    """The proposer withdraws a proposal before its vote closes; it is never tallied."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        if refusal := _withdraw_refusal(proposal, member):
            raise VotingError(refusal)
        proposal.status = Proposal.Status.WITHDRAWN
        proposal.save(update_fields=["status"])
        record("proposal.withdrawn", proposal=proposal, actor=member.user)
    return proposal


# --- Voting -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteReceipt:
    changed: bool
    receipt: str = ""  # secret ballots only: the code the voter keeps


_LOOK_UP = object()


def _vote_refusal(proposal, member, elector, now):
    if proposal.status != Proposal.Status.OPEN or now >= proposal.closes_at:
        return _("This vote is closed.")
    if member.status != Member.Status.ACTIVE:
        return _("Only active members vote.")
    if elector is None:
        return _("You are not in this vote's electorate.")
    return None


def can_vote(proposal, member, *, elector=_LOOK_UP, now=None):
    """Whether `member` may vote in `proposal` now: it is open and they are an active elector.

    `elector` is the member's Elector row (or None) when the caller has it already.
    """
    if elector is _LOOK_UP:
        elector = Elector.objects.filter(proposal=proposal, member=member).first()
    return _vote_refusal(proposal, member, elector, now or timezone.now()) is None


def cast_vote(proposal_id, member, choice, *, receipt=None, reason="", now=None):
    """Record `member`'s choice. A second call changes it (history kept for open ballots).

    In an open ballot the member may give a `reason`, shown beside the vote; a new reason
    with the same choice changes the vote too. A secret ballot takes no reason (it could
    name the voter). In a secret ballot, changing a vote needs the receipt from the first
    one: the server cannot find a secret ballot from the member, by design.
    """
    if choice not in Choice.values:
        raise VotingError(_("Choose yes, no or abstain."))
    reason = (reason or "").strip()
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        now = now or timezone.now()
        elector = Elector.objects.filter(proposal=proposal, member=member).first()
        if refusal := _vote_refusal(proposal, member, elector, now):
            raise VotingError(refusal)
        if proposal.secret_ballot:
            if reason:
                raise VotingError(_("A secret ballot takes no reason: it could show who voted."))
            return _cast_secret(proposal, elector, member, choice, receipt)
        current = Vote.objects.filter(proposal=proposal, member=member, is_current=True).first()
        if current is not None and (current.choice, current.reason) == (choice, reason):
            return VoteReceipt(changed=False)
        if current is not None:
            Vote.objects.filter(pk=current.pk).update(is_current=False)
        Vote.objects.create(
            proposal=proposal, member=member, choice=choice, reason=reason, cast_at=now
        )
        if not elector.has_voted:
            Elector.objects.filter(pk=elector.pk).update(has_voted=True)
        record(
            "vote.changed" if current else "vote.cast",
            proposal=proposal,
            actor=member.user,
            detail={"member": member.pk, "choice": choice, "reason": reason},
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


def current_vote(proposal, member):
    """The member's own current vote in an open ballot (None in secret ballots)."""
    if proposal.secret_ballot:
        return None
    return Vote.objects.filter(proposal=proposal, member=member, is_current=True).first()


def current_choice(proposal, member):
    """The member's own current choice in an open ballot (None in secret ballots)."""
    vote = current_vote(proposal, member)
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
