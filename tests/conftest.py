import pytest
from django.core.management import call_command
from wagtail.models import Site


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the demo site, built once per worker."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(site):
    return site.root_page.specific
