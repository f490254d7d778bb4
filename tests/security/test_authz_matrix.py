"""Every URL pattern of the site against every role, with the answer each role should get
(reliability plan A1; ASVS 8.2.1/8.2.2). The expectations are data, in authz_matrix.py; this
file walks Django's resolver, builds each URL with real objects and compares.

A URL pattern that no entry, group rule or skip covers fails `test_every_url_pattern_is_covered`,
so a view added later (by us, by Wagtail or by a package) must be placed in the matrix.
"""

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail_localize.models import Translation

from billing.models import Expense
from members import voting
from members.models import Kind, Member, Proposal
from resources.models import ProviderPage
from tests.otp import verified_admin_login
from tests.resolver import url_patterns

from . import authz_matrix as M

pytestmark = pytest.mark.django_db

ADMIN_ROLES = {"treasurer", "editor", "superuser"}


def all_routes():
    """Every (route, name). Logout views last: even refusing a GET, Wagtail's deletes the
    session cookie, which would log the client out for the routes after it."""
    routes = [(route, name) for route, name, _entry in url_patterns()]
    return sorted(routes, key=lambda pair: "logout" in (pair[1] or ""))


# --- The world: one object of each kind, owned by the right person --------------------------


@dataclass
class World:
    users: dict
    member_a: Member
    member_b: Member
    draft_profile: ProviderPage  # member A's profile, unpublished (a draft)
    profile_b: ProviderPage  # member B's profile, live
    proposal_a: Proposal  # member A's scheduled (not yet open) proposal
    open_proposal: Proposal
    receipt: object  # an expense receipt, in the private "Receipts" collection
    image: object
    translation: object
    redirect: object
    search_query: object
    receipts_restriction: object
    manual_restriction: object

    def pk_of(self, key):
        return M.object_pk(self, key)


@pytest.fixture
def world(db, settings, tmp_path):
    # Files on disk, as in production: Wagtail serves documents from a local path when the
    # storage has one, which the tests' in-memory storage claims to have but does not.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path)
    User = get_user_model()
    # Member A: an active member whose directory profile is a draft (never published again
    # after being taken down), and who has a proposal waiting for its notice period.
    member_a = Member.objects.get(user__username="david.okafor")
    member_b = Member.objects.get(user__username="lucia.morales")
    draft = ProviderPage.objects.get(account=member_a.user, locale__language_code="en")
    draft.unpublish()
    draft.save_revision(user=member_a.user)
    proposal_a = voting.propose(
        kind=Kind.GENERAL, title="Member A's idea", body="b", proposer=member_a, notify=False
    )
    open_proposal = Proposal.objects.filter(status=Proposal.Status.OPEN).order_by("pk").first()
    editor = User.objects.create_user("eddie.editor", "eddie@example.org", "x" * 16)
    editor.groups.add(Group.objects.get(name="Editors"))
    image = get_image_model().objects.create(
        title="A picture",
        file=get_test_image_file(),
        collection=Collection.objects.get(name="Website"),  # the public site's library
    )
    receipt = get_document_model().objects.create(
        title="Receipt: printer paper",
        file=ContentFile(b"Printer paper, $12.00", name="receipt-paper.txt"),
        collection=Collection.objects.get(name="Receipts"),
    )
    Expense.objects.filter(receipt__isnull=False).update(receipt=receipt)
    users = {
        "anonymous": None,
        "applicant": Member.objects.get(status=Member.Status.APPLICANT).user,
        "member_a": member_a.user,
        "member_b": member_b.user,
        "former": Member.objects.get(status=Member.Status.FORMER).user,
        "treasurer": User.objects.get(groups__name="Treasurer"),
        "editor": editor,
        "superuser": User.objects.get(username="admin"),
    }
    assert not users["treasurer"].is_superuser
    return World(
        users=users,
        member_a=member_a,
        member_b=member_b,
        draft_profile=draft,
        profile_b=ProviderPage.objects.get(account=member_b.user, locale__language_code="en"),
        proposal_a=proposal_a,
        open_proposal=open_proposal,
        receipt=receipt,
        image=image,
        translation=Translation.objects.order_by("pk").first(),
        redirect=Redirect.objects.create(old_path="/old-page", redirect_link="/en/"),
        search_query=Query.get("counselling"),
        receipts_restriction=CollectionViewRestriction.objects.get(collection=receipt.collection),
        manual_restriction=PageViewRestriction.objects.get(page__url_path__contains="manual"),
    )


def client_for(role, world):
    client = Client(raise_request_exception=False)  # a crash is a 500 in the matrix
    user = world.users[role]
    if user is None:
        return client
    if role in ADMIN_ROLES:
        return verified_admin_login(client, user)
    client.force_login(user)
    return client


# --- Observed answers, in the matrix's vocabulary --------------------------------------------


def answer(response):
    """A status code, or for a redirect a token naming where it goes."""
    if response.status_code not in (301, 302, 303, 307):
        return response.status_code
    location = response["Location"].split("?")[0]
    if location == "/en" + response.wsgi_request.path:
        # Outside /en/ a 404 becomes a redirect to the same path under /en/ (Django's
        # LocaleMiddleware, because the page catch-all there might match): it is a 404.
        return 404
    for token, target in M.REDIRECT_TOKENS.items():
        if location == target():
            return token
    return location


# --- Which rule covers a route ---------------------------------------------------------------


def cases_for(route, name, world):
    """The (label, url, expected-by-role) checks for one route; [] when skipped; None when the
    matrix does not cover it."""
    if route in M.SKIP:
        return []
    if route in M.ENTRIES:
        return [
            (label, build(world, route, url), expected) for label, url, expected in M.ENTRIES[route]
        ]
    for regex, expected in M.GROUPS:
        if re.search(regex, route):
            return [(route, build(world, route, None), expected)]
    return None


def build(world, route, url):
    """A concrete URL: `url` as given (a callable of the world, or a string), else the route
    with each parameter filled from the world."""
    if callable(url):
        return url(world)
    if url is not None:
        return url
    return "/" + M.fill(route, world)


def test_every_url_pattern_is_covered(world):
    uncovered = [
        (route, name) for route, name in all_routes() if cases_for(route, name, world) is None
    ]
    assert uncovered == [], "URL patterns missing from tests/security/authz_matrix.py"
    stale = set(M.ENTRIES) | set(M.SKIP)
    stale -= {route for route, _name in all_routes()}
    assert stale == set(), "entries for URL patterns that no longer exist"


def checks(world, role, *, known_leaks):
    """(label, url, wanted) for every check of `role`, with or without the known leaks."""
    for route, name in all_routes():
        for label, url, expected in cases_for(route, name, world) or []:
            if ((label, role) in M.KNOWN_LEAKS) == known_leaks:
                want = expected[role]
                yield route, label, url, want(world) if callable(want) else want


@pytest.mark.parametrize("role", M.ROLES)
def test_url_role_matrix(world, role):
    client = client_for(role, world)
    mismatches = []
    count = 0
    for route, label, url, want in checks(world, role, known_leaks=False):
        response = client.get(url)
        got = answer(response)
        count += 1
        if not matches(got, want):
            mismatches.append(f"{label} {url}: expected {want!r}, got {got!r}")
        private = route.startswith("en/members/") or (
            route.startswith("admin/") and response.status_code == 200
        )
        if private:
            # The members' area (redirects too) and admin pages are never stored by a
            # browser or a shared cache.
            cache = response.get("Cache-Control", "")
            if "private" not in cache or ("no-store" not in cache and "no-cache" not in cache):
                mismatches.append(f"{label} {url}: Cache-Control {cache!r}")
    assert count > 400
    assert mismatches == [], "\n".join(mismatches)


def matches(got, want):
    return got in M.DENIED if want == "denied" else got == want


def known_leak_answers(world):
    client = {role: client_for(role, world) for role in {role for _l, role in M.KNOWN_LEAKS}}
    for role in client:
        for _route, label, url, want in checks(world, role, known_leaks=True):
            yield label, role, want, answer(client[role].get(url))


NO_KNOWN_LEAKS = pytest.mark.skipif(
    not M.KNOWN_LEAKS,
    reason="authz_matrix.KNOWN_LEAKS is empty: no known leak to describe or to see fixed",
)


@NO_KNOWN_LEAKS
def test_known_leaks_are_as_described(world):
    """Each known leak is either still exactly as described, or fixed: nothing else."""
    odd = {
        (label, role): got
        for label, role, want, got in known_leak_answers(world)
        if got != M.KNOWN_LEAKS[label, role][0] and not matches(got, want)
    }
    assert odd == {}


@NO_KNOWN_LEAKS
@pytest.mark.xfail(strict=True, reason="authz_matrix.KNOWN_LEAKS: access that is wrong")
def test_no_known_leaks(world):
    leaking = {
        (label, role): got
        for label, role, want, got in known_leak_answers(world)
        if not matches(got, want)
    }
    assert leaking == {}
