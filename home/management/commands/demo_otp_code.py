from binascii import unhexlify

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from home import demo_content


class Command(BaseCommand):
    help = (
        "Print the demo admin's current two-factor code (from the demo's published key, so it "
        "is no help against a real account)."
    )

    def handle(self, *args, **options):
        code = TOTP(unhexlify(demo_content.DEMO_ADMIN["totp_key"])).token()
        self.stdout.write(f"{code:06d}")
