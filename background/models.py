"""The scheduler's own records: who may act, and which job ran for which due time."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SchedulerLease(models.Model):
    """One row per lease name: the scheduler instance that may enqueue jobs until expires_at.

    Taken and renewed by one conditional UPDATE (background/lease.py), which works alike on
    SQLite and PostgreSQL; a scheduler that dies simply stops renewing, and another takes over
    once the lease has run out.
    """

    name = models.CharField(_("name"), max_length=64, primary_key=True)
    holder = models.CharField(_("holder"), max_length=128)
    acquired_at = models.DateTimeField(_("acquired at"))
    renewed_at = models.DateTimeField(_("renewed at"))
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("scheduler lease")
        verbose_name_plural = _("scheduler leases")

    def __str__(self):
        return f"{self.name}: {self.holder} until {self.expires_at:%Y-%m-%d %H:%M:%S}"


class JobRun(models.Model):
    """A scheduled job claimed for one due time. The unique (job, due_at) pair is inserted in
    the same transaction as the task it enqueues, so a job is queued once per due time however
    many schedulers fire it."""

    job = models.CharField(_("job"), max_length=64)
    due_at = models.DateTimeField(_("due at"))
    claimed_by = models.CharField(_("claimed by"), max_length=128)
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-due_at", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "due_at"], name="background_job_once_per_due")
        ]

    def __str__(self):
        return f"{self.job} @ {self.due_at:%Y-%m-%d %H:%M:%S}"


class Notice(models.Model):
    """A notice sent once, found by its key (e.g. "budget-reminder:<cycle id>"): the record
    that keeps a daily job from telling the treasurer the same thing every day."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return self.key
