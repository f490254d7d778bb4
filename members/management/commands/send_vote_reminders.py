from django.core.management.base import BaseCommand

from members import voting


class Command(BaseCommand):
    help = "Email members who have not voted, once, in the last 24 hours before a vote closes."

    def handle(self, *args, **options):
        sent = voting.send_reminders()
        if options["verbosity"] >= 1:
            self.stdout.write(f"{sent} reminder(s) sent")
