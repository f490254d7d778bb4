"""Hostile text in every GET parameter and form field: never a 500 (reliability plan Z1, Z2, Z3).

Every URL the resolver knows outside the Wagtail admin is listed below with the parameters its
view reads and who is logged in (an active member for the members' area), so a new URL without
fuzz coverage fails `test_every_url_outside_the_admin_is_fuzzed`, and a new page type fails
`test_every_page_type_is_fuzzed`. Each endpoint gets the fixed corpus of fuzz_corpus.HOSTILE
(NUL, U+202E, lone surrogates, invalid UTF-8, 4 KB strings, SQL- and template-looking text,
huge and negative numbers, each field repeated) and hypothesis-generated values. Django's test
client re-raises a view's exception, so an exception fails the test even before the status is
checked. Rate limits are switched off here (RATELIMIT_ENABLE = False): they would otherwise
answer most of the fuzz with a 429 and the views behind them would go untested.
"""

import json
import os
import sys
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import from_form
from wagtail.documents import get_document_model
from wagtail.models import Page, get_page_models

from billing.fund_forms import CERequestForm
from billing.models import Cycle, StripeEvent
from billing.stripe_gateway import sign
from billing.webhooks import HANDLED
from members.forms import ApplicationForm, CommentForm, ProposalForm, VoteForm
from members.manual.forms import AmendmentForm
from members.models import ManualAmendment, Member, Proposal
from resources.forms import OwnProfileForm
from resources.models import ProviderPage
from resources.vocab import FILTER_PARAMS
from tests.resolver import url_patterns

from .fuzz_corpus import HOSTILE, HOSTILE_BYTES, INT_PATH_VALUES, encode, pairs_for

pytestmark = pytest.mark.django_db

WEBHOOK_SECRET = "whsec_fuzz_secret"
MEMBER = "marcus.bell@lycan-coop.example"
APPLICANT = "noor.haddad@lycan-coop.example"
FORMER = "chris.park@lycan-coop.example"
PROVIDER = "demo-provider"

FUZZ = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


# --- What each URL reads ---------------------------------------------------------------------


def form_fields(form_class, *args):
    return tuple(form_class(*args).fields)


def amendment_fields(ctx):
    from members import manual

    current = manual.current_version(manual.current_manual())
    sections = manual.sections_of(manual.version_page(current))
    return form_fields(AmendmentForm, sections)


def profile_fields(ctx):
    return form_fields(OwnProfileForm) + ("intro", "booking_url")


@dataclass(frozen=True)
class Endpoint:
    name: str  # the URL's name in the resolver ("members:vote"), or "page:<model label>"
    method: str
    fields: tuple | object = ()  # names, or a function of the context giving them
    who: str | None = None  # "member", "applicant", "former", "provider" or anonymous
    url: object = None  # a function (ctx, path value) -> URL; reverse(name) by default
    int_path: bool = False  # the URL carries an integer the fuzz varies too
    path_values: tuple = ()  # other values for the URL's variable part
    also: tuple = field(default=())  # GET parameters a POST view also reads

    @property
    def id(self):
        return f"{self.method} {self.name}"

    def url_for(self, ctx, path_value=None):
        if self.url is not None:
            return self.url(ctx, path_value)
        return reverse(self.name)

    def names(self, ctx):
        return self.fields(ctx) if callable(self.fields) else self.fields


def by_pk(name, attr):
    return lambda ctx, v: reverse(name, args=[v or getattr(ctx, attr).pk])


def event_pk():
    """A single-date demo event (members answer RSVPs to these)."""
    from events.models import EventPage

    return EventPage.objects.filter(locale__language_code="en", repeats_monthly=False).first().pk


def event_url(name):
    return lambda ctx, v: reverse(name, args=[v or event_pk()])


def ce_request_url(ctx, v):
    from billing.models import CERequest

    member = Member.objects.get(user=ctx.users["member"])
    request, _created = CERequest.objects.get_or_create(
        member=member,
        training="Fuzzed training",
        defaults={"held_on": "2027-01-10", "cost_cents": 100},
    )
    return reverse("billing:ce_request", args=[v or request.pk])


def credit_url(ctx, v):
    from events.models import CECredit

    return reverse("events:certificate", args=[v or CECredit.objects.first().pk])


def cycle_url(name, status):
    def url(ctx, v):
        from billing.models import Cycle

        first = Cycle.objects.filter(status=status).first()
        return reverse(name, args=[v or (first.pk if first else 1)])

    return url


def decision_url(ctx, v):
    from members.models import Decision

    first = Decision.objects.first()
    return reverse("members:decision", args=[v or (first.pk if first else 1)])


def page_url(model):
    return lambda ctx, v: ctx.page_urls[model]


MEDIA_PATHS = (
    "images/../documents/x.pdf",
    "documents/x.pdf",
    "original_images/\x00.png",
    "original_images/\u202egnp.exe",
    "images/" + "a" * 4096 + ".png",
    "images/x.svg",
    "images/x.html",
    ".png",
    "images//x.png",
    "/etc/passwd",
)
PATH_TEXT = ("\x00", "\u202e", "a" * 4096, "..", "x/../../y", "%00", "'", "{{ x }}", "é")
LOGIN_FIELDS = ("username", "password", "next")
PASSWORD_SET = ("new_password1", "new_password2")
# FundProposalForm's fields (building the form reads the open cycle's funds).
FUND_PROPOSAL_FIELDS = ("title", "body", "fund", "amount", "purpose")

ENDPOINTS = [
    # Outside the language prefix.
    Endpoint(
        "wagtaildocs_serve",
        "GET",
        url=lambda c, v: f"/documents/{v or c.doc.pk}/x.pdf",
        int_path=True,
    ),
    Endpoint(
        "wagtaildocs_serve",
        "GET",
        url=lambda c, v: f"/documents/{c.doc.pk}/{quote(v or c.doc.filename)}",
        path_values=PATH_TEXT,
    ),
    Endpoint(
        "wagtaildocs_authenticate_with_password",
        "POST",
        ("password", "return_url"),
        url=lambda c, v: f"/documents/authenticate_with_password/{v or 1}/",
        int_path=True,
    ),
    Endpoint("sitemap", "GET", ("p",)),
    Endpoint("robots_txt", "GET"),
    Endpoint("healthz", "GET"),
    Endpoint(
        "media",
        "GET",
        url=lambda c, v: "/media/" + quote(v or "original_images/none.png"),
        path_values=MEDIA_PATHS,
    ),
    # The members' area, as an active member unless said otherwise.
    Endpoint("my_profile", "GET", who="provider"),
    Endpoint("my_profile", "POST", profile_fields, who="provider"),
    Endpoint("billing:finances", "GET", who="member"),
    Endpoint(
        "billing:cycle", "GET", who="member", url=by_pk("billing:cycle", "cycle"), int_path=True
    ),
    Endpoint(
        "billing:cycle_csv",
        "GET",
        who="member",
        url=by_pk("billing:cycle_csv", "cycle"),
        int_path=True,
    ),
    Endpoint("billing:setup_payment", "POST", who="member"),
    Endpoint("billing:funds", "GET", who="member"),
    Endpoint("billing:fund_propose", "GET", ("fund",), who="member"),
    Endpoint("billing:fund_propose", "POST", FUND_PROPOSAL_FIELDS, who="member"),
    Endpoint(
        "billing:pay_allocation",
        "POST",
        ("pay1-paid_on", "pay1-payee"),
        who="member",
        url=lambda c, v: reverse("billing:pay_allocation", args=[v or 1]),
        int_path=True,
    ),
    Endpoint("billing:ce_requests", "GET", who="member"),
    Endpoint("billing:ce_request_new", "GET", ("training", "date", "cost"), who="member"),
    Endpoint("billing:ce_request_new", "POST", form_fields(CERequestForm), who="member"),
    Endpoint("billing:ce_request", "GET", who="member", url=ce_request_url, int_path=True),
    Endpoint(
        "billing:ce_request", "POST", ("receipt",), who="member", url=ce_request_url, int_path=True
    ),
    Endpoint("billing:manage_payment", "POST", who="member"),
    Endpoint("members:login", "GET", ("next",)),
    Endpoint("members:login", "POST", LOGIN_FIELDS, also=("next",)),
    Endpoint("members:logout", "POST", ("next",), who="member"),
    Endpoint(
        "members:password_change",
        "POST",
        ("old_password",) + PASSWORD_SET,
        who="member",
    ),
    Endpoint("members:password_change_done", "GET", who="member"),
    Endpoint("members:password_reset", "POST", ("email",)),
    Endpoint("members:password_reset_done", "GET"),
    Endpoint(
        "members:password_reset_confirm",
        "POST",
        PASSWORD_SET,
        url=lambda c, v: reverse("members:password_reset_confirm", args=[v or "MQ", v or "x-y"]),
        int_path=True,
    ),
    Endpoint("members:password_reset_complete", "GET"),
    Endpoint("events:mine", "GET", who="member"),
    Endpoint("events:reset_feed", "POST", who="member"),
    Endpoint(
        "events:rsvp",
        "POST",
        ("answer",),
        who="member",
        url=event_url("events:rsvp"),
        int_path=True,
    ),
    Endpoint(
        "events:attendance", "GET", who="member", url=event_url("events:attendance"), int_path=True
    ),
    Endpoint(
        "events:attendance",
        "POST",
        ("attended",),
        who="member",
        url=event_url("events:attendance"),
        int_path=True,
    ),
    Endpoint("events:certificate", "GET", who="member", url=credit_url, int_path=True),
    Endpoint(
        "events_private_feed",
        "GET",
        url=lambda c, v: reverse("events_private_feed", args=[quote(v or "not-a-token", safe="")]),
        path_values=PATH_TEXT,
    ),
    Endpoint(
        "reconfirm_availability",
        "GET",
        url=lambda c, v: reverse(
            "reconfirm_availability", args=[quote(v or "not-a-token", safe="")]
        ),
        path_values=PATH_TEXT,
    ),
    Endpoint(
        "reconfirm_availability",
        "POST",
        url=lambda c, v: reverse(
            "reconfirm_availability", args=[quote(v or "not-a-token", safe="")]
        ),
        path_values=PATH_TEXT,
    ),
    Endpoint("members:home", "GET", who="member"),
    Endpoint("members:join", "POST", form_fields(ApplicationForm)),
    Endpoint("members:dashboard", "GET", who="member"),
    Endpoint("members:application", "GET", who="applicant"),
    Endpoint("members:goodbye", "GET", who="former"),
    Endpoint("members:withdraw_application", "POST", ("confirm",), who="applicant"),
    Endpoint(
        "members:member",
        "GET",
        who="member",
        url=lambda c, v: reverse("members:member", args=[v or c.proposal.proposer_id]),
        int_path=True,
    ),
    Endpoint("members:leave", "POST", who="member"),
    Endpoint("members:proposals", "GET", who="member"),
    Endpoint("members:proposal_new", "POST", form_fields(ProposalForm), who="member"),
    Endpoint(
        "members:proposal_new_kind",
        "POST",
        form_fields(ProposalForm, None) + ("member", "hearing_at", "hearing_place"),
        who="member",
        url=lambda ctx, v: reverse("members:proposal_new_kind", args=[v or "end_contract"]),
        path_values=("admin_pay", "shared_service", "manual_amendment", "onboard_provider", "x"),
    ),
    Endpoint("members:decisions", "GET", ("q", "kind", "page"), who="member"),
    Endpoint(
        "members:audit_log", "GET", ("kind", "member", "since", "until", "page"), who="member"
    ),
    Endpoint(
        "billing:propose_budget",
        "POST",
        who="member",
        url=cycle_url("billing:propose_budget", "planned"),
        int_path=True,
    ),
    Endpoint(
        "billing:draft_amendment",
        "POST",
        who="member",
        url=cycle_url("billing:draft_amendment", "open"),
        int_path=True,
    ),
    Endpoint("members:decision", "GET", who="member", url=decision_url, int_path=True),
    Endpoint(
        "members:proposal",
        "GET",
        who="member",
        url=by_pk("members:proposal", "proposal"),
        int_path=True,
    ),
    Endpoint(
        "members:vote",
        "POST",
        form_fields(VoteForm),
        who="member",
        url=by_pk("members:vote", "proposal"),
        int_path=True,
    ),
    Endpoint(
        "members:comment",
        "POST",
        form_fields(CommentForm),
        who="member",
        url=by_pk("members:comment", "proposal"),
        int_path=True,
    ),
    Endpoint(
        "members:withdraw",
        "POST",
        who="member",
        url=by_pk("members:withdraw", "proposal"),
        int_path=True,
    ),
    Endpoint(
        "members:proposal_log",
        "GET",
        who="member",
        url=by_pk("members:proposal_log", "proposal"),
        int_path=True,
    ),
    Endpoint("members:language", "POST", ("language",), who="member"),
    Endpoint("members:search", "GET", ("q",), who="member"),
    Endpoint("members:manual", "GET", who="member"),
    Endpoint("members:manual_print", "GET", who="member"),
    Endpoint("members:manual_versions", "GET", who="member"),
    Endpoint(
        "members:manual_version",
        "GET",
        who="member",
        url=lambda c, v: reverse("members:manual_version", args=[v or 1]),
        int_path=True,
    ),
    Endpoint("members:manual_diff", "GET", ("from", "to"), who="member"),
    Endpoint("members:manual_acknowledge", "POST", ("version",), who="member"),
    Endpoint("members:manual_amend", "POST", amendment_fields, who="member"),
    Endpoint(
        "members:manual_amendment",
        "GET",
        who="member",
        url=by_pk("members:manual_amendment", "amendment"),
        int_path=True,
    ),
    Endpoint(
        "members:manual_rebase",
        "POST",
        who="member",
        url=by_pk("members:manual_rebase", "amendment"),
        int_path=True,
    ),
    Endpoint("members:manual_public", "GET"),
    # Public pages.
    Endpoint("search", "GET", ("q", "type", "page")),
    Endpoint(
        "wagtailcore_authenticate_with_password",
        "POST",
        ("password", "return_url"),
        url=lambda c, v: reverse("wagtailcore_authenticate_with_password", args=[v or 1, v or 2]),
        int_path=True,
    ),
    Endpoint("wagtailcore_login", "POST", LOGIN_FIELDS, also=("next",)),
    Endpoint(
        "wagtail_serve",
        "GET",
        url=lambda c, v: "/en/" + quote(v or "no-such-page") + "/",
        path_values=PATH_TEXT,
    ),
    Endpoint(
        "provider_edit",
        "POST",
        profile_fields,
        who="provider",
        url=lambda c, v: c.own_profile.url + "edit/",
    ),
]

DIRECTORY_PARAMS = tuple(FILTER_PARAMS) + (
    "format",
    "reduced_cost",
    "accepting",
    "city",
    "q",
    "page",
)
# Wagtail page types and the GET parameters their pages read ("page" and "q" are sent to every
# page anyway, as a visitor's stray link would).
PAGE_PARAMS = {
    "home.HomePage": (),
    "home.FAQPage": (),
    "events.EventIndexPage": (),
    "events.EventPage": (),
    "home.PrinciplesPage": (),
    "home.StandardPage": (),
    "resources.ResourceIndexPage": ("topic",),
    "resources.ProviderDirectoryPage": DIRECTORY_PARAMS,
    "resources.ProviderPage": (),
    "members.ManualPage": (),
}
ENDPOINTS += [
    Endpoint(f"page:{label}", "GET", params + ("page", "q"), url=page_url(label))
    for label, params in PAGE_PARAMS.items()
]
# The webhook has its own fuzz below (signed bodies, Z3).
FUZZED_ELSEWHERE = {"stripe_webhook"}


def test_every_url_outside_the_admin_is_fuzzed():
    names = {
        name or route for route, name, _entry in url_patterns() if not route.startswith("admin/")
    }
    covered = {e.name for e in ENDPOINTS} | FUZZED_ELSEWHERE
    assert names - covered == set(), "add these URLs to ENDPOINTS"
    assert len(names) >= 45


def test_every_page_type_is_fuzzed():
    labels = {m._meta.label for m in get_page_models() if m is not Page}
    assert labels == set(PAGE_PARAMS)


# --- Running them ----------------------------------------------------------------------------


@dataclass
class Context:
    users: dict
    proposal: Proposal
    amendment: ManualAmendment
    cycle: Cycle
    doc: object
    own_profile: ProviderPage
    page_urls: dict


@pytest.fixture
def ctx(db, settings):
    settings.RATELIMIT_ENABLE = False
    from members.factories import make_open_proposal

    User = get_user_model()
    users = {
        "member": User.objects.get(email=MEMBER),
        "applicant": User.objects.get(email=APPLICANT),
        "former": User.objects.get(email=FORMER),
        "provider": User.objects.get(username=PROVIDER),
    }
    # The members' area answers in a member's own language; keep them on /en/.
    Member.objects.filter(user__in=users.values()).update(language="en")
    page_urls = {}
    for label in PAGE_PARAMS:
        model = next(m for m in get_page_models() if m._meta.label == label)
        page = model.objects.live().filter(locale__language_code="en").first()
        assert page is not None, f"the demo has no live {label}"
        page_urls[label] = page.url
    return Context(
        users=users,
        proposal=make_open_proposal(Member.objects.get(user=users["member"])),
        amendment=ManualAmendment.objects.first(),
        cycle=Cycle.objects.exclude(status=Cycle.Status.PLANNED).first(),
        doc=get_document_model().objects.first(),
        own_profile=ProviderPage.objects.live()
        .filter(account=users["provider"], locale__language_code="en")
        .get(),
        page_urls=page_urls,
    )


def send(client, ctx, endpoint, pairs, path_value=None):
    client.logout()
    if endpoint.who:
        client.force_login(ctx.users[endpoint.who])
    url = endpoint.url_for(ctx, path_value)
    if endpoint.method == "GET":
        response = client.get(f"{url}?{encode(pairs)}" if pairs else url)
    else:
        query = [(n, v) for n, v in pairs if n in endpoint.also]
        if query:
            url = f"{url}?{encode(query)}"
        response = client.post(
            url, data=encode(pairs), content_type="application/x-www-form-urlencoded"
        )
    assert response.status_code < 500, (endpoint.id, url, pairs[:5], response.status_code)
    return response


CORPUS = HOSTILE + HOSTILE_BYTES
# Examples per endpoint; FUZZ_EXAMPLES=200 for the plan's longer run (Z1).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_the_hostile_corpus_never_gets_a_500(client, ctx, endpoint):
    names = endpoint.names(ctx)
    if names:
        for value in CORPUS:
            send(client, ctx, endpoint, [(n, value) for n in names])
        # Every field twice, with two different values.
        send(client, ctx, endpoint, [(n, v) for n in names for v in ("1", "\x00")])
    else:
        # A view that reads nothing: the whole corpus at once, under names of its own.
        send(client, ctx, endpoint, [(f"p{i}", v) for i, v in enumerate(CORPUS)])
    send(client, ctx, endpoint, [])
    if endpoint.int_path:
        for value in INT_PATH_VALUES:
            send(client, ctx, endpoint, [], path_value=value)
    for value in endpoint.path_values:
        send(client, ctx, endpoint, [], path_value=value)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_generated_input_never_gets_a_500(client, ctx, endpoint):
    names = endpoint.names(ctx)

    # Views that read no parameter get a few examples only: all they can get is noise.
    @settings(FUZZ, max_examples=EXAMPLES if names else 3)
    @given(pairs=pairs_for(names))
    def run(pairs):
        send(client, ctx, endpoint, pairs)

    run()


# --- Z2: the forms' own rules hold for any input ---------------------------------------------


PASSWORDS = st.sampled_from(["a-long-test-password-42", "short", "", "\x00" * 12])


@FUZZ
@given(form=from_form(ApplicationForm, password1=PASSWORDS, password2=PASSWORDS))
def test_an_application_is_either_refused_with_errors_or_a_valid_member(client, ctx, form):
    data = {name: form.data.get(name, "") for name in form.fields}
    before = Member.objects.count()
    response = client.post(reverse("members:join"), data)
    assert response.status_code == 200
    if form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        member = Member.objects.filter(user__email__iexact=email).first()
        assert member is not None  # ours, or someone already registered with that address
        member.full_clean()
        member.user.full_clean(validate_unique=False)
    else:
        assert Member.objects.count() == before
        assert 'class="errorlist' in response.content.decode()


@FUZZ
@given(form=from_form(ProposalForm, voting_days=st.integers(-5, 70) | st.none()))
def test_a_proposal_is_either_refused_with_errors_or_valid(client, ctx, form):
    client.force_login(ctx.users["member"])
    data = {k: v for k, v in form.data.items() if v is not None}
    if data.get("subject") is not None:
        data["subject"] = getattr(data["subject"], "pk", data["subject"])
    before = set(Proposal.objects.values_list("pk", flat=True))
    response = client.post(reverse("members:proposal_new"), data)
    assert response.status_code in (200, 302)
    created = Proposal.objects.exclude(pk__in=before)
    if response.status_code == 302:
        assert created.count() == 1
        created.get().full_clean()
    else:
        assert not created.exists()
        assert 'class="errorlist' in response.content.decode()


# --- Z3: the Stripe webhook never crashes -----------------------------------------------------
# tests/billing/test_webhooks.py already checks bad signatures, the malformed bodies of the
# plan (empty, not JSON, an array, missing id/type, invalid UTF-8, 10,000-deep nesting) and a
# 2.6 MB body, each signed. Here: the same corpus unsigned (refused before it is parsed), a
# 3 MB body, and generated events that are signed, well formed on the outside and wrong inside.

WEBHOOK = "/billing/stripe/webhook/"
MALFORMED = [
    b"",
    b"not json",
    b"[1, 2]",
    b"null",
    b'"evt_1"',
    b'{"id": "evt_1"}',
    b"\xff\xfe invalid utf-8",
    b"[" * 10_000 + b"]" * 10_000,
    b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    json.dumps({"pad": "x" * 3_000_000}).encode(),
]


@pytest.fixture
def webhook_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_local"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.RATELIMIT_ENABLE = False
    return settings


def post_webhook(client, body, signature):
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature else {}
    return client.post(WEBHOOK, data=body, content_type="application/json", **headers)


@pytest.mark.parametrize("signature", [None, "t=1,v1=00", "garbage", "t=9999999999999999999999"])
def test_a_bad_signature_is_refused_before_the_body_is_parsed(
    client, webhook_keys, monkeypatch, signature
):
    from billing import webhooks

    def must_not_parse(body):
        raise AssertionError("parsed an unsigned body")

    monkeypatch.setattr(webhooks, "parse_event", must_not_parse)
    for body in MALFORMED[:-1] + [json.dumps({"id": "evt_x", "type": "ping"}).encode()]:
        assert post_webhook(client, body, signature).status_code == 400
    assert not StripeEvent.objects.exists()


def test_a_3_mb_body_is_refused_signed_or_not(client, webhook_keys):
    body = MALFORMED[-1]
    assert post_webhook(client, body, None).status_code == 400
    assert post_webhook(client, body, sign(body.decode(), WEBHOOK_SECRET)).status_code == 400
    assert not StripeEvent.objects.exists()


def test_a_deep_signed_body_is_refused(client, webhook_keys):
    body = MALFORMED[-2]
    assert sys.getrecursionlimit() < 10_000  # so json.loads would overflow without the guard
    assert post_webhook(client, body, sign(body.decode(), WEBHOOK_SECRET)).status_code == 400


json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["evt_1", "cus_A", "in_1", "pi_1", "re_1", "sub_1", "1", "\x00", "\u202e"]),
)
json_values = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
STRIPE_KEYS = [
    "id",
    "customer",
    "subscription",
    "status",
    "amount",
    "amount_paid",
    "amount_due",
    "created",
    "charge",
    "payment_intent",
    "metadata",
    "client_reference_id",
    "status_transitions",
    "payments",
    "parent",
    "refunds",
    "cancel_at_period_end",
    "subscription_details",
]
stripe_objects = st.dictionaries(
    st.sampled_from(STRIPE_KEYS) | st.text(max_size=8), json_values | json_leaf, max_size=8
)
HANDLED_TYPES = sorted(HANDLED)


@settings(parent=FUZZ, max_examples=80)
@given(
    event_type=st.sampled_from(HANDLED_TYPES) | st.text(max_size=120),
    obj=stripe_objects,
    event_id=st.text(max_size=30).map(lambda s: "evt_" + s),
    created=st.integers(min_value=-(2**70), max_value=2**70) | st.just(1_700_000_000),
)
def test_signed_events_with_any_contents_never_get_a_500(
    client, webhook_keys, event_type, obj, event_id, created
):
    event = {"id": event_id, "object": "event", "type": event_type, "created": created}
    event["data"] = {"object": obj}
    body = json.dumps(event)
    response = post_webhook(client, body.encode(), sign(body, WEBHOOK_SECRET))
    assert response.status_code in (200, 400), (event, response.status_code)
