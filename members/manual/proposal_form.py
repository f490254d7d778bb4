"""The field a manual amendment asks for in the members' proposal form: which draft.

A new draft is written, and put to a vote with it, on the manual's amendment page
(`draft_amendment`). Here a member puts an earlier draft to a vote again: one whose vote was
withdrawn or did not pass, written against the version still in force, and named by no
other vote that is waiting, open or passed. The payload names the draft exactly as
`draft_amendment` does, so the registered effect publishes that revision or refuses.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.effects import ProposalFields
from members.models import Kind, ManualAmendment, Proposal

from .outline import current_manual, current_version


def open_drafts():
    """Drafts that may be put to a vote again, newest first."""
    page = current_manual()
    current = current_version(page)
    if current is None:
        return ManualAmendment.objects.none()
    ended = Q(proposal__status=Proposal.Status.WITHDRAWN) | Q(
        proposal__status=Proposal.Status.CLOSED, proposal__outcome=Proposal.Outcome.FAILED
    )
    named = Proposal.objects.filter(kind=Kind.MANUAL_AMENDMENT).exclude(
        Q(status=Proposal.Status.WITHDRAWN)
        | Q(status=Proposal.Status.CLOSED, outcome=Proposal.Outcome.FAILED)
    )
    taken = {p.payload.get("revision_id") for p in named.only("payload")}
    return (
        ManualAmendment.objects.filter(ended, page=page, base_version=current)
        .exclude(revision_id__in=[pk for pk in taken if pk is not None])
        .select_related("proposal")
    )


class DraftChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(title)s (drafted %(day)s)") % {
            "title": obj.proposal.title,
            "day": obj.created_at.date().isoformat(),
        }


class AmendmentDraftFields(ProposalFields, forms.Form):
    draft = DraftChoiceField(
        label=_("The draft to adopt"),
        queryset=ManualAmendment.objects.none(),
        empty_label=_("Choose a draft"),
        help_text=_(
            "Earlier drafts whose vote was withdrawn or did not pass, written against the "
            "manual in force."
        ),
    )

    def __init__(self, *args, proposer=None, **kwargs):
        self.proposer = proposer
        super().__init__(*args, **kwargs)
        self.fields["draft"].queryset = open_drafts()

    def payload(self):
        draft = self.cleaned_data["draft"]
        return {
            "page_id": draft.page_id,
            "revision_id": draft.revision_id,
            "base_version": draft.base_version.number,
            "redrafted_from": draft.pk,
        }

    def subject(self):
        return None
