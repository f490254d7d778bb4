"""The manual's signal receivers, connected from `MembersConfig.ready()`."""

from django.db.models.signals import post_save
from wagtail.signals import page_published

from members.models import ManualPage

from .publishing import ensure_restricted, record_publication


def on_manual_published(sender, instance, revision, **kwargs):
    """Whatever published it, a published revision becomes a numbered version."""
    record_publication(instance, revision)


def on_manual_saved(sender, instance, **kwargs):
    ensure_restricted(instance)


def connect():
    page_published.connect(on_manual_published, sender=ManualPage, dispatch_uid="manual_pub")
    post_save.connect(on_manual_saved, sender=ManualPage, dispatch_uid="manual_restrict")
