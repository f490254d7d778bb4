"""What passed proposals do, through the effects registry and its hooks; leaving."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from members import effects, membership, voting
from members.factories import make_open_proposal, pass_proposal
from members.models import ROLE_PARENT_REPRESENTATIVE, ROLE_TREASURER, Kind, Member, Proposal
from tests.funds import fund_payload
from tests.imports import imported_modules, package_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def hook_calls(monkeypatch):
    calls = []
    for name in (
        effects.MEMBER_ONBOARDED,
        effects.MEMBERSHIP_ENDED,
        effects.PARENT_COMPANY_REMOVED,
    ):
        monkeypatch.setitem(effects.HOOKS, name, [lambda name=name, **kw: calls.append((name, kw))])
    return calls


# Run in a fresh interpreter: Django with members' models but neither the owners' apps nor
# MembersConfig.ready() (which registers members' own effects), then the engine alone. An
# owner imported by the engine, directly, relatively or through another module (members'
# models included), shows up in sys.modules, or fails to import at all: its app is not
# installed.
ENGINE_ALONE = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "coopsite.settings.test"
import django
from django.apps import AppConfig, apps
from django.conf import settings

class MembersModelsOnly(AppConfig):
    name = "members"
    label = "members"
    default_auto_field = "django.db.models.BigAutoField"

LEFT_OUT = {"home", "members", "billing", "resources", "search", "coopsite", "events"}
settings.INSTALLED_APPS = [app for app in settings.INSTALLED_APPS if app not in LEFT_OUT]
settings.INSTALLED_APPS += ["__main__.MembersModelsOnly"]
# Wagtail imports every app's wagtail_hooks while it starts; that is the admin's wiring,
# not the engine's imports, so it is left out.
import wagtail.hooks
wagtail.hooks._searched_for_hooks = True
django.setup()
import members.effects, members.voting
print(json.dumps({
    "modules": sorted(sys.modules),
    "models": sorted({model.__module__ for model in apps.get_models()}),
}))
"""

OWNERS = ("billing", "resources", "members.membership", "members.manual")
ROOT = Path(__file__).resolve().parents[2]


def is_owner(module):
    return any(module == owner or module.startswith((f"{owner}.", f"{owner}_")) for owner in OWNERS)


def engine_imports():
    done = subprocess.run(
        [sys.executable, "-c", ENGINE_ALONE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_the_engine_imports_no_owner_even_transitively():
    """The voting engine knows no owner: billing, the directory, membership rules, the manual.

    Owners' models are data the engine may read (members.models); their code is not.
    """
    found = engine_imports()
    models = set(found["models"])
    packages = {name.rsplit(".", 1)[0] for name in models}
    assert {"members.voting", "members.effects"} <= set(found["modules"])
    assert [m for m in found["modules"] if is_owner(m) and m not in models | packages] == []
    # Imports inside functions run later, so sys.modules cannot show them: read the source
    # of every module of ours the engine loaded (models aside: their hooks are the owners').
    ours = [
        m
        for m in found["modules"]
        if m.split(".")[0] == "members" and m not in models | packages | {"members"}
    ]
    late = {}
    for module in ours:
        path = ROOT.joinpath(*module.split(".")).with_suffix(".py")
        owners = sorted(filter(is_owner, imported_modules(path, package_of(path, ROOT))))
        if owners:
            late[module] = owners
    assert late == {}


def test_onboarding_makes_the_applicant_active_and_links_a_draft_profile(
    member, applicant, monkeypatch
):
    draft = Page.objects.get(
        depth=2, locale__language_code="en"
    )  # any page stands in for the directory's draft
    monkeypatch.setitem(effects.HOOKS, effects.MEMBER_ONBOARDED, [lambda member: draft])
    proposal = make_open_proposal(member, kind=Kind.ONBOARD_PROVIDER, subject=applicant)
    pass_proposal(proposal)
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.ACTIVE and applicant.joined_on
    assert applicant.profile_page_id == draft.pk
    assert proposal.enactment_status == Proposal.Enactment.DONE
    assert proposal.audit_entries.filter(action="member.onboarded").exists()


def test_ending_a_contract_makes_the_member_former_and_tells_directory_and_billing(
    member, other, hook_calls
):
    other.user.groups.add(Group.objects.get(name=ROLE_TREASURER))
    proposal = make_open_proposal(member, kind=Kind.END_CONTRACT, subject=other)
    pass_proposal(proposal)
    other.refresh_from_db()
    assert other.status == Member.Status.FORMER and other.left_on
    assert not other.has_role(ROLE_TREASURER)
    assert hook_calls == [(effects.MEMBERSHIP_ENDED, {"member": other, "reason": "contract_ended"})]


def test_removing_the_parent_company_drops_the_representative_role(member, other, hook_calls):
    group = Group.objects.get(name=ROLE_PARENT_REPRESENTATIVE)
    group.user_set.set([other.user])
    proposal = make_open_proposal(member, kind=Kind.REMOVE_PARENT)
    pass_proposal(proposal)
    assert not other.has_role(ROLE_PARENT_REPRESENTATIVE)
    assert not group.user_set.exists()
    entry = proposal.audit_entries.get(action="parent_company.removed")
    assert other.user.username in entry.detail["representatives"]
    assert hook_calls[0][0] == effects.PARENT_COMPANY_REMOVED


def test_leaving_needs_no_vote_and_tells_the_hooks(member, hook_calls):
    member.user.groups.add(Group.objects.get(name=ROLE_TREASURER))
    membership.leave(member)
    member.refresh_from_db()
    assert member.status == Member.Status.LEAVING and member.left_on
    assert not member.has_role(ROLE_TREASURER)
    assert hook_calls == [(effects.MEMBERSHIP_ENDED, {"member": member, "reason": "left"})]
    with pytest.raises(membership.MembershipError):
        membership.leave(member)
    membership.finish_leaving(member)
    member.refresh_from_db()
    assert member.status == Member.Status.FORMER


def test_a_failing_effect_is_recorded_rolled_back_and_retried(member, applicant, monkeypatch):
    attempts = []

    def flaky(member):
        attempts.append(member.pk)
        if len(attempts) == 1:
            raise RuntimeError("directory is down")

    monkeypatch.setitem(effects.HOOKS, effects.MEMBER_ONBOARDED, [flaky])
    proposal = make_open_proposal(member, kind=Kind.ONBOARD_PROVIDER, subject=applicant)
    pass_proposal(proposal)
    applicant.refresh_from_db()
    assert proposal.enactment_status == Proposal.Enactment.FAILED
    assert "directory is down" in proposal.enactment_error
    assert applicant.status == Member.Status.APPLICANT  # the half-done effect was rolled back
    # The demo's general vote closing by then is enacted too (it adds a register entry).
    assert voting.process_due(now=proposal.closes_at, notify=False)["enacted"] >= 1
    proposal.refresh_from_db()
    applicant.refresh_from_db()
    assert proposal.enactment_status == Proposal.Enactment.DONE
    assert proposal.enactment_attempts == 2
    assert applicant.status == Member.Status.ACTIVE
    assert list(
        proposal.audit_entries.filter(action__startswith="enactment.").values_list(
            "action", flat=True
        )
    ) == ["enactment.failed", "enactment.done"]


def test_retries_stop_after_the_limit(member, monkeypatch):
    def broken(proposal):
        raise ValueError("always")

    monkeypatch.setitem(effects.EFFECTS, Kind.SHARED_FUND, [broken])
    proposal = pass_proposal(
        make_open_proposal(member, kind=Kind.SHARED_FUND, payload=fund_payload())
    )
    for _ in range(effects.MAX_ATTEMPTS + 2):
        voting.process_due(now=proposal.closes_at, notify=False)
    proposal.refresh_from_db()
    assert proposal.enactment_attempts == effects.MAX_ATTEMPTS
    assert proposal.enactment_status == Proposal.Enactment.FAILED


def _names(funcs):
    return sorted(f"{f.__module__}.{f.__qualname__}" for f in funcs)


def test_each_owner_registers_its_real_effects_from_its_app():
    """What the apps' ready() registered, as loaded for the site, nothing replaced."""
    from billing import funds
    from billing.cycles import apply_budget_proposal
    from billing.subscriptions import on_membership_ended
    from resources.effects import create_draft_profile, unpublish_profiles

    assert effects.EFFECTS[Kind.CYCLE_BUDGET] == [apply_budget_proposal]
    assert effects.EFFECTS[Kind.SHARED_FUND] == [funds.allocate]
    assert effects.PRECONDITIONS[Kind.SHARED_FUND] == [funds.check_proposal]
    assert effects.EFFECTS[Kind.ONBOARD_PROVIDER] == [membership.onboard]
    assert effects.EFFECTS[Kind.END_CONTRACT] == [membership.end_contract]
    assert effects.EFFECTS[Kind.REMOVE_PARENT] == [membership.remove_parent_company]
    (amend,) = effects.EFFECTS[Kind.MANUAL_AMENDMENT]
    assert amend.__module__.startswith(("members.manual", "members.models.manual"))
    assert effects.PRECONDITIONS[Kind.ONBOARD_PROVIDER] == [membership.require_applicant]
    assert effects.PRECONDITIONS[Kind.END_CONTRACT] == [membership.require_active_subject]
    assert effects.HOOKS[effects.MEMBER_ONBOARDED] == [create_draft_profile]
    assert _names(effects.HOOKS[effects.MEMBERSHIP_ENDED]) == _names(
        [on_membership_ended, unpublish_profiles]
    )
    # Kinds whose result is a decision add an entry to the decisions register.
    from members.decisions import DECISION_KINDS, record_decision

    for kind in DECISION_KINDS:
        assert effects.EFFECTS[kind] == [record_decision]


def test_registering_again_adds_nothing():
    from billing.effects import register_effects as billing
    from resources.effects import register_effects as resources

    before = {name: list(funcs) for name, funcs in effects.EFFECTS.items()}
    hooks = {name: list(funcs) for name, funcs in effects.HOOKS.items()}
    for register in (billing, resources, membership.register_effects):
        register()
    assert {name: list(funcs) for name, funcs in effects.EFFECTS.items()} == before
    assert {name: list(funcs) for name, funcs in effects.HOOKS.items()} == hooks


def test_a_precondition_refuses_the_proposal_before_it_exists(member, applicant):
    count = Proposal.objects.count()
    with pytest.raises(voting.VotingError, match="active member"):
        voting.propose(
            kind=Kind.END_CONTRACT, title="End", body="", proposer=member, subject=applicant
        )
    with pytest.raises(voting.VotingError, match="applicant"):
        voting.propose(kind=Kind.ONBOARD_PROVIDER, title="Join", body="", proposer=member)
    assert Proposal.objects.count() == count


def test_onboarding_someone_no_longer_an_applicant_fails_visibly(member, applicant):
    proposal = make_open_proposal(member, kind=Kind.ONBOARD_PROVIDER, subject=applicant)
    membership.leave(applicant)  # the applicant withdrew
    pass_proposal(proposal)
    assert proposal.enactment_status == Proposal.Enactment.FAILED
    assert "not an applicant" in proposal.enactment_error


def test_demo_members_cover_every_status():
    statuses = set(Member.objects.values_list("status", flat=True))
    assert {"active", "applicant", "former"} <= statuses
