"""Billing's background tasks, run by the worker and never in a web request: moving
subscriptions to a new fee, cancelling a leaver's subscription, closing fee cycles (the
admin's button and the daily job), reminding the treasurer, reconciling Stripe.

Each task is safe to run twice (the functions it calls are idempotent). The Stripe tasks
retry themselves with back-off; after the last attempt the treasurer and admins are emailed.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task, task_backends

from background.models import Notice
from members import emails as member_emails

from . import closing, cycles, emails, reconcile, subscriptions
from .models import Cycle, Refund
from .stripe_gateway import StripeError, get_gateway

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6  # about two hours of retries: 2, 4, 8, 16, 32 min


def _again(job, attempt: int, *args) -> bool:
    """Enqueue `job(*args, attempt + 1)` after a back-off; False when no attempt is left (or
    the backend cannot wait, as the immediate one in tests)."""
    if attempt >= MAX_ATTEMPTS or not task_backends[job.backend].supports_defer:
        return False
    later = timezone.now() + timedelta(minutes=2**attempt)
    job.using(run_after=later).enqueue(*args, attempt + 1)
    return True


@task()
def sync_price(cycle_id: int, attempt: int = 1) -> int:
    """After a fee change, move every live subscription to the new price."""
    try:
        return subscriptions.sync_price(cycle_id, raise_errors=True)
    except StripeError as error:
        logger.warning("Moving subscriptions of cycle %s failed (%s)", cycle_id, error)
        if not _again(sync_price, attempt, cycle_id):
            cycle = Cycle.objects.get(pk=cycle_id)
            member_emails.work_failed(
                "sync_price",
                f"cycle:{cycle_id}:fee:{cycle.fee_cents}",
                what=lambda: (
                    gettext("Moving subscriptions to the fee of %(cycle)s") % {"cycle": cycle}
                ),
                error=f"{type(error).__name__}: {error}",
                admin_path=reverse("billing_close_cycles"),
            )
        return 0


@task()
def cancel_for_leaver(member_id: int, attempt: int = 1) -> bool:
    try:
        return subscriptions.cancel_for_leaver(member_id, raise_errors=True)
    except StripeError as error:
        if not _again(cancel_for_leaver, attempt, member_id):
            member_emails.work_failed(
                "cancel_subscription",
                f"member:{member_id}",
                what=lambda: (
                    gettext("Cancelling the subscription of member %(id)s") % {"id": member_id}
                ),
                error=f"{type(error).__name__}: {error}",
                admin_path=reverse("billing_close_cycles"),
            )
        return False


@task()
def close_cycle(cycle_id: int, attempt: int = 1) -> list[str]:
    """The admin's "Close this cycle": plan the shares, issue the refunds, close. Refunds
    Stripe refused are retried; those still failing after the last attempt are reported."""
    lines: list[str] = []
    try:
        cycle = closing.close_cycle(cycle_id, gateway=get_gateway(), out=lines.append)
    except ValueError as error:
        return [str(error)]
    failed = Refund.objects.filter(cycle=cycle, status=Refund.Status.FAILED)
    stuck = cycle.status == Cycle.Status.CLOSING and failed.exists()
    if stuck and not _again(close_cycle, attempt, cycle_id):
        for refund in failed:
            member_emails.work_failed(
                "refund",
                f"refund:{refund.pk}:attempt:{refund.attempts}",
                what=lambda r=refund: gettext("The refund %(key)s") % {"key": r.key},
                error=refund.error,
                admin_path=reverse("wagtailsnippets_billing_refund:edit", args=[refund.pk]),
            )
    return lines


def _close_results(cycle_id: int):
    """The close tasks enqueued for the cycle, newest first (the database backend only)."""
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return []
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=close_cycle.module_path, args_kwargs__args__0=cycle_id
    ).order_by("-enqueued_at")


def close_progress(cycle: Cycle) -> dict:
    """What the "Close a fee cycle" page shows: the queued or running close, the refunds by
    status, and the last run's report."""
    results = list(_close_results(cycle.pk)[:5])
    waiting = [r for r in results if r.status in ("READY", "RUNNING")]
    finished = [r for r in results if r.status in ("SUCCESSFUL", "FAILED")]
    refunds = Refund.objects.filter(cycle=cycle)
    return {
        "cycle": cycle,
        "queued": bool(waiting) and waiting[0].status == "READY",
        "running": bool(waiting) and waiting[0].status == "RUNNING",
        "total": refunds.count(),
        "done": refunds.filter(status__in=Refund.DONE).count(),
        "due": refunds.filter(status=Refund.Status.DUE).count(),
        "failed": refunds.filter(status=Refund.Status.FAILED).count(),
        "report": (finished[0].return_value or []) if finished else [],
        "crashed": bool(finished) and finished[0].status == "FAILED",
    }


def close_under_way(cycle_id: int) -> bool:
    return any(r.status in ("READY", "RUNNING") for r in _close_results(cycle_id)[:5])


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
        f"cycle:{cycle.pk}:next:{next_start}",
    )


def cycle_not_closed_email(cycle, reason, *, waiting=0, error=""):
    """reason: "stripe" (not configured), "refunds" (some not finished) or "error"."""
    return emails._send(
        "cycle_not_closed",
        emails.treasurers(),
        {"cycle": cycle, "ends": cycle.end, "reason": reason, "waiting": waiting, "error": error},
        "billing:finances",
        f"cycle:{cycle.pk}:not-closed:{reason}",
    )


# --- Tasks ------------------------------------------------------------------------------------


def budget_drafted(cycle, next_start):
    """The budget of the cycle after `cycle` is adopted, or being voted on. (A draft nobody
    has put to the vote yet still earns the reminder: only a vote makes the next cycle.)"""
    from members.models import Kind, Proposal

    following = Cycle.objects.filter(start=next_start, amends__isnull=True).first()
    if following and (following.adopted_by_id or following.status != Cycle.Status.PLANNED):
        return True
    return Proposal.objects.filter(
        kind=Kind.CYCLE_BUDGET,
        status__in=[Proposal.Status.SCHEDULED, Proposal.Status.OPEN],
    ).exists()


@task()
def remind_treasurer_of_budget():
    """A month before the open cycle ends, remind the treasurer (once) to draft the next
    cycle's budget, unless one is adopted or being voted on."""
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
def open_due_cycle():
    """Open the cycle whose budget the members adopted, on its first day (daily, after the
    close). Its fee is set by the providers active then; setting it queues the move of every
    subscription to the new Price from its next billing period (sync_price)."""
    cycle = cycles.open_due_cycle()
    return cycle.pk if cycle else None


@task()
def reconcile_stripe():
    """Fill in what Stripe's webhooks missed (daily). Nothing to do without Stripe."""
    gateway = get_gateway()
    if gateway is None:
        return None
    return reconcile.run(gateway)


@task()
def notify_declined_ce_requests():
    """Tell members whose CE-fund request was voted down (each once)."""
    from . import funds

    return funds.notify_declined()
