"""Counting votes: the tally, quorum and threshold in exact integer arithmetic, and the
recount that checks a stored result against the ballots."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

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


# --- What members read about a vote --------------------------------------------------------


def quorum_needed(proposal):
    """How many electors must take part for the quorum (the smallest count that reaches it)."""
    return -(-proposal.quorum_percent * proposal.electorate_size // 100)


def participation(proposal):
    """(taken part, needed for the quorum): counted from who voted, never what they chose."""
    voted = proposal.electors.filter(has_voted=True).count()
    return voted, quorum_needed(proposal)


def not_voted(proposal):
    """Electors who have not voted yet, for open ballots only (a secret ballot shows none)."""
    if proposal.secret_ballot:
        return []
    return [
        e.member
        for e in proposal.electors.filter(has_voted=False)
        .select_related("member")
        .order_by("member__display_name")
    ]


# One whole sentence per rule, so every language can order it as it needs.
RULE_SENTENCES = {
    (Threshold.MAJORITY, ThresholdBase.CAST): _(
        "At least %(quorum)s%% of the electorate must take part, abstentions included, and "
        "it passes when more than half of the yes and no votes cast are yes."
    ),
    (Threshold.TWO_THIRDS, ThresholdBase.CAST): _(
        "At least %(quorum)s%% of the electorate must take part, abstentions included, and "
        "it passes when at least two-thirds of the yes and no votes cast are yes."
    ),
    (Threshold.THREE_QUARTERS, ThresholdBase.CAST): _(
        "At least %(quorum)s%% of the electorate must take part, abstentions included, and "
        "it passes when at least three-quarters of the yes and no votes cast are yes."
    ),
    (Threshold.MAJORITY, ThresholdBase.ELECTORATE): _(
        "At least %(quorum)s%% of the electorate must take part, abstentions included, and "
        "it passes when more than half of the whole electorate votes yes."
    ),
    (Threshold.TWO_THIRDS, ThresholdBase.ELECTORATE): _(
        "At least %(quorum)s%% of the electorate must take part, abstentions included, and "
        "it passes when at least two-thirds of the whole electorate votes yes."
    ),
    (Threshold.THREE_QUARTERS, ThresholdBase.ELECTORATE): _(
        "At least %(quorum)s%% of the electorate must take part, abstentions included, and "
        "it passes when at least three-quarters of the whole electorate votes yes."
    ),
}


def rules_sentence(proposal):
    """The proposal's frozen rules as one sentence in the active language."""
    sentence = RULE_SENTENCES[(proposal.threshold, proposal.threshold_base)]
    return sentence % {"quorum": proposal.quorum_percent}
