"""Builders for billing, used by tests and by the demo. Plain functions: no test-only deps."""

import datetime as dt

from django.utils import timezone

from members.factories import make_member

from . import cycles
from .models import Category, Cycle, Payment


def fresh_cycle(n_members=3, budget=100_000, start=None, members=None):
    """An open cycle of our own: open cycles are closed and one on `start` is moved far back
    out of the way. Returns the cycle and its members (`n_members` new ones unless given)."""
    Cycle.objects.filter(status=Cycle.Status.OPEN).update(status=Cycle.Status.CLOSED)
    start = start or timezone.localdate().replace(day=1)
    Cycle.objects.filter(start=start).update(start=start - dt.timedelta(days=4000))
    members = members or [make_member() for _ in range(n_members)]
    cycle = cycles.plan_cycle(start, [(Category.ADMIN_STAFF, "Coordinator", budget)])
    cycle = cycles.open_cycle(cycle, member_count=len(members))
    return cycle, members


def pay(member, cycle, cents=None, days=0, **fields):
    """A payment by `member` in `cycle` (the cycle's fee unless `cents`), `days` after the
    cycle's first day at noon."""
    return Payment.objects.create(
        member=member,
        cycle=cycle,
        amount_cents=cycle.fee_cents if cents is None else cents,
        paid_at=timezone.make_aware(dt.datetime.combine(cycle.start, dt.time(12)))
        + dt.timedelta(days=days),
        **fields,
    )
