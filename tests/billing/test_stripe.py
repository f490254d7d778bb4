"""Our Stripe module against localstripe (customers, payments, refunds, close_cycle), behind
the fault-injecting proxy (S5, S7), and request shapes for what localstripe lacks."""

from io import StringIO

import pytest

from billing import closing, reconcile, subscriptions
from billing.factories import fresh_cycle, pay
from billing.models import BillingAccount, Cycle, Payment, Refund
from billing.stripe_gateway import Gateway
from tests.tasks import run_tasks

from .stripe_fakes import KEY, RecordingClient

pytestmark = pytest.mark.django_db


def stripe_paid_cycle(gateway, n=3, months=2, budget=30000):
    cycle, members = fresh_cycle(n, budget=budget)
    for member in members:
        customer = subscriptions.ensure_customer(member, gateway)
        for month in range(months):
            result = gateway.charge(
                customer=customer, amount_cents=cycle.fee_cents, key=f"pay:{member.pk}:{month}"
            )
            pay(
                member,
                cycle,
                days=month * 30,
                method="stripe",
                stripe_payment_intent_id=result["payment_intent"],
                stripe_charge_id=result["charge"],
            )
    from billing.models import Expense

    Expense.objects.create(
        cycle=cycle, date=cycle.start, payee="x", category="other", amount_cents=5001
    )
    return cycle, members


def held_refunds(server, cycle):
    found = []
    for payment in Payment.objects.filter(cycle=cycle, method="stripe"):
        found += server.refunds_for(payment.stripe_payment_intent_id)
    return found


def assert_exactly_once(server, cycle):
    held = held_refunds(server, cycle)
    keys = [r["metadata"].get("refund_key") for r in held]
    assert len(keys) == len(set(keys)), "a refund was made twice"
    ours = {r.key: r for r in Refund.objects.filter(cycle=cycle)}
    assert set(keys) == set(ours)
    for r in held:
        assert r["amount"] == ours[r["metadata"]["refund_key"]].amount_cents


def test_customers_payments_and_refunds_through_our_module(stripe_server):
    gateway = stripe_server.gateway()
    cycle, members = stripe_paid_cycle(gateway)
    assert BillingAccount.objects.filter(member__in=members).exclude(stripe_customer_id=None)
    closed = closing.close_cycle(cycle.pk, gateway=gateway)
    assert closed.status == Cycle.Status.CLOSED
    assert closed.surplus_cents == 3 * 2 * 10000 - 5001
    assert set(Refund.objects.filter(cycle=cycle).values_list("status", flat=True)) == {"succeeded"}
    assert_exactly_once(stripe_server, cycle)
    assert sum(r["amount"] for r in held_refunds(stripe_server, cycle)) == closed.surplus_cents
    # A rerun changes nothing at Stripe.
    closing.close_cycle(cycle.pk, gateway=gateway)
    assert_exactly_once(stripe_server, cycle)


def test_lost_responses_are_retried_with_the_same_key_and_replayed(proxy):
    gateway = Gateway(KEY, api_base=proxy.url, max_network_retries=2)
    cycle, members = stripe_paid_cycle(gateway)
    proxy.faults.drop = 3  # the first three refund responses are lost after Stripe acted
    closing.close_cycle(cycle.pk, gateway=gateway)
    assert proxy.faults.replays >= 1
    assert_exactly_once_via(proxy, cycle)


def assert_exactly_once_via(proxy, cycle):
    from .stripe_fakes import LocalStripe

    server = LocalStripe.__new__(LocalStripe)
    server.url = proxy.upstream
    assert_exactly_once(server, cycle)
    assert Cycle.objects.get(pk=cycle.pk).status == Cycle.Status.CLOSED


def test_failures_leave_refunds_failed_and_reruns_finish_without_duplicates(proxy):
    gateway = Gateway(KEY, api_base=proxy.url, max_network_retries=0)
    cycle, members = stripe_paid_cycle(gateway, n=4)
    proxy.faults.fail = 2
    proxy.faults.drop = 1
    closing.close_cycle(cycle.pk, gateway=gateway)
    statuses = list(Refund.objects.filter(cycle=cycle).values_list("status", flat=True))
    assert statuses.count("failed") == 3 and Cycle.objects.get(pk=cycle.pk).status == "closing"
    for _ in range(3):
        closing.close_cycle(cycle.pk, gateway=gateway)
    assert_exactly_once_via(proxy, cycle)


def test_reusing_a_key_with_another_amount_is_an_error(proxy):
    gateway = Gateway(KEY, api_base=proxy.url, max_network_retries=0)
    customer = gateway.create_customer(member_id=1, email="a@example.org", name="A")
    intent = gateway.charge(customer=customer, amount_cents=1000, key="pay:x")["payment_intent"]
    gateway.create_refund(key="refund:x", amount_cents=100, payment_intent=intent, metadata={})
    from billing.stripe_gateway import StripeError

    with pytest.raises(StripeError):
        gateway.create_refund(key="refund:x", amount_cents=200, payment_intent=intent, metadata={})


def test_reconcile_fills_in_a_refund_left_submitting_and_a_second_run_changes_nothing(
    stripe_server,
):
    gateway = stripe_server.gateway()
    cycle, members = stripe_paid_cycle(gateway, n=2)
    closing.plan_close(cycle.pk)
    refund = Refund.objects.filter(cycle=cycle).first()
    payment = refund.payment
    made = gateway.create_refund(
        key=refund.key,
        amount_cents=refund.amount_cents,
        payment_intent=payment.stripe_payment_intent_id,
        metadata={},
    )
    Refund.objects.filter(pk=refund.pk).update(status="submitting")  # the crash left it so
    first = reconcile.run(gateway)
    refund.refresh_from_db()
    assert refund.status == "succeeded" and refund.stripe_refund_id == made.id
    assert first >= 1
    assert reconcile.run(gateway) == 0


# --- request shapes for what localstripe lacks -------------------------------------------------


def recording_gateway(responses=None):
    client = RecordingClient(responses)
    return Gateway(KEY, http_client=client, max_network_retries=0), client


def test_checkout_session_is_a_subscription_for_the_cycles_price():
    cycle, members = fresh_cycle(2, budget=20000)
    member = members[0]
    BillingAccount.objects.create(member=member, stripe_customer_id="cus_X")
    gateway, client = recording_gateway(
        {
            ("GET", "/v1/products"): {"object": "list", "data": [], "has_more": False},
            ("POST", "/v1/products"): {"id": "prod_1", "object": "product"},
            ("POST", "/v1/prices"): {"id": "price_1", "object": "price"},
            ("POST", "/v1/checkout/sessions"): {
                "id": "cs_1",
                "object": "checkout.session",
                "url": "https://checkout.stripe.com/c/cs_1",
            },
        }
    )
    url = subscriptions.checkout_url(
        member, cycle, success_url="https://s/ok", cancel_url="https://s/no", gateway=gateway
    )
    assert url == "https://checkout.stripe.com/c/cs_1"
    price = [r for r in client.requests if r[1] == "/v1/prices"][0]
    assert price[2]["unit_amount"] == ["10000"] and price[2]["currency"] == ["usd"]
    assert price[2]["recurring[interval]"] == ["month"] and price[2]["product"] == ["prod_1"]
    method, path, params, headers = client.requests[-1]
    assert (method, path) == ("POST", "/v1/checkout/sessions")
    assert params["mode"] == ["subscription"] and params["customer"] == ["cus_X"]
    assert params["line_items[0][price]"] == ["price_1"]
    assert params["line_items[0][quantity]"] == ["1"]
    assert params["client_reference_id"] == [str(member.pk)]
    assert params["subscription_data[metadata][member_id]"] == [str(member.pk)]


def test_portal_session_for_the_members_customer():
    cycle, members = fresh_cycle(1, budget=20000)
    BillingAccount.objects.create(member=members[0], stripe_customer_id="cus_P")
    gateway, client = recording_gateway(
        {("POST", "/v1/billing_portal/sessions"): {"id": "bps_1", "url": "https://b/p"}}
    )
    assert subscriptions.portal_url(members[0], return_url="https://r", gateway=gateway) == (
        "https://b/p"
    )
    method, path, params, _h = client.requests[-1]
    assert (path, params) == (
        "/v1/billing_portal/sessions",
        {"customer": ["cus_P"], "return_url": ["https://r"]},
    )


def fee_move_gateway(new_price):
    """Stripe as seen by a fee change: our product, a new Price `new_price`, and sub_1 on
    price_1 waiting to be moved."""
    return recording_gateway(
        {
            ("GET", "/v1/products"): {
                "object": "list",
                "data": [
                    {"id": "prod_1", "object": "product", "metadata": {"coopsite": "monthly_share"}}
                ],
                "has_more": False,
            },
            ("POST", "/v1/prices"): {"id": new_price, "object": "price"},
            ("GET", "/v1/subscriptions/sub_1"): {
                "id": "sub_1",
                "object": "subscription",
                "items": {
                    "object": "list",
                    "data": [
                        {
                            "id": "si_1",
                            "object": "subscription_item",
                            "price": {"id": "price_1", "object": "price"},
                        }
                    ],
                },
            },
            ("POST", "/v1/subscriptions/sub_1"): {"id": "sub_1", "object": "subscription"},
        }
    )


def test_a_new_fee_makes_a_new_price_and_moves_subscriptions_without_proration():
    cycle, members = fresh_cycle(2, budget=20000)
    BillingAccount.objects.create(
        member=members[0],
        stripe_customer_id="cus_1",
        stripe_subscription_id="sub_1",
        subscription_status="active",
    )
    gateway, client = fee_move_gateway("price_2")
    assert subscriptions.sync_price(cycle.pk, gateway=gateway) == 1
    method, path, params, headers = client.requests[-1]
    assert (method, path) == ("POST", "/v1/subscriptions/sub_1")
    assert params == {
        "items[0][id]": ["si_1"],
        "items[0][price]": ["price_2"],
        "proration_behavior": ["none"],
    }
    assert headers["Idempotency-Key"] == "move:sub_1:price_2"


def test_the_sync_price_command_the_log_names_moves_subscriptions_to_the_open_fee(monkeypatch):
    """billing/subscriptions.py logs "run manage.py sync_price" when a fee change could not
    reach Stripe: the command exists and does the move."""
    from django.core.management import call_command

    from billing.management.commands import sync_price as command

    cycle, members = fresh_cycle(2, budget=20000)
    assert cycle.status == Cycle.Status.OPEN
    BillingAccount.objects.create(
        member=members[0],
        stripe_customer_id="cus_1",
        stripe_subscription_id="sub_1",
        subscription_status="active",
    )
    gateway, client = fee_move_gateway("price_9")
    monkeypatch.setattr(command, "get_gateway", lambda: gateway)
    out = StringIO()
    call_command("sync_price", stdout=out)
    assert out.getvalue().startswith("1 subscriptions")
    method, path, params, _headers = client.requests[-1]
    assert (method, path, params["items[0][price]"]) == (
        "POST",
        "/v1/subscriptions/sub_1",
        ["price_9"],
    )


def test_refunds_carry_our_key_and_metadata():
    gateway, client = recording_gateway(
        {
            ("POST", "/v1/refunds"): {
                "id": "re_1",
                "object": "refund",
                "amount": 5,
                "status": "succeeded",
            }
        }
    )
    gateway.create_refund(
        key="refund:1:2:3", amount_cents=5, payment_intent="pi_1", metadata={"cycle_id": "1"}
    )
    method, path, params, headers = client.requests[-1]
    assert headers["Idempotency-Key"] == "refund:1:2:3"
    assert params["metadata[refund_key]"] == ["refund:1:2:3"]
    assert params["metadata[cycle_id]"] == ["1"] and params["payment_intent"] == ["pi_1"]


def test_leaving_cancels_the_subscription_at_the_end_of_the_paid_period(
    use_gateway, django_capture_on_commit_callbacks
):
    from members import membership

    cycle, members = fresh_cycle(2, budget=20000)
    BillingAccount.objects.create(
        member=members[0], stripe_customer_id="cus_L", stripe_subscription_id="sub_L"
    )
    gateway, client = recording_gateway(
        {("POST", "/v1/subscriptions/sub_L"): {"id": "sub_L", "object": "subscription"}}
    )
    use_gateway(gateway)
    with django_capture_on_commit_callbacks(execute=True):
        membership.leave(members[0])
    run_tasks(only={"billing.tasks.cancel_for_leaver"})  # Stripe work, done by the worker
    method, path, params, _h = client.requests[-1]
    assert (path, params) == ("/v1/subscriptions/sub_L", {"cancel_at_period_end": ["true"]})
    assert BillingAccount.objects.get(member=members[0]).cancel_at_period_end
