"""Members choose their language; the members' area and their emails use it."""

import pytest
from django.core import mail

from members import emails
from members.factories import make_open_proposal
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def test_a_member_chooses_spanish_and_the_members_area_follows(client, member):
    client.force_login(member.user)
    response = client.post("/en/members/language/", {"language": "es"})
    assert response.status_code == 302
    assert response["Location"] == "/es/members/language/"
    member.refresh_from_db()
    assert member.language == "es"
    page = client.get("/es/members/language/").content.decode()
    assert '<html lang="es"' in page and "Guardado." in page
    # An English link to the members' area leads to the Spanish one.
    response = client.get("/en/members/dashboard/?x=1")
    assert response.status_code == 302
    assert response["Location"] == "/es/members/dashboard/?x=1"
    page = client.get("/es/members/dashboard/").content.decode()
    assert "Panel" in page and "Cerrar sesión" in page


def test_a_member_without_a_choice_follows_the_link(client, member):
    client.force_login(member.user)
    assert client.get("/es/members/dashboard/").status_code == 200
    assert client.get("/en/members/dashboard/").status_code == 200


def test_the_language_form_refuses_an_unknown_language(client, member):
    client.force_login(member.user)
    response = client.post("/es/members/language/", {"language": "fr"})
    assert response.status_code == 200
    assert "Escoja una opción válida" in response.content.decode()
    member.refresh_from_db()
    assert member.language == ""


def test_each_email_goes_out_in_its_members_language(member, other):
    other.language = "es"
    other.save()
    proposal = make_open_proposal(member, title="Buy a shared printer")
    mail.outbox.clear()
    assert emails.proposal_opened(proposal) >= 2
    run_tasks()  # the worker sends what was queued
    by_address = {message.to[0]: message for message in mail.outbox}
    english = by_address[member.user.email]
    spanish = by_address[other.user.email]
    assert english.subject == "Vote open: Buy a shared printer"
    assert english.body.startswith("Hello Ana Active,")
    assert f"/en/members/proposals/{proposal.pk}/" in english.body
    assert spanish.subject == "Votación abierta: Buy a shared printer"
    assert spanish.body.startswith("Hola, Bo Other:")
    assert "Hay una votación abierta" in spanish.body
    assert f"/es/members/proposals/{proposal.pk}/" in spanish.body
    # Dates follow the language too.
    months = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ]
    assert any(month in spanish.body for month in months)
