import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from billing import cycles, stripe_gateway
from billing.models import Category, Cycle, Payment
from members.factories import make_member

from .stripe_fakes import WEBHOOK_SECRET, FaultProxy, LocalStripe

on_postgresql = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: concurrent connections and row locks",
)


@pytest.fixture(scope="session")
def localstripe():
    server = LocalStripe()
    yield server
    server.stop()


@pytest.fixture
def stripe_server(localstripe):
    localstripe.reset()
    return localstripe


@pytest.fixture
def proxy(stripe_server):
    server = FaultProxy(stripe_server.url)
    yield server
    server.stop()


@pytest.fixture
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_local"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return settings


@pytest.fixture
def use_gateway():
    def use(gateway):
        stripe_gateway.set_gateway(gateway)
        return gateway

    yield use
    stripe_gateway.set_gateway(None)


def fresh_cycle(n_members=3, budget=100_000, start=None, members=None):
    """Our own open cycle (the demo's cycles are closed out of the way)."""
    Cycle.objects.filter(status=Cycle.Status.OPEN).update(status=Cycle.Status.CLOSED)
    start = start or timezone.localdate().replace(day=1)
    Cycle.objects.filter(start=start).update(start=start - dt.timedelta(days=4000))
    members = members or [make_member() for _ in range(n_members)]
    cycle = cycles.plan_cycle(start, [(Category.ADMIN_STAFF, "Coordinator", budget)])
    cycle = cycles.open_cycle(cycle, member_count=len(members))
    return cycle, members


def pay(member, cycle, cents=None, days=0, **fields):
    return Payment.objects.create(
        member=member,
        cycle=cycle,
        amount_cents=cycle.fee_cents if cents is None else cents,
        paid_at=timezone.make_aware(dt.datetime.combine(cycle.start, dt.time(12)))
        + dt.timedelta(days=days),
        **fields,
    )
