"""Members' finance pages and the two Stripe redirects. Thin: the rules live in cycles.py,
ledger.py, closing.py and subscriptions.py."""

import csv

from csp.decorators import csp_update
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members import voting
from members.access import member_view
from members.models import Member

from . import budgets, cycles, ledger, subscriptions, suppliers
from .models import Cycle, Expense, FeeChange, Payment, Refund
from .stripe_gateway import StripeError, is_configured

READERS = (Member.Status.ACTIVE, Member.Status.LEAVING)
# The payment buttons post here, and we answer with a redirect to Stripe's hosted pages;
# browsers apply form-action to that redirect, so this page alone allows them.
STRIPE_FORM_TARGETS = csp_update(
    {"form-action": ["https://checkout.stripe.com", "https://billing.stripe.com"]}
)


def _cycle(pk=None):
    if pk is not None:
        return get_object_or_404(Cycle.objects.exclude(status=Cycle.Status.PLANNED), pk=pk)
    return cycles.current_cycle() or cycles.last_closed_cycle()


@STRIPE_FORM_TARGETS
@member_view(*READERS)
def finances(request, pk=None):
    cycle = _cycle(pk)
    context = {
        "cycle": cycle,
        "stripe_ready": is_configured(),
        "past": Cycle.objects.exclude(status=Cycle.Status.PLANNED).order_by("-start"),
        "drafts": [(draft, budgets.describe(draft)) for draft in budgets.drafts()],
        "can_propose": request.member.status == Member.Status.ACTIVE,
        "adopted": Cycle.objects.filter(
            status=Cycle.Status.PLANNED, amends__isnull=True, adopted_by__isnull=False
        ).order_by("start"),
    }
    if cycle is not None:
        context.update(
            summary=ledger.summary(cycle),
            expenses=Expense.objects.filter(cycle=cycle).select_related("receipt", "supplier"),
            coop_share=suppliers.coop_share(cycle),
            fee_history=FeeChange.objects.filter(cycle=cycle).select_related("proposal"),
            # The fee line shows what the fee charged was computed from, always.
            fee_basis=FeeChange.objects.filter(cycle=cycle).first(),
            budget_lines=cycle.budget_lines.all(),
            my_payments=Payment.objects.filter(member=request.member, cycle=cycle),
            my_refunds=Refund.objects.filter(member=request.member, cycle=cycle),
            returned=ledger.returned_cents(cycle),
            # Only an open cycle asks for payment, and only of someone who still owes some.
            paid_in_full=cycle.status != Cycle.Status.OPEN
            or ledger.member_paid_cents(request.member, cycle) >= cycle.fee_cents * cycle.months,
        )
    return render(request, "billing/finances.html", context)


@member_view(*READERS)
def finances_csv(request, pk):
    cycle = _cycle(pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="finances-{cycle.start:%Y-%m}.csv"'
    writer = csv.writer(response)
    writer.writerow(["kind", "date", "category", "payee_or_line", "description", "amount"])
    for line in cycle.budget_lines.all():
        writer.writerow(
            [
                "budget (monthly)",
                cycle.start.isoformat(),
                line.category,
                line.get_category_display(),
                _safe(line.description),
                ledger.dollars(line.monthly_cents).replace("$", "").replace(",", ""),
            ]
        )
    for expense in Expense.objects.filter(cycle=cycle).order_by("date", "pk"):
        writer.writerow(
            [
                "expense",
                expense.date.isoformat(),
                expense.category,
                _safe(expense.payee),
                _safe(expense.description),
                f"{expense.amount_cents / 100:.2f}",
            ]
        )
    summary = ledger.summary(cycle)
    writer.writerow(["collected", "", "", "", "", f"{summary.collected_cents / 100:.2f}"])
    writer.writerow(["spent", "", "", "", "", f"{summary.spent_cents / 100:.2f}"])
    return response


def _safe(text):
    """Spreadsheets run cells starting with = + - @ as formulas; quote them."""
    text = str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _absolute(request, name):
    return request.build_absolute_uri(reverse(name))


@require_POST
@member_view(Member.Status.ACTIVE)
def setup_payment(request):
    cycle = cycles.current_cycle()
    if not is_configured() or cycle is None or cycle.status != Cycle.Status.OPEN:
        messages.error(request, _("Card payments are not available right now."))
        return redirect("billing:finances")
    try:
        url = subscriptions.checkout_url(
            request.member,
            cycle,
            success_url=_absolute(request, "members:dashboard"),
            cancel_url=_absolute(request, "billing:finances"),
        )
    except (StripeError, subscriptions.NotConfigured):
        messages.error(request, _("Stripe could not be reached; please try again later."))
        return redirect("billing:finances")
    return redirect(url)


@require_POST
@member_view(*READERS)
def manage_payment(request):
    if not is_configured():
        messages.error(request, _("Card payments are not available right now."))
        return redirect("billing:finances")
    try:
        url = subscriptions.portal_url(
            request.member, return_url=_absolute(request, "members:dashboard")
        )
    except (StripeError, subscriptions.NotConfigured):
        messages.error(request, _("Stripe could not be reached; please try again later."))
        return redirect("billing:finances")
    return redirect(url)


@require_POST
@member_view(Member.Status.ACTIVE)
def propose_budget(request, pk):
    """ "Propose this budget": any active member puts a draft to the vote."""
    draft = get_object_or_404(budgets.drafts(), pk=pk)
    try:
        proposal = budgets.propose_draft(draft, request.member)
    except voting.VotingError as error:
        messages.error(request, str(error))
        return redirect("billing:finances")
    messages.success(request, _("Your proposal is recorded."))
    return redirect("members:proposal", pk=proposal.pk)


@require_POST
@member_view(*READERS)
def draft_amendment(request, pk):
    """The treasurer's "Draft a change to this budget": a copy of the open cycle's lines, as
    a draft that amends it, to edit in the admin and then put to the vote."""
    cycle = get_object_or_404(Cycle, pk=pk, status=Cycle.Status.OPEN)
    if not request.user.has_perm("billing.add_cycle"):
        messages.error(request, _("Only the treasurer drafts budgets."))
        return redirect("billing:finances")
    draft = budgets.draft_amendment(cycle)
    return redirect(reverse("wagtailsnippets_billing_cycle:edit", args=[draft.pk]))
