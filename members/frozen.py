"""Proposals are frozen once open: their text, kind and rules never change after voting
opens, by anyone, superusers included (withdraw and re-propose instead).

Every save of a proposal runs `check()` (a `pre_save` receiver `connect()` installs from
`MembersConfig.ready()`, so the models import no rules); the admin refuses the edit with a
message first (`members/wagtail_hooks.py`). Before opening, `changes()` says what an edit
changed, for the audit log.
"""

from django.utils.translation import gettext_lazy as _

from .models.proposals import RuleFields

FROZEN_FIELDS = ("kind", "title", "body", "subject", "payload", *RuleFields.RULE_FIELDS)


class ProposalFrozen(Exception):
    """A refused change to an open, closed or withdrawn proposal's text, kind or rules."""


MESSAGE = _(
    "Voting on this proposal has opened, so its text, kind and rules can no longer be "
    "changed by anyone. To change it, its proposer withdraws it (until the vote closes) "
    "and makes a new proposal."
)


def _value(instance, name):
    field = instance._meta.get_field(name)
    return getattr(instance, field.attname)


def is_frozen(proposal):
    """Frozen unless, as stored, it is still waiting for its vote to open."""
    from .models import Proposal

    if proposal.pk is None:
        return False
    stored = Proposal.objects.filter(pk=proposal.pk).values_list("status", flat=True).first()
    return stored is not None and stored != Proposal.Status.SCHEDULED


def snapshot(proposal):
    """The frozen fields' values as stored, or {} for a new proposal."""
    from .models import Proposal

    if proposal.pk is None:
        return {}
    stored = Proposal.objects.filter(pk=proposal.pk).first()
    return {name: _value(stored, name) for name in FROZEN_FIELDS} if stored else {}


def changes(before, proposal):
    """[{field, old, new}] for each frozen field `proposal` changes from `before`."""
    return [
        {"field": name, "old": before[name], "new": _value(proposal, name)}
        for name in FROZEN_FIELDS
        if name in before and before[name] != _value(proposal, name)
    ]


def refuse_frozen_changes(sender, instance, update_fields=None, **kwargs):
    check(instance, update_fields)


def connect():
    from django.db.models.signals import pre_save

    from .models import Proposal

    pre_save.connect(refuse_frozen_changes, sender=Proposal, dispatch_uid="proposal-frozen")


def check(proposal, update_fields=None):
    """Raise ProposalFrozen if saving `proposal` would change a frozen field after opening."""
    if proposal.pk is None or (
        update_fields is not None and not set(update_fields) & set(FROZEN_FIELDS)
    ):
        return
    if is_frozen(proposal) and changes(snapshot(proposal), proposal):
        raise ProposalFrozen(str(MESSAGE))
