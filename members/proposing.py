"""Making a proposal from the members' form: which kinds it offers, and what each asks for.

A kind is offered when a passed vote of that kind can be carried out (an effect is
registered for it: the decision kinds' is the register entry) and the form can make it:
onboarding comes from an application only, and a kind whose effect reads fields of its own
is offered once its owner registers the form that asks for them (`effects.register_form`).
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import effects, voting
from .forms import ProposalForm
from .models import Kind

# Made by another flow, never from the form.
ELSEWHERE = {Kind.ONBOARD_PROVIDER}
# Their effects need fields of their own: without a registered form they would fail.
NEEDS_FIELDS = {Kind.CYCLE_BUDGET, Kind.SHARED_FUND, Kind.MANUAL_AMENDMENT, Kind.END_CONTRACT}

WHAT_IT_DOES = {
    Kind.ADMIN_STAFFING: _(
        "Changes the co-op's administrative staff from a day you name. If it passes, the "
        "decision goes in the decisions register."
    ),
    Kind.ADMIN_PAY: _(
        "Sets the pay of an administrative position from a day you name. If it passes, the "
        "decision goes in the decisions register."
    ),
    Kind.MANUAL_AMENDMENT: _(
        "Puts a draft of the manual to a vote. If it passes, that draft becomes the manual "
        "in force."
    ),
    Kind.END_CONTRACT: _(
        "Ends a provider's contract if it passes. The provider is told at once and may be "
        "heard before the vote closes."
    ),
    Kind.REMOVE_PARENT: _(
        "Removes the parent company: if it passes, its representatives lose their role."
    ),
    Kind.CYCLE_BUDGET: _("Sets the next cycle's budget, and with it the fee each provider pays."),
    Kind.SHARED_SERVICE: _(
        "Adopts a shared service at a cost, from a day you name. If it passes, the decision "
        "goes in the decisions register."
    ),
    Kind.SHARED_FUND: _(
        "Spends from a shared fund: if it passes, the treasurer pays out the approved amount."
    ),
    Kind.GENERAL: _(
        "Any other question for the members. If it passes, the decision goes in the "
        "decisions register."
    ),
}


def offered_kinds():
    """The kinds the form offers, in the order of `Kind`."""
    return [
        kind
        for kind in Kind
        if kind not in ELSEWHERE
        and effects.has_effects(kind)
        and (kind not in NEEDS_FIELDS or effects.form_for(kind) is not None)
    ]


def is_offered(kind):
    return kind in {str(k) for k in offered_kinds()}


def choices():
    """(kind, label, what a passed vote does) for the first step of the form."""
    return [(kind, kind.label, WHAT_IT_DOES.get(kind, "")) for kind in offered_kinds()]


class KindProposal:
    """The form for one kind: title, text and voting period, and the kind's own fields."""

    def __init__(self, kind, data=None, *, proposer):
        self.kind = Kind(kind)
        self.proposer = proposer
        self.form = ProposalForm(data, kind=self.kind)
        form_class = effects.form_for(self.kind)
        self.fields = form_class(data, proposer=proposer) if form_class else None

    @property
    def forms(self):
        return [f for f in (self.form, self.fields) if f is not None]

    def is_valid(self):
        checked = [f.is_valid() for f in self.forms]  # every form checked, every error shown
        return all(checked)

    def add_error(self, message):
        self.form.add_error(None, message)

    def save(self):
        """The proposal, with what the kind's fields did once it exists, or nothing at all.

        Raises `voting.VotingError` when the kind's rules refuse it."""
        data = self.form.cleaned_data
        fields = self.fields
        with transaction.atomic():
            proposal = voting.propose(
                kind=self.kind,
                title=data["title"],
                body=data["body"],
                proposer=self.proposer,
                subject=fields.subject() if fields else None,
                payload=fields.payload() if fields else {},
                voting_hours=(data["voting_days"] or 0) * 24,
            )
            proposed = getattr(fields, "proposed", None)
            if proposed is not None:
                proposed(proposal)
        return proposal
