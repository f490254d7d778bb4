"""Counting votes: the tally, quorum and threshold in exact integer arithmetic, and the
recount that checks a stored result against the ballots."""

from dataclasses import dataclass

from django.db.models import Count, Q

from .models import Choice, Proposal, SecretBallot, Vote
from .models.proposals import Threshold, ThresholdBase


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
