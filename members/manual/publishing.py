"""Publishing the manual: every publish becomes a numbered version, marked with how it came
about.

Only two ways are sanctioned: a passed amendment (`amendments.enact_amendment`, the
registered effect) and an editor's editorial fix, whose note the admin requires before
publishing. How the next publish came about travels to `record_publication` (run by the
`page_published` signal) in a context variable.

Anything else is refused: `ManualPage.publish` calls `check_publish`, which lets through only
the manual's first version and a publish inside `published_as(...)`. A scheduled publish
(`publish_scheduled`) is dropped and its schedule cleared, so the command goes on with other
pages; a workflow's approval or any other call raises `PublishRefused`. The admin refuses
go-live dates, workflows, reverting and copying before it gets that far (`admin_refusal`).
Versions published before this guard existed keep their "unrecorded" mark.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
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
    """Publishes inside the block come about as `publication`; forgotten afterwards, and so is
    any publication told before the block (restoring it would hand a stale editor and note to
    the next publish of the manual in this thread)."""
    publishing_as(publication)
    try:
        yield
    finally:
        forget_publication()


def forget_publication(**kwargs):
    """No publication is waiting any more (also a `request_finished` receiver: an admin publish
    that the admin's hook announced but that did not happen leaves nothing behind for the
    next request served by this thread)."""
    _publishing.set(None)


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


class PublishRefused(ManualError, PermissionDenied):
    """The manual was about to be published other than by a passed amendment or an editorial
    fix."""


REFUSED = _(
    "The manual changes only when members pass an amendment, or as an editorial fix "
    "described under 'Editorial fix' in its editor. It is never published on a schedule, "
    "through a moderation workflow, by reverting to an older revision, or as a copy."
)
SCHEDULED_LOG_ACTION = "wagtail.publish.scheduled"  # what `publish_scheduled` passes


def check_publish(page, revision, *, log_action=True, previous_revision=None):
    """Called by `ManualPage.publish`: True to go ahead, False to drop a scheduled publish
    quietly; raises PublishRefused for any other unsanctioned publish."""
    publication = _publishing.get()
    if current_version(page) is None and previous_revision is None:
        return True  # the manual's first version
    if publication is not None and previous_revision is None:
        return True
    via = "schedule" if log_action == SCHEDULED_LOG_ACTION else "other"
    if previous_revision is not None:
        via = "revert"
    record(
        "manual.publish_refused",
        actor=publication.user if publication and publication.user else None,
        detail={"page": page.pk, "revision": revision.pk if revision else None, "via": via},
    )
    if via == "schedule":
        type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=None)
        return False
    raise PublishRefused(str(REFUSED))


def editorial_publish(revision, user, note):
    """An editor's fix (typo, link), published without a vote and marked as such."""
    note = (note or "").strip()
    if not note:
        raise ManualError(_("Say what the editorial fix is."))
    with published_as(Publication(ManualVersion.Source.EDITORIAL, note=note, user=user)):
        revision.publish(user=user, log_action=True)
    return ManualVersion.objects.get(revision=revision)


def _guarded(page):
    """The manual's page once it has a first version (only then does the guard apply)."""
    page = page.specific
    return page if isinstance(page, ManualPage) and current_version(page) is not None else None


def _refuse(request, page, message):
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


NO_SCHEDULE = _(
    "Not published: the manual is never published on a schedule, because it changes when "
    "a vote passes. Your changes are saved as a draft; clear the go-live and expiry dates "
    "in the publishing schedule, then publish an editorial fix or propose an amendment."
)
WORKFLOW_ACTIONS = ("action-submit", "action-restart-workflow", "action-workflow-action")


def before_admin_publish(request, page):
    """`before_publish_page` hook: in the admin, the manual is published only as a marked
    editorial fix (or as its very first version), now, and never as a revert."""
    if _guarded(page) is None:
        return None
    if (page.go_live_at and page.go_live_at > timezone.now()) or page.expire_at:
        return _refuse(request, page, NO_SCHEDULE)
    note = (request.POST.get("editorial_note") or "").strip()
    if not note:
        return _refuse(
            request,
            page,
            _(
                "Not published: the manual changes only by a members' vote. Your changes are "
                "saved as a draft. For a typo or link fix, describe it under 'Editorial fix' "
                "and publish again."
            ),
        )
    publishing_as(Publication(ManualVersion.Source.EDITORIAL, note=note[:300], user=request.user))
    return None


def before_admin_edit(request, page):
    """`before_edit_page` hook: no reverting the manual to an older revision, and no
    moderation workflow (submitting, approving) for it."""
    page = _guarded(page)
    if page is None:
        return None
    match = request.resolver_match
    if match is not None and match.url_name == "revisions_revert":
        return _refuse(
            request,
            page,
            _(
                "The manual cannot be reverted to an older revision: every version stays in "
                "its history, and going back is an amendment members vote on."
            ),
        )
    if request.method == "GET" and page.workflow_in_progress:
        messages.warning(
            request,
            _(
                "A moderation workflow was started for the manual; approving it will not "
                "publish the manual. Cancel it, then publish an editorial fix or propose an "
                "amendment."
            ),
        )
    if request.method == "POST" and any(request.POST.get(a) for a in WORKFLOW_ACTIONS):
        return _refuse(
            request,
            page,
            _(
                "The manual is not moderated through a workflow: an approval would change "
                "it without a vote. Publish an editorial fix, or propose an amendment."
            ),
        )
    return None


def before_admin_copy(request, page):
    """`before_copy_page` hook: the manual is never copied (a copy would be a second manual
    that no vote made)."""
    page = _guarded(page)
    if page is None:
        return None
    return _refuse(
        request,
        page,
        _("The manual cannot be copied: there is one manual, and it changes only by a vote."),
    )


def after_admin_publish(request, page):
    """`after_publish_page` hook: whatever the admin publishes next is not an editorial fix."""
    _publishing.set(None)
