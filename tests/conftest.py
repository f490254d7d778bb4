import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from wagtail.models import Site

from members.factories import make_member
from tests.otp import verified_admin_login
from tests.tasks import run_tasks

on_postgresql = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: row locks (SELECT ... FOR UPDATE) and concurrent connections; "
    "run with DATABASE_URL=postgres://...",
)

# The password of the `member` and `other` fixtures' accounts.
PASSWORD = "a-long-test-password-42"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the demo site, built once per worker, with the
    background work it queued (search and reference index updates) done, as a worker would; a
    database kept from an earlier run (`--reuse-db`, `make test-quick`) that has it already is
    used as is."""
    with django_db_blocker.unblock():
        if not _has_demo():
            call_command("load_demo", verbosity=0)
            run_tasks()


def _has_demo():
    """load_demo runs in one transaction and ends with the Spanish pages: if they are there,
    the rest is too."""
    from wagtail.models import Page

    return Page.objects.filter(locale__language_code="es", depth=2).exists()


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


@pytest.fixture
def member(db):
    """An active member who can log in with PASSWORD."""
    return make_member("Ana Active", password=PASSWORD)


@pytest.fixture
def other(db):
    """A second active member who can log in with PASSWORD."""
    return make_member("Bo Other", password=PASSWORD)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language. A view that activates a member's
    language (members.access.member_view) leaves it active in the test's thread after the
    response, where Django's LocaleMiddleware would set it afresh on the next real request;
    without this, a test's `reverse()` could build Spanish URLs depending on test order."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
