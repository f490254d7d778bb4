"""Demo members and proposals for `load_demo`. Idempotent: existing people and proposals
(found by username and by title) are left alone. Decided proposals are played out through
the real engine with past dates, so their tallies, logs and effects are genuine."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import membership, voting
from .factories import make_member
from .manual import demo as manual_demo
from .models import (
    ROLE_ADMIN_STAFF,
    ROLE_PARENT_REPRESENTATIVE,
    ROLE_TREASURER,
    Kind,
    Member,
    Proposal,
)

PASSWORD = "coop-demo-member-2026"  # noqa: S105 - demo only, printed by load_demo
DOMAIN = "lycan-coop.example"

# username: (name, profession, status, roles)
PEOPLE = {
    "marcus.bell": ("Marcus Bell, LICSW", "Clinical social worker", "active", [ROLE_ADMIN_STAFF]),
    "priya.natarajan": ("Priya Natarajan, ARNP", "Psychiatric ARNP", "active", [ROLE_TREASURER]),
    "lucia.morales": ("Lucía Morales, LMFT", "Marriage and family therapist", "active", []),
    "david.okafor": ("David Okafor, PhD", "Licensed psychologist", "active", []),
    "sam.goldberg": ("Sam Goldberg, LMHC", "Mental health counselor", "active", []),
    "robin.lycan": (
        "Robin Lycan, LMHC-S",
        "Supervisor; Lycan Counseling's representative",
        "active",
        [ROLE_PARENT_REPRESENTATIVE],
    ),
    "noor.haddad": ("Noor Haddad, LMHCA", "Mental health counselor associate", "applicant", []),
    "chris.park": ("Chris Park, LMHC", "Mental health counselor", "active", []),
}

LOGINS = [
    ("Member (admin staff)", "marcus.bell"),
    ("Member (treasurer)", "priya.natarajan"),
    ("Member (parent-company representative)", "robin.lycan"),
    ("Applicant", "noor.haddad"),
    ("Former member", "chris.park"),
]


def email_for(username):
    return f"{username}@{DOMAIN}"


def ensure_people(log):
    User = get_user_model()
    members = {}
    for username, (name, profession, status, roles) in PEOPLE.items():
        member = Member.objects.filter(user__username=username).first()
        if member is None:
            if User.objects.filter(username=username).exists():
                continue  # someone else's account by that name: leave it alone
            member = make_member(
                name,
                username=username,
                email=email_for(username),
                password=PASSWORD,
                status=status,
                roles=roles,
                profession=profession,
                joined_on=timezone.localdate() - timedelta(days=400)
                if status == "active"
                else None,
            )
            log(f"created the member {username}")
        members[username] = member
    return members


def _played_out(log, members, *, kind, title, body, proposer, days_ago, choices, subject=None):
    """Propose, open, vote and close a proposal in the past."""
    start = timezone.now() - timedelta(days=days_ago)
    proposal = voting.propose(
        kind=kind,
        title=title,
        body=body,
        proposer=members[proposer],
        subject=subject,
        now=start,
        notify=False,
    )
    voting.open_proposal(proposal.pk, now=proposal.opens_at, notify=False)
    at = proposal.opens_at + timedelta(hours=1)
    for username, choice in choices.items():
        voting.cast_vote(proposal.pk, members[username], choice, now=at)
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    log(f"played out the proposal: {title}")


CLOSES_SOON = timedelta(minutes=3)


def voting_time(kind):
    """From proposing to the close, under the kind's rules (notice, then the voting time)."""
    rule = voting.rule_for(kind)
    return timedelta(hours=rule.min_notice_hours + max(rule.min_voting_hours, 1))


def ensure_proposals(log, members):
    if len(members) < len(PEOPLE) or Proposal.objects.exists():
        return  # only on a fresh demo: never add proposals to a database in use
    y, n, a = "yes", "no", "abstain"
    _played_out(
        log,
        members,
        kind=Kind.SHARED_SERVICE,
        title="Adopt a shared, HIPAA-compliant scheduling service",
        body="One scheduling and telehealth service for everyone, bought at the group rate.",
        proposer="marcus.bell",
        days_ago=20,
        choices={
            "marcus.bell": y,
            "priya.natarajan": y,
            "lucia.morales": y,
            "david.okafor": n,
            "sam.goldberg": a,
            "chris.park": y,
        },
    )
    _played_out(
        log,
        members,
        kind=Kind.ADMIN_PAY,
        title="Raise the admin coordinator's hourly pay by 15 %",
        body="The coordinator's hours grew with the group; this proposal raises the rate.",
        proposer="priya.natarajan",
        days_ago=16,
        choices={
            "priya.natarajan": y,
            "lucia.morales": n,
            "david.okafor": n,
            "sam.goldberg": y,
            "robin.lycan": n,
            "chris.park": y,
        },
    )
    # Chris leaves: no vote needed. Their cycle is settled, so they are now a former member.
    chris = members["chris.park"]
    if chris.status == Member.Status.ACTIVE:
        membership.leave(chris, actor="demo")
        chris.refresh_from_db()
        membership.finish_leaving(chris)
    # Open now: the applicant's onboarding (as the join form makes it), a budget and a
    # general question with a visible running count.
    applicant = members["noor.haddad"]
    Member.objects.filter(pk=applicant.pk, license_number="").update(
        license_number="MC.61234567", license_state="Washington"
    )
    voting.propose(
        kind=Kind.ONBOARD_PROVIDER,
        title="Welcome Noor Haddad, LMHCA, as a provider",
        body="Noor offers trauma-informed counseling in English and Arabic, under supervision.",
        subject=applicant,
        notify=False,
    )
    budget = voting.propose(
        kind=Kind.CYCLE_BUDGET,
        title="Budget for the January–June 2027 cycle",
        body="Shared monthly budget of $3,900.00: admin staff, EHR, insurance, training.",
        proposer=members["priya.natarajan"],
        payload={"monthly_budget_cents": 390000},
        notify=False,
        now=timezone.now() - timedelta(days=3),
    )
    voting.open_proposal(budget.pk, now=timezone.now(), notify=False)
    general = voting.propose(
        kind=Kind.GENERAL,
        title="Run a table at the spring community health fair",
        body="Two members staff a table about co-ops and low-cost care; we share materials.",
        proposer=members["lucia.morales"],
        notify=False,
        now=timezone.now() - timedelta(days=1),
    )
    voting.open_proposal(general.pk, now=timezone.now(), notify=False)
    voting.cast_vote(general.pk, members["lucia.morales"], y)
    voting.cast_vote(general.pk, members["sam.goldberg"], y)
    voting.add_comment(general.pk, members["sam.goldberg"], "Happy to take the Saturday shift.")
    # Time moving in `make run`: voting on this one ends a few minutes after a fresh load, so
    # the scheduler closes it with nobody looking and the worker emails its result.
    closes_soon = voting.propose(
        kind=Kind.GENERAL,
        title="Keep the waiting room open until 7 pm on Thursdays",
        body="A trial for three months: the admin coordinator covers the extra hour.",
        proposer=members["sam.goldberg"],
        notify=False,
        now=timezone.now() - voting_time(Kind.GENERAL) + CLOSES_SOON,
    )
    voting.open_proposal(closes_soon.pk, now=closes_soon.opens_at, notify=False)
    for username in ("sam.goldberg", "marcus.bell", "david.okafor"):
        voting.cast_vote(closes_soon.pk, members[username], y, now=closes_soon.opens_at)
    voting.propose(
        kind=Kind.MANUAL_AMENDMENT,
        title="Manual: a monthly peer-consultation hour for everyone",
        body="Adds a paid hour of peer consultation per month to the Co-Op Procedures manual.",
        proposer=members["david.okafor"],
        notify=False,
    )
    log("created open and scheduled proposals")


AGREEMENT_TEXT = """Provider services agreement (demo copy)

Between Lycan Counseling, which holds the group's shared accounts, and the provider.
1. The provider keeps an independent practice: hours, clients, time off and clinical work.
2. The provider pays an equal monthly share of the shared costs the members agree on, and
   gets back an equal share of whatever is not spent at the end of each six-month cycle.
3. The provider agrees to the Co-Op Procedures manual in force, and has one vote.
4. Either side may end this agreement at any time, for any reason, as the manual describes.
"""


def ensure_agreement(log):
    """The provider services agreement, offered on the Join us page and the application."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, Site

    from .models import ManualSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    settings = ManualSettings.for_site(site)
    if settings.services_agreement_id:
        return
    settings.services_agreement = get_document_model().objects.create(
        title="Provider services agreement",
        collection=Collection.get_first_root_node() or Collection.add_root(name="Root"),
        file=ContentFile(AGREEMENT_TEXT, name="provider-services-agreement.txt"),
    )
    settings.save()
    log("uploaded the provider services agreement")


@transaction.atomic
def load(log):
    members = ensure_people(log)
    ensure_proposals(log, members)
    manual_demo.load(log)
    ensure_agreement(log)


def demo_logins():
    return [(role, email_for(username), PASSWORD) for role, username in LOGINS]
