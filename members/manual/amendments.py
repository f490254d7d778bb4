"""Amendments: a draft revision of the manual put to a members' vote.

An amendment is a draft revision made from the version in force (`draft_amendment`) and a
`MANUAL_AMENDMENT` proposal whose payload names that revision and that version. If another
version went live first, the effect refuses: the amendment conflicts and must be brought up
to date (`rebase`), which makes a new draft on top of the version in force and a new vote.
"""

from dataclasses import dataclass, replace

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.models import Page, Revision

from members import effects, voting
from members.models import Kind, ManualAmendment, ManualPage, ManualVersion, Member, Proposal
from members.models.audit import record
from members.prepared import Prepared

from .errors import AmendmentConflict, ManualError
from .merge import merge
from .outline import (
    Clause,
    current_version,
    plain_text,
    rich_text_from_plain,
    sections_of,
    stream_from,
    version_page,
)
from .publishing import Publication, published_as


def create_draft(page, sections, user):
    """A new revision of the manual with `sections`, made from the live page.

    Created directly, not through `save_revision`, so it does not become the admin's latest
    draft: an editor opening the manual starts from what is in force, never from a member's
    proposal that has not passed.
    """
    draft = ManualPage.objects.get(pk=page.pk)
    draft.sections = stream_from(sections)
    draft.go_live_at = None
    draft.expire_at = None
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(ManualPage),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        user=user,
        object_str=str(draft),
        content=draft.serializable_data(),
    )


# --- Changes typed by a member ----------------------------------------------------------------


@dataclass(frozen=True)
class NewClause:
    """A clause to add to section `section`, after the clause `after` (or at the end)."""

    section: str
    title: str
    text: str
    after: str = ""


def _unique_anchor(title, taken):
    base = slugify(title)[:70] or "clause"
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    return anchor


def _edited(clause, title, text):
    """`clause` with a typed title and plain text; None when neither changes it."""
    title = title.strip()
    changes = {}
    if title and title != clause.title:
        changes["title"] = title
    if plain_text(clause.text) != plain_text(rich_text_from_plain(text)):
        changes["text"] = rich_text_from_plain(text)
    return replace(clause, **changes) if changes else None


def _inserted(clauses, new_clause, taken):
    clause = Clause(
        _unique_anchor(new_clause.title, taken),
        new_clause.title.strip(),
        rich_text_from_plain(new_clause.text),
    )
    at = next(
        (i + 1 for i, c in enumerate(clauses) if c.anchor == new_clause.after),
        len(clauses),
    )
    return [*clauses[:at], clause, *clauses[at:]]


def _changed_section(section, edits, removals, new_clause, taken):
    """One section with the member's changes; returns (section, whether anything changed)."""
    changed = False
    clauses = []
    for c in section.clauses:
        if c.anchor in removals:
            changed = True
            continue
        edited = _edited(c, *edits[c.anchor]) if c.anchor in edits else None
        changed = changed or edited is not None
        clauses.append(edited or replace(c))
    if new_clause and new_clause.section == section.anchor:
        clauses = _inserted(clauses, new_clause, taken)
        changed = True
    if not clauses:
        raise ManualError(
            _("A section needs at least one clause; '%(title)s' would be empty.")
            % {"title": section.title}
        )
    return replace(section, clauses=clauses), changed


def apply_changes(sections, *, edits=None, removals=(), new_clause=None):
    """`sections` with clause edits {anchor: (title, plain text)}, removals and one
    `NewClause`; texts typed as plain text. Returns a new list and whether anything changed."""
    taken = {s.anchor for s in sections} | {c.anchor for s in sections for c in s.clauses}
    results = [_changed_section(s, edits or {}, removals, new_clause, taken) for s in sections]
    return [section for section, _changed in results], any(c for _s, c in results)


# --- Drafting, enacting, bringing up to date --------------------------------------------------


def draft_amendment(
    page, member, *, sections, title, body, rebased_from=None, now=None, notify=True
):
    """Make a draft revision of `sections` against the version in force and put it to a vote."""
    if member.status != Member.Status.ACTIVE:
        raise ManualError(_("Only active members may propose amendments."))
    with transaction.atomic():
        page = ManualPage.objects.select_for_update().get(pk=page.pk)
        base = current_version(page)
        if base is None or not page.live:
            raise ManualError(_("There is no manual in force to amend."))
        revision = create_draft(page, sections, member.user)
        proposal = voting.propose(
            kind=Kind.MANUAL_AMENDMENT,
            title=title,
            body=body,
            proposer=member,
            payload={"page_id": page.pk, "revision_id": revision.pk, "base_version": base.number},
            now=now,
            notify=notify,
        )
        amendment = ManualAmendment.objects.create(
            proposal=proposal,
            page=page,
            revision=revision,
            base_version=base,
            rebased_from=rebased_from,
            drafted_by=member,
        )
        record(
            "manual.amendment_drafted",
            proposal=proposal,
            actor=member.user,
            detail={"revision": revision.pk, "base_version": base.number},
        )
    return amendment


def _named_draft(proposal):
    """(page id, revision id, base version number) from the proposal's payload."""
    payload = proposal.payload or {}
    try:
        return (
            int(payload["page_id"]),
            int(payload["revision_id"]),
            int(payload["base_version"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ManualError("This amendment names no draft of the manual to publish.") from exc


def enact_amendment(proposal):
    """The registered effect: publish exactly the proposed revision, or refuse on a conflict.

    Runs inside the enactment transaction; an exception leaves the manual untouched and the
    proposal's enactment marked failed with the reason.
    """
    page_id, revision_id, base_number = _named_draft(proposal)
    page = ManualPage.objects.select_for_update().get(pk=page_id)
    revision = Revision.page_revisions.get(pk=revision_id, object_id=str(page.pk))
    amendment = ManualAmendment.objects.filter(proposal=proposal).first()
    if amendment is not None and amendment.revision_id != revision.pk:
        raise ManualError("The amendment's record and its proposal name different drafts.")
    current = current_version(page)
    if current is None or current.number != base_number:
        raise AmendmentConflict(
            f"The manual is at version {current.number if current else 'none'}; this "
            f"amendment was drafted against version {base_number}. Bring it up to date."
        )
    with published_as(Publication(ManualVersion.Source.AMENDMENT, proposal=proposal)):
        revision.publish(user=None, log_action=True)
    version = ManualVersion.objects.get(revision=revision)
    if version.proposal_id != proposal.pk:  # pragma: no cover - defensive
        raise ManualError("The published version is not linked to its proposal.")
    # What the proposal's outcome says, linking the version now in force.
    return effects.Carried(
        gettext_noop("Version %(number)s of the manual is now in force."),
        {"number": version.number},
        "members:manual_version",
        {"number": version.number},
    )


class Status:
    DRAFT = "draft"  # vote not decided yet
    CONFLICTING = "conflicting"
    ENACTED = "enacted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    FAILED = "failed"


STATUS_LABELS = {
    Status.DRAFT: _("Waiting for the vote"),
    Status.CONFLICTING: _("Conflicting: the manual changed since this was drafted"),
    Status.ENACTED: _("In force"),
    Status.REJECTED: _("Not adopted; the draft stays on record"),
    Status.WITHDRAWN: _("Withdrawn"),
    Status.FAILED: _("Passed, but could not be carried out"),
}


def _status(enactment, status, outcome, base_version_id, current):
    """An amendment's `Status` from its proposal's enactment, status and outcome and the
    version it was drafted against; `current()` gives the version in force, read only when
    the proposal alone does not decide."""
    if enactment == Proposal.Enactment.DONE:
        return Status.ENACTED
    if status == Proposal.Status.WITHDRAWN:
        return Status.WITHDRAWN
    if status == Proposal.Status.CLOSED and outcome == Proposal.Outcome.FAILED:
        return Status.REJECTED
    version = current()
    if version is not None and version.pk != base_version_id:
        return Status.CONFLICTING
    if enactment == Proposal.Enactment.FAILED:
        return Status.FAILED
    return Status.DRAFT


def amendment_status(amendment, current=None):
    proposal = amendment.proposal
    return _status(
        proposal.enactment_status,
        proposal.status,
        proposal.outcome,
        amendment.base_version_id,
        lambda: current or current_version(amendment.page),
    )


def _build_latest(page):
    return (
        ManualAmendment.objects.filter(page=page)
        .order_by("-created_at")
        .values(
            "pk",
            "base_version_id",
            title=F("proposal__title"),
            status=F("proposal__status"),
            outcome=F("proposal__outcome"),
            enactment=F("proposal__enactment_status"),
            base_number=F("base_version__number"),
        )[:LATEST]
    )


LATEST = 20  # amendments the manual's page lists
# Compiled once (members/prepared.py): the same query for every page.
_latest = Prepared(_build_latest, "page")


def latest_amendments(page, current):
    """The newest amendments to `page`, as the manual's page lists them: dicts with `pk`,
    `title`, `base_number` (the version drafted against) and `label`, the status said."""
    rows = _latest.all(page=page.pk)
    for row in rows:
        status = _status(
            row["enactment"], row["status"], row["outcome"], row["base_version_id"], lambda: current
        )
        row["label"] = STATUS_LABELS[status]
    return rows


def rebase(amendment, member, *, now=None):
    """Bring a conflicting amendment up to date: its changes, re-applied to the version in
    force, become a new draft and a new vote. The old amendment stays on record."""
    page = amendment.page
    current = current_version(page)
    if amendment_status(amendment, current) != Status.CONFLICTING:
        raise ManualError(_("This amendment does not need bringing up to date."))
    base = sections_of(version_page(amendment.base_version))
    draft = sections_of(amendment.revision.as_object())
    merged, conflicts = merge(base, draft, sections_of(version_page(current)))
    body = amendment.proposal.body
    if conflicts:
        body += "\n\n" + str(
            _("Check these clauses: they were changed both in force and by this amendment: %s")
        ) % ", ".join(conflicts)
    new = draft_amendment(
        page,
        member,
        sections=merged,
        title=str(_("%(title)s (brought up to date with version %(number)s)"))
        % {"title": amendment.proposal.title[:120], "number": current.number},
        body=body,
        rebased_from=amendment,
        now=now,
    )
    return new, conflicts
