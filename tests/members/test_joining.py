"""Joining, from the public Join us page to the members' vote: the fee and documents before
applying, the application with the license, the confirmation email, the status page, and
withdrawing."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from billing import cycles
from billing.ledger import money
from members import membership
from members.models import Kind, ManualSettings, Member, Proposal
from outbox.models import OutgoingMessage
from tests.conftest import PASSWORD
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

APPLICATION = {
    "display_name": "Rosa Vega, LMHC",
    "email": "rosa.vega@example.org",
    "profession": "Licensed mental health counselor",
    "license_number": "LH60987654",
    "license_state": "Washington",
    "application_text": "Bilingual counseling for families.",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


def join_page(language="en"):
    with translation.override(language):
        page = Page.objects.get(slug="join-us" if language == "en" else "unase").specific
        return page.url


def agreement(site):
    settings = ManualSettings.for_site(site)
    if settings.services_agreement is None:
        settings.services_agreement = get_document_model().objects.create(
            title="Agreement",
            collection=Collection.get_first_root_node(),
            file=ContentFile(b"terms", name="agreement.txt"),
        )
        settings.save()
    return settings.services_agreement


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_join_page_states_the_fee_and_links_the_application_and_documents(
    client, site, language
):
    document = agreement(site)
    settings = ManualSettings.for_site(site)
    settings.offer_to_applicants = True
    settings.save()
    cycle = cycles.current_cycle()
    assert cycle is not None and cycle.fee_cents
    html = client.get(join_page(language)).content.decode()
    with translation.override(language):
        assert money(cycle.fee_cents) in html
        assert reverse("members:join") in html
        assert reverse("members:manual_public") in html
        line = cycle.budget_lines.first()
        assert line.get_category_display() in html
    assert document.url in html


def test_an_application_records_the_license_and_emails_the_applicant(client):
    response = client.post(reverse("members:join"), APPLICATION)
    assert response.status_code == 200
    applicant = Member.objects.get(user__email=APPLICATION["email"])
    assert (applicant.license_number, applicant.license_state) == ("LH60987654", "Washington")
    assert applicant.language == "en"
    run_tasks()
    message = OutgoingMessage.objects.get(
        kind="members.application_received", to_email=APPLICATION["email"]
    )
    proposal = Proposal.objects.get(kind=Kind.ONBOARD_PROVIDER, subject=applicant)
    assert "We have your application" in message.subject
    assert "LH60987654 (Washington)" in message.body
    assert "/en/members/application/" in message.body
    assert str(proposal.closes_at.year) in message.body


def test_an_application_in_spanish_gets_its_email_in_spanish(client):
    with translation.override("es"):
        url = reverse("members:join")
    client.post(url, APPLICATION)
    applicant = Member.objects.get(user__email=APPLICATION["email"])
    assert applicant.language == "es"
    run_tasks()
    message = OutgoingMessage.objects.get(kind="members.application_received")
    assert message.language == "es"
    assert "/es/members/application/" in message.body
    assert "Hola" in message.body


def test_members_read_the_applicants_vote_in_their_own_language(client, member):
    with translation.override("es"):
        url = reverse("members:join")
    client.post(url, APPLICATION)
    run_tasks()
    opened = OutgoingMessage.objects.get(kind="members.opened", to_email=member.email)
    assert opened.language == "en"
    assert "Welcome Rosa Vega, LMHC as a provider" in opened.subject
    assert "LH60987654" in opened.body
    assert "Bienvenida" not in opened.subject


def test_the_status_page_says_what_happens_next_and_when(client, site):
    document = agreement(site)
    client.post(reverse("members:join"), APPLICATION)
    client.login(username=APPLICATION["email"], password=PASSWORD)
    applicant = Member.objects.get(user__email=APPLICATION["email"])
    client.force_login(applicant.user)
    response = client.get(reverse("members:application"))
    html = response.content.decode()
    proposal = Proposal.objects.get(subject=applicant)
    assert "What happens next" in html
    assert str(proposal.closes_at.year) in html
    assert document.url in html
    assert "LH60987654" in html


def test_the_applicant_can_withdraw_and_the_vote_stops(client):
    client.post(reverse("members:join"), APPLICATION)
    applicant = Member.objects.get(user__email=APPLICATION["email"])
    client.force_login(applicant.user)
    refused = client.post(reverse("members:withdraw_application"))
    assert refused.status_code == 302
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.APPLICANT
    response = client.post(reverse("members:withdraw_application"), {"confirm": "yes"})
    assert response.url == reverse("members:goodbye")
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.FORMER
    proposal = Proposal.objects.get(subject=applicant)
    assert proposal.status == Proposal.Status.WITHDRAWN
    assert "Your application was withdrawn" in client.get(response.url).content.decode()
    with pytest.raises(membership.ApplicationError):
        membership.withdraw_application(applicant)
