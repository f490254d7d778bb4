"""Conflicting amendments: refused, then brought up to date by a three-way merge."""

import pytest

from members import manual
from members.factories import pass_proposal
from members.models import ManualPage, Proposal
from tests.members.manual.helpers import amend

pytestmark = pytest.mark.django_db


def test_a_conflicting_amendment_is_refused_then_brought_up_to_date(page, member, other, voters):
    first = amend(page, member, "group-buying", "First change wins.")
    second = amend(page, other, "prefer-co-ops", "Second change, drafted on the same base.")
    pass_proposal(first.proposal, voters=voters, choice="yes")
    live = ManualPage.objects.get(pk=page.pk).live_revision_id
    assert manual.amendment_status(second) == manual.Status.CONFLICTING
    proposal = pass_proposal(second.proposal, voters=voters, choice="yes")
    assert proposal.outcome == Proposal.Outcome.PASSED
    assert proposal.enactment_status == Proposal.Enactment.FAILED
    assert "AmendmentConflict" in proposal.enactment_error
    assert ManualPage.objects.get(pk=page.pk).live_revision_id == live  # never overwritten
    # Rebase: a new draft on top of the version in force, and a new vote.
    new, conflicts = manual.rebase(second, other)
    assert conflicts == []
    assert new.base_version == manual.current_version(page) and new.rebased_from == second
    pass_proposal(new.proposal, voters=voters, choice="yes")
    text = str(ManualPage.objects.get(pk=page.pk).sections.raw_data)
    assert "First change wins." in text and "Second change, drafted" in text


def test_rebase_reports_clauses_changed_on_both_sides(page, member, other, voters):
    first = amend(page, member, "group-buying", "Mine.")
    second = amend(page, other, "group-buying", "Theirs.")
    pass_proposal(first.proposal, voters=voters, choice="yes")
    new, conflicts = manual.rebase(second, other)
    assert conflicts == ["group-buying"]
    assert "group-buying" in new.proposal.body


def test_a_member_of_another_status_cannot_rebase(page, member, other, voters, former):
    first = amend(page, member, "group-buying", "A")
    second = amend(page, other, "prefer-co-ops", "B")
    pass_proposal(first.proposal, voters=voters, choice="yes")
    with pytest.raises(manual.ManualError):
        manual.rebase(second, former)


# --- The merge on its own terms: plain sections, no database needed -----------------------------


def _sections(**sections):
    """_sections(s1=["a", ("b", "changed text")]) -> [Section("s1", ...)], texts as <p>."""
    result = []
    for anchor, clauses in sections.items():
        built = []
        for c in clauses:
            name, text = c if isinstance(c, tuple) else (c, f"Text of {c}.")
            built.append(manual.Clause(name, name.upper(), f"<p>{text}</p>"))
        result.append(manual.Section(anchor, anchor.upper(), built))
    return result


def _anchors(sections):
    return {s.anchor: [c.anchor for c in s.clauses] for s in sections}


def test_merge_places_an_inserted_clause_after_its_predecessor_in_the_draft():
    base = _sections(s1=["a", "b", "c"])
    draft = _sections(s1=["a", "b", "new", "c"])
    current = _sections(s1=["a", "x", "b", "c"])
    merged, conflicts = manual.merge(base, draft, current)
    assert _anchors(merged) == {"s1": ["a", "x", "b", "new", "c"]} and conflicts == []
    # The inputs are left as they were.
    assert _anchors(current) == {"s1": ["a", "x", "b", "c"]}


def test_merge_applies_changes_and_reports_clauses_changed_on_both_sides():
    base = _sections(s1=["a", "b", "c"])
    draft = _sections(s1=[("a", "Draft a."), ("b", "Draft b."), "c"])
    current = _sections(s1=["a", ("b", "In force b."), "c"])
    merged, conflicts = manual.merge(base, draft, current)
    texts = {c.anchor: c.text for c in merged[0].clauses}
    assert texts == {"a": "<p>Draft a.</p>", "b": "<p>Draft b.</p>", "c": "<p>Text of c.</p>"}
    assert conflicts == ["b"]


def test_merge_keeps_out_a_clause_removed_in_force_and_removes_what_the_draft_removed():
    base = _sections(s1=["a", "b"], s2=["c", "d"])
    draft = _sections(s1=["a", ("b", "Changed in the draft.")], s2=["c"])
    current = _sections(s1=["a"], s2=["c", ("d", "Changed in force.")])
    merged, conflicts = manual.merge(base, draft, current)
    assert _anchors(merged) == {"s1": ["a"], "s2": ["c"]}
    assert conflicts == ["b", "d"]


def test_merge_takes_new_sections_and_section_titles_and_drops_emptied_sections():
    base = _sections(s1=["a"], s2=["b"])
    draft = [*_sections(s1=["a"], s3=["n"])]
    draft[0].title = "Renamed"
    current = _sections(s1=["a"], s2=["b"])
    merged, conflicts = manual.merge(base, draft, current)
    assert _anchors(merged) == {"s1": ["a"], "s3": ["n"]} and conflicts == []
    assert merged[0].title == "Renamed" and current[0].title == "S1"
