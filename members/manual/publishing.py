"""Publishing the manual: every publish becomes a numbered version, marked with how it came
about.

Only two ways are sanctioned: a passed amendment (`amendments.enact_amendment`, the
registered effect) and an editor's editorial fix, whose note the admin requires before
publishing. Anything else (scheduled publishing, a workflow) is still recorded, marked
"published without a vote or an editorial note". How the next publish came about travels
to `record_publication` (run by the `page_published` signal) in a context variable.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageViewRestriction

from members.models import ManualPage, ManualVersion, Proposal
from members.models.audit import record

from .errors import ManualError
from .outline import current_version, outline_of, outline_to_json


@dataclass(frozen=True)
class Publication:
    source: str
    proposal: Proposal | None = None
    note: str = ""
    user: object = None


_publishing = contextvars.ContextVar("manual_publishing", default=None)


def publishing_as(publication):
    """Tell `record_publication` how the next publish of the manual came about."""
    return _publishing.set(publication)


@contextmanager
def published_as(publication):
    """Publishes inside the block come about as `publication`; forgotten afterwards."""
    token = publishing_as(publication)
    try:
        yield
    finally:
        _publishing.reset(token)


def ensure_restricted(page):
    """Members only: a login restriction keeps the page out of `public()` querysets, hence out
    of public search, the sitemap and menus (tested)."""
    if page.pk and page.path:
        PageViewRestriction.objects.get_or_create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )


def _source(last, publication):
    if last is None:
        return ManualVersion.Source.INITIAL
    if publication is None:
        return ManualVersion.Source.UNRECORDED
    return publication.source


def record_publication(page, revision):
    """Every publish of a ManualPage becomes a numbered version (called by `page_published`)."""
    publication = _publishing.get()
    _publishing.set(None)
    if revision is None or ManualVersion.objects.filter(revision=revision).exists():
        return None
    with transaction.atomic():
        page = ManualPage.objects.select_for_update().get(pk=page.pk)
        last = page.versions.order_by("-number").first()
        source = _source(last, publication)
        version = ManualVersion.objects.create(
            page=page,
            number=(last.number + 1) if last else 1,
            revision=revision,
            source=source,
            proposal=publication.proposal if publication else None,
            note=publication.note if publication else "",
            published_by=publication.user if publication else revision.user,
            published_at=timezone.now(),
            outline=outline_to_json(outline_of(revision.as_object())),
        )
        record(
            "manual.published",
            proposal=version.proposal,
            actor=publication.user if publication and publication.user else None,
            detail={"page": page.pk, "version": version.number, "source": source},
        )
    return version


def editorial_publish(revision, user, note):
    """An editor's fix (typo, link), published without a vote and marked as such."""
    note = (note or "").strip()
    if not note:
        raise ManualError(_("Say what the editorial fix is."))
    with published_as(Publication(ManualVersion.Source.EDITORIAL, note=note, user=user)):
        revision.publish(user=user, log_action=True)
    return ManualVersion.objects.get(revision=revision)


def before_admin_publish(request, page):
    """`before_publish_page` hook: in the admin, the manual is published only as a marked
    editorial fix (or as its very first version)."""
    if not isinstance(page.specific, ManualPage) or current_version(page) is None:
        return None
    note = (request.POST.get("editorial_note") or "").strip()
    if not note:
        messages.error(
            request,
            _(
                "Not published: the manual changes only by a members' vote. Your changes are "
                "saved as a draft. For a typo or link fix, describe it under 'Editorial fix' "
                "and publish again."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    publishing_as(Publication(ManualVersion.Source.EDITORIAL, note=note[:300], user=request.user))
    return None


def after_admin_publish(request, page):
    """`after_publish_page` hook: whatever the admin publishes next is not an editorial fix."""
    _publishing.set(None)
