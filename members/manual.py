"""The manual's rules: versions, diffs, amendments, conflicts, acknowledgements.

* A published revision of the `ManualPage` becomes a numbered `ManualVersion`, recorded by the
  `page_published` signal whatever published it. Only two ways are sanctioned: a passed
  amendment (`enact_amendment`, the registered effect) and an editor's editorial fix, whose
  note the admin requires before publishing. Anything else (scheduled publishing, a workflow)
  is still recorded, marked "published without a vote or an editorial note".
* An amendment is a draft revision made from the version in force (`draft_amendment`) and a
  `MANUAL_AMENDMENT` proposal whose payload names that revision and that version. If another
  version went live first, the effect refuses: the amendment conflicts and must be brought up
  to date (`rebase`), which makes a new draft on top of the version in force and a new vote.
* Diffs compare versions clause by clause, keyed by anchor, on plain text, word by word.
"""

import contextvars
import difflib
import html
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page, PageViewRestriction, Revision

from . import voting
from .models import Kind, Member, Proposal
from .models.audit import record
from .models.manual import (
    ManualAcknowledgement,
    ManualAmendment,
    ManualPage,
    ManualVersion,
    ManualVisit,
)


class ManualError(Exception):
    """A refused action; the message is safe to show to a member."""


class AmendmentConflict(ManualError):
    """The manual changed since the amendment was drafted."""


# --- Finding the manual -----------------------------------------------------------------------


def current_manual():
    """The manual in force: the live ManualPage in the default language (the text members
    agreed to; a translation is for information)."""
    pages = ManualPage.objects.live().order_by("pk")
    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:  # pragma: no cover - no locales yet
        return pages.first()
    return pages.filter(locale=default).first() or pages.first()


def current_version(page):
    if page is None:
        return None
    return page.versions.order_by("-number").first()


def version_page_outline(revision):
    return outline_of(revision.as_object())


def version_page(version):
    """The page as it was in `version` (not saved; for reading only)."""
    return version.revision.as_object()


def ensure_restricted(page):
    """Members only: a login restriction keeps the page out of `public()` querysets, hence out
    of public search, the sitemap and menus (tested)."""
    if page.pk and page.path:
        PageViewRestriction.objects.get_or_create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )


# --- Outlines and plain text ------------------------------------------------------------------

_BLOCK_END = re.compile(r"</(p|li|h[1-6]|ul|ol|blockquote)>|<br\s*/?>", re.I)
_LI = re.compile(r"<li[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def plain_text(source):
    """Rich text source to plain text: one paragraph per line pair, list items as '- …'."""
    text = _LI.sub("- ", source or "")
    text = _BLOCK_END.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    paragraphs, current = [], []
    for line in lines:
        if not line:
            continue
        if line.startswith("- ") and current and not current[-1].startswith("- "):
            paragraphs.append("\n".join(current))
            current = []
        if not line.startswith("- ") and current:
            paragraphs.append("\n".join(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def rich_text_from_plain(text):
    """What a member types (paragraphs separated by blank lines, '- ' list items) as rich text."""
    parts = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:].strip())}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{escape(' '.join(lines))}</p>")
    return "".join(parts)


def sections_of(page):
    """The manual's body as plain Python: [{anchor, title, clauses: [{anchor, title, text}]}]
    where `text` is the rich text source."""
    return [
        {
            "anchor": block.value["anchor"],
            "title": block.value["title"],
            "clauses": [
                {"anchor": c["anchor"], "title": c["title"], "text": c["text"].source}
                for c in block.value["clauses"]
            ],
        }
        for block in page.sections
        if block.block_type == "section"
    ]


def stream_from(sections):
    block = ManualPage._meta.get_field("sections").stream_block
    raw = [
        {
            "type": "section",
            "value": {
                "anchor": s["anchor"],
                "title": s["title"],
                "clauses": [
                    {"anchor": c["anchor"], "title": c["title"], "text": c["text"]}
                    for c in s["clauses"]
                ],
            },
        }
        for s in sections
    ]
    return StreamValue(block, raw, is_lazy=True)


def outline_of(page):
    """Numbered sections and clauses as plain text: what versions keep for diffs."""
    return [
        {
            "anchor": s["anchor"],
            "number": str(i),
            "title": s["title"],
            "clauses": [
                {
                    "anchor": c["anchor"],
                    "number": f"{i}.{j}",
                    "title": c["title"],
                    "text": plain_text(c["text"]),
                }
                for j, c in enumerate(s["clauses"], 1)
            ],
        }
        for i, s in enumerate(sections_of(page), 1)
    ]


def numbered(page):
    """Sections and clauses with numbers and rich text values, for templates."""
    result = []
    for i, block in enumerate((b for b in page.sections if b.block_type == "section"), 1):
        clauses = [
            {"number": f"{i}.{j}", "value": c, "anchor": c["anchor"]}
            for j, c in enumerate(block.value["clauses"], 1)
        ]
        result.append(
            {
                "number": str(i),
                "value": block.value,
                "anchor": block.value["anchor"],
                "clauses": clauses,
            }
        )
    return result


# --- Publishing and versions ------------------------------------------------------------------


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


def record_publication(page, revision):
    """Every publish of a ManualPage becomes a numbered version (called by `page_published`)."""
    publication = _publishing.get()
    _publishing.set(None)
    if revision is None or ManualVersion.objects.filter(revision=revision).exists():
        return None
    with transaction.atomic():
        page = ManualPage.objects.select_for_update().get(pk=page.pk)
        last = page.versions.order_by("-number").first()
        if last is None:
            source = ManualVersion.Source.INITIAL
        elif publication is None:
            source = ManualVersion.Source.UNRECORDED
        else:
            source = publication.source
        version = ManualVersion.objects.create(
            page=page,
            number=(last.number + 1) if last else 1,
            revision=revision,
            source=source,
            proposal=publication.proposal if publication else None,
            note=publication.note if publication else "",
            published_by=publication.user if publication else revision.user,
            published_at=timezone.now(),
            outline=outline_of(revision.as_object()),
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
    token = publishing_as(Publication(ManualVersion.Source.EDITORIAL, note=note, user=user))
    try:
        revision.publish(user=user, log_action=True)
    finally:
        _publishing.reset(token)
    return ManualVersion.objects.get(revision=revision)


def before_admin_publish(request, page):
    """`before_publish_page` hook: in the admin, the manual is published only as a marked
    editorial fix (or as its very first version)."""
    from django.contrib import messages
    from django.shortcuts import redirect

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
    _publishing.set(None)


# --- Amendments -------------------------------------------------------------------------------


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


def _unique_anchor(title, taken):
    base = slugify(title)[:70] or "clause"
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    return anchor


def apply_changes(sections, *, edits=None, removals=(), new_clause=None):
    """`sections` with clause edits {anchor: (title, plain text)}, removals and one new clause
    {section, after (anchor or ""), title, text}; texts typed as plain text. Returns a new list
    and whether anything changed."""
    edits = edits or {}
    changed = False
    result = []
    taken = {s["anchor"] for s in sections} | {c["anchor"] for s in sections for c in s["clauses"]}
    for s in sections:
        clauses = []
        for c in s["clauses"]:
            if c["anchor"] in removals:
                changed = True
                continue
            clause = dict(c)
            if c["anchor"] in edits:
                title, text = edits[c["anchor"]]
                if title.strip() and title.strip() != c["title"]:
                    clause["title"] = title.strip()
                    changed = True
                if plain_text(c["text"]) != plain_text(rich_text_from_plain(text)):
                    clause["text"] = rich_text_from_plain(text)
                    changed = True
            clauses.append(clause)
        if new_clause and new_clause["section"] == s["anchor"]:
            clause = {
                "anchor": _unique_anchor(new_clause["title"], taken),
                "title": new_clause["title"].strip(),
                "text": rich_text_from_plain(new_clause["text"]),
            }
            at = next(
                (i + 1 for i, c in enumerate(clauses) if c["anchor"] == new_clause.get("after")),
                len(clauses),
            )
            clauses.insert(at, clause)
            changed = True
        if not clauses:
            raise ManualError(
                _("A section needs at least one clause; '%(title)s' would be empty.")
                % {"title": s["title"]}
            )
        result.append({**s, "clauses": clauses})
    return result, changed


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


def enact_amendment(proposal):
    """The registered effect: publish exactly the proposed revision, or refuse on a conflict.

    Runs inside the enactment transaction; an exception leaves the manual untouched and the
    proposal's enactment marked failed with the reason.
    """
    payload = proposal.payload or {}
    try:
        page_id, revision_id = int(payload["page_id"]), int(payload["revision_id"])
        base_number = int(payload["base_version"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ManualError("This amendment names no draft of the manual to publish.") from exc
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
    token = publishing_as(Publication(ManualVersion.Source.AMENDMENT, proposal=proposal))
    try:
        revision.publish(user=None, log_action=True)
    finally:
        _publishing.reset(token)
    version = ManualVersion.objects.get(revision=revision)
    if version.proposal_id != proposal.pk:  # pragma: no cover - defensive
        raise ManualError("The published version is not linked to its proposal.")
    return version


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


def amendment_status(amendment, current=None):
    proposal = amendment.proposal
    if proposal.enactment_status == Proposal.Enactment.DONE:
        return Status.ENACTED
    if proposal.status == Proposal.Status.WITHDRAWN:
        return Status.WITHDRAWN
    if proposal.is_closed and proposal.outcome == Proposal.Outcome.FAILED:
        return Status.REJECTED
    current = current or current_version(amendment.page)
    if current is not None and current.pk != amendment.base_version_id:
        return Status.CONFLICTING
    if proposal.enactment_status == Proposal.Enactment.FAILED:
        return Status.FAILED
    return Status.DRAFT


def _clause_map(sections):
    return {c["anchor"]: (s["anchor"], c) for s in sections for c in s["clauses"]}


def _same(a, b):
    return a["title"] == b["title"] and plain_text(a["text"]) == plain_text(b["text"])


def merge(base, draft, current):
    """Three-way merge, clause by clause: the draft's changes since `base` applied to
    `current`. Returns (sections, anchors changed on both sides)."""
    base_c, draft_c, cur_c = _clause_map(base), _clause_map(draft), _clause_map(current)
    conflicts = []
    result = [{**s, "clauses": [dict(c) for c in s["clauses"]]} for s in current]
    by_anchor = {s["anchor"]: s for s in result}
    base_sections = {s["anchor"]: s for s in base}
    # Section titles, and sections the draft added.
    for s in draft:
        if s["anchor"] in by_anchor:
            old = base_sections.get(s["anchor"])
            if old and old["title"] != s["title"]:
                by_anchor[s["anchor"]]["title"] = s["title"]
        elif s["anchor"] not in base_sections:
            new = {**s, "clauses": [dict(c) for c in s["clauses"]]}
            result.append(new)
            by_anchor[s["anchor"]] = new
    for anchor, (section, clause) in draft_c.items():
        if anchor in base_c:
            if _same(base_c[anchor][1], clause):
                continue  # the draft did not touch it
            if anchor not in cur_c:
                conflicts.append(anchor)  # removed in force, changed in the draft: keep it out
                continue
            if not _same(base_c[anchor][1], cur_c[anchor][1]):
                conflicts.append(anchor)
            for s in result:
                for c in s["clauses"]:
                    if c["anchor"] == anchor:
                        c.update(title=clause["title"], text=clause["text"])
        elif anchor not in cur_c and section in by_anchor:
            target = by_anchor[section]["clauses"]
            draft_order = [
                c["anchor"] for s in draft if s["anchor"] == section for c in s["clauses"]
            ]
            before = draft_order[: draft_order.index(anchor)]
            at = len(target)
            for prev in reversed(before):
                idx = next((i for i, c in enumerate(target) if c["anchor"] == prev), None)
                if idx is not None:
                    at = idx + 1
                    break
            if not any(c["anchor"] == anchor for c in target):
                target.insert(at, dict(clause))
    for anchor in set(base_c) - set(draft_c):  # the draft removed it
        if anchor in cur_c:
            if not _same(base_c[anchor][1], cur_c[anchor][1]):
                conflicts.append(anchor)
            for s in result:
                s["clauses"] = [c for c in s["clauses"] if c["anchor"] != anchor]
    result = [s for s in result if s["clauses"]]
    return result, sorted(set(conflicts))


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


# --- Diffs and history ------------------------------------------------------------------------

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old, new):
    """Escaped HTML of `new` with words removed from `old` in <del> and added ones in <ins>."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out).replace("\n", "<br>"))  # noqa: S308 - built from escaped text


def diff_outlines(old, new):
    """Clause-by-clause differences between two outlines, in the newer order.

    Each section: anchor, number, title (HTML), status; clauses with status "added",
    "removed", "changed", "moved" or "same", old and new numbers, title and text as HTML.
    """
    old_clauses = {c["anchor"]: (s, c) for s in old for c in s["clauses"]}
    new_anchors = {c["anchor"] for s in new for c in s["clauses"]}
    old_sections = {s["anchor"]: s for s in old}
    result = []
    for s in new:
        before = old_sections.get(s["anchor"])
        entry = {
            "anchor": s["anchor"],
            "number": s["number"],
            "title": word_diff(before["title"], s["title"])
            if before
            else word_diff("", s["title"]),
            "status": "same"
            if before and before["title"] == s["title"]
            else ("changed" if before else "added"),
            "clauses": [],
        }
        for c in s["clauses"]:
            if c["anchor"] in old_clauses:
                _sec, o = old_clauses[c["anchor"]]
                changed = o["title"] != c["title"] or o["text"] != c["text"]
                status = (
                    "changed" if changed else ("moved" if o["number"] != c["number"] else "same")
                )
                entry["clauses"].append(
                    {
                        "anchor": c["anchor"],
                        "number": c["number"],
                        "old_number": o["number"],
                        "status": status,
                        "title": word_diff(o["title"], c["title"]),
                        "text": word_diff(o["text"], c["text"]),
                    }
                )
            else:
                entry["clauses"].append(
                    {
                        "anchor": c["anchor"],
                        "number": c["number"],
                        "old_number": "",
                        "status": "added",
                        "title": word_diff("", c["title"]),
                        "text": word_diff("", c["text"]),
                    }
                )
        result.append(entry)
    by_section = {e["anchor"]: e for e in result}
    for s in old:
        removed = [c for c in s["clauses"] if c["anchor"] not in new_anchors]
        if not removed:
            continue
        entry = by_section.get(s["anchor"])
        if entry is None:
            entry = {
                "anchor": s["anchor"],
                "number": s["number"],
                "title": word_diff(s["title"], ""),
                "status": "removed",
                "clauses": [],
            }
            result.append(entry)
            by_section[s["anchor"]] = entry
        for c in removed:
            entry["clauses"].append(
                {
                    "anchor": c["anchor"],
                    "number": "",
                    "old_number": c["number"],
                    "status": "removed",
                    "title": word_diff(c["title"], ""),
                    "text": word_diff(c["text"], ""),
                }
            )
    for entry in result:
        entry["changes"] = [c for c in entry["clauses"] if c["status"] != "same"]
        entry["unchanged"] = len(entry["clauses"]) - len(entry["changes"])
    return result


def diff_versions(old, new):
    return diff_outlines(old.outline, new.outline)


def clause_history(page, upto):
    """{anchor: the version that last changed the clause}, as of version `upto`."""
    versions = list(
        page.versions.filter(number__lte=upto.number).select_related("proposal").order_by("number")
    )
    last, seen = {}, {}
    for version in versions:
        for s in version.outline:
            for c in s["clauses"]:
                key = (c["title"], c["text"])
                if seen.get(c["anchor"]) != key:
                    last[c["anchor"]] = version
                    seen[c["anchor"]] = key
    return last


# --- Readers ----------------------------------------------------------------------------------


def acknowledge(member, version, *, now=None):
    """'I have read version N'. Only the version in force, once; returns (ack, created)."""
    if member.status != Member.Status.ACTIVE:
        raise ManualError(_("Only active members confirm the manual."))
    if current_version(version.page) != version:
        raise ManualError(_("Only the version in force can be confirmed."))
    ack, created = ManualAcknowledgement.objects.get_or_create(
        member=member, version=version, defaults={"acknowledged_at": now or timezone.now()}
    )
    if created:
        record(
            "manual.acknowledged",
            actor=member.user,
            detail={"member": member.pk, "version": version.number},
        )
    return ack, created


def has_acknowledged(member, version):
    return ManualAcknowledgement.objects.filter(member=member, version=version).exists()


def readers(version):
    """Active members and whether each has confirmed `version`, for admins."""
    confirmed = dict(
        ManualAcknowledgement.objects.filter(version=version).values_list(
            "member_id", "acknowledged_at"
        )
    )
    return [
        {"member": m, "acknowledged_at": confirmed.get(m.pk)}
        for m in Member.objects.active().order_by("display_name")
    ]


def note_visit(member, page, version, *, now=None):
    """Remember the newest version a member opened; return the number they had seen before."""
    visit, _created = ManualVisit.objects.get_or_create(
        member=member, page=page, defaults={"seen_at": now or timezone.now()}
    )
    before = visit.last_seen_number
    if version.number > before:
        ManualVisit.objects.filter(pk=visit.pk).update(
            last_seen_number=version.number, seen_at=now or timezone.now()
        )
    return before


def status_for(member):
    """What the dashboard says about the manual for `member`."""
    page = current_manual()
    version = current_version(page)
    if version is None:
        return None
    visit = ManualVisit.objects.filter(member=member, page=page).first()
    last_seen = visit.last_seen_number if visit else 0
    return {
        "page": page,
        "version": version,
        "acknowledged": has_acknowledged(member, version),
        "last_seen": last_seen,
        "new_versions": list(
            page.versions.filter(number__gt=last_seen).select_related("proposal").order_by("number")
        )
        if last_seen
        else [],
        "open_amendments": Proposal.objects.filter(
            kind=Kind.MANUAL_AMENDMENT,
            status__in=[Proposal.Status.SCHEDULED, Proposal.Status.OPEN],
        ).count(),
    }
