"""Differences between versions of the manual: clause by clause, keyed by anchor, on plain
text, word by word; and which version last changed each clause."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .outline import Section, outline_from_json

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


@dataclass
class ClauseDiff:
    """One clause: "added", "removed", "changed", "moved" or "same"; title and text as HTML."""

    anchor: str
    number: str
    old_number: str
    status: str
    title: str
    text: str


@dataclass
class SectionDiff:
    """One section: "added", "removed", "changed" or "same", its clauses, and of those the
    ones not "same" (`changes`) and how many are (`unchanged`)."""

    anchor: str
    number: str
    title: str
    status: str
    clauses: list[ClauseDiff] = field(default_factory=list)

    @property
    def changes(self):
        return [c for c in self.clauses if c.status != "same"]

    @property
    def unchanged(self):
        return len(self.clauses) - len(self.changes)


def _clause_status(old, new):
    if old.title != new.title or old.text != new.text:
        return "changed"
    return "moved" if old.number != new.number else "same"


def _clause_diff(old, new):
    """`new` against `old`, either of them None when the clause is added or removed."""
    if old is None:
        return ClauseDiff(
            new.anchor, new.number, "", "added", word_diff("", new.title), word_diff("", new.text)
        )
    if new is None:
        return ClauseDiff(
            old.anchor, "", old.number, "removed", word_diff(old.title, ""), word_diff(old.text, "")
        )
    return ClauseDiff(
        new.anchor,
        new.number,
        old.number,
        _clause_status(old, new),
        word_diff(old.title, new.title),
        word_diff(old.text, new.text),
    )


def _section_diff(before, section, old_clauses):
    """A section of the newer outline against the same section before (None: added)."""
    if before is None:
        title, status = word_diff("", section.title), "added"
    else:
        title = word_diff(before.title, section.title)
        status = "same" if before.title == section.title else "changed"
    clauses = [_clause_diff(old_clauses.get(c.anchor), c) for c in section.clauses]
    return SectionDiff(section.anchor, section.number, title, status, clauses)


def _add_removed(result, old, new_anchors):
    """Clauses gone from the newer outline, under their section (a removed one if need be)."""
    by_section = {entry.anchor: entry for entry in result}
    for s in old:
        removed = [c for c in s.clauses if c.anchor not in new_anchors]
        if not removed:
            continue
        entry = by_section.get(s.anchor)
        if entry is None:
            entry = SectionDiff(s.anchor, s.number, word_diff(s.title, ""), "removed")
            result.append(entry)
            by_section[s.anchor] = entry
        entry.clauses.extend(_clause_diff(c, None) for c in removed)


def diff_outlines(old, new):
    """Clause-by-clause differences between two outlines (lists of `Section`, or versions'
    stored JSON), in the newer order: a list of `SectionDiff`."""
    old, new = _as_sections(old), _as_sections(new)
    old_clauses = {c.anchor: c for s in old for c in s.clauses}
    old_sections = {s.anchor: s for s in old}
    result = [_section_diff(old_sections.get(s.anchor), s, old_clauses) for s in new]
    _add_removed(result, old, {c.anchor for s in new for c in s.clauses})
    return result


def _as_sections(outline):
    return [Section.from_dict(s) if isinstance(s, dict) else s for s in outline]


def diff_versions(old, new):
    return diff_outlines(old.outline, new.outline)


def clause_history(page, upto):
    """{anchor: the version that last changed the clause}, as of version `upto`."""
    versions = list(
        page.versions.filter(number__lte=upto.number).select_related("proposal").order_by("number")
    )
    last, seen = {}, {}
    for version in versions:
        for s in outline_from_json(version.outline):
            for c in s.clauses:
                key = (c.title, c.text)
                if seen.get(c.anchor) != key:
                    last[c.anchor] = version
                    seen[c.anchor] = key
    return last
