from django.core.management.base import BaseCommand

from members import voting


class Command(BaseCommand):
    help = (
        "Open scheduled proposals whose notice is over, close and tally those whose voting "
        "time is over, and carry out (or retry) the effects of passed ones. Safe to run often."
    )

    def handle(self, *args, **options):
        done = voting.process_due()
        if options["verbosity"] >= 1:
            self.stdout.write(
                "opened {opened}, closed {closed}, carried out {enacted}".format(**done)
            )
