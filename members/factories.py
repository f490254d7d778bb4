"""Builders for members and votes, used by tests and by the demo. Plain functions: no
test-only dependencies."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from . import voting
from .models import Choice, Kind, Member, Proposal

_counter = itertools.count(1)


def make_member(
    name=None,
    *,
    status=Member.Status.ACTIVE,
    email=None,
    username=None,
    password=None,
    roles=(),
    profession="Licensed mental health counselor",
    **fields,
):
    """Create a user and their membership. Without a password the account cannot log in."""
    n = next(_counter)
    name = name or f"Test Member {n}"
    slug = name.lower().replace(" ", ".").replace(",", "")
    username = username or f"{slug}.{n}"
    email = email or f"{username}@members.example"
    User = get_user_model()
    user = User.objects.create_user(username=username, email=email, password=password)
    if roles:
        user.groups.add(*[Group.objects.get_or_create(name=role)[0] for role in roles])
    if status == Member.Status.ACTIVE:
        fields.setdefault("joined_on", timezone.localdate())
    if status in (Member.Status.LEAVING, Member.Status.FORMER):
        fields.setdefault("left_on", timezone.localdate())
    return Member.objects.create(
        user=user, status=status, display_name=name, profession=profession, **fields
    )


def make_open_proposal(proposer, kind=Kind.GENERAL, **kwargs):
    """A proposal by `proposer`, opened now whatever notice its kind's rule asks for."""
    proposal = voting.propose(
        kind=kind,
        title=kwargs.pop("title", "Buy a shared printer"),
        body=kwargs.pop("body", "Why not."),
        proposer=proposer,
        notify=False,
        **kwargs,
    )
    voting.open_proposal(proposal.pk, now=proposal.opens_at, notify=False)
    proposal.refresh_from_db()
    return proposal


def pass_proposal(proposal, *, choice=Choice.YES, voters=None):
    """Open `proposal` if it still waits, have `voters` (every elector unless given) vote
    `choice` as it opens, and close it at its time, enacting what passed.

    Everyone voting yes must pass it: anything else raises, so a broken rule cannot hide
    behind a builder.
    """
    voting.open_proposal(proposal.pk, now=proposal.opens_at, notify=False)
    proposal.refresh_from_db()
    everyone_yes = voters is None and choice == Choice.YES
    if voters is None:
        voters = [e.member for e in proposal.electors.select_related("member")]
    for member in voters:
        voting.cast_vote(proposal.pk, member, choice, now=proposal.opens_at)
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    proposal.refresh_from_db()
    if everyone_yes and proposal.outcome != Proposal.Outcome.PASSED:
        raise ValueError(f"{proposal} did not pass with every vote yes")
    return proposal
