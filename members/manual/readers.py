"""Who has read the manual: acknowledgements, visits, and what the dashboard says."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Kind, ManualAcknowledgement, ManualVisit, Member, Proposal
from members.models.audit import record
from members.prepared import Prepared

from .errors import ManualError
from .in_force import in_force
from .outline import current_version


def acknowledge(member, version, *, now=None):
    """'I have read version N'. Only the version in force, once; returns (ack, created)."""
    if member.status != Member.Status.ACTIVE:
        raise ManualError(_("Only active members confirm the manual."))
    if current_version(version.page) != version:
        raise ManualError(_("Only the version in force can be confirmed."))
    ack, created = ManualAcknowledgement.objects.get_or_create(
        member=member, version=version, defaults={"acknowledged_at": now or timezone.now()}
    )
    if created:
        record(
            "manual.acknowledged",
            actor=member.user,
            detail={"member": member.pk, "version": version.number},
        )
    return ack, created


def has_acknowledged(member, version):
    return ManualAcknowledgement.objects.filter(member=member, version=version).exists()


@dataclass(frozen=True)
class Reader:
    member: Member
    acknowledged_at: object = None  # when they confirmed the version, or None


def readers_of(version):
    """Active members and whether each has confirmed `version`, for admins."""
    confirmed = dict(
        ManualAcknowledgement.objects.filter(version=version).values_list(
            "member_id", "acknowledged_at"
        )
    )
    return [
        Reader(m, confirmed.get(m.pk)) for m in Member.objects.active().order_by("display_name")
    ]


def note_visit(member, page, version, *, now=None):
    """Remember the newest version a member opened; return the number they had seen before."""
    visit, _created = ManualVisit.objects.get_or_create(
        member=member, page=page, defaults={"seen_at": now or timezone.now()}
    )
    before = visit.last_seen_number
    if version.number > before:
        _advance(ManualVisit.objects.filter(pk=visit.pk), version, now)
    return before


def _advance(visits, version, now):
    visits.update(last_seen_number=version.number, seen_at=now or timezone.now())


def open_version(member, page, version, *, now=None):
    """`note_visit` and whether `member` confirmed `version`, as (seen before, confirmed):
    one query when the member has visited before and nothing changed since."""
    mine = _mine.get(member=member.pk, page=page.pk, version=version.pk)
    before = mine["last_seen"]
    if before is None:  # a first visit
        before = note_visit(member, page, version, now=now)
    elif version.number > before:
        _advance(ManualVisit.objects.filter(member=member, page=page), version, now)
    return before, mine["acknowledged"]


@dataclass(frozen=True)
class ManualStatus:
    """What the dashboard says about the manual for one member."""

    page: object
    version: object
    acknowledged: bool
    last_seen: int  # the newest version number they opened, 0 if none
    new_versions: list  # versions published since then (empty before a first visit)
    open_amendments: int


def _build_mine(member, page, version):
    visits = ManualVisit.objects.filter(member=OuterRef("pk"), page=page)
    return Member.objects.filter(pk=member).values(
        last_seen=Subquery(visits.values("last_seen_number")[:1]),
        acknowledged=Exists(
            ManualAcknowledgement.objects.filter(member=OuterRef("pk"), version=version)
        ),
    )


# Compiled once: the same query for every member and version.
_mine = Prepared(_build_mine, "member", "page", "version")


def status_for(member, open_amendments=None):
    """What the dashboard says about the manual for `member`, or None without a manual.

    The manual in force comes from the cache (`in_force`); `member`'s visit and confirmation
    are one query. `open_amendments`: the count, when the caller has it (the dashboard)."""
    state = in_force()
    if state is None:
        return None
    mine = _mine.get(member=member.pk, page=state.page.pk, version=state.version.pk)
    last_seen = mine["last_seen"] or 0
    if open_amendments is None:
        open_amendments = Proposal.objects.filter(
            kind=Kind.MANUAL_AMENDMENT,
            status__in=[Proposal.Status.SCHEDULED, Proposal.Status.OPEN],
        ).count()
    return ManualStatus(
        page=state.page,
        version=state.version,
        acknowledged=mine["acknowledged"],
        last_seen=last_seen,
        new_versions=state.versions_after(last_seen) if last_seen else [],
        open_amendments=open_amendments,
    )
