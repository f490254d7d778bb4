"""S2: Stripe delivers at least once, sometimes the same event on several connections at
the same moment. Twenty concurrent deliveries of one event apply it once."""

import pytest
from django.core import mail
from django.test import Client

from billing.factories import fresh_cycle
from billing.models import BillingAccount, Payment, StripeEvent
from tests.conftest import on_postgresql
from tests.tasks import run_tasks
from tests.threads import run_threads

from .stripe_fakes import event
from .test_webhooks import invoice, post

pytestmark = [on_postgresql, pytest.mark.django_db(transaction=True)]


def test_twenty_concurrent_deliveries_of_one_event_apply_it_once(stripe_keys):
    _cycle, members = fresh_cycle(2, budget=20000)
    member = members[0]
    BillingAccount.objects.create(member=member, stripe_customer_id="cus_A")
    payload = event("invoice.payment_failed", invoice(inv_id="in_race", amount=5000))

    answers = run_threads(20, lambda _i: post(Client(), payload).status_code)

    assert answers == [200] * 20  # every delivery acknowledged, none retried by Stripe
    assert StripeEvent.objects.filter(event_id=payload["id"]).count() == 1
    assert Payment.objects.filter(stripe_invoice_id="in_race").count() == 1
    run_tasks()  # the worker sends what was queued
    to_member = [m for m in mail.outbox if m.to == [member.user.email]]
    assert len(to_member) == 1  # one "your payment failed" email, not twenty
