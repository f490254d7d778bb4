"""A `Prepared` query is compiled once and run with each call's own keys and moments."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.factories import make_member
from members.models import Member
from members.prepared import Prepared

pytestmark = pytest.mark.django_db


def _build(member, since):
    return Member.objects.filter(pk=member, applied_at__gte=since).values("display_name")


named = Prepared(_build, "member", moments=("since",))


def test_each_call_gets_its_own_rows_in_one_counted_query():
    ana, bo = make_member("Ana Prepared"), make_member("Bo Prepared")
    Member.objects.filter(pk=ana.pk).update(applied_at=timezone.now() - timedelta(days=1))
    Member.objects.filter(pk=bo.pk).update(applied_at=timezone.now() - timedelta(days=10))
    a_week_ago = timezone.now() - timedelta(days=7)
    with CaptureQueriesContext(connection) as queries:
        assert named.all(member=ana.pk, since=a_week_ago) == [{"display_name": "Ana Prepared"}]
    assert len(queries) == 1
    assert named.all(member=bo.pk, since=a_week_ago) == []
    assert named.get(member=bo.pk, since=a_week_ago - timedelta(days=7)) == {
        "display_name": "Bo Prepared"
    }


def test_an_argument_the_query_does_not_use_is_refused():
    unused = Prepared(
        lambda member, page: Member.objects.filter(pk=member).values("pk"), "member", "page"
    )
    with pytest.raises(ValueError, match="page"):
        unused.all(member=1, page=2)
