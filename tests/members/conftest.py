import pytest
from django.conf import settings

from members import voting
from members.factories import make_member
from members.models import Kind, Member, Proposal

on_postgresql = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: row locks (SELECT ... FOR UPDATE) and concurrent connections; "
    "run with DATABASE_URL=postgres://...",
)

PASSWORD = "a-long-test-password-42"


@pytest.fixture
def member(db):
    return make_member("Ana Active", password=PASSWORD)


@pytest.fixture
def other(db):
    return make_member("Bo Other", password=PASSWORD)


@pytest.fixture
def applicant(db):
    return make_member("Cy Applicant", status=Member.Status.APPLICANT, password=PASSWORD)


@pytest.fixture
def former(db):
    return make_member("Di Former", status=Member.Status.FORMER, password=PASSWORD)


@pytest.fixture
def open_proposal(member):
    """An open, non-secret general proposal with no notice."""
    return make_open_proposal(member)


def make_open_proposal(proposer, kind=Kind.GENERAL, **kwargs):
    proposal = voting.propose(
        kind=kind,
        title=kwargs.pop("title", "Buy a shared printer"),
        body="Why not.",
        proposer=proposer,
        notify=False,
        **kwargs,
    )
    voting.open_proposal(proposal.pk, now=proposal.opens_at, notify=False)
    proposal.refresh_from_db()
    return proposal


def pass_proposal(proposal):
    """Every elector votes yes and the proposal closes at its time: passed, effects enacted."""
    for elector in proposal.electors.select_related("member"):
        voting.cast_vote(proposal.pk, elector.member, "yes")
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    proposal.refresh_from_db()
    assert proposal.outcome == Proposal.Outcome.PASSED
    return proposal
