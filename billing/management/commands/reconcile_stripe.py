from django.core.management.base import BaseCommand, CommandError

from billing import reconcile
from billing.stripe_gateway import get_gateway


class Command(BaseCommand):
    help = (
        "Fill in what webhooks missed: replays recent Stripe events not yet stored and "
        "settles refunds left 'submitting'. A second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="How far back to look.")

    def handle(self, *args, **options):
        gateway = get_gateway()
        if gateway is None:
            raise CommandError("Stripe is not configured (STRIPE_SECRET_KEY).")
        changes = reconcile.run(gateway, days=options["days"])
        self.stdout.write(f"{changes} changes.")
