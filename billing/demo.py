"""Demo finances for `load_demo`: a closed past cycle with its refunds and the open current
cycle with budget, expenses and manual payments, so the demo works without Stripe.
Idempotent: nothing is added once any cycle exists."""

from datetime import date, datetime, time

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from members.models import Member

from . import budgets, closing, cycles
from .factories import pay
from .models import Category, Cycle, Expense, FeeChange, Payment, Refund, Supplier

BUDGET = [
    (Category.ADMIN_STAFF, "Admin coordinator, 20 hours a week", 180000),
    (Category.EHR_BILLING, "EHR, scheduling and insurance billing service", 90000),
    (Category.INSURANCE, "Group professional liability insurance", 45000),
    (Category.WEBSITE, "Website hosting and domain", 6000),
    (Category.CE_FUND, "Continuing-education fund", 30000),
]
# The draft for the next cycle, which the demo's open budget vote puts to the members: $3,900.
NEXT_BUDGET = [
    (Category.ADMIN_STAFF, "Admin coordinator, 22 hours a week", 195000),
    (Category.EHR_BILLING, "EHR, scheduling and insurance billing service", 95000),
    (Category.INSURANCE, "Group professional liability insurance", 48000),
    (Category.WEBSITE, "Website hosting and domain", 6000),
    (Category.CE_FUND, "Continuing-education fund", 46000),
]
# Suppliers the treasurer marked as cooperatives or co-op-run businesses (principle 6).
COOPERATIVES = {"SimpleChart Co-op Software", "Green Host Cooperative"}
# (category, payee, description, cents per month actually spent)
SPENDING = [
    (Category.ADMIN_STAFF, "Lycan Counseling (payroll)", "Admin coordinator's pay", 176500),
    (Category.EHR_BILLING, "SimpleChart Co-op Software", "EHR and billing service", 87500),
    (Category.INSURANCE, "Mutual Care Insurers", "Liability insurance installment", 45000),
    (Category.WEBSITE, "Green Host Cooperative", "Hosting", 5400),
]


def half_year_start(day: date) -> date:
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def receipts_collection():
    # Wagtail's migrations make the root collection; a flushed test database has none.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    found = Collection.objects.filter(name="Receipts").first()
    if found is None:
        found = root.add_child(name="Receipts")
        CollectionViewRestriction.objects.create(
            collection=found, restriction_type=CollectionViewRestriction.LOGIN
        )
    return found


def _at(day: date):
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _fill(cycle, members, months, receipts, log):
    Document = get_document_model()
    today = timezone.localdate()
    # The cycle opened on its first day, as the treasurer would have opened it.
    FeeChange.objects.filter(cycle=cycle).update(created_at=_at(cycle.start))
    for month in range(months):
        first = cycles.add_months(cycle.start, month)
        # Nothing is on the books before it happens: this month's transfers arrive on the 3rd
        # and its bills on the 15th.
        for member in members if first.replace(day=3) <= today else ():
            days = (first - cycle.start).days + 2
            pay(member, cycle, days=days, method=Payment.Method.MANUAL, note="Bank transfer")
        bills = SPENDING if first.replace(day=15) <= today else ()
        for category, payee, description, cents in bills:
            receipt = None
            if month == 0 and receipts is not None:
                receipt = Document.objects.create(
                    title=f"Receipt: {payee} {first:%B %Y}",
                    collection=receipts,
                    file=ContentFile(f"{payee}\n{description}\n{cents / 100:.2f}\n", name="r.txt"),
                )
            Expense.objects.create(
                cycle=cycle,
                date=first.replace(day=15),
                payee=payee,
                category=category,
                amount_cents=cents,
                description=description,
                receipt=receipt,
            )
    log(f"recorded {months} months of payments and expenses in {cycle}")


def load(log):
    if Cycle.objects.exists():
        return
    members = list(Member.objects.filter(status=Member.Status.ACTIVE).order_by("pk"))
    if not members:
        return
    receipts = receipts_collection()
    suppliers()
    today = timezone.localdate()
    this_start = half_year_start(today)
    past_start = cycles.add_months(this_start, -6)
    past = cycles.open_cycle(cycles.plan_cycle(past_start, BUDGET), member_count=len(members))
    _fill(past, members, 6, receipts, log)
    closing.close_cycle(past.pk, gateway=None)
    # The treasurer has paid the demo's bank-transfer refunds.
    Refund.objects.filter(cycle=past, status=Refund.Status.DUE).update(status=Refund.Status.PAID)
    log(f"closed {past} and paid its refunds")
    current = cycles.open_cycle(cycles.plan_cycle(this_start, BUDGET), member_count=len(members))
    elapsed = (today.year - this_start.year) * 12 + today.month - this_start.month + 1
    _fill(current, members, elapsed, receipts, log)
    draft_next_budget(current, log)


def suppliers():
    for _category, payee, _description, _cents in SPENDING:
        Supplier.objects.get_or_create(
            name=payee, defaults={"is_cooperative": payee in COOPERATIVES}
        )


def draft_next_budget(current, log):
    """The treasurer's draft for the cycle after `current`; the demo's open budget vote
    (members/demo.py, loaded first) is about it, so it prices the next cycle, not this one."""
    from members.models import Kind, Proposal

    draft = cycles.plan_cycle(closing.date_after(current), NEXT_BUDGET)
    for proposal in Proposal.objects.filter(
        kind=Kind.CYCLE_BUDGET, status__in=budgets.PENDING
    ).exclude(payload__has_key="cycle_id"):
        Proposal.objects.filter(pk=proposal.pk).update(payload=budgets.payload_for(draft))
    log(f"drafted the budget of {draft}")
