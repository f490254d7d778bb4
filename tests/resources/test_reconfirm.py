"""A week before "accepting new clients" lapses the provider is emailed a signed link that
reconfirms it: once, until it expires, and never when forged."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.utils import timezone

from members.factories import make_member
from resources import reconfirm
from resources.models import ProviderPage
from tests.html import soup
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db
ANA = "/en/directory/ana-rivera/"


@pytest.fixture
def ana():
    """Ana's live profile, owned by a member, confirmed 25 days ago (lapses after 30)."""
    page = ProviderPage.objects.get(locale__language_code="en", slug="ana-rivera")
    member = make_member("Ana Rivera", email="ana.rivera@members.example")
    ProviderPage.objects.filter(translation_key=page.translation_key).update(
        account=member.user,
        accepting_new_clients=True,
        availability_confirmed_at=timezone.now() - timedelta(days=25),
    )
    page.refresh_from_db()
    return page


def emailed_link():
    run_tasks()  # the worker writes and sends the queued reminder
    [message] = [m for m in mail.outbox if m.to == ["ana.rivera@members.example"]]
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def test_the_provider_is_emailed_once_a_week_before_the_lapse(ana):
    mail.outbox.clear()
    ProviderPage.objects.filter(pk=ana.pk).update(
        availability_confirmed_at=timezone.now() - timedelta(days=22)
    )
    assert reconfirm.send_reminders() == 0  # eight days before: not yet
    ProviderPage.objects.filter(pk=ana.pk).update(
        availability_confirmed_at=timezone.now() - timedelta(days=25)
    )
    assert reconfirm.send_reminders() == 1
    run_tasks()
    assert reconfirm.send_reminders() == 0  # the daily job runs again: no second email
    run_tasks()
    [message] = mail.outbox
    assert message.subject == "Are you still accepting new clients?"
    assert "/en/members/profile/reconfirm/" in message.body


def test_the_link_reconfirms_once(client, ana):
    mail.outbox.clear()
    reconfirm.send_reminders()
    link = emailed_link()
    assert "Contact to ask" not in soup(client.get(ANA)).get_text()
    # Opening the link changes nothing (mail scanners open links); its button does.
    page = client.get(link)
    assert page.status_code == 200 and "are you still accepting" in page.content.decode()
    ana.refresh_from_db()
    assert ana.availability_confirmed_at < timezone.now() - timedelta(days=24)
    assert client.post(link).status_code == 200
    ana.refresh_from_db()
    assert timezone.now() - ana.availability_confirmed_at < timedelta(minutes=1)
    # The Spanish profile and the latest revision carry the new date too.
    spanish = ProviderPage.objects.get(
        translation_key=ana.translation_key, locale__language_code="es"
    )
    assert spanish.availability_confirmed_at == ana.availability_confirmed_at
    assert (
        ana.get_latest_revision_as_object().availability_confirmed_at
        == ana.availability_confirmed_at
    )
    # A second use is refused and changes nothing.
    again = client.post(link)
    assert again.status_code == 410 and "used already" in again.content.decode()
    before = ana.availability_confirmed_at
    ana.refresh_from_db()
    assert ana.availability_confirmed_at == before
    # Thirty days later, still accepting: the next reminder is a new email with a new link.
    with time_machine.travel(timezone.now() + timedelta(days=25)):
        mail.outbox.clear()
        assert reconfirm.send_reminders() == 1
        assert emailed_link() != link


def test_the_link_expires(client, ana):
    token = reconfirm.make_token(ana)
    with time_machine.travel(timezone.now() + reconfirm.LINK_VALID + timedelta(minutes=1)):
        response = client.post(f"/en/members/profile/reconfirm/{token}/")
    assert response.status_code == 410 and "expired" in response.content.decode()
    before = ana.availability_confirmed_at
    ana.refresh_from_db()
    assert ana.availability_confirmed_at == before


def test_a_forged_or_altered_link_is_refused(client, ana):
    token = reconfirm.make_token(ana)
    other = ProviderPage.objects.filter(locale__language_code="en").exclude(pk=ana.pk).first()
    payload = {"p": other.pk, "c": reconfirm._stamp(ana.availability_confirmed_at)}
    forged = [
        signing.dumps(payload, salt=reconfirm.SALT, key="not-our-secret-key"),
        signing.dumps(payload, salt="another.salt"),  # our key, signed for something else
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        token.replace(token.split(":")[0], signing.b64_encode(b'{"p":%d}' % other.pk).decode()),
    ]
    before = dict(ProviderPage.objects.values_list("pk", "availability_confirmed_at"))
    for bad in forged:
        response = client.post(f"/en/members/profile/reconfirm/{bad}/")
        assert response.status_code == 400, bad
        assert "not valid" in response.content.decode()
    assert before == dict(ProviderPage.objects.values_list("pk", "availability_confirmed_at"))
