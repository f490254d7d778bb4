"""Time close_cycle for N members against localstripe on loopback (docs/performance.md).

.venv/bin/python bench/close_cycle.py --members 500
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=500)
    args = parser.parse_args()
    from tests.billing.stripe_fakes import KEY, WEBHOOK_SECRET, LocalStripe

    server = LocalStripe()
    db = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ.update(
        DATABASE_URL=f"sqlite:///{db}",
        STRIPE_SECRET_KEY=KEY,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        STRIPE_API_BASE=server.url,
        DJANGO_SETTINGS_MODULE="coopsite.settings.test",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from billing import closing
    from billing.models import Refund
    from billing.stripe_gateway import get_gateway
    from tests.billing.crash_worker import prepare

    try:
        started = time.perf_counter()
        cycle = prepare(args.members, 0)
        print(f"prepared {args.members} members in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        cycle = closing.close_cycle(cycle.pk, gateway=get_gateway())
        took = time.perf_counter() - started
        refunds = Refund.objects.filter(cycle=cycle).count()
        print(
            f"close_cycle: {args.members} members, {refunds} refunds, {took:.1f} s, {cycle.status}"
        )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
