"""The Co-Op Procedures manual's rules, one module per concern.

* `outline`: the page's body as `Section`/`Clause`, plain text, numbering, the manual in force;
* `publishing`: every publish becomes a numbered `ManualVersion`, marked with how it came about,
  and any publish but an amendment's or an editorial fix is refused;
* `amendments`: drafts put to a vote, enacted by the registered effect, brought up to date;
* `merge`: the three-way clause merge that brings an amendment up to date;
* `diff`: differences between versions, word by word, and each clause's history;
* `readers`: acknowledgements, visits and what the dashboard says;
* `forms`, `views`: the members' area; `demo`: the demo manual for `load_demo`;
* `effects`, `signals`: registered and connected from `MembersConfig.ready()`; the admin
  hooks are in `members/wagtail_hooks.py`.

The models stay in `members/models/manual.py` (app label `members`). This module re-exports
the rules' public names, so callers write `from members import manual` and `manual.rebase(…)`.
"""

from .amendments import (
    STATUS_LABELS,
    NewClause,
    Status,
    amendment_status,
    apply_changes,
    create_draft,
    draft_amendment,
    enact_amendment,
    latest_amendments,
    rebase,
)
from .diff import ClauseDiff, SectionDiff, clause_history, diff_outlines, diff_versions, word_diff
from .errors import AmendmentConflict, ManualError
from .merge import merge
from .outline import (
    Clause,
    Section,
    current_manual,
    current_version,
    numbered,
    outline_from_json,
    outline_of,
    plain_text,
    rich_text_from_plain,
    sections_of,
    stream_from,
    version_page,
    version_page_outline,
)
from .publishing import (
    Publication,
    PublishRefused,
    after_admin_publish,
    before_admin_copy,
    before_admin_edit,
    before_admin_publish,
    check_publish,
    editorial_publish,
    ensure_restricted,
    published_as,
    publishing_as,
    record_publication,
)
from .readers import (
    ManualStatus,
    Reader,
    acknowledge,
    has_acknowledged,
    note_visit,
    open_version,
    readers_of,
    status_for,
)

__all__ = [
    "STATUS_LABELS",
    "AmendmentConflict",
    "Clause",
    "ClauseDiff",
    "ManualError",
    "ManualStatus",
    "NewClause",
    "Publication",
    "PublishRefused",
    "Reader",
    "Section",
    "SectionDiff",
    "Status",
    "acknowledge",
    "after_admin_publish",
    "amendment_status",
    "latest_amendments",
    "apply_changes",
    "before_admin_copy",
    "before_admin_edit",
    "before_admin_publish",
    "check_publish",
    "clause_history",
    "create_draft",
    "current_manual",
    "current_version",
    "diff_outlines",
    "diff_versions",
    "draft_amendment",
    "editorial_publish",
    "enact_amendment",
    "ensure_restricted",
    "has_acknowledged",
    "merge",
    "note_visit",
    "open_version",
    "numbered",
    "outline_from_json",
    "outline_of",
    "plain_text",
    "published_as",
    "publishing_as",
    "readers_of",
    "rebase",
    "record_publication",
    "rich_text_from_plain",
    "sections_of",
    "status_for",
    "stream_from",
    "version_page",
    "version_page_outline",
    "word_diff",
]
