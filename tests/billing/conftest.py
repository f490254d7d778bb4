import pytest

from billing import stripe_gateway

from .stripe_fakes import WEBHOOK_SECRET, FaultProxy, LocalStripe


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
