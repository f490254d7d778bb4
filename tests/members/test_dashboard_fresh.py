"""The dashboard and the manual read little from the database (issue 16) and what they cache
is the same for every member: a vote, a proposal opened or closed, an amendment going live,
an editorial fix, a fee change or a payment shows on the very next request, and nothing of
one member's reaches another."""

import pytest
from django.urls import reverse
from django.utils import timezone

from billing import cycles
from billing.factories import pay
from billing.models import Payment
from members import manual, voting
from members.factories import make_open_proposal, pass_proposal
from members.models import ManualAcknowledgement, ManualPage, Member, Proposal
from tests.members.manual.helpers import admin_request, amend

pytestmark = pytest.mark.django_db

DASHBOARD = "/en/members/dashboard/"
MANUAL = "/en/members/manual/"


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def waiting_section(html):
    return html.split('id="waiting"')[1].split("</section>")[0]


def decided_section(html):
    return html.split('id="decided"')[1].split("</section>")[0]


def test_a_proposal_opened_voted_on_and_closed_shows_at_once(client, member, other):
    client.force_login(member.user)
    page_text(client, DASHBOARD)
    proposal = make_open_proposal(other, title="Paint the office teal")
    assert "Paint the office teal" in waiting_section(page_text(client, DASHBOARD))
    voting.cast_vote(proposal.pk, member, "yes", now=proposal.opens_at)
    html = page_text(client, DASHBOARD)
    assert "Paint the office teal" not in waiting_section(html)
    assert "Paint the office teal" not in decided_section(html)
    pass_proposal(proposal, voters=[other])
    assert "Paint the office teal" in decided_section(page_text(client, DASHBOARD))


def test_a_scheduled_amendment_shows_opening_soon_and_counts(client, member, other):
    client.force_login(member.user)
    before = page_text(client, DASHBOARD)
    amendment = amend(manual.current_manual(), other, "group-buying", "Buy in bulk, together.")
    html = page_text(client, DASHBOARD)
    assert amendment.proposal.status in (Proposal.Status.SCHEDULED, Proposal.Status.OPEN)
    assert amendment.proposal.title in html
    assert "waiting for a vote." in html and html != before


def test_an_amendment_going_live_shows_on_the_manual_and_the_dashboard(client, member, other):
    client.force_login(member.user)
    page = manual.current_manual()
    number = manual.current_version(page).number
    page_text(client, MANUAL)  # the manual in force and its body are cached now
    page_text(client, reverse("members:manual_print"))
    amendment = amend(page, other, "group-buying", "Bulk orders are shared by lot.")
    pass_proposal(amendment.proposal, voters=list(Member.objects.active()), choice="yes")
    assert manual.current_version(page).number == number + 1
    dashboard = page_text(client, DASHBOARD)
    assert f"Version {number + 1} of the manual is in force" in dashboard
    for url in (MANUAL, reverse("members:manual_print")):
        html = page_text(client, url)
        assert "Bulk orders are shared by lot." in html, url
        assert f"Version {number + 1}" in html, url
    assert "Last changed in version" in page_text(client, MANUAL)


def test_an_editorial_fix_shows_at_once(client, member):
    client.force_login(member.user)
    page = manual.current_manual()
    page_text(client, MANUAL)
    request = admin_request("Typo in the intro")
    manual.before_admin_publish(request, page)
    draft = ManualPage.objects.get(pk=page.pk)
    draft.intro = "A corrected introduction."
    version = manual.editorial_publish(draft.save_revision(), request.user, "Typo in the intro")
    html = page_text(client, MANUAL)
    assert "A corrected introduction." in html
    assert f"Version {version.number}" in html and "Typo in the intro" in html


def test_one_members_confirmation_is_theirs_alone(client, member, other):
    version = manual.current_version(manual.current_manual())
    client.force_login(other.user)
    page_text(client, DASHBOARD)
    page_text(client, MANUAL)
    ManualAcknowledgement.objects.create(
        member=other, version=version, acknowledged_at=timezone.now()
    )
    assert "you have confirmed reading it" in page_text(client, DASHBOARD)
    assert "You confirmed that you have read" in page_text(client, MANUAL)
    client.force_login(member.user)
    assert "you have not yet confirmed reading it" in page_text(client, DASHBOARD)
    assert "You confirmed that you have read" not in page_text(client, MANUAL)


def card_payment(member, cycle, cents, status, days=0):
    return pay(member, cycle, cents, days=days, method=Payment.Method.STRIPE, status=status)


def test_a_fee_change_and_a_payment_show_at_once(client, member):
    cycle = cycles.current_cycle()
    assert cycle is not None  # the demo has one
    client.force_login(member.user)
    page_text(client, DASHBOARD)
    cycle.fee_cents = 12345
    cycle.save(update_fields=["fee_cents"])
    html = page_text(client, DASHBOARD)
    assert "$123.45" in html and "You have paid $0.00 in this cycle." in html
    card_payment(member, cycle, 4200, Payment.Status.FAILED)
    assert "Your payment of $42.00" in page_text(client, DASHBOARD)
    card_payment(member, cycle, 5000, Payment.Status.SUCCEEDED, days=1)
    html = page_text(client, DASHBOARD)
    assert "You have paid $50.00 in this cycle." in html and "Your payment of" not in html


def test_a_cycle_closing_or_opening_shows_at_once(client, member):
    cycle = cycles.current_cycle()
    client.force_login(member.user)
    assert "Your monthly share this cycle is" in page_text(client, DASHBOARD)
    cycle.status = cycle.Status.PLANNED  # no cycle runs today now
    cycle.save(update_fields=["status"])
    html = page_text(client, DASHBOARD)
    assert "No fee cycle has started yet." in html and "Your monthly share" not in html
    cycle.status = cycle.Status.OPEN
    cycle.save(update_fields=["status"])
    assert "Your monthly share this cycle is" in page_text(client, DASHBOARD)


def test_one_members_payments_are_theirs_alone(client, member, other):
    cycle = cycles.current_cycle()
    client.force_login(member.user)
    page_text(client, DASHBOARD)
    card_payment(member, cycle, 4200, Payment.Status.FAILED)
    assert "Your payment of $42.00" in page_text(client, DASHBOARD)
    client.force_login(other.user)
    html = page_text(client, DASHBOARD)
    assert "Your payment of" not in html and "You have paid $0.00 in this cycle." in html


def test_one_members_votes_and_visits_are_theirs_alone(client, member, other):
    proposal = make_open_proposal(other, title="Paint the office teal")
    client.force_login(member.user)
    page_text(client, MANUAL)  # member's visit is recorded, other's is not
    voting.cast_vote(proposal.pk, member, "yes", now=proposal.opens_at)
    assert "Paint the office teal" not in waiting_section(page_text(client, DASHBOARD))
    client.force_login(other.user)
    assert "Paint the office teal" in waiting_section(page_text(client, DASHBOARD))
    assert "you last saw version" not in page_text(client, MANUAL)
