import pytest

from members.factories import make_member, make_open_proposal
from members.models import Member
from tests.conftest import PASSWORD


@pytest.fixture
def applicant(db):
    return make_member("Cy Applicant", status=Member.Status.APPLICANT, password=PASSWORD)


@pytest.fixture
def former(db):
    return make_member("Di Former", status=Member.Status.FORMER, password=PASSWORD)


@pytest.fixture
def open_proposal(member):
    """An open, non-secret general proposal with no notice."""
    return make_open_proposal(member)
