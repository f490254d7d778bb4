"""What a passed manual amendment does, registered from `MembersConfig.ready()`.

The manual needs no precondition of its own when an amendment is proposed:
`amendments.draft_amendment` makes the draft and the proposal together, and a proposal that
names no draft fails when it is enacted, leaving the manual untouched (tested). From the
members' proposal form, an amendment asks for one of the open drafts (`proposal_form`).
"""

from django.utils.translation import gettext_noop

from members import effects
from members.models import Kind

from .amendments import enact_amendment
from .proposal_form import AmendmentDraftFields


def carry_out_amendment(proposal):
    """Publish the amendment's draft; say which version is now in force, with its link."""
    version = enact_amendment(proposal)
    return effects.Carried(
        gettext_noop("Version %(number)s of the manual is in force."),
        {"number": version.number},
        url_name="members:manual_version",
        url_kwargs={"number": version.number},
    )


def register_effects():
    effects.register(Kind.MANUAL_AMENDMENT, carry_out_amendment)
    effects.register_form(Kind.MANUAL_AMENDMENT, AmendmentDraftFields)
