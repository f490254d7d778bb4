"""Events' background tasks, run by the worker and enqueued by the scheduler
(background/schedule.py)."""

from django_tasks import task

from .reminders import send_event_reminders


@task()
def send_reminders():
    """The day-before reminder to everyone going (once per member and start time)."""
    return send_event_reminders()
