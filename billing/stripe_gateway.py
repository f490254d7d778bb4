"""Every call to Stripe goes through this module; nothing else in the project imports stripe.

`get_gateway()` returns None when the keys are not configured: billing is then read-only.
Results come back as plain dicts/strings so callers never touch stripe objects.

`stripe` itself is imported only where it is used (a Gateway, a webhook's signature): the
library and its API resources cost about 30 MiB in every web worker that would otherwise
import it at boot, and most requests never talk to Stripe. A Gateway method re-raises
stripe's errors as `StripeError` (a subclass named like the original, which stays readable
as `__cause__` and through its attributes), so callers catch them without importing stripe.
"""

from __future__ import annotations

import functools
import json
import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    import stripe

# Stripe signs `t.<body>`; we accept signatures at most this many seconds off, either way.
TOLERANCE_SECONDS = 300
PRODUCT_METADATA_KEY = "coopsite"
PRODUCT_METADATA_VALUE = "monthly_share"


class StripeError(Exception):
    """Stripe (or the network to it) failed: what Gateway methods raise. Each of stripe's error
    types becomes a subclass of this with the same name (InvalidRequestError, ...), so what
    was stored as `f"{type(error).__name__}: {error}"` reads as before; other attributes
    (`code`, `http_status`, `user_message`) come from the original."""

    original: Exception | None = None

    def __getattr__(self, name):
        original = self.__dict__.get("original")
        if original is None:
            raise AttributeError(name)
        return getattr(original, name)


_error_types: dict[type, type[StripeError]] = {}


def _translated(error: Exception) -> StripeError:
    kind = type(error)
    if kind not in _error_types:
        _error_types[kind] = type(kind.__name__, (StripeError,), {"__module__": __name__})
    translated = _error_types[kind](str(error))
    translated.original = error
    return translated


def _raising_our_errors(method):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        import stripe

        try:
            return method(*args, **kwargs)
        except stripe.StripeError as error:
            raise _translated(error) from error

    return wrapper


def _translating_errors(cls):
    """Every public method of `cls` raises StripeError instead of stripe's errors."""
    for name, value in list(vars(cls).items()):
        if callable(value) and not name.startswith("_"):
            setattr(cls, name, _raising_our_errors(value))
    return cls


class SignatureError(Exception):
    """The webhook's signature, timestamp or header is not acceptable."""


@dataclass
class RefundResult:
    id: str
    status: str
    amount: int
    metadata: dict[str, str]


def crash_point(name: str) -> None:
    """Test hook for the crash test: `CRASH_AT=<name>[:<n>]` kills the process at the n-th hit."""
    wanted = os.environ.get("CRASH_AT")
    if not wanted:
        return
    point, _sep, count = wanted.partition(":")
    if point != name:
        return
    remaining = int(count or "1") - 1
    os.environ["CRASH_AT"] = f"{point}:{remaining}"
    if remaining <= 0:
        os._exit(137)


def verify_signature(payload: bytes, header: str | None, secret: str, *, now: float | None = None):
    """Check Stripe's signature on the raw body and that its timestamp is within ±300 s.

    stripe's own check refuses old signatures but accepts ones from the future, so the
    window is checked here in both directions; the signature itself is stripe's to check.
    """
    if not header or not secret:
        raise SignatureError("missing signature header or secret")
    try:
        text = payload.decode("utf-8")
        parts = [item.split("=", 1) for item in header.split(",")]
        timestamp = int(next(value for key, value in parts if key == "t"))
    except (UnicodeDecodeError, ValueError, StopIteration) as error:
        raise SignatureError("malformed header or body") from error
    now = time.time() if now is None else now
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        raise SignatureError("timestamp outside the tolerance window")
    import stripe

    try:
        stripe.WebhookSignature.verify_header(text, header, secret, tolerance=TOLERANCE_SECONDS)
    except stripe.SignatureVerificationError as error:
        raise SignatureError(str(error)) from error


def sign(payload: str, secret: str, timestamp: int | None = None) -> str:
    """A Stripe-Signature header for `payload` (tests and the demo's local tools)."""
    import stripe

    return stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp)


def _plain(obj: Any) -> dict[str, Any]:
    return json.loads(str(obj)) if obj is not None else {}


def _meta(obj: Any) -> dict[str, str]:
    """An object's metadata as a plain dict (stripe 16 objects have no working `.get`)."""
    metadata = getattr(obj, "metadata", None)
    if not metadata:
        return {}
    return {str(k): str(v) for k, v in _plain(metadata).items()}


@_translating_errors
class Gateway:
    def __init__(
        self,
        secret_key: str,
        *,
        api_base: str | None = None,
        http_client: stripe.HTTPClient | None = None,
        max_network_retries: int = 2,
    ):
        import stripe

        base = {"api": api_base} if api_base else None
        self.client = stripe.StripeClient(
            secret_key,
            base_addresses=base,  # type: ignore[arg-type]
            http_client=http_client,
            max_network_retries=max_network_retries,
        )

    # --- customers and payments --------------------------------------------------------------

    def create_customer(self, *, member_id: int, email: str, name: str) -> str:
        customer = self.client.v1.customers.create(
            {"email": email, "name": name, "metadata": {"member_id": str(member_id)}},
            {"idempotency_key": f"customer:{member_id}"},
        )
        return customer.id

    def charge(
        self, *, customer: str, amount_cents: int, key: str, payment_method: str = "pm_card_visa"
    ) -> dict[str, Any]:
        """A one-off confirmed card payment (tests, benchmarks and off-cycle charges)."""
        intent = self.client.v1.payment_intents.create(
            {
                "amount": amount_cents,
                "currency": "usd",
                "customer": customer,
                "payment_method": payment_method,
                "confirm": True,
                "metadata": {"payment_key": key},
            },
            {"idempotency_key": key},
        )
        charge = intent.latest_charge
        charge_id = charge if isinstance(charge, str) else (charge.id if charge else "")
        return {"payment_intent": intent.id, "charge": charge_id, "status": intent.status}

    # --- subscription set-up ----------------------------------------------------------------

    def ensure_product(self) -> str:
        for product in self.client.v1.products.list({"limit": 100}).auto_paging_iter():
            if _meta(product).get(PRODUCT_METADATA_KEY) == PRODUCT_METADATA_VALUE:
                return product.id
        product = self.client.v1.products.create(
            {
                "name": "Monthly share of the co-op's costs",
                "metadata": {PRODUCT_METADATA_KEY: PRODUCT_METADATA_VALUE},
            },
            {"idempotency_key": "product:monthly_share"},
        )
        return product.id

    def create_price(self, *, product: str, amount_cents: int, cycle_id: int) -> str:
        price = self.client.v1.prices.create(
            {
                "product": product,
                "currency": "usd",
                "unit_amount": amount_cents,
                "recurring": {"interval": "month"},
                "metadata": {"cycle_id": str(cycle_id)},
            },
            {"idempotency_key": f"price:{cycle_id}:{amount_cents}"},
        )
        return price.id

    def create_checkout_session(
        self, *, customer: str, price: str, member_id: int, success_url: str, cancel_url: str
    ) -> str:
        session = self.client.v1.checkout.sessions.create(
            {
                "mode": "subscription",
                "customer": customer,
                "client_reference_id": str(member_id),
                "line_items": [{"price": price, "quantity": 1}],
                "subscription_data": {"metadata": {"member_id": str(member_id)}},
                "metadata": {"member_id": str(member_id)},
                "success_url": success_url,
                "cancel_url": cancel_url,
            }
        )
        return session.url or ""

    def create_portal_session(self, *, customer: str, return_url: str) -> str:
        session = self.client.v1.billing_portal.sessions.create(
            {"customer": customer, "return_url": return_url}
        )
        return session.url

    def move_subscription(self, *, subscription: str, price: str) -> None:
        """Charge `price` from the next billing period on, without proration."""
        sub = self.client.v1.subscriptions.retrieve(subscription)
        item = sub["items"].data[0]
        if item.price.id == price:
            return
        self.client.v1.subscriptions.update(
            subscription,
            {
                "items": [{"id": item.id, "price": price}],
                "proration_behavior": "none",
            },
            {"idempotency_key": f"move:{subscription}:{price}"},
        )

    def cancel_at_period_end(self, *, subscription: str) -> None:
        self.client.v1.subscriptions.update(subscription, {"cancel_at_period_end": True})

    def invoice_payment_intent(self, invoice: str) -> str:
        """The PaymentIntent that paid an invoice (current API: through invoice payments)."""
        payments = self.client.v1.invoice_payments.list({"invoice": invoice, "limit": 10})
        for row in payments.data:
            if row.status == "paid" and row.payment.payment_intent:
                intent = row.payment.payment_intent
                return intent if isinstance(intent, str) else intent.id
        return ""

    # --- refunds ----------------------------------------------------------------------------

    @staticmethod
    def _refund(refund: stripe.Refund) -> RefundResult:
        return RefundResult(
            id=refund.id,
            status=refund.status or "",
            amount=refund.amount,
            metadata=_meta(refund),
        )

    def find_refund(
        self, *, key: str, payment_intent: str = "", charge: str = ""
    ) -> RefundResult | None:
        """Our refund with this key, if Stripe already holds one (matched on its metadata)."""
        if payment_intent:
            refunds = self.client.v1.refunds.list({"payment_intent": payment_intent, "limit": 100})
        else:
            refunds = self.client.v1.refunds.list({"charge": charge, "limit": 100})
        for refund in refunds.auto_paging_iter():
            if _meta(refund).get("refund_key") == key:
                return self._refund(refund)
        return None

    def create_refund(
        self,
        *,
        key: str,
        amount_cents: int,
        metadata: dict[str, str],
        payment_intent: str = "",
        charge: str = "",
    ) -> RefundResult:
        meta = {**metadata, "refund_key": key}
        if payment_intent:
            refund = self.client.v1.refunds.create(
                {"payment_intent": payment_intent, "amount": amount_cents, "metadata": meta},
                {"idempotency_key": key},
            )
        else:
            refund = self.client.v1.refunds.create(
                {"charge": charge, "amount": amount_cents, "metadata": meta},
                {"idempotency_key": key},
            )
        return self._refund(refund)

    def list_refunds(self, *, payment_intent: str) -> list[RefundResult]:
        refunds = self.client.v1.refunds.list({"payment_intent": payment_intent, "limit": 100})
        return [self._refund(r) for r in refunds.auto_paging_iter()]

    # --- reconciliation ---------------------------------------------------------------------

    def recent_events(self, *, since: int) -> list[dict[str, Any]]:
        events = self.client.v1.events.list({"created": {"gte": since}, "limit": 100})
        return [_plain(event) for event in events.auto_paging_iter()]


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


_override: Gateway | None = None


def set_gateway(gateway: Gateway | None) -> None:
    """Tests point billing at localstripe or a recording client."""
    global _override
    _override = gateway


def get_gateway() -> Gateway | None:
    if _override is not None:
        return _override
    if not is_configured():
        return None
    return Gateway(settings.STRIPE_SECRET_KEY, api_base=settings.STRIPE_API_BASE or None)
