"""Members' pages for shared funds and CE-fund requests. Thin: the rules are in funds.py."""

import re

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopsite.ratelimits import OPEN, rate_limit
from members import voting
from members.access import ACTIVE, forbidden, member_view
from members.models import ROLE_TREASURER, Kind

from . import cycles, funds
from .fund_forms import (
    CERequestForm,
    FundProposalForm,
    PayAllocationForm,
    ReceiptForm,
    cents,
)
from .models import CERequest, FundAllocation
from .views import READERS

DIGITS = re.compile(r"[0-9]{1,9}")


def is_treasurer(user) -> bool:
    return user.is_superuser or user.groups.filter(name=ROLE_TREASURER).exists()


@member_view(*READERS)
def fund_list(request):
    cycle = cycles.current_cycle()
    treasurer = is_treasurer(request.user)
    allocations = (
        FundAllocation.objects.filter(budget_line__cycle=cycle)
        .select_related("budget_line", "proposal", "expense", "payee_member")
        .order_by("-created_at", "-pk")
        if cycle
        else FundAllocation.objects.none()
    )
    to_pay = (
        [
            (
                allocation,
                PayAllocationForm(prefix=f"pay{allocation.pk}", initial=_pay_initial(allocation)),
            )
            for allocation in funds.allocations_to_pay()
        ]
        if treasurer
        else []
    )
    return render(
        request,
        "billing/funds.html",
        {
            "cycle": cycle,
            "balances": funds.balances(cycle) if cycle else [],
            "allocations": allocations,
            "to_pay": to_pay,
            "can_propose": request.member.status in ACTIVE and funds.spendable_funds().exists(),
        },
    )


def _pay_initial(allocation):
    payee = allocation.payee_member.display_name if allocation.payee_member_id else ""
    return {"paid_on": timezone.localdate(), "payee": payee}


@member_view(*ACTIVE)
@rate_limit("proposal-user", key="user", store_down=OPEN)
def fund_propose(request):
    fund = request.GET.get("fund", "")
    initial = {"fund": fund} if DIGITS.fullmatch(fund) else {}
    form = FundProposalForm(request.POST or None, proposer=request.member, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = voting.propose(
                kind=Kind.SHARED_FUND,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                proposer=request.member,
                payload=form.payload(),
            )
        except voting.VotingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your proposal is recorded."))
            return redirect("members:proposal", pk=proposal.pk)
    return render(request, "billing/fund_propose.html", {"form": form})


@require_POST
@member_view(*READERS)
def pay_allocation(request, pk):
    if not is_treasurer(request.user):
        return forbidden(request)
    allocation = FundAllocation.objects.filter(pk=pk).first()
    if allocation is None:
        return render(request, "404.html", status=404)
    form = PayAllocationForm(request.POST, prefix=f"pay{allocation.pk}")
    if not form.is_valid():
        messages.error(request, _("Give the day it was paid and who was paid."))
        return redirect("billing:funds")
    try:
        funds.pay(
            allocation.pk,
            paid_on=form.cleaned_data["paid_on"],
            payee=form.cleaned_data["payee"],
            actor=request.user,
        )
    except funds.FundError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The payment is recorded as an expense of the fund."))
    return redirect("billing:funds")


# --- Continuing-education requests --------------------------------------------------------------


@member_view(*ACTIVE)
def ce_requests(request):
    return render(
        request,
        "billing/ce_requests.html",
        {
            "requests": funds.requests_for(request.member),
            "fund": funds.ce_fund(),
            "balance": funds.balance(line) if (line := funds.ce_fund()) else None,
        },
    )


def _ce_initial(query):
    """An event page's link fills in what it knows: the training, its date and cost."""
    initial = {}
    if query.get("training"):
        initial["training"] = query["training"][:200]
    if query.get("date"):
        initial["held_on"] = query["date"][:10]
    if DIGITS.fullmatch(query.get("cost", "")):
        initial["cost"] = f"{int(query['cost']) / 100:.2f}"
    return initial


@member_view(*ACTIVE)
@rate_limit("proposal-user", key="user", store_down=OPEN)
def ce_request_new(request):
    form = CERequestForm(request.POST or None, initial=_ce_initial(request.GET))
    line = funds.ce_fund()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ce = funds.request_ce(
                request.member,
                training=data["training"],
                held_on=data["held_on"],
                cost_cents=cents(data["cost"]),
                note=data["note"],
            )
        except voting.VotingError as error:
            form.add_error("cost" if line else None, str(error))
        else:
            messages.success(
                request, _("Your request is recorded and is now a proposal for the members' vote.")
            )
            return redirect("billing:ce_request", pk=ce.pk)
    return render(
        request,
        "billing/ce_request_form.html",
        {"form": form, "fund": line, "balance": funds.balance(line) if line else None},
    )


@member_view(*ACTIVE)
def ce_request_detail(request, pk):
    ce = CERequest.objects.filter(pk=pk, member=request.member).first()
    if ce is None:
        # Answered here, not raised: a raised 404 would pass by never_cache, cacheable.
        return render(request, "404.html", status=404)
    form = ReceiptForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        funds.attach_receipt(ce, form.cleaned_data["receipt"], request.user)
        messages.success(request, _("Your receipt is uploaded."))
        return redirect("billing:ce_request", pk=ce.pk)
    return render(
        request,
        "billing/ce_request_detail.html",
        {"ce": ce, "form": form, "allocation": ce.allocation},
    )
