"""The directory and a profile run the same number of queries with 12 or 1,000 providers,
and never more than 15.

Wagtail's routing and the page chrome cost one query on any page, /en/about/ included (the
route and the chrome come from the cache, see home/routing.py and home/chrome.py), so the
directory's own share is also measured against that page.
"""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources import factories
from resources.models import ProviderDirectoryPage

pytestmark = pytest.mark.django_db

URLS = {
    "directory": "/en/directory/",
    "directory with three filters": (
        "/en/directory/?language=es&insurance=medicaid&format=telehealth"
    ),
    "profile": "/en/directory/ana-rivera/",
    "reference page": "/en/about/",
}
# Queries of our own on top of what /en/about/ runs: the directory's page of results (its
# cards, filter form, count, cities, settings and vocabularies come from the cache); none for
# a profile (its body is a cached fragment, availability is read from its own row).
OWN_BUDGET = {"directory": 1, "directory with three filters": 1, "profile": 0}
MAX_QUERIES = 15


def _counts(client):
    counts = {}
    for name, url in URLS.items():
        client.get(url)  # warm caches that last a process (content types, sites)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_number_of_providers(client):
    directory = ProviderDirectoryPage.objects.get(locale__language_code="en")
    small = _counts(client)
    rng = random.Random(3)
    have = directory.get_children().count()
    factories.add_providers(
        directory, [factories.generated_spec(rng, have + i) for i in range(1000 - have)]
    )
    assert directory.get_children().count() == 1000
    large = _counts(client)
    print("query counts", small, large)
    assert small == large, (small, large)
    for name, budget in OWN_BUDGET.items():
        assert large[name] - large["reference page"] <= budget, (name, large)
        assert large[name] <= MAX_QUERIES, (name, large)
