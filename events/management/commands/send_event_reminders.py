from django.core.management.base import BaseCommand

from events.reminders import send_event_reminders


class Command(BaseCommand):
    help = "Email everyone going to an event that starts tomorrow. Safe to run again."

    def handle(self, *args, **options):
        sent = send_event_reminders()
        self.stdout.write(f"Sent {sent} event reminder(s).")
