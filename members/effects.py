"""What a passed proposal does, registered by the app that owns the consequence.

The voting engine only calls `check_preconditions()` and `enact()`, and imports no owner.
Each owning app has an `effects.py` whose `register_effects()` its `AppConfig.ready()` calls
(`billing/effects.py`, `resources/effects.py`, `members/membership.py`, the manual's), with:

* `register(kind, func)`: `func(proposal)` runs when a proposal of `kind` passes;
* `register_precondition(kind, func)`: `func(subject=..., payload=..., proposer=...)` runs
  before a proposal of `kind` is made and raises `members.voting.VotingError` to refuse it;
* `register_form(kind, form_class)`: the fields a proposal of `kind` asks for (see
  `ProposalFields`); a kind with no form class asks only for a title and text;
* `register_hook(name, func)`: `func(**kwargs)` runs when membership changes, whether by a
  vote or by a member leaving. Hook names: `MEMBER_ONBOARDED` (`member`; may return a draft
  directory page to link), `MEMBERSHIP_ENDED` (`member`, `reason`: "left" or
  "contract_ended"), `PARENT_COMPANY_REMOVED` (`proposal`, `representatives`).

Effects and hooks run inside the enactment transaction: anything that talks to the outside
world (Stripe, email) must defer itself with `transaction.on_commit`.

An effect may return a `Carried` (or a list of them): what it did, in words members read on
the proposal's outcome, with a link to the result (the manual version in force, the new fee,
the register entry). `enact()` stores them on the proposal as `enactment_results`.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

MEMBER_ONBOARDED = "member_onboarded"
MEMBERSHIP_ENDED = "membership_ended"
PARENT_COMPANY_REMOVED = "parent_company_removed"

# After this many failed attempts, `close_due_proposals` stops retrying; an admin can reset it.
MAX_ATTEMPTS = 5

EFFECTS: defaultdict[str, list[Callable]] = defaultdict(list)
PRECONDITIONS: defaultdict[str, list[Callable]] = defaultdict(list)
HOOKS: defaultdict[str, list[Callable]] = defaultdict(list)
FORMS: dict[str, type] = {}


@dataclass(frozen=True)
class Carried:
    """What an effect carried out, stored as JSON and translated when shown.

    `message` is an untranslated string marked with `gettext_noop`, with `%(name)s`
    placeholders filled from `params` (plain JSON values; money as integer cents under a
    key ending in `_cents` and days as ISO dates, both shown formatted); `url_name` and
    `url_kwargs` are reversed when shown, in the reader's language.
    """

    message: str
    params: dict = field(default_factory=dict)
    url_name: str = ""
    url_kwargs: dict = field(default_factory=dict)


class ProposalFields:
    """The interface of a kind's form class, given to `register_form` (a `django.forms.Form`).

    The proposal form adds the class's fields after title and text. After validation:
    `payload()` returns the JSON the effect reads (`proposal.payload`), and `subject()`
    the member the proposal is about, or None. The form is built as
    `form_class(data, proposer=member)`.
    """

    def payload(self) -> dict:  # pragma: no cover - interface only
        raise NotImplementedError

    def subject(self):  # pragma: no cover - interface only
        return None


def _add(registry, key, func):
    if func not in registry[key]:
        registry[key].append(func)
    return func


def register(kind, func):
    """Register `func(proposal)` for passed proposals of `kind` (once, however often called)."""
    return _add(EFFECTS, kind, func)


def register_precondition(kind, func):
    """Register `func(subject=, payload=, proposer=)`, run before a proposal of `kind`."""
    return _add(PRECONDITIONS, kind, func)


def register_form(kind, form_class):
    """Register the fields a proposal of `kind` asks for (see `ProposalFields`)."""
    FORMS[kind] = form_class
    return form_class


def form_for(kind):
    return FORMS.get(kind)


def register_hook(name, func):
    """Register `func(**kwargs)` for the membership hook `name`."""
    return _add(HOOKS, name, func)


def check_preconditions(kind, **fields):
    """Run `kind`'s preconditions; the first that refuses raises (see `register_precondition`)."""
    for func in list(PRECONDITIONS.get(kind, [])):
        func(**fields)


def run_hook(name, **kwargs):
    return [func(**kwargs) for func in list(HOOKS[name])]


def has_effects(kind):
    return bool(EFFECTS.get(kind))


def _as_list(returned):
    """The `Carried` results an effect returned; any other return value is not a report."""
    if isinstance(returned, Carried):
        return [returned]
    if isinstance(returned, list | tuple):
        return [item for item in returned if isinstance(item, Carried)]
    return []


def _name(func):
    return f"{func.__module__}.{func.__qualname__}"


def enact(proposal_id):
    """Carry out a passed proposal's effects exactly once; record a failure for a retry.

    Returns the proposal's enactment status afterwards.
    """
    from .models import Proposal
    from .models.audit import record

    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        if proposal.enactment_status not in (
            Proposal.Enactment.PENDING,
            Proposal.Enactment.FAILED,
        ):
            return proposal.enactment_status
        proposal.enactment_attempts += 1
        funcs = list(EFFECTS.get(proposal.kind, []))
        results: list[Carried] = []
        try:
            with transaction.atomic():
                for func in funcs:
                    results.extend(_as_list(func(proposal)))
        except Exception as exc:
            logger.exception("Enacting proposal %s failed", proposal.pk)
            proposal.enactment_status = Proposal.Enactment.FAILED
            proposal.enactment_error = f"{type(exc).__name__}: {exc}"
            record(
                "enactment.failed",
                proposal=proposal,
                detail={"attempt": proposal.enactment_attempts, "error": type(exc).__name__},
            )
            if proposal.enactment_attempts >= MAX_ATTEMPTS:
                from . import emails  # the treasurer and admins hear of the final failure

                emails.enactment_failed(proposal)
        else:
            proposal.enactment_status = Proposal.Enactment.DONE
            proposal.enactment_error = ""
            proposal.enacted_at = timezone.now()
            proposal.enactment_results = [asdict(result) for result in results]
            record(
                "enactment.done",
                proposal=proposal,
                detail={"effects": [_name(f) for f in funcs]},
            )
        proposal.save(
            update_fields=[
                "enactment_status",
                "enactment_error",
                "enactment_attempts",
                "enacted_at",
                "enactment_results",
            ]
        )
        return proposal.enactment_status
