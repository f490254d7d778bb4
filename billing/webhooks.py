"""The Stripe webhook: verify, store each event once, apply it; arrival order does not matter.

The handlers only write to our database (emails go out after commit), so the response is
quick. An event and what it does are committed together: if applying it fails, nothing is
stored and Stripe's retry brings it again.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from coopsite.ratelimits import OPEN, rate_limit

from . import cycles, emails
from .models import BillingAccount, Payment, Refund, StripeEvent
from .stripe_gateway import SignatureError, verify_signature

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 2_500_000
MAX_TIMESTAMP = 253_402_300_799  # 9999-12-31T23:59:59Z, the last second datetime can hold
# What a signed event of an unexpected shape raises in a handler (a string where a number
# belongs, a list where an object does): answered 400, as retrying it would change nothing.
SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, OverflowError)
HANDLED = {
    "checkout.session.completed",
    "invoice.paid",
    "invoice.payment_failed",
    "customer.subscription.updated",
    "customer.subscription.deleted",
    "charge.refunded",
    "refund.updated",
    "refund.created",
}


class Malformed(Exception):
    pass


def parse_event(body: bytes) -> dict:
    try:
        event = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise Malformed("not JSON") from error
    return parse_event_dict(event)


def parse_event_dict(event) -> dict:
    if not isinstance(event, dict):
        raise Malformed("not an object")
    if not isinstance(event.get("id"), str) or not event["id"].startswith("evt_"):
        raise Malformed("no event id")
    if not isinstance(event.get("type"), str) or not isinstance(event.get("created"), int):
        raise Malformed("no type or created time")
    if not 0 <= event["created"] <= MAX_TIMESTAMP:
        raise Malformed("created time out of range")
    data = event.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise Malformed("no data.object")
    try:
        unstorable = _has_unstorable_text(event)
    except RecursionError as error:
        raise Malformed("nested too deep") from error
    if unstorable:
        raise Malformed("NUL or a lone surrogate in text")
    return event


def _has_unstorable_text(value) -> bool:
    """Text PostgreSQL refuses (NUL, in text and jsonb) or UTF-8 cannot encode (a lone
    surrogate, which JSON's \\ud800 escapes can carry): no real Stripe event has any."""
    if isinstance(value, str):
        return "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, dict):
        return any(_has_unstorable_text(k) or _has_unstorable_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_unstorable_text(item) for item in value)
    return False


def _time(seconds) -> datetime:
    try:
        return datetime.fromtimestamp(int(seconds), tz=UTC)
    except (OverflowError, OSError) as error:  # years past 9999, or past the C library's
        raise ValueError(f"not a time: {seconds!r}") from error


def _id(value) -> str:
    if isinstance(value, dict):
        return str(value.get("id") or "")
    return str(value or "")


def _member_id(obj) -> int | None:
    """Who an object is about: our metadata, or the customer we created for the member."""
    candidates = [
        (obj.get("metadata") or {}).get("member_id"),
        obj.get("client_reference_id"),
        ((obj.get("subscription_details") or {}).get("metadata") or {}).get("member_id"),
        (((obj.get("parent") or {}).get("subscription_details") or {}).get("metadata") or {}).get(
            "member_id"
        ),
    ]
    for value in candidates:
        if value and str(value).isdigit():
            return int(value)
    customer = _id(obj.get("customer"))
    if customer:
        account = BillingAccount.objects.filter(stripe_customer_id=customer).first()
        if account:
            return account.member_id
    return None


def _account(member_id: int) -> BillingAccount:
    account, _created = BillingAccount.objects.select_for_update().get_or_create(
        member_id=member_id
    )
    return account


def on_checkout_completed(event, obj):
    member_id = _member_id(obj)
    if member_id is None:
        return "unknown member"
    account = _account(member_id)
    if obj.get("customer") and not account.stripe_customer_id:
        account.stripe_customer_id = _id(obj["customer"])
    sub = _id(obj.get("subscription"))
    if sub and account.stripe_subscription_id != sub:
        account.stripe_subscription_id = sub
        # A newer subscription event may already have set the status; keep it if so.
        if account.status_as_of is None or account.status_as_of <= _time(event["created"]):
            account.subscription_status = account.subscription_status or "active"
    account.save()
    return f"subscription {sub} for member {member_id}"


def _stale_subscription_event(account: BillingAccount, sub_id: str, at, deleted: bool):
    """Why a subscription event must not change `account`, or None when it may.

    Events arrive in any order (S3): one dated before the status we hold is older news,
    except a deletion of the subscription we know, which always wins; and a cancellation is
    final, whatever arrives after it."""
    same = account.stripe_subscription_id in ("", sub_id)
    newer_known = account.status_as_of is not None and account.status_as_of > at
    if newer_known and not same:
        return "older than what we know"
    if account.subscription_status == "canceled" and same and account.stripe_subscription_id:
        return "already cancelled"
    if newer_known and not deleted:
        return "older than what we know"
    return None


def on_subscription(event, obj):
    member_id = _member_id(obj)
    if member_id is None:
        return "unknown member"
    account = _account(member_id)
    at = _time(event["created"])
    deleted = event["type"] == "customer.subscription.deleted" or obj.get("status") == "canceled"
    stale = _stale_subscription_event(account, obj["id"], at, deleted)
    if stale:
        return stale
    account.stripe_subscription_id = obj["id"]
    account.subscription_status = "canceled" if deleted else str(obj.get("status") or "")
    account.cancel_at_period_end = bool(obj.get("cancel_at_period_end"))
    account.status_as_of = max(at, account.status_as_of or at)
    if obj.get("customer") and not account.stripe_customer_id:
        account.stripe_customer_id = _id(obj["customer"])
    account.save()
    return f"subscription {obj['id']}: {account.subscription_status}"


def _invoice_intent(obj) -> str:
    intent = _id(obj.get("payment_intent"))
    if intent:
        return intent
    for row in (obj.get("payments") or {}).get("data") or []:
        payment = row.get("payment") or {}
        if payment.get("payment_intent"):
            return _id(payment["payment_intent"])
    return ""


def _invoice_payment(obj, member_id: int, paid: bool, amount: int, when, cycle):
    """The Payment an invoice event records, updated in memory, or the reason to leave the
    stored one alone: a late failure notice never undoes a payment, and a failure is
    recorded once."""
    payment = Payment.objects.select_for_update().filter(stripe_invoice_id=obj["id"]).first()
    if payment is None:
        return Payment(
            stripe_invoice_id=obj["id"],
            member_id=member_id,
            cycle=cycle,
            method=Payment.Method.STRIPE,
            amount_cents=amount,
            paid_at=when,
            status=Payment.Status.SUCCEEDED if paid else Payment.Status.FAILED,
        )
    if payment.status == Payment.Status.SUCCEEDED:
        return payment if paid else "already paid"
    if not paid:
        return "failure already recorded"
    payment.status = Payment.Status.SUCCEEDED
    payment.amount_cents = amount
    payment.paid_at = when
    payment.cycle = cycle
    return payment


def on_invoice(event, obj):
    member_id = _member_id(obj)
    if member_id is None:
        return "unknown member"
    paid = event["type"] == "invoice.paid"
    amount = int(obj.get("amount_paid")) if paid else int(obj.get("amount_due") or 0)
    transitions = obj.get("status_transitions") or {}
    when = _time((paid and transitions.get("paid_at")) or obj.get("created") or event["created"])
    cycle = cycles.cycle_for(when.date()) or cycles.current_cycle()
    if cycle is None:
        raise RuntimeError("no cycle to record the payment in")
    payment = _invoice_payment(obj, member_id, paid, amount, when, cycle)
    if isinstance(payment, str):
        return payment
    payment.stripe_payment_intent_id = _invoice_intent(obj) or payment.stripe_payment_intent_id
    payment.stripe_charge_id = _id(obj.get("charge")) or payment.stripe_charge_id
    payment.save()
    if not paid:
        transaction.on_commit(lambda: emails.payment_failed(payment.pk))
    return f"payment {payment.pk} {payment.status}"


def apply_refund(obj, at) -> str:
    """A Stripe refund object: update ours (by id or our metadata key), or record one made at
    Stripe (e.g. from the dashboard) against its payment."""
    key = (obj.get("metadata") or {}).get("refund_key")
    refund = (
        Refund.objects.select_for_update(of=("self",)).filter(stripe_refund_id=obj["id"]).first()
    )
    if refund is None and key:
        refund = Refund.objects.select_for_update(of=("self",)).filter(key=key).first()
    status = Refund.Status.from_stripe(obj.get("status"))
    if refund is None:
        intent = _id(obj.get("payment_intent"))
        charge = _id(obj.get("charge"))
        payment = None
        if intent:
            payment = Payment.objects.filter(stripe_payment_intent_id=intent).first()
        if payment is None and charge:
            payment = Payment.objects.filter(stripe_charge_id=charge).first()
        if payment is None:
            return f"refund {obj['id']}: unknown payment"
        Refund.objects.create(
            cycle=None,
            member_id=payment.member_id,
            payment=payment,
            amount_cents=int(obj.get("amount") or 0),
            key=f"stripe:{obj['id']}",
            stripe_refund_id=obj["id"],
            status=status,
            emailed=True,
        )
        return f"refund {obj['id']} recorded"
    if refund.status in (Refund.Status.SUCCEEDED, Refund.Status.DUE, Refund.Status.PAID) and (
        status == Refund.Status.PENDING
    ):
        return "older than what we know"
    if refund.status == Refund.Status.PAID:
        return "paid by the treasurer"
    refund.stripe_refund_id = obj["id"]
    refund.status = status
    refund.save(update_fields=["stripe_refund_id", "status", "updated_at"])
    return f"refund {refund.key}: {status}"


def on_refund(event, obj):
    return apply_refund(obj, _time(event["created"]))


def on_charge_refunded(event, obj):
    results = [
        apply_refund(refund, _time(event["created"]))
        for refund in ((obj.get("refunds") or {}).get("data") or [])
    ]
    return "; ".join(results) or "no refunds listed"


HANDLERS = {
    "checkout.session.completed": on_checkout_completed,
    "invoice.paid": on_invoice,
    "invoice.payment_failed": on_invoice,
    "customer.subscription.updated": on_subscription,
    "customer.subscription.deleted": on_subscription,
    "charge.refunded": on_charge_refunded,
    "refund.updated": on_refund,
    "refund.created": on_refund,
}


def process(event: dict, *, source: str = "webhook") -> bool:
    """Store and apply `event` once. False if it was already stored (nothing done)."""
    if StripeEvent.objects.filter(event_id=event["id"]).exists():
        return False
    try:
        with transaction.atomic():
            stored = StripeEvent.objects.create(
                event_id=event["id"],
                type=event["type"][:100],
                created=_time(event["created"]),
                payload=event,
                source=source,
            )
            handler = HANDLERS.get(event["type"])
            outcome = handler(event, event["data"]["object"]) if handler else "ignored"
            stored.outcome = str(outcome)[:200]
            stored.save(update_fields=["outcome"])
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            return False  # a concurrent delivery of the same event won
        raise
    return True


# Rate limit per address, counted before the signature is checked, so a flood of forged
# deliveries stops here. Generous: a cycle's refunds arrive in bursts, and Stripe retries a 429
# later (events are deduplicated). Open if Redis is down: no real event may be turned away.
@csrf_exempt
@require_POST
@rate_limit("stripe-webhook-ip", key="ip", store_down=OPEN, plain=True)
def stripe_webhook(request):
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BODY_BYTES:
        return HttpResponseBadRequest("too large")
    body = request.body
    if len(body) > MAX_BODY_BYTES:
        return HttpResponseBadRequest("too large")
    try:
        verify_signature(
            body, request.headers.get("Stripe-Signature"), settings.STRIPE_WEBHOOK_SECRET
        )
        event = parse_event(body)
    except (SignatureError, Malformed):
        return HttpResponseBadRequest("bad request")
    try:
        fresh = process(event)
    except SHAPE_ERRORS:
        logger.exception("Stripe event %s has a shape we cannot apply", event["id"])
        return HttpResponseBadRequest("unexpected event contents")
    except Exception:
        logger.exception("Stripe event %s could not be applied; Stripe will retry", event["id"])
        return HttpResponse("not applied", status=500)
    return HttpResponse("ok" if fresh else "duplicate", content_type="text/plain")
