"""The cached live figures and upcoming events of the home and principles pages
(home/live_figures.py): every change they count, and time passing, shows on the next request."""

import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from billing.factories import fresh_cycle
from billing.models import Cycle, Expense, Refund, Supplier
from events.models import EventKind, EventPage
from home import live_figures
from members.factories import make_member, make_open_proposal
from members.models import Proposal
from members.voting import close_proposal
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(db):
    from wagtail.models import Locale

    from events.models import EventIndexPage

    return EventIndexPage.objects.get(locale=Locale.get_default())


MEMBERS = "providers are members today, each with one vote"


def figure(client, label, url="/en/principles/"):
    html = client.get(url).content.decode()
    found = re.search(rf"<dt>{re.escape(label)}</dt><dd>([^<]*)</dd>", html)
    return found and found.group(1)


def held(client, kind_text):
    html = client.get("/en/principles/").content.decode()
    found = re.search(rf"<li>(\d+) {kind_text}", html)
    return int(found.group(1)) if found else None


def test_a_new_member_is_counted_on_the_next_request(client):
    before = int(figure(client, MEMBERS))
    assert int(figure(client, MEMBERS)) == before  # now from the cache
    make_member("Newly Joined")
    assert int(figure(client, MEMBERS)) == before + 1


def test_a_closed_vote_is_counted_at_once_and_leaves_the_year_a_year_later(client, member):
    label = "decisions taken by a members' vote in the last 12 months"
    label_html = label.replace("'", "&#x27;")
    before = int(figure(client, label_html))
    proposal = make_open_proposal(member, title="A shared printer")
    assert int(figure(client, label_html)) == before  # an open vote is not a decision
    close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    assert int(figure(client, label_html)) == before + 1
    closed_at = Proposal.objects.get(pk=proposal.pk).closed_at
    with time_machine.travel(closed_at + timedelta(days=365, seconds=1)):
        assert int(figure(client, label_html)) < before + 1


def test_this_cycles_spending_and_fee_show_at_once(client):
    cycle, _members = fresh_cycle(2, budget=20000)
    label = "Paid to cooperatives so far this cycle"
    assert figure(client, label) is None  # nothing spent yet
    coop = Supplier.objects.create(name="Sunrise Bookkeeping Cooperative", is_cooperative=True)
    Expense.objects.create(
        cycle=cycle, date=cycle.start, supplier=coop, category="other", amount_cents=2500
    )
    assert figure(client, label) == "$25.00 of $25.00"
    fee = figure(client, "Each provider's monthly share this cycle")
    cycle.fee_cents += 100
    cycle.save()
    assert figure(client, "Each provider's monthly share this cycle") != fee


def test_a_refund_of_the_last_cycle_shows_at_once(client):
    label = "Returned to providers at the end of the last cycle, in proportion to what each paid"
    before = figure(client, label)
    last = Cycle.objects.filter(status=Cycle.Status.CLOSED).order_by("-start").first()
    refund = Refund.objects.filter(cycle=last).first()
    assert refund.status in (Refund.Status.SUCCEEDED, Refund.Status.PAID, Refund.Status.DUE)
    refund.amount_cents += 100
    refund.save()
    assert figure(client, label) != before


def test_the_current_cycle_follows_the_calendar(client):
    cycle, _members = fresh_cycle(2, budget=20000, start=timezone.localdate() - timedelta(days=30))
    Expense.objects.create(
        cycle=cycle, date=cycle.start, payee="Big Box", category="other", amount_cents=2500
    )
    today = timezone.localdate()
    # Closing, ending today, written without a signal: the cached figure is still right today.
    Cycle.objects.filter(pk=cycle.pk).update(status=Cycle.Status.CLOSING, end=today)
    assert figure(client, "Paid to cooperatives so far this cycle") == "$0.00 of $25.00"
    tomorrow = datetime.combine(today + timedelta(days=1), time(0, 0, 1))
    with time_machine.travel(tomorrow.replace(tzinfo=timezone.get_default_timezone())):
        # Past its last day the cycle is no longer current: another's spending shows.
        assert figure(client, "Paid to cooperatives so far this cycle") != "$0.00 of $25.00"


def test_an_event_published_unpublished_or_over_shows_on_the_next_request(client, index):
    client.get("/en/")
    event = make_event(index, title="Tomorrow's ethics refresher", slug="refresher", days=1)
    for url in ("/en/", "/en/principles/"):
        assert "Tomorrow&#x27;s ethics refresher" in client.get(url).content.decode()
    event.unpublish()
    assert "Tomorrow&#x27;s ethics refresher" not in client.get("/en/").content.decode()
    event.save_revision().publish()
    assert "Tomorrow&#x27;s ethics refresher" in client.get("/en/").content.decode()
    with time_machine.travel(event.ends_at + timedelta(seconds=1)):
        assert "Tomorrow&#x27;s ethics refresher" not in client.get("/en/").content.decode()


def test_a_change_without_a_signal_holds_until_the_next_save(client, index):
    event = make_event(index, title="A moving training", days=2)
    assert "A moving training" in client.get("/en/").content.decode()
    EventPage.objects.filter(pk=event.pk).update(live=False)  # no signal: the cache holds
    assert "A moving training" in client.get("/en/").content.decode()
    event.refresh_from_db()
    event.save()  # any save of an event starts afresh
    assert "A moving training" not in client.get("/en/").content.decode()


def test_an_event_starting_counts_as_held(client, index):
    before = held(client, "CE training")
    event = make_event(index, title="A training held soon", days=1, kind=EventKind.TRAINING)
    assert held(client, "CE training") == before
    with time_machine.travel(event.starts_at + timedelta(seconds=1)):
        assert held(client, "CE training") == before + 1


def test_the_count_starts_again_with_the_new_year(client, index):
    zone = timezone.get_default_timezone()
    last_evening = datetime(timezone.localdate().year, 12, 31, 23, 59, tzinfo=zone)
    with time_machine.travel(last_evening):
        make_event(index, title="The last training", slug="last", days=0)
        assert held(client, "CE training") >= 1
    with time_machine.travel(last_evening + timedelta(minutes=2)):
        assert held(client, "CE training") == 0


def test_a_change_inside_a_transaction_starts_afresh_again_at_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        live_figures.invalidate()
    first = cache.get(live_figures.VERSION_KEY)
    for callback in callbacks:
        callback()
    assert cache.get(live_figures.VERSION_KEY) != first


def test_the_events_page_shows_a_new_rsvp_an_event_and_its_end_at_once(client, index, member):
    from events import rsvp

    event = make_event(index, title="A small training", slug="small", days=1, capacity=5)
    assert "5 seats left" in client.get("/en/events/").content.decode()
    rsvp.answer(event, member, going=True)
    assert "4 seats left" in client.get("/en/events/").content.decode()
    assert "A small training" not in client.get("/en/events/archive/").content.decode()
    with time_machine.travel(event.ends_at + timedelta(seconds=1)):
        assert "A small training" not in client.get("/en/events/").content.decode()
        assert "A small training" in client.get("/en/events/archive/").content.decode()


def test_the_home_and_principles_cards_count_the_seats_taken(client, index, member):
    from events import rsvp

    event = make_event(index, title="A small training", slug="small", days=1, capacity=5)
    for url in ("/en/", "/en/principles/"):
        assert "5 seats left" in card_of(client.get(url).content.decode(), "A small training")
    rsvp.answer(event, member, going=True)
    for url in ("/en/", "/en/principles/"):
        assert "4 seats left" in card_of(client.get(url).content.decode(), "A small training")


def card_of(html, title):
    """The markup of the event card titled `title`."""
    start = html.index(title)
    return html[start : html.index("</article>", start)]


def test_members_see_members_only_events_visitors_do_not(client, index, member):
    make_event(index, title="Members circle", slug="circle", days=3, members_only=True)
    assert "Members circle" not in client.get("/en/events/").content.decode()
    client.force_login(member.user)
    assert "Members circle" in client.get("/en/events/").content.decode()
    client.logout()
    assert "Members circle" not in client.get("/en/events/").content.decode()
