"""Billing work that talks to Stripe, run by the worker and never in a web request: moving
subscriptions to a new fee, cancelling a leaver's subscription, closing a cycle (refunds).

Each task is safe to run twice (the functions it calls are idempotent) and retries itself
with back-off when Stripe fails; after the last attempt the treasurer and admins are emailed.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task, task_backends

from members import emails as member_emails

from . import closing, subscriptions
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
