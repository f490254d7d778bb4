from django.core.management.base import BaseCommand, CommandError

from members import audit_log


class Command(BaseCommand):
    help = (
        "Check the audit log's hash chain from the first entry to the last and report the "
        "first entry that was changed, removed or inserted. Exits with an error if the chain "
        "is broken."
    )

    def handle(self, *args, **options):
        result = audit_log.check_chain()
        if result.broken is not None:
            raise CommandError(
                f"The audit log is broken at {result.broken}. "
                f"The {result.count} entries before it check out."
            )
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"The audit log is intact: {result.count} entries, "
                f"last fingerprint {result.last_hash}."
            )
