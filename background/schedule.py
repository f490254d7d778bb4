"""What runs when. The scheduler only enqueues these tasks; the worker runs them.

Every job is a Django task in the owning app's `tasks.py`, calling that app's plain functions,
and each is safe to run twice. On top of that a job is enqueued at most once per due time:
`fire()` claims the unique (job, due time) row in the same transaction that stores the task,
so two schedulers that both fire a job (say, during a lease take-over) queue it once.
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from . import lease
from .models import JobRun

logger = logging.getLogger(__name__)

# Interval jobs count from a fixed instant, so every scheduler computes the same due times.
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Job:
    name: str
    task_path: str  # dotted path of a django_tasks Task
    trigger: BaseTrigger
    period: timedelta  # at least the longest gap between two due times

    @property
    def task(self):
        return import_string(self.task_path)


def every(seconds):
    return IntervalTrigger(seconds=seconds, start_date=EPOCH, timezone=UTC)


def daily(hour, minute):
    return CronTrigger(hour=hour, minute=minute, timezone=ZoneInfo(settings.TIME_ZONE))


def jobs():
    """The schedule. SCHEDULER_FREQUENT_SECONDS (60: every minute) paces the frequent jobs;
    tests shorten it."""
    often = settings.SCHEDULER_FREQUENT_SECONDS
    day = timedelta(days=1, hours=1)  # a day, plus a daylight-saving change
    return [
        # Open and close proposals at their times; enact passed ones and retry failures.
        Job(
            "proposals",
            "members.tasks.process_due_proposals",
            every(often),
            timedelta(seconds=often),
        ),
        # Reminders go out once per proposal, in its last 24 hours: a check every 10 minutes.
        Job(
            "vote-reminders",
            "members.tasks.send_vote_reminders",
            every(10 * often),
            timedelta(seconds=10 * often),
        ),
        # Wagtail's scheduled publishing: pages go live (and expire) on time.
        Job(
            "publish-scheduled",
            "background.tasks.publish_scheduled",
            every(often),
            timedelta(seconds=often),
        ),
        # A CE-fund request voted down: its member hears of it once.
        Job(
            "ce-requests-declined",
            "billing.tasks.notify_declined_ce_requests",
            every(10 * often),
            timedelta(seconds=10 * often),
        ),
        Job("close-ended-cycle", "billing.tasks.close_ended_cycle", daily(6, 0), day),
        # The next cycle opens on its first day, once the members adopted its budget.
        Job("open-due-cycle", "billing.tasks.open_due_cycle", daily(6, 5), day),
        Job("budget-reminder", "billing.tasks.remind_treasurer_of_budget", daily(8, 0), day),
        Job("reconcile-stripe", "billing.tasks.reconcile_stripe", daily(4, 15), day),
        Job("prune-finished-tasks", "background.tasks.prune_finished", daily(3, 30), day),
        # Emails whose worker died mid-send (lease expired) or whose retry task was lost.
        Job("outbox-sweep", "outbox.tasks.sweep", every(often), timedelta(seconds=often)),
        Job("reconfirm-accepting", "resources.tasks.send_reconfirmations", daily(9, 0), day),
        # Tomorrow's events, the afternoon before (each RSVP is reminded once per start).
        Job("event-reminders", "events.tasks.send_reminders", daily(16, 0), day),
        # The audit log's hash chain, checked end to end; admins are emailed on a break.
        Job("audit-log-check", "members.tasks.check_audit_log", daily(2, 45), day),
    ]


def due_time(job, now):
    """The latest time at or before `now` when `job` was due."""
    fire = job.trigger.get_next_fire_time(None, now - job.period)
    latest = None
    while fire is not None and fire <= now:
        latest = fire
        fire = job.trigger.get_next_fire_time(fire, fire + timedelta(microseconds=1))
    return latest


def fire(job, holder, *, now=None):
    """Enqueue `job` for its latest due time, unless `holder` lacks the lease or the job was
    already enqueued for that time. Returns the task result, or None."""
    now = now or timezone.now()
    if not lease.hold(holder, seconds=settings.SCHEDULER_LEASE_SECONDS, now=now):
        return None
    due = due_time(job, now)
    if due is None:
        return None
    with transaction.atomic():
        try:
            with transaction.atomic():
                run = JobRun.objects.create(job=job.name, due_at=due, claimed_by=holder)
        except IntegrityError:
            return None  # already enqueued for this due time
        result = job.task.enqueue()
        run.task_id = str(result.id)
        run.save(update_fields=["task_id"])
    logger.debug("Enqueued %s for %s", job.name, due)
    return result
