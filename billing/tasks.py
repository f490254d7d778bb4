"""Billing's background tasks: closing fee cycles, reminding the treasurer, reconciling Stripe.

The treasurer's notices here each live in one function, so moving them to the outbox is a
one-line change.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from background.models import Notice

from . import closing, cycles, emails, reconcile
from .models import Category, Cycle, Refund
from .stripe_gateway import get_gateway

logger = logging.getLogger(__name__)


def once(key):
    """True the first time `key` is claimed: a notice a daily job sends only once."""
    try:
        with transaction.atomic():
            Notice.objects.create(key=key)
    except IntegrityError:
        return False
    return True


# --- The treasurer's notices ----------------------------------------------------------------


def budget_reminder_email(cycle, next_start):
    return emails._send(
        "budget_reminder",
        emails.treasurers(),
        {"cycle": cycle, "ends": cycle.end, "next_start": next_start},
        "members:proposal_new",
    )


def cycle_not_closed_email(cycle, reason, *, waiting=0, error=""):
    """reason: "stripe" (not configured), "refunds" (some not finished) or "error"."""
    return emails._send(
        "cycle_not_closed",
        emails.treasurers(),
        {"cycle": cycle, "ends": cycle.end, "reason": reason, "waiting": waiting, "error": error},
        "billing:finances",
    )


# --- Tasks ------------------------------------------------------------------------------------


@task()
def close_cycle(cycle_id: int):
    """Close one fee cycle (refunds issued), or carry on with a close left unfinished.
    Returns the cycle's status afterwards."""
    cycle = closing.close_cycle(cycle_id, gateway=get_gateway(), out=logger.info)
    return cycle.status


def budget_drafted(cycle, next_start):
    """A budget for the cycle after `cycle` exists, or is being voted on."""
    from members.models import Kind, Proposal

    following = Cycle.objects.filter(start=next_start).first()
    if following and following.budget_lines.exclude(category=Category.DEFICIT).exists():
        return True
    return Proposal.objects.filter(
        kind=Kind.CYCLE_BUDGET,
        status__in=[Proposal.Status.SCHEDULED, Proposal.Status.OPEN],
    ).exists()


@task()
def remind_treasurer_of_budget():
    """A month before the open cycle ends, remind the treasurer (once) to draft the next
    cycle's budget, unless one is drafted or being voted on."""
    cycle = Cycle.objects.filter(status=Cycle.Status.OPEN).order_by("start").first()
    today = timezone.localdate()
    if cycle is None or today < cycles.add_months(cycle.end, -1) or today > cycle.end:
        return 0
    next_start = closing.date_after(cycle)
    if budget_drafted(cycle, next_start) or not once(f"budget-reminder:{cycle.pk}"):
        return 0
    return budget_reminder_email(cycle, next_start)


def tell_why_not(cycle, reason, **details):
    """Tell the treasurer why the cycle is not closed, once per cycle and reason."""
    if once(f"cycle-not-closed:{cycle.pk}:{reason}"):
        cycle_not_closed_email(cycle, reason, **details)


@task()
def close_ended_cycle():
    """Close the cycle that has ended (or finish a close left unfinished); when it cannot
    close, tell the treasurer why. Daily; re-running changes nothing once it is closed."""
    today = timezone.localdate()
    cycle = (
        Cycle.objects.filter(status=Cycle.Status.CLOSING).order_by("start").first()
        or Cycle.objects.filter(status=Cycle.Status.OPEN, end__lt=today).order_by("start").first()
    )
    if cycle is None:
        return None
    gateway = get_gateway()
    try:
        cycle = closing.close_cycle(cycle.pk, gateway=gateway, out=logger.info)
    except Exception as error:
        logger.exception("Closing the cycle %s failed", cycle.pk)
        tell_why_not(cycle, "error", error=f"{type(error).__name__}: {error}")
        raise
    if cycle.status != Cycle.Status.CLOSED:
        waiting = Refund.objects.filter(cycle=cycle, status__in=closing.OUTSTANDING).count()
        tell_why_not(cycle, "stripe" if gateway is None else "refunds", waiting=waiting)
    return cycle.status


@task()
def reconcile_stripe():
    """Fill in what Stripe's webhooks missed (daily). Nothing to do without Stripe."""
    gateway = get_gateway()
    if gateway is None:
        return None
    return reconcile.run(gateway)
