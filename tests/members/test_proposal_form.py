"""The proposal form in two steps: the kinds with what each vote does, then the kind's own
fields; refused input says what is wrong and keeps what was typed. The decisions register."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from members import proposing, voting
from members.factories import make_member, pass_proposal
from members.models import Decision, Kind, Member, Proposal

pytestmark = pytest.mark.django_db


def new(kind):
    return reverse("members:proposal_new_kind", args=[kind])


def errors(response):
    forms = [response.context["form"], response.context["fields"]]
    return {name: list(errs) for f in forms if f is not None for name, errs in f.errors.items()}


@pytest.fixture
def logged_in(client, member):
    client.force_login(member.user)
    return client


def test_the_first_step_says_what_each_offered_vote_does(logged_in):
    page = logged_in.get(reverse("members:proposal_new")).content.decode()
    for kind in proposing.offered_kinds():
        assert new(kind) in page
        assert escape(str(proposing.WHAT_IT_DOES[kind])) in page
    # Onboarding comes from an application only.
    assert new(Kind.ONBOARD_PROVIDER) not in page
    assert logged_in.get(new(Kind.ONBOARD_PROVIDER)).status_code == 404
    assert logged_in.get(new("nonsense")).status_code == 404


def test_the_first_step_is_translated(logged_in):
    with_es = logged_in.get(reverse("members:proposal_new").replace("/en/", "/es/"))
    assert with_es.status_code == 200
    assert "Cualquier otra pregunta" in with_es.content.decode()


def test_posting_without_a_kind_shows_the_kinds_again(logged_in):
    response = logged_in.post(reverse("members:proposal_new"), {"kind": "onboard_provider"})
    assert response.status_code == 200
    assert "Choose one of these kinds" in response.content.decode()
    assert not Proposal.objects.filter(kind=Kind.ONBOARD_PROVIDER, proposer__isnull=False).exists()


def test_missing_fields_are_named_and_what_was_typed_is_kept(logged_in):
    before = Proposal.objects.count()
    response = logged_in.post(
        new(Kind.ADMIN_PAY),
        {"title": "Raise the coordinator's pay", "body": "", "position": "Coordinator"},
    )
    assert response.status_code == 200
    assert set(errors(response)) == {"body", "amount_cents", "period", "effective_from"}
    page = response.content.decode()
    assert 'value="Raise the coordinator&#x27;s pay"' in page
    assert 'value="Coordinator"' in page
    assert "Some fields need your attention" in page
    assert Proposal.objects.count() == before


@pytest.mark.parametrize(
    "typed, error",
    [
        ("abc", "Enter a number."),
        ("-5", "greater than or equal to 0.01"),
        ("12.345", "no more than 2 decimal places"),
    ],
)
def test_pay_is_typed_in_dollars_and_checked(logged_in, typed, error):
    response = logged_in.post(
        new(Kind.ADMIN_PAY),
        {
            "title": "Pay",
            "body": "b",
            "position": "Coordinator",
            "amount_cents": typed,
            "period": "hour",
            "effective_from": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert any(error in message for message in errors(response)["amount_cents"])
    assert f'value="{typed}"' in response.content.decode()


def test_an_effective_date_in_the_past_is_refused(logged_in):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = logged_in.post(
        new(Kind.ADMIN_STAFFING),
        {"title": "Hire", "body": "b", "change": "Hire", "effective_from": yesterday},
    )
    assert errors(response) == {"effective_from": ["Choose today or a later day."]}


def _end_contract(logged_in, **fields):
    data = {"title": "End it", "body": "Reasons.", "hearing_place": "Room 2"}
    data.update(fields)
    return logged_in.post(new(Kind.END_CONTRACT), data)


def test_ending_a_contract_needs_the_member_and_a_hearing_in_time(logged_in, member):
    provider = make_member("Eve Ending")
    response = _end_contract(logged_in)
    assert set(errors(response)) == {"member", "hearing_at"}
    soon = (timezone.localtime() + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    response = _end_contract(logged_in, member=provider.pk, hearing_at=soon)
    assert errors(response) == {"hearing_at": ["Give the member at least two days' notice."]}
    late = (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    response = _end_contract(logged_in, member=provider.pk, hearing_at=late)
    assert errors(response) == {
        "hearing_at": ["The hearing must take place before the vote closes."]
    }
    # One cannot propose ending one's own contract (leaving is one step away).
    response = _end_contract(logged_in, member=member.pk, hearing_at=late)
    assert "member" in errors(response)
    assert not Proposal.objects.filter(title="End it").exists()


def test_a_manual_amendment_needs_a_draft(logged_in):
    response = logged_in.post(new(Kind.MANUAL_AMENDMENT), {"title": "Amend", "body": "b"})
    assert errors(response) == {"draft": ["This field is required."]}
    assert reverse("members:manual_amend") in response.content.decode()


def _decided(member, kind, title, payload=None):
    proposal = voting.propose(
        kind=kind, title=title, body="Body text.", proposer=member, payload=payload, notify=False
    )
    return pass_proposal(proposal).decision


def test_the_register_is_searched_by_words_and_kind(logged_in, member):
    coordinator = _decided(
        member,
        Kind.ADMIN_STAFFING,
        "Hire a coordinator",
        {"change": "A part-time coordinator", "effective_from": "2027-01-04"},
    )
    service = _decided(
        member,
        Kind.SHARED_SERVICE,
        "Adopt the shared EHR",
        {"service": "Acme EHR", "cost_cents": 30000, "period": "month", "starts_on": "2027-02-01"},
    )
    url = reverse("members:decisions")
    page = logged_in.get(url).content.decode()
    assert coordinator.title in page and service.title in page
    assert "$300.00" in page
    page = logged_in.get(url, {"q": "part-time"}).content.decode()
    assert coordinator.title in page and service.title not in page
    page = logged_in.get(url, {"kind": Kind.SHARED_SERVICE}).content.decode()
    assert service.title in page and coordinator.title not in page
    page = logged_in.get(url, {"q": "zanzibar"}).content.decode()
    assert "No decision matches" in page
    es = logged_in.get(url.replace("/en/", "/es/"), {"kind": Kind.ADMIN_STAFFING})
    assert "Registro de decisiones" in es.content.decode()
    assert coordinator.title in es.content.decode()
    assert service.title not in es.content.decode()


def test_a_decision_is_made_once_and_only_members_read_the_register(client, member, other):
    decision = _decided(member, Kind.GENERAL, "Picnic in June")
    assert decision.effective_from == timezone.localdate(decision.proposal.closed_at)
    assert Decision.objects.filter(proposal=decision.proposal).count() == 1
    url = reverse("members:decision", args=[decision.pk])
    assert client.get(url).status_code == 302  # to the login
    former = make_member("Di Former", status=Member.Status.FORMER)
    client.force_login(former.user)
    assert client.get(url).status_code in (302, 403)
    client.force_login(other.user)
    assert client.get(url).status_code == 200


def test_the_admin_lists_decisions_read_only(admin_client, member):
    decision = _decided(member, Kind.GENERAL, "Picnic in June")
    listing = admin_client.get(reverse("wagtailsnippets_members_decision:list"))
    assert listing.status_code == 200 and "Picnic in June" in listing.content.decode()
    inspect = admin_client.get(
        reverse("wagtailsnippets_members_decision:inspect", args=[decision.pk])
    )
    assert inspect.status_code == 200
    edit = reverse("wagtailsnippets_members_decision:edit", args=[decision.pk])
    assert admin_client.post(edit, {"title": "Changed"}).status_code in (302, 403)
    decision.refresh_from_db()
    assert decision.title == "Picnic in June"
    assert admin_client.get(reverse("wagtailsnippets_members_decision:add")).status_code in (
        302,
        403,
    )
