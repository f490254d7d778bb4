"""Three-way merge of the manual, clause by clause, keyed by anchor.

`merge(base, draft, current)` applies the draft's changes since `base` to `current`: section
titles and new sections, changed clauses, clauses the draft inserted (placed after the
nearest clause that precedes them in the draft), and clauses the draft removed. A clause
changed on both sides is taken from the draft and reported as a conflict.
"""

from dataclasses import replace

from .outline import plain_text


def clause_map(sections):
    """{clause anchor: (section anchor, clause)}."""
    return {c.anchor: (s.anchor, c) for s in sections for c in s.clauses}


def same(a, b):
    """The same clause as a reader sees it: title and plain text."""
    return a.title == b.title and plain_text(a.text) == plain_text(b.text)


class _Merge:
    """The sections being built, and what the three sides hold."""

    def __init__(self, base, draft, current):
        self.base, self.draft = base, draft
        self.base_c, self.draft_c, self.cur_c = map(clause_map, (base, draft, current))
        self.result = [s.copy() for s in current]
        self.by_anchor = {s.anchor: s for s in self.result}
        self.conflicts = set()

    def clauses_named(self, anchor):
        return [c for s in self.result for c in s.clauses if c.anchor == anchor]


def _merge_sections(m):
    """Section titles the draft changed, and sections the draft added."""
    base_sections = {s.anchor: s for s in m.base}
    for s in m.draft:
        old = base_sections.get(s.anchor)
        if s.anchor in m.by_anchor:
            if old and old.title != s.title:
                m.by_anchor[s.anchor].title = s.title
        elif old is None:
            new = s.copy()
            m.result.append(new)
            m.by_anchor[s.anchor] = new


def _merge_changed(m):
    """Clauses the draft changed: the draft's wording wins, a change in force too conflicts."""
    for anchor, (_section, clause) in m.draft_c.items():
        if anchor not in m.base_c or same(m.base_c[anchor][1], clause):
            continue  # new in the draft, or the draft did not touch it
        if anchor not in m.cur_c:
            m.conflicts.add(anchor)  # removed in force, changed in the draft: keep it out
            continue
        if not same(m.base_c[anchor][1], m.cur_c[anchor][1]):
            m.conflicts.add(anchor)
        for c in m.clauses_named(anchor):
            c.title, c.text = clause.title, clause.text


def _insert_position(target, before):
    """Just after the last of `before` (anchors, in order) found in `target`, else the end."""
    positions = {}
    for i, c in enumerate(target):
        positions.setdefault(c.anchor, i)
    for prev in reversed(before):
        if prev in positions:
            return positions[prev] + 1
    return len(target)


def _merge_inserted(m):
    """Clauses the draft added to a section that is still there."""
    for anchor, (section, clause) in m.draft_c.items():
        if anchor in m.base_c or anchor in m.cur_c or section not in m.by_anchor:
            continue
        target = m.by_anchor[section].clauses
        if any(c.anchor == anchor for c in target):
            continue  # it came with a section the draft added
        draft_order = [c.anchor for s in m.draft if s.anchor == section for c in s.clauses]
        before = draft_order[: draft_order.index(anchor)]
        target.insert(_insert_position(target, before), replace(clause))


def _merge_removed(m):
    """Clauses the draft removed; a change in force to one of them conflicts."""
    for anchor in set(m.base_c) - set(m.draft_c):
        if anchor not in m.cur_c:
            continue
        if not same(m.base_c[anchor][1], m.cur_c[anchor][1]):
            m.conflicts.add(anchor)
        for s in m.result:
            s.clauses = [c for c in s.clauses if c.anchor != anchor]


def merge(base, draft, current):
    """The draft's changes since `base` applied to `current`, each a list of `Section`.
    Returns (sections, anchors changed on both sides, sorted)."""
    m = _Merge(base, draft, current)
    _merge_sections(m)
    _merge_changed(m)
    _merge_inserted(m)
    _merge_removed(m)
    return [s for s in m.result if s.clauses], sorted(m.conflicts)
