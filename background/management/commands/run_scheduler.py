from django.core.management.base import BaseCommand

from background.scheduler import Scheduler


class Command(BaseCommand):
    help = (
        "Run the scheduler: enqueue the site's timed jobs (closing votes, reminders, scheduled "
        "publishing, cycle closes, Stripe reconcile) for `db_worker` to run. Run one or more; "
        "a lease in the database lets one act at a time. Stops cleanly on Ctrl-C or SIGTERM."
    )

    def handle(self, *args, **options):
        Scheduler().run()
