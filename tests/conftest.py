import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site

from tests.otp import verified_admin_login
from tests.tasks import run_tasks


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the demo site, built once per worker, with the
    background work it queued (search and reference index updates) done, as a worker would."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
        run_tasks()


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin client (a client of its own), past the admin's second factor."""
    return verified_admin_login(Client(), admin_user)


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(site):
    return site.root_page.specific


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: a rolled-back test must not leave cached page
    chrome (menus, crisis text) built from data that no longer exists. Rate-limit counters
    start from zero too, so no test inherits another's requests."""
    cache.clear()
    caches["ratelimit"].clear()
    yield
