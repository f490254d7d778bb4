"""Secret ballots: nothing in the schema links a member to what they chose."""

import pytest
from django.apps import apps
from django.db import connection, models

from members import voting
from members.factories import make_open_proposal
from members.models import Elector, SecretBallot

pytestmark = pytest.mark.django_db


def test_no_column_links_a_member_to_a_secret_ballot_choice():
    with connection.cursor() as cursor:
        columns = {
            c.name
            for c in connection.introspection.get_table_description(
                cursor, SecretBallot._meta.db_table
            )
        }
    assert columns == {"id", "proposal_id", "receipt", "choice", "is_current"}
    # The only relation out of a ballot is to its proposal; no time of casting is kept.
    for field in SecretBallot._meta.concrete_fields:
        assert not isinstance(field, models.DateField | models.DateTimeField | models.TimeField)
        if field.is_relation:
            assert field.related_model._meta.label == "members.Proposal"
    assert isinstance(SecretBallot._meta.pk, models.UUIDField)
    # And nothing anywhere points at a ballot.
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete:
                assert field.related_model is not SecretBallot, f"{model} links to ballots"
    # Participation (who) holds no choice.
    assert {f.name for f in Elector._meta.concrete_fields} == {
        "id",
        "proposal",
        "member",
        "has_voted",
    }


def test_ballot_order_does_not_follow_voting_order(member):
    """Random UUID keys and receipts: listing ballots does not replay the order of voting."""
    from members.factories import make_member

    voters = [make_member(f"Voter {i}") for i in range(40)]
    proposal = make_open_proposal(member, kind="admin_pay")
    receipts = [voting.cast_vote(proposal.pk, v, "yes").receipt for v in voters]
    by_pk = list(
        SecretBallot.objects.filter(proposal=proposal)
        .order_by("pk")
        .values_list("receipt", flat=True)
    )
    listed = list(SecretBallot.objects.filter(proposal=proposal).values_list("receipt", flat=True))
    position = {r: i for i, r in enumerate(receipts)}
    n = len(receipts)

    def spearman(order):
        d2 = sum((position[r] - i) ** 2 for i, r in enumerate(order))
        return 1 - 6 * d2 / (n * (n * n - 1))

    assert abs(spearman(by_pk)) < 0.6 and abs(spearman(listed)) < 0.6
