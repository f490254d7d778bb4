"""Members' Stripe subscriptions: Checkout, the Customer Portal, price moves, cancelling.

Each function calls Stripe outside any database transaction and records the result after.
"""

from __future__ import annotations

import logging

from .models import BillingAccount, Cycle
from .stripe_gateway import Gateway, StripeError, get_gateway

logger = logging.getLogger(__name__)


class NotConfigured(Exception):
    pass


def _gateway(gateway: Gateway | None) -> Gateway:
    gateway = gateway or get_gateway()
    if gateway is None:
        raise NotConfigured("Stripe keys are not configured")
    return gateway


def ensure_customer(member, gateway: Gateway | None = None) -> str:
    account, _created = BillingAccount.objects.get_or_create(member=member)
    if account.stripe_customer_id:
        return account.stripe_customer_id
    customer = _gateway(gateway).create_customer(
        member_id=member.pk, email=member.user.email, name=member.display_name
    )
    BillingAccount.objects.filter(pk=account.pk).update(stripe_customer_id=customer)
    return customer


def ensure_price(cycle: Cycle, gateway: Gateway | None = None) -> str:
    gateway = _gateway(gateway)
    cycle.refresh_from_db()
    if cycle.stripe_price_id and cycle.stripe_price_id.endswith(f"#{cycle.fee_cents}"):
        return cycle.stripe_price_id.split("#")[0]
    product = gateway.ensure_product()
    price = gateway.create_price(product=product, amount_cents=cycle.fee_cents, cycle_id=cycle.pk)
    # The fee the price is for travels with it, so a later fee change makes a new price.
    Cycle.objects.filter(pk=cycle.pk).update(stripe_price_id=f"{price}#{cycle.fee_cents}")
    return price


def checkout_url(member, cycle: Cycle, *, success_url: str, cancel_url: str, gateway=None) -> str:
    gateway = _gateway(gateway)
    customer = ensure_customer(member, gateway)
    price = ensure_price(cycle, gateway)
    return gateway.create_checkout_session(
        customer=customer,
        price=price,
        member_id=member.pk,
        success_url=success_url,
        cancel_url=cancel_url,
    )


def portal_url(member, *, return_url: str, gateway=None) -> str:
    gateway = _gateway(gateway)
    customer = ensure_customer(member, gateway)
    return gateway.create_portal_session(customer=customer, return_url=return_url)


def sync_price(cycle_id: int, gateway: Gateway | None = None, *, raise_errors=False) -> int:
    """After a fee change: a new Price, and every live subscription moved to it from the
    next billing period (no proration). Returns how many subscriptions were moved. Run by
    the worker (billing.tasks.sync_price), which retries when `raise_errors` lets it see."""
    gateway = gateway or get_gateway()
    if gateway is None:
        return 0
    cycle = Cycle.objects.get(pk=cycle_id)
    if cycle.status != Cycle.Status.OPEN or not cycle.fee_cents:
        return 0
    try:
        price = ensure_price(cycle, gateway)
        moved = 0
        for sub in (
            BillingAccount.objects.exclude(stripe_subscription_id="")
            .filter(subscription_status__in=["active", "trialing", "past_due"])
            .values_list("stripe_subscription_id", flat=True)
        ):
            gateway.move_subscription(subscription=sub, price=price)
            moved += 1
        return moved
    except StripeError:
        logger.exception("Could not move subscriptions to the new fee; run manage.py sync_price")
        if raise_errors:
            raise
        return 0


def cancel_for_leaver(
    member_id: int, gateway: Gateway | None = None, *, raise_errors=False
) -> bool:
    gateway = gateway or get_gateway()
    account = BillingAccount.objects.filter(member_id=member_id).first()
    if gateway is None or account is None or not account.stripe_subscription_id:
        return False
    try:
        gateway.cancel_at_period_end(subscription=account.stripe_subscription_id)
    except StripeError:
        logger.exception("Could not cancel the subscription of member %s", member_id)
        if raise_errors:
            raise
        return False
    BillingAccount.objects.filter(pk=account.pk).update(cancel_at_period_end=True)
    return True


def on_membership_ended(member, reason, **kwargs):
    """MEMBERSHIP_ENDED hook: stop the payments at the end of the paid period, in the worker
    (enqueued in the transaction that ends the membership)."""
    from .tasks import cancel_for_leaver as cancel_task

    cancel_task.enqueue(member.pk)
