"""Who has read the manual: acknowledgements, visits, and what the dashboard says."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Kind, ManualAcknowledgement, ManualVisit, Member, Proposal
from members.models.audit import record

from .errors import ManualError
from .outline import current_manual, current_version


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
        ManualVisit.objects.filter(pk=visit.pk).update(
            last_seen_number=version.number, seen_at=now or timezone.now()
        )
    return before


@dataclass(frozen=True)
class ManualStatus:
    """What the dashboard says about the manual for one member."""

    page: object
    version: object
    acknowledged: bool
    last_seen: int  # the newest version number they opened, 0 if none
    new_versions: list  # versions published since then (empty before a first visit)
    open_amendments: int


def status_for(member):
    """What the dashboard says about the manual for `member`, or None without a manual."""
    page = current_manual()
    version = current_version(page)
    if version is None:
        return None
    visit = ManualVisit.objects.filter(member=member, page=page).first()
    last_seen = visit.last_seen_number if visit else 0
    new_versions = (
        page.versions.filter(number__gt=last_seen).select_related("proposal").order_by("number")
    )
    return ManualStatus(
        page=page,
        version=version,
        acknowledged=has_acknowledged(member, version),
        last_seen=last_seen,
        new_versions=list(new_versions) if last_seen else [],
        open_amendments=Proposal.objects.filter(
            kind=Kind.MANUAL_AMENDMENT,
            status__in=[Proposal.Status.SCHEDULED, Proposal.Status.OPEN],
        ).count(),
    )
