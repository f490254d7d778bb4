"""An append-only, hash-chained log of everything that happens to proposals and votes."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """One event. Never updated or deleted: the model refuses, and on PostgreSQL a trigger too."""

    proposal = models.ForeignKey(
        "members.Proposal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
        help_text=_("The proposal this entry is about, if any."),
    )
    created_at = models.DateTimeField(help_text=_("When it happened."))
    actor = models.CharField(
        max_length=150,
        blank=True,
        help_text=_("Who did it (a username, or 'system'); a copy, not a link."),
    )
    action = models.CharField(max_length=40, help_text=_("What happened, e.g. 'vote.cast'."))
    detail = models.JSONField(
        default=dict, blank=True, help_text=_("Facts about the event; never a secret choice.")
    )
    prev_hash = models.CharField(max_length=64, help_text=_("The hash of the entry before."))
    hash = models.CharField(max_length=64, help_text=_("SHA-256 of prev_hash and this entry."))

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")

    def content(self):
        return json.dumps(
            {
                "proposal": self.proposal_id,
                "created_at": self.created_at.isoformat(),
                "actor": self.actor,
                "action": self.action,
                "detail": self.detail,
            },
            sort_keys=True,
            cls=DjangoJSONEncoder,
        )

    def compute_hash(self):
        return hashlib.sha256((self.prev_hash + self.content()).encode()).hexdigest()


def _normalise(detail):
    """Round-trip through JSON so the stored detail hashes the same when read back."""
    return json.loads(json.dumps(detail, cls=DjangoJSONEncoder))


def record(action, *, proposal=None, actor=None, detail=None):
    """Append one entry to the chain. Serialised so two writers never share a predecessor."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [0x4155444954])  # "AUDIT"
        last = AuditEntry.objects.order_by("-pk").values_list("hash", flat=True).first()
        if actor is None:
            label = "system"
        elif hasattr(actor, "get_username"):
            label = actor.get_username()
        else:
            label = str(actor)
        entry = AuditEntry(
            proposal=proposal,
            created_at=timezone.now(),
            actor=label,
            action=action,
            detail=_normalise(detail or {}),
            prev_hash=last or GENESIS,
        )
        # Microseconds do not survive every database the same way; hash what is stored.
        entry.created_at = entry.created_at.replace(microsecond=0)
        entry.hash = entry.compute_hash()
        entry.save()
        return entry


def verify_chain(entries=None):
    """Return the pks of entries whose hash or link does not match; [] means intact."""
    bad = []
    previous = GENESIS
    for entry in entries if entries is not None else AuditEntry.objects.order_by("pk").iterator():
        if entry.prev_hash != previous or entry.compute_hash() != entry.hash:
            bad.append(entry.pk)
        previous = entry.hash
    return bad
