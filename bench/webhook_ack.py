"""S4: how fast the Stripe webhook acknowledges, over real HTTP (docs/performance.md).

    .venv/bin/python bench/webhook_ack.py --events 200

gunicorn (2 workers, production settings) on a scratch PostgreSQL database with the demo;
200 signed `invoice.paid` events for one member, one at a time, each a new invoice. Stripe's
API is pointed at a closed port (127.0.0.1:1), so any call to Stripe inside the request would
fail or hang: every event answered 200 in milliseconds shows the handler waits on none.
Reports p50/p95/p99 of the acknowledgement and checks that 200 payments were stored.
"""

import argparse
import http.client
import json
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness import (
    PROXY_HEADERS,
    Gunicorn,
    percentile,
    prepare,
    record_figures,
    scratch_database,
    server_env,
    shell,
)

from tests.billing.stripe_fakes import WEBHOOK_SECRET, event, signed

PORT = 8013
CUSTOMER = "cus_bench_s4"
SETUP = f"""
from billing.models import BillingAccount
from members.models import Member
member = Member.objects.active().order_by("pk").first()
BillingAccount.objects.update_or_create(
    member=member, defaults={{"stripe_customer_id": "{CUSTOMER}"}}
)
"""
COUNT = """
from billing.models import Payment
print(Payment.objects.filter(stripe_invoice_id__startswith="in_s4_").count())
"""


def invoice(n):
    now = int(time.time())
    return {
        "id": f"in_s4_{n:04d}",
        "object": "invoice",
        "customer": CUSTOMER,
        "amount_paid": 10000,
        "amount_due": 10000,
        "created": now,
        "status_transitions": {"paid_at": now},
        "payments": {
            "data": [{"payment": {"type": "payment_intent", "payment_intent": f"pi_s4_{n:04d}"}}]
        },
        "parent": {"subscription_details": {"metadata": {}, "subscription": "sub_s4"}},
    }


def deliver(payload):
    body = json.dumps(payload)
    headers = {
        **PROXY_HEADERS,
        "Host": f"127.0.0.1:{PORT}",
        "Content-Type": "application/json",
        "Stripe-Signature": signed(body, WEBHOOK_SECRET),
    }
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    started = time.perf_counter()
    try:
        connection.request("POST", "/billing/stripe/webhook/", body, headers)
        status = connection.getresponse().status
    finally:
        connection.close()
    return status, (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    stripe = {
        "STRIPE_SECRET_KEY": "sk_test_bench",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_API_BASE": "http://127.0.0.1:1",  # nothing listens: a call to Stripe fails
    }
    with scratch_database("bench_s4") as url:
        prepare(url)
        env = server_env(url, **stripe)
        shell(env, SETUP)
        with Gunicorn(env, port=PORT, workers=2):
            for n in range(5):  # warm up both workers
                deliver(event("invoice.paid", invoice(10_000 + n)))
            results = [deliver(event("invoice.paid", invoice(n))) for n in range(args.events)]
        stored = int(shell(env, COUNT).strip().splitlines()[-1]) - 5
    timings = [ms for _status, ms in results]
    non_200 = sum(1 for status, _ms in results if status != 200)
    block = "\n".join(
        [
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {args.events} signed "
            f"`invoice.paid` events, one at a time, gunicorn 2 workers, production settings, "
            "PostgreSQL; Stripe's API pointed at a closed port.",
            "",
            f"- Command: `.venv/bin/python bench/webhook_ack.py --events {args.events}`",
            f"- Acknowledgement: p50 {statistics.median(timings):.1f} ms, "
            f"p95 {percentile(timings, 95):.1f} ms, p99 {percentile(timings, 99):.1f} ms, "
            f"max {max(timings):.1f} ms (plan S4: p95 ≤ 200 ms).",
            f"- Answers other than 200: {non_200}; payments stored: {stored} of {args.events}. "
            "Stripe's API was unreachable throughout, so nothing here waited on it.",
        ]
    )
    print(block)
    if not args.no_write:
        record_figures("webhook", "Stripe webhook acknowledgement (S4)", block)
    return 0 if non_200 == 0 and stored == args.events else 1


if __name__ == "__main__":
    sys.exit(main())
