"""Subprocess side of the crash test (F1). Run from the repository root:

    python -m tests.billing.crash_worker crash <members> <seed>   # prepare, then close_cycle
    python -m tests.billing.crash_worker finish                   # rerun, then print a report

DATABASE_URL points at a throwaway SQLite copy; STRIPE_* at localstripe; CRASH_AT=<point>:<n>
makes the gateway's n-th `<point>` call `os._exit(137)`.
"""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopsite.settings.test")


def prepare(n_members, seed):
    from billing import cycles
    from billing.models import Category, Expense, Payment
    from billing.stripe_gateway import get_gateway
    from members.factories import make_member

    gateway = get_gateway()
    from django.utils import timezone

    start = timezone.localdate().replace(day=1)
    cycle = cycles.open_cycle(
        cycles.plan_cycle(start, [(Category.OTHER, "x", 10000 * n_members)]),
        member_count=n_members,
    )
    for i in range(n_members):
        member = make_member(f"Crash {seed} {i}")
        customer = gateway.create_customer(member_id=member.pk, email="c@x.org", name="c")
        for month in range(1 + (i + seed) % 2):  # one or two payments: splits happen
            paid = gateway.charge(
                customer=customer, amount_cents=cycle.fee_cents, key=f"p:{seed}:{i}:{month}"
            )
            Payment.objects.create(
                member=member,
                cycle=cycle,
                amount_cents=cycle.fee_cents,
                paid_at=timezone.now() - timezone.timedelta(days=40 - month),
                method="stripe",
                stripe_payment_intent_id=paid["payment_intent"],
                stripe_charge_id=paid["charge"],
            )
    Expense.objects.create(
        cycle=cycle, date=start, payee="x", category="other", amount_cents=3333 + seed
    )
    return cycle


def main():
    django.setup()
    from billing import closing
    from billing.models import Cycle, Payment, Refund
    from billing.stripe_gateway import get_gateway

    gateway = get_gateway()
    if sys.argv[1] == "crash":
        crash_at = os.environ.pop("CRASH_AT", "")
        cycle = prepare(int(sys.argv[2]), int(sys.argv[3]))
        os.environ["CRASH_AT"] = crash_at
        closing.close_cycle(cycle.pk, gateway=gateway)
        print("no crash")
        return
    cycle = Cycle.objects.get()
    closing.close_cycle(cycle.pk, gateway=gateway)
    held = []
    for payment in Payment.objects.filter(cycle=cycle):
        refunds = gateway.list_refunds(payment_intent=payment.stripe_payment_intent_id)
        held += [(r.metadata.get("refund_key"), r.amount) for r in refunds]
    ours = sorted(Refund.objects.filter(cycle=cycle).values_list("key", "amount_cents"))
    print(
        json.dumps(
            {
                "status": Cycle.objects.get().status,
                "surplus": cycle.surplus_cents,
                "ours": ours,
                "held": sorted(held),
            }
        )
    )


if __name__ == "__main__":
    main()
