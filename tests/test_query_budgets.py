"""Query budgets (issue 16): every public page type, the members' dashboard and the manual run
a fixed, small number of queries, the same with the demo as with many more providers,
proposals, manual versions and members.

Counted on the second request (the first warms what lasts a process: content types, the
cached routes and chrome of home/routing.py and home/chrome.py). The budgets are what the
pages need today; a change that adds a query per provider, proposal or version fails the
"constant" tests, one that adds a fixed query fails the budget.
"""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members import manual
from members.factories import make_member, make_open_proposal
from members.models import ManualPage, Proposal
from resources import factories
from resources.models import ProviderDirectoryPage
from tests.members.manual.helpers import admin_request

pytestmark = pytest.mark.django_db

PUBLIC = {
    "home": "/en/",
    "Spanish home": "/es/",
    "FAQ": "/en/faq/",
    "principles": "/en/principles/",
    "standard page": "/en/about/",
    "resources": "/en/resources/",
    "directory": "/en/directory/",
    "directory, filtered": "/en/directory/?language=es&insurance=medicaid&format=telehealth",
    "a provider": "/en/directory/ana-rivera/",
    "events": "/en/events/",
    "an event": "/en/events/ethics-boundaries-small-practices/",
    "search": "/en/search/?q=anxiety",
}
# A GET of a page whose route is cached costs no query at all: each process keeps the page's
# instance under the chrome's version (home/routing.py). What is left is the page's own
# content. Home, principles and the events page list events and the principles page shows
# live figures (members, votes, billing, events held): cached until what they count changes
# or time does (home/live_figures.py).
PUBLIC_BUDGET = {
    "home": 0,
    "Spanish home": 0,
    "FAQ": 0,
    "principles": 0,
    "standard page": 0,
    "resources": 0,  # the list of links is a fragment (its topics' lists: cached values)
    "directory": 1,  # one page of results; cards, filter form and count are cached
    "directory, filtered": 1,
    "a provider": 0,  # its body and structured data are fragments
    "events": 0,
    "an event": 4,  # the active locale, its date changes (read twice) and the seats taken, live
    "search": 1,  # the one full-text query (its results: the page instances each process keeps)
}
MEMBERS = {"dashboard": "/en/members/dashboard/", "manual": "/en/members/manual/"}
# Counting the session row, which production reads from Redis. The dashboard: the user with
# their membership, its proposals, its manual box and its fee box (the current cycle is
# cached); the manual: the user with their membership, their visit and confirmation, the
# amendments.
MEMBERS_BUDGET = {"dashboard": 5, "manual": 4}


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), [q["sql"] for q in queries.captured_queries]


def counts(client, urls):
    return {name: count(client, url)[0] for name, url in urls.items()}


def add_providers(total):
    directory = ProviderDirectoryPage.objects.get(locale__language_code="en")
    have = directory.get_children().count()
    rng = random.Random(16)
    factories.add_providers(
        directory, [factories.generated_spec(rng, have + i) for i in range(total - have)]
    )


def test_public_pages_within_budget_and_constant_in_providers(client):
    small = counts(client, PUBLIC)
    print("public pages, demo:", small)
    for name, budget in PUBLIC_BUDGET.items():
        assert small[name] <= budget, (name, small[name], count(client, PUBLIC[name])[1])
    add_providers(300)
    large = counts(client, PUBLIC)
    print("public pages, 300 providers:", large)
    assert large == small


def add_proposals(proposer, n):
    now = timezone.now()
    for i in range(n):
        make_open_proposal(proposer, title=f"Budget proposal {i}")
    closed = [make_open_proposal(proposer, title=f"Decided proposal {i}") for i in range(n)]
    Proposal.objects.filter(pk__in=[p.pk for p in closed]).update(
        status=Proposal.Status.CLOSED, closed_at=now
    )


def add_manual_versions(n):
    """`n` editorial fixes to the manual in force, each a new version."""
    page = manual.current_manual()
    for i in range(n):
        request = admin_request(f"Fix {i}")
        manual.before_admin_publish(request, page)
        draft = ManualPage.objects.get(pk=page.pk)
        draft.intro = f"Introduction, fixed {i} times."
        manual.editorial_publish(draft.save_revision(), request.user, f"Fix {i}")


def test_dashboard_and_manual_within_budget_and_constant(client, member):
    client.force_login(member.user, backend="members.auth.EmailOrUsernameBackend")  # a login
    client.get(MEMBERS["manual"])  # the first visit is recorded; later ones are the steady state
    small = counts(client, MEMBERS)
    print("members' pages, demo:", small)
    for name, url in MEMBERS.items():
        assert small[name] <= MEMBERS_BUDGET[name], (name, small[name], count(client, url)[1])
    for n in range(5):
        make_member(f"Budget Member {n}")
    add_proposals(member, 5)
    add_manual_versions(3)
    large = counts(client, MEMBERS)
    print("members' pages, more members, proposals and versions:", large)
    assert large == small
