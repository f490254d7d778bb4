"""The audit log is append-only (model and, on PostgreSQL, database) and tamper-evident."""

import pytest
from django.db import DatabaseError, connection, transaction

from members.factories import make_open_proposal
from members.models import AppendOnlyError, AuditEntry
from members.models.audit import record, verify_chain
from tests.conftest import on_postgresql

pytestmark = pytest.mark.django_db


def test_every_step_of_a_proposal_is_logged(member, other):
    from members import voting

    proposal = make_open_proposal(member)
    voting.cast_vote(proposal.pk, member, "yes")
    voting.cast_vote(proposal.pk, member, "no")
    voting.add_comment(proposal.pk, other, "Hm.")
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    actions = list(proposal.audit_entries.values_list("action", flat=True))
    assert actions == [
        "proposal.created",
        "proposal.opened",
        "vote.cast",
        "vote.changed",
        "comment.added",
        "proposal.closed",
    ]
    assert verify_chain() == []


def test_the_model_refuses_updates_and_deletes(member):
    entry = record("test.event", actor=member.user, detail={"n": 1})
    entry.action = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()


@on_postgresql
def test_the_database_refuses_updates_and_deletes_too():
    entry = record("test.event")
    table = AuditEntry._meta.db_table
    for sql in (
        f"UPDATE {table} SET action = 'x' WHERE id = %s",  # noqa: S608 - our own table name
        f"DELETE FROM {table} WHERE id = %s",  # noqa: S608
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])


def test_verify_flags_exactly_the_tampered_row():
    entries = [record("test.event", detail={"n": n}) for n in range(5)]
    assert verify_chain() == []
    victim = entries[2]
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What a superuser could do: switch triggers off for the session, then edit.
            cursor.execute("SET session_replication_role = replica")
        sql = f"UPDATE {table} SET detail = %s WHERE id = %s"  # noqa: S608 - our own table
        cursor.execute(sql, ['{"n": 99}', victim.pk])
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")
    assert verify_chain() == [victim.pk]
