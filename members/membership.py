"""Membership changes: applying, the effects of passed membership votes, and leaving.

Each change tells the directory and billing through the hooks in `members.effects`.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from . import effects
from .kind_forms import EndContractFields
from .models import ROLE_PARENT_REPRESENTATIVE, ROLES, Kind, Member
from .models.audit import record
from .voting import VotingError, propose


class MembershipError(Exception):
    pass


# Translated where it is shown (Proposal.shown_title), so the same msgid is marked here.
ONBOARDING_TITLE = gettext_noop("Welcome %(name)s as a provider")


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
def apply(
    *,
    email,
    password,
    display_name,
    profession,
    application_text,
    license_number="",
    license_state="",
    language="",
):
    """A provider applies: an applicant account, the onboarding vote every member sees, and
    the applicant's confirmation email (queued with them, in `language`).

    Returns the applicant, or None when the address already has an account; the caller must
    answer the same either way, so the form cannot tell who is a member.
    """
    from . import emails

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
        license_number=license_number,
        license_state=license_state,
        application_text=application_text,
        applied_at=timezone.now(),
        language=language if language in dict(settings.LANGUAGES) else "",
    )
    proposal = propose(
        kind=Kind.ONBOARD_PROVIDER,
        # Stored in English; every page and email shows it in its reader's language.
        title=ONBOARDING_TITLE % {"name": member.display_name},
        body=application_text,
        subject=member,
    )
    emails.application_received(member, proposal)
    return member


class ApplicationError(Exception):
    """A refused withdrawal; the message is safe to show."""


@transaction.atomic
def withdraw_application(member):
    """The applicant takes their application back: its vote is withdrawn, open or not, and
    the account keeps only the goodbye page. Members are told by the proposal's page."""
    from .models import Proposal

    member = Member.objects.select_for_update().get(pk=member.pk)
    decided = Proposal.objects.filter(
        kind=Kind.ONBOARD_PROVIDER, subject=member, outcome=Proposal.Outcome.PASSED
    ).exists()
    if member.status != Member.Status.APPLICANT or decided:
        # A passed vote is being carried out: the applicant is welcome, and may leave after.
        raise ApplicationError(gettext("Only an application that is waiting can be withdrawn."))
    pending = Proposal.objects.select_for_update().filter(
        kind=Kind.ONBOARD_PROVIDER,
        subject=member,
        status__in=[Proposal.Status.SCHEDULED, Proposal.Status.OPEN],
    )
    for proposal in pending:
        proposal.status = Proposal.Status.WITHDRAWN
        proposal.save(update_fields=["status"])
        record("proposal.withdrawn", proposal=proposal, actor=member.user)
    return leave(member, actor=member.user)


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
    return effects.Carried(
        gettext_noop("%(name)s is now a member of the co-op, with one vote."),
        {"name": member.display_name},
        "members:member",
        {"pk": member.pk},
    )


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
    return effects.Carried(
        gettext_noop("The contract of %(name)s has ended."),
        {"name": member.display_name},
        "members:member",
        {"pk": member.pk},
    )


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
