"""Every email the site sends. A request stores one small `Notice` (what, about what, to whom)
in the transaction that caused it; the worker renders it into one `OutgoingMessage` per
recipient (outbox/mail.py) and delivers each (outbox/delivery.py)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OutgoingMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(
        max_length=255,
        unique=True,
        help_text=_("What the message is, about what, to whom: the same notice is queued once."),
    )
    kind = models.CharField(max_length=80, db_index=True, help_text=_("The kind of notice."))
    to_email = models.EmailField(max_length=254, help_text=_("The one recipient."))
    language = models.CharField(max_length=10, help_text=_("The language it is written in."))
    subject = models.CharField(max_length=255, help_text=_("The subject line."))
    body = models.TextField(help_text=_("The text, rendered when the message was queued."))
    message_id = models.CharField(
        max_length=255,
        unique=True,
        help_text=_(
            "The Message-ID header, the same on every attempt, so a copy resent after a crash "
            "can be recognised as the same message."
        ),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, help_text=_("Where it is.")
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text=_("Delivery attempts."))
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was queued."))
    next_attempt_at = models.DateTimeField(help_text=_("Not tried again before this time."))
    give_up_at = models.DateTimeField(help_text=_("After this time a failure is final."))
    lease_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("A worker sending it holds it until then; past it, a sweep requeues it."),
    )
    claim = models.CharField(
        max_length=32, blank=True, help_text=_("The attempt holding the lease.")
    )
    sent_at = models.DateTimeField(null=True, blank=True, help_text=_("When the server took it."))
    last_error = models.TextField(blank=True, help_text=_("Why the last attempt failed."))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_due_idx",
                condition=Q(status__in=["queued", "sending"]),
            )
        ]

    def __str__(self):
        return f"{self.subject} → {self.to_email}"


class Notice(models.Model):
    """A notice as its caller queued it, before rendering: the template, references to what
    it is about (model label and pk, plain values) and the recipients (address, language,
    their own references). The worker turns it into messages once (`written_at`)."""

    kind = models.CharField(max_length=80, help_text=_("The kind of notice."))
    about = models.CharField(max_length=200, help_text=_("What it is about, e.g. proposal:12."))
    template = models.CharField(max_length=200, help_text=_("The templates it is written from."))
    context = models.JSONField(default=dict, help_text=_("References to what it is about."))
    recipients = models.JSONField(
        default=list, help_text=_("Address, language and context of each recipient.")
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was queued."))
    written_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When its messages were written; empty until then.")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("queued notice")
        verbose_name_plural = _("queued notices")
        indexes = [
            models.Index(
                fields=["kind", "about"],
                name="outbox_notice_unwritten_idx",
                condition=Q(written_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.about}"
