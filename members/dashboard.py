"""What the dashboard lists about proposals, in one query of plain values (compiled once per
connection: see members/prepared.py).

Never cached: a vote cast, a proposal opened, scheduled or closed shows on the next request.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Exists, OuterRef, Q

from .models import Elector, Kind, Proposal
from .prepared import Prepared

DECIDED_LATELY = timedelta(days=30)
_OPEN_OR_SCHEDULED = (Proposal.Status.OPEN, Proposal.Status.SCHEDULED)
_FIELDS = ("pk", "title", "status", "kind", "opens_at", "closes_at", "closed_at", "outcome")


@dataclass
class Lists:
    waiting: list = field(default_factory=list)  # open, closing later, `member` yet to vote
    upcoming: list = field(default_factory=list)  # scheduled, soonest first
    decided: list = field(default_factory=list)  # closed in the last 30 days, newest first
    open_amendments: int = 0  # manual amendments scheduled or open


def _build_rows(member, now, since):
    to_vote = Exists(
        Elector.objects.filter(proposal=OuterRef("pk"), member=member, has_voted=False)
    )
    return (
        Proposal.objects.filter(
            Q(status=Proposal.Status.OPEN, closes_at__gt=now) & to_vote
            | Q(status=Proposal.Status.SCHEDULED)
            | Q(status=Proposal.Status.CLOSED, closed_at__gte=since)
            | Q(kind=Kind.MANUAL_AMENDMENT, status__in=_OPEN_OR_SCHEDULED)
        )
        .annotate(to_vote=to_vote)
        .order_by()
        .values(*_FIELDS, "to_vote")
    )


# Compiled once: the same query for every member and moment.
_rows = Prepared(_build_rows, "member", moments=("now", "since"))


def proposal_lists(member, now):
    """The dashboard's proposals for `member` at `now`, as dicts of `_FIELDS` (decided ones
    with `outcome_label` too)."""
    rows = _rows.all(member=member.pk, now=now, since=now - DECIDED_LATELY)
    outcomes = dict(Proposal._meta.get_field("outcome").flatchoices)
    lists = Lists()
    for row in rows:
        status = row["status"]
        if row["kind"] == Kind.MANUAL_AMENDMENT and status in _OPEN_OR_SCHEDULED:
            lists.open_amendments += 1
        if status == Proposal.Status.OPEN:
            if row["to_vote"] and row["closes_at"] > now:
                lists.waiting.append(row)
        elif status == Proposal.Status.SCHEDULED:
            lists.upcoming.append(row)
        else:
            row["outcome_label"] = outcomes.get(row["outcome"], row["outcome"])
            lists.decided.append(row)
    # The orders the three queries had (ties by id, as PostgreSQL and SQLite return them).
    lists.waiting.sort(key=lambda r: (r["closes_at"], r["pk"]))
    lists.upcoming.sort(key=lambda r: (r["opens_at"], r["pk"]))
    lists.decided.sort(key=lambda r: (r["closed_at"], r["pk"]), reverse=True)
    return lists
