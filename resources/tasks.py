"""The directory's scheduled work."""

from django_tasks import task

from . import reconfirm


@task()
def send_reconfirmations() -> int:
    """Daily: email providers whose "accepting new clients" lapses within a week."""
    return reconfirm.send_reminders()
