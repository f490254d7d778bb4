from django.core.management.base import BaseCommand, CommandError

from billing import subscriptions
from billing.models import Cycle
from billing.stripe_gateway import get_gateway


class Command(BaseCommand):
    help = (
        "Move every live subscription to the open cycle's fee (a new Stripe Price, no "
        "proration). Run it when the log says a fee change could not reach Stripe; a second "
        "run finds each subscription already on that Price and leaves it."
    )

    def handle(self, *args, **options):
        gateway = get_gateway()
        if gateway is None:
            raise CommandError("Stripe is not configured (STRIPE_SECRET_KEY).")
        cycle = Cycle.objects.filter(status=Cycle.Status.OPEN).order_by("-start").first()
        if cycle is None:
            raise CommandError("No cycle is open.")
        moved = subscriptions.sync_price(cycle.pk, gateway=gateway)
        self.stdout.write(f"{moved} subscriptions on the fee of {cycle}.")
