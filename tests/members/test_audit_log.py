"""Issue 13, point 6: the audit log, readable by members and checkable by anyone with a shell.

Tampering bypasses the append-only guards as an attacker with database access would: raw SQL,
and on PostgreSQL with the append-only trigger switched off for the session."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from background import schedule
from members import voting
from members.factories import make_member, make_open_proposal
from members.models import AuditEntry, Kind, VoteRule
from members.models.audit import record
from tests.conftest import PASSWORD
from tests.otp import verified_admin_login
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db
TABLE = AuditEntry._meta.db_table


def raw(sql, params):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # triggers off
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


def tamper(entry, detail='{"n": 99}'):
    raw(f"UPDATE {TABLE} SET detail = %s WHERE id = %s", [detail, entry.pk])  # noqa: S608


def remove(entry):
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])  # noqa: S608


@pytest.fixture
def chain():
    return [record("test.event", detail={"n": n}) for n in range(5)]


def test_verify_audit_log_passes_an_intact_chain(chain, capsys):
    call_command("verify_audit_log")
    out = capsys.readouterr().out
    assert "intact" in out and chain[-1].hash in out


def test_verify_audit_log_reports_the_first_changed_entry(chain):
    tamper(chain[3])
    tamper(chain[1])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit_log")
    message = str(error.value)
    assert f"entry {chain[1].pk} " in message and "changed after it was written" in message
    assert f"entry {chain[3].pk} " not in message


def test_verify_audit_log_reports_a_removed_entry_where_the_link_breaks(chain):
    remove(chain[2])
    with pytest.raises(CommandError, match=f"entry {chain[3].pk} .*removed or inserted"):
        call_command("verify_audit_log")


def test_the_nightly_check_emails_the_admins_once_about_a_break(chain):
    admin = get_user_model().objects.create_superuser("root2", "root2@example.org", "x" * 16)
    job = next(j for j in schedule.jobs() if j.name == "audit-log-check")
    assert job.period >= timedelta(days=1)
    mail.outbox.clear()
    job.task.enqueue()
    run_tasks()
    assert [m for m in mail.outbox if admin.email in m.to] == []  # intact: nothing to say
    tamper(chain[2])
    job.task.enqueue()
    job.task.enqueue()  # the next night, still broken
    run_tasks()
    sent = [m for m in mail.outbox if admin.email in m.to]
    assert len(sent) == 1
    assert f"entry {chain[2].pk} " in sent[0].body and "/admin/audit-log/" in sent[0].body


def test_the_admin_view_shows_where_the_chain_breaks(client, chain):
    admin = get_user_model().objects.create_superuser("root3", "root3@example.org", "x" * 16)
    verified_admin_login(client, admin)
    url = reverse("audit_log_admin")
    assert "The chain is intact" in client.get(url).content.decode()
    tamper(chain[4])
    page = client.get(url).content.decode()
    assert "The chain is broken" in page and f"entry {chain[4].pk} " in page
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()


# --- The members' view ----------------------------------------------------------------------


def log_page(client, **query):
    response = client.get(reverse("members:audit_log"), query)
    assert response.status_code == 200
    return response.content.decode()


def entries(html):
    """The log's table alone (the member filter's list names every member)."""
    return html.split("<table", 1)[1] if "<table" in html else ""


def test_members_read_plain_events_with_display_names(client, member, other):
    proposal = make_open_proposal(member, title="LOG-PRINTER")
    voting.cast_vote(proposal.pk, other, "no")
    voting.add_comment(proposal.pk, other, "Hm.")
    client.force_login(member.user)
    page = entries(log_page(client))
    assert "LOG-PRINTER" in page and "Made the proposal" in page and "Commented" in page
    assert "Bo Other" in page and other.user.username not in page
    assert "vote.cast" not in page and "proposal.created" not in page
    assert reverse("members:audit_log") in client.get(reverse("members:dashboard")).content.decode()
    proposal_log = client.get(reverse("members:proposal_log", args=[proposal.pk])).content.decode()
    assert reverse("members:audit_log") in proposal_log and "Bo Other" in entries(proposal_log)
    # An open ballot's choice is not in the log while the vote is open (results are hidden).
    assert ">No<" not in proposal_log and "(no)" not in proposal_log


def test_members_filter_the_log_by_kind_member_and_date(client, member, other):
    make_open_proposal(member, title="LOG-A")
    second = make_open_proposal(other, title="LOG-B")
    voting.add_comment(second.pk, member, "Fine.")
    client.force_login(member.user)
    comments = log_page(client, kind="comments")
    assert "Commented" in comments and "Made the proposal" not in comments
    mine = log_page(client, member=other.pk)
    assert "LOG-B" in mine and "LOG-A" not in mine
    today = timezone.localdate()
    assert "LOG-A" in log_page(client, since=today.isoformat(), until=today.isoformat())
    yesterday = (today - timedelta(days=1)).isoformat()
    assert "LOG-A" not in log_page(client, since="2000-01-01", until=yesterday)
    # Bad input gets a clear error, not a crash.
    assert "The end date is before the start date." in log_page(
        client, since=today.isoformat(), until=yesterday
    )
    assert "Enter a valid date." in log_page(client, since="not-a-date")


def test_a_secret_ballot_is_never_linked_to_a_member_in_the_log(client, member, other):
    VoteRule.objects.filter(kind=Kind.GENERAL).update(secret_ballot=True)
    voter = make_member("Secret Sam", password=PASSWORD)
    proposal = make_open_proposal(member, title="LOG-SECRET")
    voting.cast_vote(proposal.pk, voter, "yes")
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    client.force_login(member.user)
    page = entries(log_page(client))
    assert "A ballot was cast" in page and "Secret Sam" not in page
    assert "LOG-SECRET" not in log_page(client, member=voter.pk)
    proposal_log = client.get(reverse("members:proposal_log", args=[proposal.pk])).content.decode()
    assert "A ballot was cast" in proposal_log and "Secret Sam" not in proposal_log
    assert voter.user.username not in page + proposal_log


def test_only_active_members_read_the_log(client, applicant):
    assert client.get(reverse("members:audit_log")).status_code == 302
    client.force_login(applicant.user)
    assert client.get(reverse("members:audit_log")).status_code in (302, 403)
