from django.core.management.base import BaseCommand, CommandError

from billing import closing, cycles
from billing.models import Cycle
from billing.stripe_gateway import get_gateway


class Command(BaseCommand):
    help = (
        "Close a fee cycle: fix the surplus, store each member's share, refund it against "
        "their payments (or mark manual refunds due), carry a deficit forward. Safe to rerun "
        "after any failure or crash: it finishes the job and never refunds twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cycle", type=int, help="Cycle id (default: the open cycle).")

    def handle(self, *args, **options):
        if options["cycle"]:
            cycle = Cycle.objects.filter(pk=options["cycle"]).first()
        else:
            cycle = (
                Cycle.objects.filter(status=Cycle.Status.CLOSING).order_by("start").first()
                or cycles.current_cycle()
            )
        if cycle is None:
            raise CommandError("No cycle to close.")
        try:
            cycle = closing.close_cycle(
                cycle.pk, gateway=get_gateway(), out=lambda line: self.stdout.write(line)
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if cycle.status != Cycle.Status.CLOSED:
            raise CommandError("Some refunds are not finished; run the command again.")
