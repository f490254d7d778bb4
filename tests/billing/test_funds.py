"""Shared funds and the CE fund, through the members' pages: a vote allocates, the treasurer
pays out an expense against the fund's line, the balance follows, and an allocation over the
balance is refused."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from billing import cycles, funds, ledger
from billing.models import BudgetLine, Category, CERequest, Expense, FundAllocation
from members import voting
from members.factories import make_member, pass_proposal
from members.models import ROLE_TREASURER, Choice, Kind, Proposal
from outbox.models import Notice

pytestmark = pytest.mark.django_db


def en(name, *args):
    return reverse(name, args=args)


@pytest.fixture
def cycle():
    current = cycles.current_cycle()
    assert current is not None and current.status == "open", "the demo has an open cycle"
    return current


@pytest.fixture
def ce_line(cycle):
    return cycle.budget_lines.get(category=Category.CE_FUND)


@pytest.fixture
def member_client(client):
    member = make_member("Cleo Counselor", language="en")
    client.force_login(member.user)
    client.member = member
    return client


@pytest.fixture
def treasurer_client():
    treasurer = make_member("Tess Treasurer", roles=[ROLE_TREASURER], language="en")
    other = Client()
    other.force_login(treasurer.user)
    return other


def notices(kind):
    return Notice.objects.filter(kind=kind)


def test_a_ce_request_goes_from_request_to_a_paid_reimbursement_in_the_ledger(
    member_client, treasurer_client, cycle, ce_line
):
    member = member_client.member
    before = funds.balance(ce_line)
    spent_before = ledger.spent_cents(cycle)
    held_on = timezone.localdate() + timedelta(days=20)

    response = member_client.post(
        en("billing:ce_request_new"),
        {"training": "Trauma-informed care, NW Institute", "held_on": held_on, "cost": "180.00"},
    )
    request = CERequest.objects.get(member=member)
    assert response.status_code == 302
    assert response["Location"] == en("billing:ce_request", request.pk)
    proposal = request.proposal
    assert (proposal.kind, proposal.proposer, proposal.payload["amount_cents"]) == (
        Kind.SHARED_FUND,
        member,
        18000,
    )
    assert request.status == CERequest.Status.VOTING
    assert notices("billing.ce_received").filter(about=f"ce:{request.pk}").exists()
    page = member_client.get(en("billing:ce_requests")).content.decode()
    assert "Trauma-informed care, NW Institute" in page
    assert "Waiting for the members" in page

    pass_proposal(proposal)
    proposal.refresh_from_db()
    allocation = FundAllocation.objects.get(proposal=proposal)
    assert (allocation.budget_line, allocation.amount_cents, allocation.payee_member) == (
        ce_line,
        18000,
        member,
    )
    assert proposal.enactment_results[0]["params"] == {
        "amount_cents": 18000,
        "fund": "Continuing-education fund",
    }
    assert notices("billing.ce_approved").filter(about=f"ce:{request.pk}").exists()
    assert funds.balance(ce_line).available_cents == before.available_cents - 18000

    # After the training, the member uploads the receipt.
    receipt = SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 receipt", "application/pdf")
    response = member_client.post(en("billing:ce_request", request.pk), {"receipt": receipt})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.receipt is not None

    # The treasurer pays it out from the funds page.
    funds_page = treasurer_client.get(en("billing:funds")).content.decode()
    assert en("billing:pay_allocation", allocation.pk) in funds_page
    response = treasurer_client.post(
        en("billing:pay_allocation", allocation.pk),
        {
            f"pay{allocation.pk}-paid_on": timezone.localdate().isoformat(),
            f"pay{allocation.pk}-payee": "Cleo Counselor",
        },
    )
    assert response.status_code == 302
    allocation.refresh_from_db()
    expense = allocation.expense
    assert (expense.category, expense.amount_cents, expense.cycle, expense.receipt) == (
        Category.CE_FUND,
        18000,
        cycle,
        request.receipt,
    )
    # In the ledger: spent, and under the CE fund's category.
    assert ledger.spent_cents(cycle) == spent_before + 18000
    row = next(r for r in ledger.summary(cycle).rows if r.category == Category.CE_FUND)
    assert row.actual_cents >= 18000
    assert notices("billing.ce_reimbursed").filter(about=f"ce:{request.pk}").exists()
    # The member's records: their requests and the finances page.
    assert "Reimbursed" in member_client.get(en("billing:ce_request", request.pk)).content.decode()
    finances = member_client.get(en("billing:finances")).content.decode()
    assert "Your CE reimbursements" in finances
    assert "$180.00 · CE: Trauma-informed care, NW Institute" in finances


@pytest.fixture
def library_fund(cycle):
    return BudgetLine.objects.create(
        cycle=cycle,
        category=Category.SUPPLIES,
        description="Shared library fund",
        monthly_cents=5000,  # $300.00 over the six months
        is_fund=True,
    )


def propose_from_fund(client, line, amount):
    return client.post(
        en("billing:fund_propose"),
        {
            "title": "Buy the DBT skills manuals",
            "body": "Four copies for the office library.",
            "fund": line.pk,
            "amount": amount,
            "purpose": "DBT skills manuals",
        },
    )


def test_a_shared_fund_proposal_allocates_and_is_paid_out_against_its_line(
    member_client, treasurer_client, cycle, library_fund
):
    response = propose_from_fund(member_client, library_fund, "120.00")
    proposal = Proposal.objects.get(kind=Kind.SHARED_FUND, title="Buy the DBT skills manuals")
    assert response["Location"] == en("members:proposal", proposal.pk)
    assert proposal.payload == {
        "budget_line": library_fund.pk,
        "amount_cents": 12000,
        "purpose": "DBT skills manuals",
    }
    assert not FundAllocation.objects.filter(proposal=proposal).exists()

    pass_proposal(proposal)
    allocation = FundAllocation.objects.get(proposal=proposal)
    assert (allocation.budget_line, allocation.amount_cents) == (library_fund, 12000)
    page = member_client.get(en("billing:funds")).content.decode()
    assert (
        '<th scope="row">Shared library fund</th><td>$300.00</td><td>$120.00</td>'
        "<td>$0.00</td><td>$180.00</td>"
    ) in page
    assert "Waiting to be paid out" in page

    treasurer_client.post(
        en("billing:pay_allocation", allocation.pk),
        {
            f"pay{allocation.pk}-paid_on": "2026-12-01",
            f"pay{allocation.pk}-payee": "Bookshop Co-op",
        },
    )
    expense = Expense.objects.get(fund_allocation=allocation)
    assert (expense.cycle, expense.category, expense.amount_cents, expense.payee) == (
        cycle,
        Category.SUPPLIES,
        12000,
        "Bookshop Co-op",
    )
    page = member_client.get(en("billing:funds")).content.decode()
    assert (
        '<th scope="row">Shared library fund</th><td>$300.00</td><td>$120.00</td>'
        "<td>$120.00</td><td>$180.00</td>"
    ) in page
    assert "Paid to Bookshop Co-op" in page
    finances = member_client.get(en("billing:finances")).content.decode()
    assert "Shared library fund: $300.00 for the cycle, $120.00 allocated by vote" in finances
    # Paying twice records one expense.
    treasurer_client.post(
        en("billing:pay_allocation", allocation.pk),
        {f"pay{allocation.pk}-paid_on": "2026-12-01", f"pay{allocation.pk}-payee": "Again"},
    )
    assert Expense.objects.filter(payee__in=["Bookshop Co-op", "Again"]).count() == 1


def test_only_the_treasurer_pays_an_allocation_out(member_client, library_fund):
    proposal = voting.propose(
        kind=Kind.SHARED_FUND,
        title="Manuals",
        body="For the library.",
        proposer=member_client.member,
        payload={"budget_line": library_fund.pk, "amount_cents": 5000, "purpose": "Manuals"},
        notify=False,
    )
    pass_proposal(proposal)
    allocation = FundAllocation.objects.get(proposal=proposal)
    page = member_client.get(en("billing:funds")).content.decode()
    assert en("billing:pay_allocation", allocation.pk) not in page
    response = member_client.post(
        en("billing:pay_allocation", allocation.pk),
        {f"pay{allocation.pk}-paid_on": "2026-12-01", f"pay{allocation.pk}-payee": "Me"},
    )
    assert response.status_code == 403
    allocation.refresh_from_db()
    assert allocation.expense is None


def test_an_allocation_over_the_balance_is_refused_with_a_clear_message(
    member_client, library_fund, ce_line
):
    response = propose_from_fund(member_client, library_fund, "300.01")
    assert response.status_code == 200
    assert (
        "Shared library fund has $300.00 left to allocate this cycle; $300.01 is more than that."
    ) in response.content.decode()
    assert not Proposal.objects.filter(title="Buy the DBT skills manuals").exists()
    # What was typed is kept.
    assert 'value="Buy the DBT skills manuals"' in response.content.decode()

    left = funds.balance(ce_line).available_cents
    response = member_client.post(
        en("billing:ce_request_new"),
        {
            "training": "A week in Vienna",
            "held_on": "2027-01-10",
            "cost": f"{(left + 1) / 100:.2f}",
        },
    )
    assert response.status_code == 200
    assert "left to allocate this cycle" in response.content.decode()
    assert not CERequest.objects.filter(training="A week in Vienna").exists()

    # The engine's precondition refuses it too, whatever form it comes from.
    with pytest.raises(voting.VotingError):
        voting.propose(
            kind=Kind.SHARED_FUND,
            title="Too much",
            body="x",
            proposer=member_client.member,
            payload={"budget_line": library_fund.pk, "amount_cents": 30001, "purpose": "x"},
        )


def test_enactment_checks_the_balance_again(member_client, library_fund):
    def propose(amount):
        return voting.propose(
            kind=Kind.SHARED_FUND,
            title=f"Spend {amount}",
            body="Each fits the fund alone.",
            proposer=member_client.member,
            payload={"budget_line": library_fund.pk, "amount_cents": amount, "purpose": "x"},
            notify=False,
        )

    first, second = propose(20000), propose(20000)
    pass_proposal(first)
    pass_proposal(second)
    second.refresh_from_db()
    assert second.enactment_status == Proposal.Enactment.FAILED
    assert "left to allocate" in second.enactment_error
    assert FundAllocation.objects.filter(budget_line=library_fund).count() == 1
    assert funds.balance(library_fund).available_cents == 10000


def test_a_declined_ce_request_tells_the_member_once(member_client, ce_line):
    request = funds.request_ce(
        member_client.member,
        training="Sandplay basics",
        held_on=timezone.localdate(),
        cost_cents=9000,
    )
    pass_proposal(request.proposal, choice=Choice.NO)
    assert request.status == CERequest.Status.DECLINED
    assert not FundAllocation.objects.filter(proposal=request.proposal).exists()
    assert funds.notify_declined() >= 1
    assert funds.notify_declined() == 0
    assert notices("billing.ce_declined").filter(about=f"ce:{request.pk}").count() == 1
    page = member_client.get(en("billing:ce_requests")).content.decode()
    assert "Declined by the vote" in page


def test_a_receipt_must_be_a_pdf_or_an_image(member_client, ce_line):
    request = funds.request_ce(
        member_client.member, training="Sandplay", held_on=timezone.localdate(), cost_cents=900
    )
    bad = SimpleUploadedFile("receipt.exe", b"MZ", "application/octet-stream")
    response = member_client.post(en("billing:ce_request", request.pk), {"receipt": bad})
    assert response.status_code == 200
    assert "members-errors" in response.content.decode()
    request.refresh_from_db()
    assert request.receipt is None
    # Another member's request is not theirs to see.
    other = make_member("Oscar Other", language="en")
    member_client.force_login(other.user)
    assert member_client.get(en("billing:ce_request", request.pk)).status_code == 404


def test_a_training_page_links_to_a_filled_in_ce_request(member_client):
    from events.models import EventPage

    event = EventPage.objects.live().get(
        slug="ethics-boundaries-small-practices", locale__language_code="en"
    )
    page = member_client.get(event.url).content.decode()
    assert "Ask the CE fund to help pay for it" in page
    assert en("billing:ce_request_new") + "?training=Ethics+and+boundaries" in page
    form = member_client.get(
        en("billing:ce_request_new") + "?training=Ethics&date=2027-01-10&cost=18000"
    ).content.decode()
    assert 'value="Ethics"' in form and 'value="180.00"' in form and 'value="2027-01-10"' in form
