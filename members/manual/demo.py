"""The demo Co-Op Procedures manual for `load_demo`: version 1, version 2 enacted by a vote
played out through the real engine, and one open amendment. Idempotent: an existing manual is
left alone, and only a manual amendment that has no draft yet is given one."""

from dataclasses import replace
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from home.models import HomePage
from members import voting
from members.models import Kind, ManualAmendment, ManualPage, ManualVersion, Member, Proposal

from .amendments import create_draft, draft_amendment
from .outline import Section, current_version, sections_of, stream_from, version_page


def clause(anchor, title, *paragraphs):
    return {
        "anchor": anchor,
        "title": title,
        "text": "".join(f"<p>{p}</p>" for p in paragraphs),
    }


SECTIONS = [
    {
        "anchor": "membership-and-leaving",
        "title": "Membership and leaving",
        "clauses": [
            clause(
                "who-may-join",
                "Who may join",
                "Any licensed mental-health provider who runs an independent practice may "
                "apply. Members vote on each application; an applicant reads this manual and "
                "the provider services agreement before signing.",
            ),
            clause(
                "leaving-is-always-allowed",
                "Leaving is always allowed",
                "A provider may end their contract at any time, for any reason, without "
                "anyone's approval. Their directory profile is unpublished, their payments "
                "stop, and they still receive their share of any surplus for the cycle.",
            ),
            clause(
                "ending-a-contract",
                "Ending a provider's contract",
                "The members may end a provider's contract by a vote. The provider concerned "
                "does not vote on it.",
            ),
        ],
    },
    {
        "anchor": "decisions-and-votes",
        "title": "Decisions and votes",
        "clauses": [
            clause(
                "one-provider-one-vote",
                "One active provider, one vote",
                "Every active provider has one vote. No provider has power over another's "
                "workload, clients or pay.",
            ),
            clause(
                "what-members-vote-on",
                "What members vote on",
                "Members vote on administrative staffing and pay, changes to this manual, "
                "onboarding a provider, ending a provider's contract, removing the parent "
                "company, the cycle's budget, shared services and spending from a shared fund.",
            ),
            clause(
                "changing-this-manual",
                "Changing this manual",
                "This manual changes only when the members pass an amendment. Editors may "
                "fix typos and links; each such fix is marked in the manual's history.",
            ),
        ],
    },
    {
        "anchor": "the-fee-and-the-cycle",
        "title": "The fee and the cycle",
        "clauses": [
            clause(
                "equal-monthly-fee",
                "An equal monthly fee",
                "Each provider pays an equal share of the agreed monthly budget for shared "
                "costs. The fee is fixed for a six-month cycle unless a vote changes the budget.",
            ),
            clause(
                "surplus-returned",
                "Surplus returned",
                "The parent company makes no profit. At the end of each cycle, whatever was "
                "collected beyond actual costs is refunded to the providers who paid in.",
            ),
        ],
    },
    {
        "anchor": "shared-services",
        "title": "Shared services",
        "clauses": [
            clause(
                "group-buying",
                "Buying together",
                "The group buys services such as scheduling, records and insurance together "
                "when that is cheaper. A provider may still buy services outside the group.",
            ),
        ],
    },
    {
        "anchor": "education",
        "title": "Education, training and information",
        "clauses": [
            clause(
                "continuing-education",
                "Continuing education",
                "The group arranges group rates for continuing education and trainings by its "
                "supervisors.",
            ),
            clause(
                "peer-consultation",
                "Peer consultation",
                "Providers meet for peer consultation once a month.",
            ),
        ],
    },
    {
        "anchor": "cooperation-among-co-ops",
        "title": "Cooperation among co-ops",
        "clauses": [
            clause(
                "prefer-co-ops",
                "Buying from co-ops",
                "When choosing a supplier, the group prefers cooperatives.",
            ),
        ],
    },
    {
        "anchor": "community",
        "title": "Concern for community",
        "clauses": [
            clause(
                "affirming-practice",
                "Affirming practice",
                "Providers practice in an anti-oppressive, LGBTQIA2S+-affirming, "
                "neurodiversity-affirming and racially just way.",
            ),
            clause(
                "affordable-care",
                "Affordable care",
                "Providers are encouraged to accept Medicaid or offer reduced-cost care.",
            ),
        ],
    },
    {
        "anchor": "continuing-without-the-parent-company",
        "title": "Continuing without the parent company",
        "clauses": [
            clause(
                "removing-the-parent-company",
                "Removing the parent company",
                "The members may vote to remove the parent company. Its representative then "
                "loses that role, and the group chooses who holds the shared accounts.",
            ),
            clause(
                "records-and-accounts",
                "Records and accounts",
                "The parent company's relevant finances are open to providers on request, so "
                "that the group can carry on without it.",
            ),
        ],
    },
]

PASSED_TITLE = "Manual: buying from co-ops when it costs no more, and saying so"
OPEN_TITLE = "Manual: a monthly peer-consultation hour for everyone"


def _edited(sections, anchor, title=None, text=None):
    def edit(c):
        return replace(c, title=title or c.title, text=text or c.text) if c.anchor == anchor else c

    return [replace(s, clauses=[edit(c) for c in s.clauses]) for s in sections]


def ensure_manual(log):
    page = ManualPage.objects.first()
    if page is not None:
        return page
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        return None
    page = ManualPage(
        title="Co-Op Procedures manual",
        slug="procedures-manual",
        intro="The rules every provider agrees to. Members change them by vote.",
        sections=stream_from([Section.from_dict(s) for s in SECTIONS]),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    ManualVersion.objects.filter(page=page, number=1).update(
        published_at=timezone.now() - timedelta(days=400)
    )
    log("created the procedures manual, version 1")
    return page


def _member(username):
    return Member.objects.filter(user__username=username).first()


def ensure_passed_amendment(page, log):
    if page.versions.count() != 1 or ManualAmendment.objects.exists():
        return
    voters = {
        u: _member(u)
        for u in ("marcus.bell", "priya.natarajan", "lucia.morales", "david.okafor", "sam.goldberg")
    }
    if not all(m and m.status == Member.Status.ACTIVE for m in voters.values()):
        return
    sections = _edited(
        sections_of(page),
        "prefer-co-ops",
        text="<p>When choosing a supplier, the group prefers cooperatives when they cost no more. "
        "Each provider runs their own practice as close to a co-op as they can, and tells the "
        "group how.</p>",
    )
    amendment = draft_amendment(
        page,
        voters["lucia.morales"],
        sections=sections,
        title=PASSED_TITLE,
        body="Makes the preference for co-ops concrete, as the sixth principle asks.",
        now=timezone.now() - timedelta(days=40),
        notify=False,
    )
    proposal = amendment.proposal
    voting.open_proposal(proposal.pk, now=proposal.opens_at, notify=False)
    at = proposal.opens_at + timedelta(hours=1)
    for username, choice in zip(voters, ["yes", "yes", "yes", "no", "yes"], strict=True):
        voting.cast_vote(proposal.pk, voters[username], choice, now=at)
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    proposal.refresh_from_db()
    ManualVersion.objects.filter(page=page, proposal=proposal).update(
        published_at=proposal.closes_at
    )
    log(f"played out the manual amendment: {PASSED_TITLE}")


def ensure_open_amendment(page, log):
    """The open manual amendment made by the members' demo gets its draft."""
    proposal = (
        Proposal.objects.filter(kind=Kind.MANUAL_AMENDMENT, title=OPEN_TITLE, payload={})
        .exclude(status=Proposal.Status.CLOSED)
        .first()
    )
    if proposal is None or ManualAmendment.objects.filter(proposal=proposal).exists():
        return
    current = current_version(page)
    sections = _edited(
        sections_of(version_page(current)),
        "peer-consultation",
        title="A paid hour of peer consultation",
        text="<p>Providers meet for peer consultation once a month. The group pays each "
        "provider for one hour of it from the shared budget.</p>",
    )
    revision = create_draft(page, sections, proposal.proposer.user)
    payload = {"page_id": page.pk, "revision_id": revision.pk, "base_version": current.number}
    # The demo builds history after the fact: the members' demo opened this proposal before
    # the manual existed. A proposal is frozen once open (members.frozen), so the demo writes
    # the draft's reference past the model's guard; nothing else may.
    Proposal.objects.filter(pk=proposal.pk).update(payload=payload)
    ManualAmendment.objects.create(
        proposal=proposal,
        page=page,
        revision=revision,
        base_version=current,
        drafted_by=proposal.proposer,
    )
    log(f"drafted the open manual amendment: {OPEN_TITLE}")


def load(log):
    page = ensure_manual(log)
    if page is None:
        return
    ensure_passed_amendment(page, log)
    ensure_open_amendment(page, log)
