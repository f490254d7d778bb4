"""Log in by email, sessions (C4), password reset and change, joining, leaving, the dashboard."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.factories import make_open_proposal
from members.models import Kind, Member, Proposal
from tests.conftest import PASSWORD
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def login(client, email, password=PASSWORD):
    return client.post(reverse("members:login"), {"username": email, "password": password})


def test_login_by_email_any_case_rotates_the_session_key(client, member):
    client.get(reverse("members:login"))
    client.session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = login(client, member.user.email.upper())
    assert response.status_code == 302 and response["Location"] == reverse("members:home")
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after and after != before
    assert client.get(reverse("members:dashboard")).status_code == 200


def test_a_wrong_password_is_refused(client, member):
    response = login(client, member.user.email, "not-the-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_kills_the_session_so_the_old_cookie_is_useless(member):
    client = Client()
    login(client, member.user.email)
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.post(reverse("members:logout")).status_code == 302
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = stolen
    response = replay.get(reverse("members:dashboard"))
    assert response.status_code == 302 and reverse("members:login") in response["Location"]


def test_deactivated_user_is_logged_out(member):
    client = Client()
    login(client, member.user.email)
    get_user_model().objects.filter(pk=member.user.pk).update(is_active=False)
    assert client.get(reverse("members:dashboard")).status_code == 302


def test_changing_the_password_logs_out_other_sessions(member):
    here, elsewhere = Client(), Client()
    login(here, member.user.email)
    login(elsewhere, member.user.email)
    new = "another-long-password-77"
    response = here.post(
        reverse("members:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert here.get(reverse("members:dashboard")).status_code == 200
    assert elsewhere.get(reverse("members:dashboard")).status_code == 302


def test_password_reset_by_email(client, member):
    mail.outbox.clear()
    client.post(reverse("members:password_reset"), {"email": member.user.email})
    assert mail.outbox == []  # queued in the request, sent by the worker
    run_tasks()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.user.email]
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    new = "a-brand-new-password-99"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert login(Client(), member.user.email, new).status_code == 302


def test_password_reset_for_an_unknown_address_says_the_same(client):
    mail.outbox.clear()
    response = client.post(reverse("members:password_reset"), {"email": "nobody@example.org"})
    run_tasks()
    assert response.status_code == 302 and mail.outbox == []


def test_a_password_reset_is_written_in_the_members_language(client, member):
    member.language = "es"
    member.save()
    mail.outbox.clear()
    client.post(reverse("members:password_reset"), {"email": member.user.email})
    client.post(reverse("members:password_reset"), {"email": member.user.email})
    run_tasks()
    assert len(mail.outbox) == 1  # the same reset asked twice at once: one email
    assert "/es/" in re.search(r"https?://\S+", mail.outbox[0].body).group(0)


def test_joining_creates_an_applicant_and_an_onboarding_proposal(client):
    data = {
        "display_name": "Fay Newcomer, LMHC",
        "email": "Fay@Example.org",
        "profession": "Mental health counselor",
        "license_number": "LH61111111",
        "license_state": "Washington",
        "application_text": "I see adults and couples.",
        "password1": "fay-long-password-2026",
        "password2": "fay-long-password-2026",
    }
    response = client.post(reverse("members:join"), data)
    assert response.status_code == 200 and "Application received" in response.content.decode()
    member = Member.objects.get(user__email="fay@example.org")
    assert member.status == Member.Status.APPLICANT
    proposal = Proposal.objects.get(kind=Kind.ONBOARD_PROVIDER, subject=member)
    assert proposal.is_open and proposal.proposer is None
    assert not proposal.electors.filter(member=member).exists()
    # The same address again: the same answer, and nothing new is created.
    response = client.post(reverse("members:join"), {**data, "display_name": "Impostor"})
    assert "Application received" in response.content.decode()
    assert Member.objects.filter(user__email__iexact="fay@example.org").count() == 1
    # The applicant logs in and follows the application.
    assert login(Client(), "fay@example.org", "fay-long-password-2026").status_code == 302


def test_join_refuses_a_short_password(client):
    response = client.post(
        reverse("members:join"),
        {
            "display_name": "G",
            "email": "g@example.org",
            "profession": "p",
            "license_number": "L1",
            "license_state": "Washington",
            "application_text": "t",
            "password1": "short-pw-11",
            "password2": "short-pw-11",
        },
    )
    assert response.status_code == 200 and "password1" in response.context["form"].errors


def test_leaving_through_the_confirmation_page(
    client, member, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member.user)
    page = client.get(reverse("members:leave")).content.decode()
    assert "directory" in page and "payments stop" in page and "surplus" in page
    # One slip of the finger is not enough: the box must be ticked.
    response = client.post(reverse("members:leave"))
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:leave"), {"confirm": "yes"})
    assert response["Location"] == reverse("members:goodbye")
    run_tasks()  # the worker delivers the outbox
    # The member keeps a written confirmation of when it ended and where their records are.
    assert [m.to for m in mailoutbox] == [[member.user.email]]
    assert reverse("members:goodbye") in mailoutbox[0].body
    member.refresh_from_db()
    assert member.status == Member.Status.LEAVING
    assert client.get(reverse("members:dashboard"))["Location"] == reverse("members:goodbye")


def test_dashboard_lists_what_waits_for_my_vote_and_what_was_decided(client, member, other):
    from members import voting

    waiting = make_open_proposal(member, title="WAITING-ONE")
    done = make_open_proposal(member, title="DECIDED-ONE")
    voting.close_proposal(done.pk, now=done.closes_at, notify=False)
    client.force_login(member.user)
    page = client.get(reverse("members:dashboard")).content.decode()
    assert "WAITING-ONE" in page and "left" in page
    assert "DECIDED-ONE" in page
    assert "billing" in page
    voting.cast_vote(waiting.pk, member, "yes")
    page = client.get(reverse("members:dashboard")).content.decode()
    assert "WAITING-ONE" not in page


def test_voting_through_the_page(client, member):
    proposal = make_open_proposal(member)
    client.force_login(member.user)
    url = reverse("members:vote", args=[proposal.pk])
    response = client.post(url, {"choice": "yes"}, follow=True)
    assert "Your vote is recorded" in response.content.decode()
    response = client.post(url, {"choice": "no"}, follow=True)
    assert "Your vote is changed" in response.content.decode()
    response = client.post(url, {"choice": "bogus"})
    # The ballot comes back with what to fix, and the vote held stays as it was.
    assert response.status_code == 400 and "Choose yes, no or abstain." in response.content.decode()
    assert proposal.votes.get(is_current=True).choice == "no"


def test_proposing_through_the_page(client, member, other):
    client.force_login(member.user)
    response = client.post(
        reverse("members:proposal_new"),
        {"kind": Kind.END_CONTRACT, "title": "End it", "body": "Reasons."},
    )
    assert response.status_code == 200 and "member" in response.context["fields"].errors
    response = client.post(
        reverse("members:proposal_new"),
        {
            "kind": Kind.SHARED_SERVICE,
            "title": "A shared EHR",
            "body": "Cheaper together.",
            "service": "Acme EHR",
            "cost_cents": "300",
            "period": "month",
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    proposal = Proposal.objects.get(title="A shared EHR")
    assert response["Location"] == reverse("members:proposal", args=[proposal.pk])
    assert proposal.proposer == member and proposal.status == Proposal.Status.SCHEDULED


def test_members_can_read_a_proposals_log(client, member):
    proposal = make_open_proposal(member)
    client.force_login(member.user)
    page = client.get(reverse("members:proposal_log", args=[proposal.pk])).content.decode()
    # Plain-language events, not the log's codes.
    assert "Made the proposal" in page and "Voting opened" in page
    assert "proposal.created" not in page


def test_a_closed_secret_ballot_publishes_receipts_not_names(client, member, other):
    from members import voting

    proposal = make_open_proposal(member, kind=Kind.ADMIN_PAY)
    receipt = voting.cast_vote(proposal.pk, other, "no").receipt
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    client.force_login(member.user)
    page = client.get(reverse("members:proposal", args=[proposal.pk])).content.decode()
    assert receipt in page and "Published ballots" in page
    assert "Bo Other: No" not in page


def test_a_closed_open_ballot_shows_who_voted_what(client, member, other):
    from members import voting

    proposal = make_open_proposal(member)
    voting.cast_vote(proposal.pk, other, "no")
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    client.force_login(member.user)
    page = client.get(reverse("members:proposal", args=[proposal.pk])).content.decode()
    assert "Bo Other: No" in page and "Quorum" in page


def test_the_members_area_works_in_spanish(client, member):
    client.force_login(member.user)
    response = client.get("/es/members/dashboard/")
    assert response.status_code == 200
    assert '<html lang="es"' in response.content.decode()
