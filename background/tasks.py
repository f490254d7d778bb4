"""Background jobs that belong to no app of ours: Wagtail's and the queue's own upkeep."""

from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from .models import JobRun


@task()
def publish_scheduled():
    """Publish pages whose go-live time has come, unpublish expired ones (Wagtail's own)."""
    call_command("publish_scheduled", verbosity=0)


@task()
def prune_finished():
    """Forget finished tasks after TASKS_KEEP_DAYS, failed ones after TASKS_KEEP_FAILED_DAYS
    (the admin's task list shows them until then), and old job claims."""
    call_command(
        "prune_db_task_results",
        queue_name="*",
        min_age_days=settings.TASKS_KEEP_DAYS,
        failed_min_age_days=settings.TASKS_KEEP_FAILED_DAYS,
        verbosity=0,
    )
    JobRun.objects.filter(
        due_at__lt=timezone.now() - timedelta(days=settings.TASKS_KEEP_FAILED_DAYS)
    ).delete()
