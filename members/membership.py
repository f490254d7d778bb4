"""Membership changes: applying, the effects of passed membership votes, and leaving.

Each change tells the directory and billing through the hooks in `members.effects`.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import effects
from .kind_forms import EndContractFields
from .models import ROLE_PARENT_REPRESENTATIVE, ROLES, Kind, Member
from .models.audit import record
from .voting import VotingError, propose


class MembershipError(Exception):
    pass


def applicant_username(User, email):
    """The address as the username when it is a valid, free one; otherwise a random name.
    (An address may hold characters usernames may not, e.g. "a*b@example.org", or be another
    account's username after that account changed its email.) Members log in by email."""
    username = email[:150]
    try:
        User.username_validator(username)
    except ValidationError:
        username = ""
    if not username or User.objects.filter(username__iexact=username).exists():
        username = f"applicant.{secrets.token_hex(8)}"
    return username


@transaction.atomic
def apply(*, email, password, display_name, profession, application_text):
    """A provider applies: an applicant account, and the onboarding vote every member sees.

    Returns the applicant, or None when the address already has an account; the caller must
    answer the same either way, so the form cannot tell who is a member.
    """
    User = get_user_model()
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        return None
    user = User.objects.create_user(
        username=applicant_username(User, email), email=email, password=password
    )
    member = Member.objects.create(
        user=user,
        status=Member.Status.APPLICANT,
        display_name=display_name,
        profession=profession,
        application_text=application_text,
        applied_at=timezone.now(),
    )
    propose(
        kind=Kind.ONBOARD_PROVIDER,
        title=gettext("Welcome %(name)s as a provider") % {"name": member.display_name},
        body=application_text,
        subject=member,
    )
    return member


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


def require_applicant(*, subject, **fields):
    if subject is None or subject.status != Member.Status.APPLICANT:
        raise VotingError(_("An onboarding proposal must name an applicant."))


def require_active_subject(*, subject, **fields):
    if subject is None or subject.status != Member.Status.ACTIVE:
        raise VotingError(_("Ending a contract must name an active member."))


def register_effects():
    """Called from `MembersConfig.ready()`: what membership votes check and do."""
    effects.register_precondition(Kind.ONBOARD_PROVIDER, require_applicant)
    effects.register_precondition(Kind.END_CONTRACT, require_active_subject)
    effects.register(Kind.ONBOARD_PROVIDER, onboard)
    effects.register(Kind.END_CONTRACT, end_contract)
    effects.register(Kind.REMOVE_PARENT, remove_parent_company)
    effects.register_form(Kind.END_CONTRACT, EndContractFields)
