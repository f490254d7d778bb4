"""Closing a cycle (issue 16): one Stripe call per refund on a first attempt, the lookup by
metadata only on a retry; the ledger's rows stay out of Wagtail's reference index; and the
stripe library is not imported until something talks to Stripe."""

import pytest
from wagtail.models import ReferenceIndex

from billing import closing
from billing.models import Allocation, Cycle, Payment, Refund, StripeEvent
from billing.stripe_gateway import Gateway

from .stripe_fakes import KEY
from .test_stripe import assert_exactly_once_via, stripe_paid_cycle

pytestmark = pytest.mark.django_db


def refund_calls(proxy):
    seen = proxy.faults.seen
    return [(method, path.split("?")[0]) for method, path, _key in seen if "/refunds" in path]


def test_a_first_attempt_makes_one_call_per_refund(proxy):
    gateway = Gateway(KEY, api_base=proxy.url, max_network_retries=0)
    cycle, _members = stripe_paid_cycle(gateway)
    proxy.faults.seen.clear()
    closed = closing.close_cycle(cycle.pk, gateway=gateway)
    assert closed.status == Cycle.Status.CLOSED
    refunds = Refund.objects.filter(cycle=cycle).count()
    assert refunds > 0
    assert refund_calls(proxy) == [("POST", "/v1/refunds")] * refunds
    assert_exactly_once_via(proxy, cycle)


def test_a_retry_looks_the_refund_up_first(proxy):
    gateway = Gateway(KEY, api_base=proxy.url, max_network_retries=0)
    cycle, _members = stripe_paid_cycle(gateway)
    proxy.faults.path = "/v1/refunds"
    proxy.faults.fail = 1  # the first refund's create fails: it is retried on the rerun
    closing.close_cycle(cycle.pk, gateway=gateway)
    assert Refund.objects.filter(cycle=cycle, status=Refund.Status.FAILED).count() == 1
    proxy.faults.seen.clear()
    closing.close_cycle(cycle.pk, gateway=gateway)
    assert refund_calls(proxy) == [("GET", "/v1/refunds"), ("POST", "/v1/refunds")]
    assert_exactly_once_via(proxy, cycle)


def test_ledger_rows_are_not_reference_indexed():
    for model in (Payment, Allocation, Refund, StripeEvent):
        assert not ReferenceIndex.model_is_indexable(model), model
        assert model not in ReferenceIndex.tracked_models, model
