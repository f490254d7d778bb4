"""S1-S3: the signed webhook; each event stored once; arrival order does not matter."""

import itertools
import json
import time

import pytest

from billing.factories import fresh_cycle, pay
from billing.models import BillingAccount, Payment, Refund, StripeEvent
from tests.tasks import run_tasks

from .stripe_fakes import event, signed

pytestmark = pytest.mark.django_db
URL = "/billing/stripe/webhook/"


def post(client, payload, *, secret="whsec_test_secret", timestamp=None, header=None):
    body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    headers = {}
    if header is not False:
        headers["HTTP_STRIPE_SIGNATURE"] = header or signed(text, secret, timestamp)
    return client.post(URL, data=body, content_type="application/json", **headers)


@pytest.fixture
def member_with_customer(stripe_keys):
    cycle, members = fresh_cycle(2, budget=20000)
    member = members[0]
    BillingAccount.objects.create(member=member, stripe_customer_id="cus_A")
    return cycle, member


def invoice(inv_id="in_1", amount=10000, paid_at=None, intent="pi_1"):
    return {
        "id": inv_id,
        "object": "invoice",
        "customer": "cus_A",
        "amount_paid": amount,
        "amount_due": amount,
        "created": int(time.time()),
        "status_transitions": {"paid_at": paid_at or int(time.time())},
        "payments": {"data": [{"payment": {"type": "payment_intent", "payment_intent": intent}}]},
        "parent": {"subscription_details": {"metadata": {}, "subscription": "sub_1"}},
    }


def test_a_valid_event_is_stored_and_applied(client, member_with_customer):
    cycle, member = member_with_customer
    response = post(client, event("invoice.paid", invoice()))
    assert response.status_code == 200
    payment = Payment.objects.get(stripe_invoice_id="in_1")
    assert (payment.member, payment.amount_cents, payment.status) == (member, 10000, "succeeded")
    assert payment.stripe_payment_intent_id == "pi_1" and payment.cycle == cycle


@pytest.mark.parametrize(
    "case", ["wrong_secret", "no_header", "reserialised", "old", "future", "garbage_header"]
)
def test_bad_signatures_get_400_and_store_nothing(client, member_with_customer, case):
    payload = event("invoice.paid", invoice())
    body = json.dumps(payload)
    now = int(time.time())
    kwargs = {
        "wrong_secret": {"secret": "whsec_wrong"},
        "no_header": {"header": False},
        "old": {"timestamp": now - 301},
        "future": {"timestamp": now + 3600},
        "garbage_header": {"header": "t=abc,v1=zz"},
        "reserialised": {"header": signed(json.dumps(payload, indent=1))},
    }[case]
    assert post(client, body, **kwargs).status_code == 400
    assert not StripeEvent.objects.exists()
    assert not Payment.objects.filter(stripe_invoice_id="in_1").exists()


def test_the_window_is_300_seconds_either_way(client, member_with_customer):
    now = int(time.time())
    ok = [post(client, event("ping", {"id": "x"}), timestamp=now + d) for d in (-290, 290)]
    assert [r.status_code for r in ok] == [200, 200]


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"[1, 2]",
        b'{"id": "evt_1"}',
        b'{"type": "invoice.paid", "created": 1, "data": {"object": {}}}',
        b'{"id": "evt_1", "type": "x", "created": 1, "data": []}',
        b"\xff\xfe invalid utf-8",
        b"[" * 10000 + b"]" * 10000,
    ],
)
def test_malformed_bodies_get_400_and_store_nothing(client, stripe_keys, body):
    text = body.decode("utf-8", "replace")
    response = client.post(
        URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signed(text)
    )
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_oversized_bodies_get_400(client, stripe_keys):
    body = json.dumps({"pad": "x" * 2_600_000})
    assert post(client, body).status_code == 400
    assert not StripeEvent.objects.exists()


def test_a_duplicate_gets_200_and_is_not_processed_again(client, member_with_customer):
    payload = event("invoice.payment_failed", invoice(amount=5000))
    responses = [post(client, payload) for _ in range(10)]
    assert {r.status_code for r in responses} == {200}
    assert StripeEvent.objects.filter(event_id=payload["id"]).count() == 1
    assert Payment.objects.filter(stripe_invoice_id="in_1").count() == 1


def test_a_failed_payment_is_emailed_and_shown_on_the_dashboard(
    client, member_with_customer, mailoutbox, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    from members.factories import make_member
    from members.models import ROLE_TREASURER

    make_member("Tre Asurer", roles=[ROLE_TREASURER])
    cycle, member = member_with_customer
    with django_capture_on_commit_callbacks(execute=True):
        post(client, event("invoice.payment_failed", invoice(amount=5000)))
    run_tasks()  # the worker sends the emails
    recipients = sorted(m.to[0] for m in mailoutbox)
    treasurer_emails = [u.email for u in Group.objects.get(name=ROLE_TREASURER).user_set.all()]
    assert member.user.email in recipients
    assert set(treasurer_emails) <= set(recipients)
    client.force_login(member.user)
    page = client.get("/en/members/dashboard/").content.decode()
    assert "$50.00" in page and "failed" in page


def test_each_event_type_is_handled(client, member_with_customer):
    cycle, member = member_with_customer
    checkout = {
        "id": "cs_1",
        "object": "checkout.session",
        "customer": "cus_A",
        "subscription": "sub_1",
        "client_reference_id": str(member.pk),
        "metadata": {"member_id": str(member.pk)},
    }
    sub = {"id": "sub_1", "object": "subscription", "customer": "cus_A", "status": "active"}
    payment = pay(member, cycle, method="stripe", stripe_payment_intent_id="pi_9")
    ours = Refund.objects.create(
        cycle=cycle,
        member=member,
        payment=payment,
        amount_cents=100,
        key="refund:k",
        status="submitting",
    )
    refund = {
        "id": "re_1",
        "object": "refund",
        "amount": 100,
        "status": "succeeded",
        "payment_intent": "pi_9",
        "metadata": {"refund_key": "refund:k"},
    }
    outside = {**refund, "id": "re_2", "amount": 50, "metadata": {}}
    sequence = [
        ("checkout.session.completed", checkout),
        ("customer.subscription.updated", {**sub, "cancel_at_period_end": True}),
        ("invoice.paid", invoice()),
        ("invoice.payment_failed", invoice("in_2", intent="pi_2")),
        ("refund.updated", refund),
        ("charge.refunded", {"id": "ch_1", "object": "charge", "refunds": {"data": [outside]}}),
        ("customer.subscription.deleted", {**sub, "status": "canceled"}),
    ]
    for type_, obj in sequence:
        assert post(client, event(type_, obj)).status_code == 200
    account = BillingAccount.objects.get(member=member)
    assert account.stripe_subscription_id == "sub_1"
    assert account.subscription_status == "canceled"
    ours.refresh_from_db()
    assert ours.status == "succeeded" and ours.stripe_refund_id == "re_1"
    assert Refund.objects.get(stripe_refund_id="re_2").cycle is None
    assert Payment.objects.get(stripe_invoice_id="in_2").status == "failed"


def final_state(member):
    account = BillingAccount.objects.get(member=member)
    payments = sorted(
        Payment.objects.exclude(stripe_invoice_id=None).values_list(
            "stripe_invoice_id", "status", "amount_cents"
        )
    )
    return (account.subscription_status, account.stripe_subscription_id, tuple(payments))


def test_final_state_does_not_depend_on_arrival_order(client, member_with_customer):
    """S3 over every order of a subscription's life (5 events: 120 permutations)."""
    from django.db import transaction

    cycle, member = member_with_customer
    base = int(time.time()) - 200
    sub = {"id": "sub_1", "object": "subscription", "customer": "cus_A"}
    events = [
        event(
            "checkout.session.completed",
            {"id": "cs_1", "customer": "cus_A", "subscription": "sub_1", "metadata": {}},
            created=base,
        ),
        event("customer.subscription.updated", {**sub, "status": "past_due"}, created=base + 10),
        event("invoice.payment_failed", invoice("in_1", 5000), created=base + 10),
        event("invoice.paid", invoice("in_1", 5000), created=base + 20),
        event("customer.subscription.deleted", {**sub, "status": "canceled"}, created=base + 30),
    ]
    states = set()
    for order in itertools.permutations(events):
        with transaction.atomic():
            for item in order:
                assert post(client, item).status_code == 200
            states.add(final_state(member))
            transaction.set_rollback(True)
    assert states == {("canceled", "sub_1", (("in_1", "succeeded", 5000),))}


def test_billing_emails_are_written_in_each_recipients_language(
    client, member_with_customer, mailoutbox, django_capture_on_commit_callbacks
):
    from members.factories import make_member
    from members.models import ROLE_TREASURER

    treasurer = make_member("Tre Asurer", roles=[ROLE_TREASURER])
    cycle, member = member_with_customer
    member.language = "es"
    member.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        post(client, event("invoice.payment_failed", invoice(amount=5000)))
    run_tasks()
    by_address = {m.to[0]: m for m in mailoutbox}
    spanish, english = by_address[member.user.email], by_address[treasurer.user.email]
    assert "/es/members/" in spanish.body and "/en/members/" in english.body
    assert spanish.subject != english.subject  # the same message, each in its language
