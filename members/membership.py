"""Membership changes: the built-in effects of passed votes, and leaving.

Each change tells the directory and billing through the hooks in `members.effects`.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from . import effects
from .models import ROLE_PARENT_REPRESENTATIVE, ROLES, Kind, Member
from .models.audit import record


class MembershipError(Exception):
    pass


def _drop_roles(member):
    member.user.groups.remove(*Group.objects.filter(name__in=ROLES))


def onboard(proposal):
    """A passed onboarding vote: the applicant becomes an active member."""
    member = Member.objects.select_for_update().get(pk=proposal.subject_id)
    if member.status != Member.Status.APPLICANT:
        raise MembershipError(f"{member} is {member.status}, not an applicant")
    member.status = Member.Status.ACTIVE
    member.joined_on = timezone.localdate()
    for page in effects.run_hook(effects.MEMBER_ONBOARDED, member=member):
        if page is not None and member.profile_page_id is None:
            member.profile_page = page
    member.save()
    record("member.onboarded", proposal=proposal, detail={"member": member.pk})


def end_contract(proposal):
    """A passed vote to end a provider's contract: they become a former member."""
    member = Member.objects.select_for_update().get(pk=proposal.subject_id)
    if member.status != Member.Status.ACTIVE:
        raise MembershipError(f"{member} is {member.status}, not active")
    member.status = Member.Status.FORMER
    member.left_on = timezone.localdate()
    member.save()
    _drop_roles(member)
    effects.run_hook(effects.MEMBERSHIP_ENDED, member=member, reason="contract_ended")
    record("member.contract_ended", proposal=proposal, detail={"member": member.pk})


def remove_parent_company(proposal):
    """A passed vote to remove the parent company: its representatives lose the role."""
    group, _created = Group.objects.get_or_create(name=ROLE_PARENT_REPRESENTATIVE)
    users = list(group.user_set.all())
    group.user_set.clear()
    effects.run_hook(effects.PARENT_COMPANY_REMOVED, proposal=proposal, representatives=users)
    record(
        "parent_company.removed",
        proposal=proposal,
        detail={"representatives": sorted(u.get_username() for u in users)},
    )


@transaction.atomic
def leave(member, *, actor=None):
    """Leaving needs no one's approval: it takes effect at once.

    The member keeps access to a goodbye page and their own records; billing stops their
    payments and still pays their surplus share at the cycle's close (it then marks them
    former); the directory unpublishes their profile.
    """
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status not in (Member.Status.ACTIVE, Member.Status.APPLICANT):
        raise MembershipError(f"{member} has already left")
    was = member.status
    member.status = Member.Status.LEAVING if was == Member.Status.ACTIVE else Member.Status.FORMER
    member.left_on = timezone.localdate()
    member.save()
    _drop_roles(member)
    effects.run_hook(effects.MEMBERSHIP_ENDED, member=member, reason="left")
    record("member.left", actor=actor or member.user, detail={"member": member.pk, "was": was})
    return member


def finish_leaving(member):
    """Billing calls this once a leaving member's last cycle is settled."""
    Member.objects.filter(pk=member.pk, status=Member.Status.LEAVING).update(
        status=Member.Status.FORMER
    )


def register_builtin_effects():
    effects.register(Kind.ONBOARD_PROVIDER, onboard)
    effects.register(Kind.END_CONTRACT, end_contract)
    effects.register(Kind.REMOVE_PARENT, remove_parent_company)
