"""Close the gaps left by missed webhooks. Idempotent: a second run makes no changes."""

from __future__ import annotations

import time

from . import closing, webhooks
from .models import Refund
from .stripe_gateway import Gateway


def run(gateway: Gateway, *, days: int = 30) -> int:
    changes = 0
    since = int(time.time()) - days * 86400
    for event in sorted(gateway.recent_events(since=since), key=lambda e: e.get("created", 0)):
        try:
            event = webhooks.parse_event_dict(event)
        except webhooks.Malformed:
            continue
        if webhooks.process(event, source="reconcile"):
            changes += 1
    # Refunds a crash left half-done: look them up by metadata (or create them) and record.
    for refund_id in Refund.objects.filter(
        status__in=[Refund.Status.SUBMITTING, Refund.Status.PENDING]
    ).values_list("pk", flat=True):
        refund = Refund.objects.get(pk=refund_id)
        if refund.status == Refund.Status.PENDING:
            continue  # Stripe's refund.updated event settles these
        before = refund.status
        if closing.submit_refund(refund_id, gateway) != before:
            changes += 1
    return changes
