"""Issue 13, point 2: every kind the members' form offers is proposed through the form, passes,
and carries out what it says (or adds its entry to the decisions register).

One row per offered kind in `ROWS`: the form data a member types, and what must be true once
the vote has passed. A kind the form offers with no row fails the test: add its row.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from billing import budgets, cycles, funds
from billing.models import BudgetLine, Category, FeeChange, FundAllocation
from members import manual, proposing, voting
from members.factories import make_member, pass_proposal
from members.models import ROLE_PARENT_REPRESENTATIVE, Decision, Kind, Member, Proposal
from tests.tasks import run_tasks

from .manual.helpers import edited

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    """What a test of one kind holds: the proposer, the people and things its row made."""

    client: object
    proposer: Member
    made: dict = field(default_factory=dict)


def _day(days):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _hearing():
    when = timezone.localtime() + timedelta(days=4)
    return when.strftime("%Y-%m-%dT%H:%M")


# --- The rows: what to type, what must be true after the vote -------------------------------


def general_data(case):
    return {}


def decision_added(kind, **expected):
    def check(proposal, case):
        decision = Decision.objects.get(proposal=proposal)
        assert decision.kind == kind
        for name, value in expected.items():
            got = getattr(decision, name)
            assert (got.isoformat() if hasattr(got, "isoformat") else got) == value(), name
        (result,) = proposal.enactment_results
        assert result["url_name"] == "members:decision"
        assert result["url_kwargs"] == {"pk": decision.pk}
        # The register lists it and its entry links to the vote.
        listing = case.client.get(reverse("members:decisions"))
        assert decision.title in listing.content.decode()
        entry = case.client.get(reverse("members:decision", args=[decision.pk]))
        assert reverse("members:proposal", args=[proposal.pk]) in entry.content.decode()

    return check


def end_contract_data(case):
    provider = make_member("Eve Ending", email="eve.ending@members.example")
    case.made["provider"] = provider
    return {"member": provider.pk, "hearing_at": _hearing(), "hearing_place": "Room 2"}


def contract_ended(proposal, case):
    provider = case.made["provider"]
    provider.refresh_from_db()
    assert provider.status == Member.Status.FORMER
    assert proposal.subject == provider


def remove_parent_data(case):
    rep = make_member("Rae Parent", roles=[ROLE_PARENT_REPRESENTATIVE])
    case.made["rep"] = rep
    return {}


def parent_removed(proposal, case):
    group = Group.objects.get(name=ROLE_PARENT_REPRESENTATIVE)
    assert not group.user_set.filter(pk=case.made["rep"].user_id).exists()


def amendment_data(case):
    page = manual.current_manual()
    sections = manual.sections_of(manual.version_page(manual.current_version(page)))
    anchor = sections[0].clauses[0].anchor
    earlier = manual.draft_amendment(
        page,
        case.proposer,
        sections=edited(page, anchor, "Members meet every second Tuesday."),
        title="Meet on Tuesdays",
        body="Why.",
        notify=False,
    )
    voting.withdraw(earlier.proposal.pk, case.proposer)  # withdrawn, so open to re-propose
    case.made["draft"] = earlier
    return {"draft": earlier.pk}


def amendment_in_force(proposal, case):
    page = manual.current_manual()
    current = manual.current_version(page)
    assert current.proposal == proposal
    assert current.revision_id == case.made["draft"].revision_id


def budget_data(case):
    """A change to the running cycle's budget, drafted by the treasurer (billing.budgets)."""
    current = cycles.current_cycle()
    draft = budgets.draft_amendment(current)
    BudgetLine.objects.create(
        cycle=draft,
        category=Category.ADMIN_STAFF,
        description="A second coordinator",
        monthly_cents=30001,
    )
    case.made.update(cycle=current, budget=current.monthly_budget_cents + 30001)
    return {"draft": draft.pk}


def budget_in_force(proposal, case):
    current = case.made["cycle"]
    current.refresh_from_db()
    assert current.monthly_budget_cents == case.made["budget"]
    change = FeeChange.objects.filter(cycle=current).first()
    assert change.proposal == proposal and change.fee_cents == current.fee_cents
    assert proposal.enactment_results[0]["params"]["fee_cents"] == current.fee_cents


def fund_data(case):
    case.made["fund"] = funds.ce_fund()
    return {"fund": case.made["fund"].pk, "amount": "120.00", "purpose": "Group CE rate"}


def fund_allocated(proposal, case):
    allocation = FundAllocation.objects.get(proposal=proposal)
    assert allocation.budget_line == case.made["fund"]
    assert allocation.amount_cents == 12000 and allocation.purpose == "Group CE rate"
    assert proposal.enactment_results[0]["url_name"] == "billing:funds"


@dataclass
class Row:
    data: object  # case -> the kind's own fields
    carried_out: object  # (proposal, case) -> asserts


ROWS = {
    Kind.GENERAL: Row(general_data, decision_added(Kind.GENERAL)),
    Kind.ADMIN_STAFFING: Row(
        lambda case: {"change": "Hire a part-time coordinator", "effective_from": _day(30)},
        decision_added(Kind.ADMIN_STAFFING, effective_from=lambda: _day(30)),
    ),
    Kind.ADMIN_PAY: Row(
        lambda case: {
            "position": "Office coordinator",
            "amount_cents": "2,850.50",
            "period": "month",
            "effective_from": _day(10),
        },
        decision_added(
            Kind.ADMIN_PAY, amount_cents=lambda: 285050, effective_from=lambda: _day(10)
        ),
    ),
    Kind.SHARED_SERVICE: Row(
        lambda case: {
            "service": "A shared EHR from Acme",
            "cost_cents": "$300",
            "period": "month",
            "starts_on": _day(20),
        },
        decision_added(
            Kind.SHARED_SERVICE, amount_cents=lambda: 30000, effective_from=lambda: _day(20)
        ),
    ),
    Kind.END_CONTRACT: Row(end_contract_data, contract_ended),
    Kind.REMOVE_PARENT: Row(remove_parent_data, parent_removed),
    Kind.MANUAL_AMENDMENT: Row(amendment_data, amendment_in_force),
    Kind.CYCLE_BUDGET: Row(budget_data, budget_in_force),
    Kind.SHARED_FUND: Row(fund_data, fund_allocated),
}


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_offered_is_proposed_through_the_form_and_carried_out(client, member, kind):
    client.force_login(member.user)
    chooser = client.get(reverse("members:proposal_new")).content.decode()
    new_kind = reverse("members:proposal_new_kind", args=[kind])
    if kind not in proposing.offered_kinds():
        assert kind not in ROWS, f"{kind} has a row, but the form no longer offers it."
        assert new_kind not in chooser
        assert client.get(new_kind).status_code == 404
        return
    assert kind in ROWS, f"The form offers {kind} but this test has no row for it: add one."
    assert new_kind in chooser
    assert client.get(new_kind).status_code == 200
    case = Case(client, member)
    row = ROWS[kind]
    data = {"title": f"A {kind} proposal", "body": "What and why.", **row.data(case)}
    response = client.post(new_kind, data)
    assert response.status_code == 302, response.context and [
        f.errors for f in (response.context["form"], response.context["fields"]) if f
    ]
    proposal = Proposal.objects.get(title=data["title"])
    assert response["Location"] == reverse("members:proposal", args=[proposal.pk])
    assert proposal.kind == kind and proposal.proposer == member
    proposal = pass_proposal(proposal)
    assert proposal.outcome == Proposal.Outcome.PASSED
    assert proposal.enactment_status == Proposal.Enactment.DONE, proposal.enactment_error
    row.carried_out(proposal, case)


def test_the_member_whose_contract_would_end_is_told_of_the_hearing(
    client, member, mailoutbox, django_capture_on_commit_callbacks
):
    provider = make_member("Eve Ending", email="eve.ending@members.example")
    client.force_login(member.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:proposal_new_kind", args=[Kind.END_CONTRACT]),
            {
                "title": "End Eve's contract",
                "body": "Reasons.",
                "member": provider.pk,
                "hearing_at": _hearing(),
                "hearing_place": "Room 2",
            },
        )
    assert response.status_code == 302
    run_tasks()
    (notice,) = [m for m in mailoutbox if m.to == ["eve.ending@members.example"]]
    assert "hearing" in notice.subject.lower()
    assert "Room 2" in notice.body and "End Eve's contract" in notice.body
    proposal = Proposal.objects.get(title="End Eve's contract")
    assert reverse("members:proposal", args=[proposal.pk]) in notice.body
    # Members voting read when and where the member will be heard, as dates, not ISO codes.
    page = client.get(reverse("members:proposal", args=[proposal.pk])).content.decode()
    assert "Where the hearing takes place</dt><dd>Room 2</dd>" in page
    assert proposal.payload["hearing_at"] not in page
    assert "Date and time of the hearing</dt><dd>" in page


def test_a_pay_change_shows_its_amount_and_date_as_members_read_them(client, member):
    client.force_login(member.user)
    response = client.post(
        reverse("members:proposal_new_kind", args=[Kind.ADMIN_PAY]),
        {
            "title": "Coordinator pay",
            "body": "Why.",
            "position": "Office coordinator",
            "amount_cents": "2,850.50",
            "period": "month",
            "effective_from": _day(10),
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "$2,850.50" in page and "Office coordinator" in page
    assert _day(10) not in page  # shown as a date in words, not 2027-01-01
