"""What passed proposals do, through the effects registry and its hooks; leaving."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from members import effects, membership, voting
from members.factories import make_member
from members.models import ROLE_PARENT_REPRESENTATIVE, ROLE_TREASURER, Kind, Member, Proposal

from .conftest import make_open_proposal, pass_proposal

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


def test_the_engine_imports_neither_the_manual_nor_billing():
    import ast
    from pathlib import Path

    import members.effects
    import members.voting

    for module in (members.voting, members.effects):
        tree = ast.parse(Path(module.__file__).read_text())
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                imported.add(node.module or "")
        assert not {m for m in imported if m.startswith(("billing", "manual"))}, imported


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
    assert voting.process_due(now=proposal.closes_at, notify=False)["enacted"] == 1
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
    proposal = pass_proposal(make_open_proposal(member, kind=Kind.SHARED_FUND))
    for _ in range(effects.MAX_ATTEMPTS + 2):
        voting.process_due(now=proposal.closes_at, notify=False)
    proposal.refresh_from_db()
    assert proposal.enactment_attempts == effects.MAX_ATTEMPTS
    assert proposal.enactment_status == Proposal.Enactment.FAILED


def test_apps_register_their_own_effects(member, monkeypatch):
    monkeypatch.setitem(effects.EFFECTS, Kind.CYCLE_BUDGET, [])
    seen = []

    @effects.register(Kind.CYCLE_BUDGET)
    def set_budget(proposal):
        seen.append(proposal.payload["monthly_budget_cents"])

    proposal = make_open_proposal(
        member, kind=Kind.CYCLE_BUDGET, payload={"monthly_budget_cents": 390000}
    )
    pass_proposal(proposal)
    assert seen == [390000]


def test_onboarding_someone_no_longer_an_applicant_fails_visibly(member, applicant):
    proposal = make_open_proposal(member, kind=Kind.ONBOARD_PROVIDER, subject=applicant)
    membership.leave(applicant)  # the applicant withdrew
    pass_proposal(proposal)
    assert proposal.enactment_status == Proposal.Enactment.FAILED
    assert "not an applicant" in proposal.enactment_error


def test_demo_members_cover_every_status():
    statuses = set(Member.objects.values_list("status", flat=True))
    assert {"active", "applicant", "former"} <= statuses
    assert make_member  # factories are shared with the demo
