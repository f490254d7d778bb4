"""What a passed manual amendment does, registered from `MembersConfig.ready()`.

The manual needs no precondition of its own when an amendment is proposed:
`amendments.draft_amendment` makes the draft and the proposal together, and a proposal that
names no draft fails when it is enacted, leaving the manual untouched (tested). From the
members' proposal form, an amendment asks for one of the open drafts (`proposal_form`).
`enact_amendment` returns what the outcome says: the version now in force, with its link.
"""

from members import effects
from members.models import Kind

from .amendments import enact_amendment
from .proposal_form import AmendmentDraftFields


def register_effects():
    effects.register(Kind.MANUAL_AMENDMENT, enact_amendment)
    effects.register_form(Kind.MANUAL_AMENDMENT, AmendmentDraftFields)
