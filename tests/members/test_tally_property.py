"""The engine's decision rule against an independent oracle, over thousands of cases.

The oracle works in exact fractions and spells each threshold out in words; the engine
cross-multiplies integers. Boundary cases (exact quorum, exact two-thirds, exactly half)
are generated on purpose, not left to chance.
"""

from fractions import Fraction

from hypothesis import example, given, settings
from hypothesis import strategies as st

from members.models import Threshold, ThresholdBase
from members.tally import Tally, decide

THRESHOLDS = list(Threshold.values)
BASES = list(ThresholdBase.values)


def oracle(yes, no, abstain, electorate, quorum_percent, threshold, base):
    turnout = yes + no + abstain
    if electorate == 0:
        return False, False
    quorum_met = Fraction(turnout, electorate) >= Fraction(quorum_percent, 100)
    denominator = yes + no if base == "cast" else electorate
    if denominator == 0:
        return quorum_met, False
    share = Fraction(yes, denominator)
    if threshold == "majority":
        enough = share > Fraction(1, 2)
    elif threshold == "two_thirds":
        enough = share >= Fraction(2, 3)
    elif threshold == "three_quarters":
        enough = share >= Fraction(3, 4)
    else:
        raise AssertionError(threshold)
    return quorum_met, quorum_met and enough


@st.composite
def ballots(draw):
    electorate = draw(st.integers(min_value=0, max_value=60))
    turnout = draw(st.integers(min_value=0, max_value=electorate))
    threshold = draw(st.sampled_from(THRESHOLDS))
    base = draw(st.sampled_from(BASES))
    # Half the time aim at a boundary: the smallest yes count that meets the threshold.
    if draw(st.booleans()) and turnout:
        num, den = {"majority": (1, 2), "two_thirds": (2, 3), "three_quarters": (3, 4)}[threshold]
        cast = draw(st.integers(min_value=0, max_value=turnout))
        pool = cast if base == "cast" else electorate
        target = -(-num * pool // den) + draw(st.integers(min_value=-1, max_value=1))
        yes = max(0, min(cast, target))
    else:
        cast = draw(st.integers(min_value=0, max_value=turnout))
        yes = draw(st.integers(min_value=0, max_value=cast))
    no = cast - yes
    abstain = turnout - cast
    # And quorum at, just under or just over the exact share.
    if draw(st.booleans()) and electorate:
        quorum = min(100, max(0, (turnout * 100) // electorate + draw(st.integers(-1, 1))))
    else:
        quorum = draw(st.integers(min_value=0, max_value=100))
    return yes, no, abstain, electorate, quorum, threshold, base


@settings(max_examples=4000, deadline=None)
@given(ballots())
@example((1, 1, 0, 2, 100, "majority", "cast"))  # exactly half: not a majority
@example((2, 1, 0, 3, 100, "two_thirds", "cast"))  # exactly two-thirds: passes
@example((3, 1, 0, 4, 100, "three_quarters", "cast"))  # exactly three-quarters: passes
@example((2, 0, 1, 6, 50, "majority", "cast"))  # exactly the quorum, abstention included
@example((2, 0, 0, 6, 50, "majority", "cast"))  # one short of quorum
@example((3, 0, 0, 6, 50, "majority", "electorate"))  # half the electorate: fails
@example((0, 0, 5, 5, 100, "majority", "cast"))  # only abstentions: fails
@example((0, 0, 0, 0, 0, "majority", "cast"))  # nobody entitled to vote
def test_decide_matches_the_oracle(case):
    yes, no, abstain, electorate, quorum, threshold, base = case
    got = decide(
        Tally(yes, no, abstain),
        electorate,
        quorum_percent=quorum,
        threshold=threshold,
        threshold_base=base,
    )
    assert got == oracle(*case)
