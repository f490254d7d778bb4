"""F6: webhooks that never arrive are filled in by reconcile_stripe, once.

Stripe delivers events at least once, but a deploy, an outage or a proxy can still lose some.
Here 30% of a month's invoice events are dropped on the way; one reconcile run, reading
Stripe's event list (current API shapes, through our real Gateway), leaves the ledger equal to
Stripe's record, and a second run changes nothing."""

import random

import pytest

from billing import reconcile
from billing.factories import fresh_cycle
from billing.models import BillingAccount, Payment, StripeEvent

from .stripe_fakes import event
from .test_stripe import recording_gateway
from .test_webhooks import invoice, post

pytestmark = pytest.mark.django_db


def test_reconcile_fills_the_gaps_of_lost_webhooks_and_is_idempotent(client, stripe_keys):
    _cycle, members = fresh_cycle(1, budget=20000)
    BillingAccount.objects.create(member=members[0], stripe_customer_id="cus_A")
    stripe_side = [
        event("invoice.paid", invoice(inv_id=f"in_{n:03d}", amount=10000, intent=f"pi_{n:03d}"))
        for n in range(40)
    ]
    lost = set(random.Random(6).sample(range(40), 12))  # 30% never delivered
    for n, payload in enumerate(stripe_side):
        if n not in lost:
            assert post(client, payload).status_code == 200
    assert Payment.objects.filter(stripe_invoice_id__startswith="in_").count() == 28

    gateway, _client = recording_gateway(
        {("GET", "/v1/events"): {"object": "list", "data": stripe_side, "has_more": False}}
    )
    assert reconcile.run(gateway) == 12

    ledger = set(
        Payment.objects.filter(stripe_invoice_id__startswith="in_").values_list(
            "stripe_invoice_id", "amount_cents"
        )
    )
    assert ledger == {(f"in_{n:03d}", 10000) for n in range(40)}  # 0 differences
    assert StripeEvent.objects.filter(event_id__in=[e["id"] for e in stripe_side]).count() == 40
    assert reconcile.run(gateway) == 0  # the second run changes nothing
