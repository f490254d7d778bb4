import pytest

from members import manual
from members.models import Member


@pytest.fixture
def page(db):
    return manual.current_manual()


@pytest.fixture
def voters(member, other):
    """Everyone active, so quorum is met."""
    return list(Member.objects.active())
