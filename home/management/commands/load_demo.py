from django.core.management.base import BaseCommand
from django.db import transaction

from billing import demo as billing_demo
from events import demo as events_demo
from home import demo as home_demo
from home import demo_es as spanish_demo
from members import demo as members_demo
from resources import demo as resources_demo


class Command(BaseCommand):
    help = (
        "Build the demo site from the content brief: pages, settings and demo accounts. "
        "Safe to run again: what already exists is left untouched."
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

    def handle(self, *args, **options):
        def log(message):
            if options["verbosity"] >= 1:
                self.stdout.write(f"  {message}")

        with transaction.atomic():
            home = home_demo.load_pages(log)
            resources_demo.load(home, log, providers=options["providers"], seed=options["seed"])
            home_demo.link_home(home, log)
            members_demo.load(log)
            billing_demo.load(log)
            # Last: the Spanish translations of everything the loaders above made.
            spanish_demo.load(home, log)
            events_demo.load(home, log)  # after the Spanish home page, its events' parent

        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write("Demo logins:")
        for role, username, password in home_demo.demo_logins() + resources_demo.demo_logins():
            self.stdout.write(f"  {role}: {username} / {password}")
        self.stdout.write(
            f"  The admin asks for a second factor: add the key {home_demo.demo_otp_key()} to "
            "an authenticator app, or run `make otp` for the current code."
        )
        for role, username, password in members_demo.demo_logins():
            self.stdout.write(f"  {role}, members' area at /en/members/: {username} / {password}")
