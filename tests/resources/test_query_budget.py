"""The directory and a profile run the same number of queries with 12 or 1,000 providers.

The shared base template (header menu, language links, crisis notice) costs about 18 queries
on any page, /en/about/ included, so the directory's own share is measured against that page.
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
# Queries of our own on top of what /en/about/ runs: the listing's settings, terms,
# view restrictions, cities, count, results and two prefetches; the profile's extra tree
# level (3), settings, terms and offices.
OWN_BUDGET = {"directory": 8, "directory with three filters": 8, "profile": 7}


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
    directory = ProviderDirectoryPage.objects.get()
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
