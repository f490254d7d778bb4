"""Diffs between versions, word by word."""

import pytest

from members import manual

pytestmark = pytest.mark.django_db


def test_word_diff_escapes_and_marks():
    html = manual.word_diff("a <b> c", "a <b> d e")
    assert html == "a &lt;b&gt; <del>c</del><ins>d e</ins>"


def _outline(*sections):
    """Numbered plain-text sections from (anchor, title, [(anchor, title, text), ...])."""
    return [
        manual.Section(
            anchor,
            title,
            [
                manual.Clause(a, t, text, number=f"{i}.{j}")
                for j, (a, t, text) in enumerate(clauses, 1)
            ],
            number=str(i),
        )
        for i, (anchor, title, clauses) in enumerate(sections, 1)
    ]


def test_diff_outlines_marks_each_clause_and_lists_removed_ones_under_their_section():
    old = _outline(
        ("s1", "One", [("a", "A", "same"), ("b", "B", "old words"), ("c", "C", "moves")]),
        ("s2", "Two", [("d", "D", "gone")]),
    )
    new = _outline(
        ("s1", "One!", [("a", "A", "same"), ("b", "B", "new words"), ("n", "N", "fresh")]),
        ("s3", "Three", [("c", "C", "moves")]),
    )
    diff = manual.diff_outlines(old, new)
    assert [(s.anchor, s.status) for s in diff] == [
        ("s1", "changed"),
        ("s3", "added"),
        ("s2", "removed"),
    ]
    statuses = {c.anchor: (c.status, c.old_number, c.number) for s in diff for c in s.clauses}
    assert statuses == {
        "a": ("same", "1.1", "1.1"),
        "b": ("changed", "1.2", "1.2"),
        "n": ("added", "", "1.3"),
        "c": ("moved", "1.3", "2.1"),
        "d": ("removed", "2.1", ""),
    }
    assert [c.anchor for c in diff[0].changes] == ["b", "n"] and diff[0].unchanged == 1
    b = diff[0].clauses[1]
    assert b.text == "<del>old</del><ins>new</ins> words"
    assert diff[0].title == "<del>One</del><ins>One!</ins>"


def test_diff_outlines_reads_a_versions_stored_outline_like_sections():
    old = _outline(("s1", "One", [("a", "A", "before")]))
    new = _outline(("s1", "One", [("a", "A", "after")]))
    stored = [s.to_dict() for s in old]
    assert manual.diff_outlines(stored, new) == manual.diff_outlines(old, new)
    assert manual.outline_from_json(stored) == old
