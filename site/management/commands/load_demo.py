from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coopsite import demo

NOT_PRODUCTION = "--i-know-this-is-not-production"


class Command(BaseCommand):
    help = (
        "Build the demo site from the content brief: pages, settings and demo accounts with "
        "published passwords. Safe to run again: what already exists is left untouched. "
        "Refuses to run with DEBUG off (production settings) unless told this is no "
        f"production database ({NOT_PRODUCTION})."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--providers",
            type=int,
            default=0,
            metavar="N",
            help="Also generate N more fictional providers (scale tests; not idempotent).",
        )
        parser.add_argument("--seed", type=int, default=None, help="Seed for --providers.")
        parser.add_argument(
            NOT_PRODUCTION,
            action="store_true",
            dest="not_production",
            help="Run although DEBUG is off: a scratch database on production settings.",
        )

    def handle(self, *args, **options):
        allowed = settings.DEBUG or getattr(settings, "LOAD_DEMO_ALLOWED", False)
        if not (allowed or options["not_production"]):
            raise CommandError(
                "load_demo makes accounts whose passwords are published, and DEBUG is off: "
                "this looks like production. Nothing was changed. On a scratch database, run "
                f"it again with {NOT_PRODUCTION}."
            )

        def log(message):
            if options["verbosity"] >= 2:
                self.stdout.write(f"  {message}")

        demo.load(log, providers=options["providers"], seed=options["seed"])
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS("Demo content is ready."))
            self.stdout.write("\n".join(demo.summary()))
