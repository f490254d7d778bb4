"""The decisions register: kinds whose result is a decision write an entry when they pass.

Registered from `MembersConfig.ready()`: administrative staffing, admin pay, adopting a shared
service and general proposals. Each effect adds one `Decision` (what was decided, from when,
which vote) and returns a `Carried` linking to it, so the proposal's outcome can say so.
"""

from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from . import effects
from .kind_forms import PayFields, ServiceFields, StaffingFields
from .models import Decision, Kind

DECISION_KINDS = (Kind.ADMIN_STAFFING, Kind.ADMIN_PAY, Kind.SHARED_SERVICE, Kind.GENERAL)

FORMS = {
    Kind.ADMIN_STAFFING: StaffingFields,
    Kind.ADMIN_PAY: PayFields,
    Kind.SHARED_SERVICE: ServiceFields,
}

# Where each kind's payload keeps its effective date and its amount.
_DATE_KEYS = ("effective_from", "starts_on")
_AMOUNT_KEYS = ("amount_cents", "cost_cents")


def _effective_from(payload, decided_at):
    for key in _DATE_KEYS:
        if payload.get(key):
            return date.fromisoformat(payload[key])
    return timezone.localdate(decided_at)


def _amount(payload):
    for key in _AMOUNT_KEYS:
        if payload.get(key) is not None:
            return int(payload[key])
    return None


def _text(proposal):
    payload = proposal.payload or {}
    lead = payload.get("change") or payload.get("service") or payload.get("position") or ""
    return f"{lead}\n\n{proposal.body}".strip() if lead else proposal.body


def record_decision(proposal):
    """The effect: the register's entry for `proposal`, once however often it runs."""
    payload = proposal.payload or {}
    decided_at = proposal.closed_at or timezone.now()
    decision, _created = Decision.objects.get_or_create(
        proposal=proposal,
        defaults={
            "kind": proposal.kind,
            "title": proposal.title,
            "text": _text(proposal),
            "effective_from": _effective_from(payload, decided_at),
            "decided_at": decided_at,
            "amount_cents": _amount(payload),
            "details": payload,
        },
    )
    return effects.Carried(
        gettext_noop("Added to the decisions register: %(title)s, effective %(day)s."),
        {"title": decision.title, "day": decision.effective_from.isoformat()},
        url_name="members:decision",
        url_kwargs={"pk": decision.pk},
    )


def search(*, kind="", text=""):
    """The register, newest first, filtered by kind and by words in the title or the text."""
    decisions = Decision.objects.select_related("proposal")
    if kind:
        decisions = decisions.filter(kind=kind)
    for word in text.split()[:10]:
        decisions = decisions.filter(Q(title__icontains=word) | Q(text__icontains=word))
    return decisions


def register_effects():
    for kind in DECISION_KINDS:
        effects.register(kind, record_decision)
    for kind, form_class in FORMS.items():
        effects.register_form(kind, form_class)
