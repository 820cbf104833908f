"""The diff engine on edits we make to the Hampshire sample: every edit is
reported with its status, and nothing else is."""

from __future__ import annotations

import pytest
from conftest import sample
from diff_docs import by_number, delete, insert_after, move, moved_and_reworded, outline, replace_doc, reword
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.diff import DiffOptions, MatchedBy, Status, diff_documents, word_diff
from toolkit.model import Clause, ClauseKind, Metadata, MetaValue
from toolkit.readers import read_document


@pytest.fixture(scope="module")
def hampshire():
    return read_document(sample("hampshire"))


def reported(diff):
    """{(old id, new id): status} for every entry that is not unchanged."""
    return {
        (c.old.id if c.old else None, c.new.id if c.new else None): c.status
        for c in diff.changes
        if c.status is not Status.UNCHANGED
    }


def new_clause(text: str, number: str = "9.9", clause_id: str = "inserted") -> Clause:
    return Clause(id=clause_id, number=number, heading=None, text=text, level=2, kind=ClauseKind.CLAUSE)


def test_identical_files_report_nothing(hampshire):
    diff = diff_documents(hampshire, hampshire)
    assert diff.identical
    assert reported(diff) == {}
    assert diff.summary.unchanged == len(list(hampshire.walk())) == len(diff.changes)
    assert all(c.matched_by is MatchedBy.IDENTICAL and c.similarity == 1.0 for c in diff.changes)


def test_three_reworded_clauses_are_modified_and_nothing_else(hampshire):
    new = reword(hampshire, "2.2", "increasing range", "ever wider range")
    new = reword(new, "4.4", "structured approach", "clear and structured approach")
    new = reword(new, "6.1.2", "safe working environment", "safe and supportive working environment")
    diff = diff_documents(hampshire, new)
    assert reported(diff) == {("2.2", "2.2"): Status.MODIFIED, ("4.4", "4.4"): Status.MODIFIED,
                              ("6.1.2", "6.1.2"): Status.MODIFIED}
    edits = {c.new.id: c for c in diff.changes if c.status is Status.MODIFIED}
    assert ("insert", "and supportive ") in edits["6.1.2"].words
    assert ("delete", "increasing") in edits["2.2"].words and ("insert", "ever wider") in edits["2.2"].words
    assert ("insert", "clear and ") in edits["4.4"].words
    assert all(c.modified and 0.6 < c.similarity < 1 for c in edits.values())


def test_deleted_clause_is_removed_and_later_siblings_renumbered(hampshire):
    new = delete(hampshire, "4.2")
    assert by_number(new, "4.2").id == "4.3"  # the edit renumbered as a drafter would
    diff = diff_documents(hampshire, new)
    assert reported(diff) == {("4.2", None): Status.REMOVED, ("4.3", "4.3"): Status.RENUMBERED,
                              ("4.4", "4.4"): Status.RENUMBERED}
    # removed where it stood: between 4.1 and the old 4.3
    ids = [(c.old or c.new).id for c in diff.changes]
    assert ids.index("4.1") + 1 == ids.index("4.2") == ids.index("4.3") - 1


def test_inserted_clause_is_added_and_later_siblings_renumbered(hampshire):
    new = insert_after(hampshire, "4.1", new_clause("Supply staff and visiting coaches are covered by this policy too."))
    assert by_number(new, "4.2").id == "inserted" and by_number(new, "4.5").id == "4.4"
    diff = diff_documents(hampshire, new)
    assert reported(diff) == {(None, "inserted"): Status.ADDED, ("4.2", "4.2"): Status.RENUMBERED,
                              ("4.3", "4.3"): Status.RENUMBERED, ("4.4", "4.4"): Status.RENUMBERED}


def test_clause_moved_to_another_section_is_one_move(hampshire):
    new = move(hampshire, "4.2", "2.1")  # 4.2 becomes 2.2; old 2.2, 2.3 become 2.3, 2.4; 4.3, 4.4 close up
    diff = diff_documents(hampshire, new)
    assert reported(diff) == {
        ("4.2", "4.2"): Status.MOVED,
        ("2.2", "2.2"): Status.RENUMBERED, ("2.3", "2.3"): Status.RENUMBERED,
        ("4.3", "4.3"): Status.RENUMBERED, ("4.4", "4.4"): Status.RENUMBERED,
    }
    moved = next(c for c in diff.changes if c.status is Status.MOVED)
    assert (moved.old.number, moved.new.number) == ("4.2", "2.2")
    assert not moved.modified and moved.old_section == "4 Scope" and moved.new_section == "2 Introduction"
    # the moved clause appears twice in the layout: where it stood and where it stands
    placements = [p.value for p, c in diff.rows() if c is moved]
    assert sorted(placements) == ["moved_from", "moved_to"]


def all_edits(doc):
    new = reword(doc, "2.1", "important part", "vital part")
    new = reword(new, "3.1", "safely, lawfully", "safely, lawfully, ethically")
    new = reword(new, "6.1.2", "safe working environment", "safe and supportive working environment")
    new = delete(new, "1.2")
    new = insert_after(new, "3.1", new_clause("Each school will publish a short summary of this policy for parents.",
                                              clause_id="inserted"))
    new = move(new, "4.2", "2.1")
    metadata = Metadata(**{**{name: getattr(doc.metadata, name) for name in
                              ("school", "title", "version", "approved", "approved_by", "last_review", "owner")},
                           "next_review": MetaValue("Jan 2024", None)}, extra=doc.metadata.extra)
    return replace_doc(new, metadata=metadata)


def test_all_edits_at_once(hampshire):
    diff = diff_documents(hampshire, all_edits(hampshire))
    assert reported(diff) == {
        ("2.1", "2.1"): Status.MODIFIED,
        ("3.1", "3.1"): Status.MODIFIED,
        ("6.1.2", "6.1.2"): Status.MODIFIED,
        ("1.2", None): Status.REMOVED,
        ("1.3", "1.3"): Status.RENUMBERED,
        (None, "inserted"): Status.ADDED,
        ("4.2", "4.2"): Status.MOVED,
        ("2.2", "2.2"): Status.RENUMBERED,
        ("2.3", "2.3"): Status.RENUMBERED,
        ("4.3", "4.3"): Status.RENUMBERED,
        ("4.4", "4.4"): Status.RENUMBERED,
    }
    assert diff.summary.as_dict() == {"unchanged": len(diff.changes) - 11, "renumbered": 5, "modified": 3,
                                      "added": 1, "removed": 1, "moved": 1}
    assert [(m.field, m.old, m.new) for m in diff.metadata_changes] == [("next_review", "Jan 2023", "Jan 2024")]
    sections = dict(diff.summary.sections)
    assert sections["I Preamble"].removed == 1 and sections["I Preamble"].renumbered == 1
    assert sections["2 Introduction"].moved == 1 and sections["2 Introduction"].modified == 1
    assert sections["3 Objectives"].added == 1
    # every clause of both documents is accounted for exactly once
    assert sorted(c.old.id for c in diff.changes if c.old) == sorted(c.id for c in hampshire.walk())


def test_changes_follow_the_new_documents_order(hampshire):
    new = all_edits(hampshire)
    diff = diff_documents(hampshire, new)
    new_order = [c.new.id for c in diff.changes if c.new]
    assert new_order == [c.id for c in new.walk()]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["delete", "insert", "move"]), st.integers(0, 10_000)), min_size=1, max_size=4))
def test_renumbered_clauses_are_never_modified_added_or_removed(hampshire, edits):
    new = hampshire
    for counter, (kind, pick) in enumerate(edits):
        numbered = [c for c in new.walk() if c.number and c.number[0].isdigit() and "." in c.number
                    and not c.children]
        target = numbered[pick % len(numbered)]
        if kind == "delete":
            new = delete(new, target.id)
        elif kind == "insert":
            new = insert_after(new, target.id, new_clause(f"A wholly new rule number {counter} about {pick} lanyards.",
                                                          clause_id=f"new{counter}"))
        else:
            other = numbered[(pick // 7) % len(numbered)]
            if other.id != target.id:
                new = move(new, target.id, other.id)
    diff = diff_documents(hampshire, new)
    survivors = {c.id: c for c in new.walk()}
    for change in diff.changes:
        if change.old is not None and change.old.id in survivors:
            # the clause's words are untouched: only its number (or place) may have changed
            assert change.new is not None and change.new.id == change.old.id
            assert change.status in (Status.UNCHANGED, Status.RENUMBERED, Status.MOVED)
            assert not change.modified
        if change.status is Status.RENUMBERED:
            assert change.old.full_text == change.new.full_text and change.old.number != change.new.number


def test_split_and_merge_are_recognised():
    old = outline("""
# 1 Scope
1.1 This policy applies to all staff employed by the school.
1.2 It covers personal and professional use of social media. Governors and volunteers must also follow it at all times.
1.3 Breaches may lead to disciplinary action under the school's procedures.
1.4 Staff must report concerns.
1.5 To the headteacher without delay, in writing.
""")
    new = outline("""
# 1 Scope
1.1 This policy applies to all staff employed by the school.
1.2 It covers personal and professional use of social media.
1.3 Governors and volunteers must also follow it at all times.
1.4 Breaches may lead to disciplinary action under the school's procedures.
1.5 Staff must report concerns to the headteacher without delay, in writing.
""")
    diff = diff_documents(old, new)
    by = [(c.matched_by, c.old.number if c.old else None, c.new.number if c.new else None) for c in diff.changes
          if c.status is not Status.UNCHANGED]
    assert by == [
        (MatchedBy.SPLIT, "1.2", "1.2"),
        (MatchedBy.SPLIT, "1.2", "1.3"),
        (MatchedBy.IDENTICAL, "1.3", "1.4"),
        (MatchedBy.MERGE, "1.4", "1.5"),
        (MatchedBy.MERGE, "1.5", "1.5"),
    ]
    split = [c for c in diff.changes if c.matched_by is MatchedBy.SPLIT]
    assert "".join(c.old_text for c in split) == split[0].old.full_text
    assert [c.new_text.strip() for c in split] == [c.new.full_text for c in split]


def test_reworded_clause_moved_elsewhere_is_a_modified_move():
    old, new = moved_and_reworded()
    diff = diff_documents(old, new)
    moved = [c for c in diff.changes if c.status is Status.MOVED]
    assert len(moved) == 1 and moved[0].modified and moved[0].matched_by in (MatchedBy.MOVE, MatchedBy.NUMBER)
    assert ("delete", "anyone else") in moved[0].words or any(op == "delete" for op, _ in moved[0].words)
    assert {c.status for c in diff.changes} == {Status.UNCHANGED, Status.MOVED, Status.RENUMBERED}


def test_word_diff_rebuilds_both_sides_and_keeps_edits_whole():
    old = "The head will tell the staff, at once, about any concerns."
    new = "The head must inform the staff at once about all concerns!"
    ops = word_diff(old, new)
    assert "".join(t for op, t in ops if op != "insert") == old
    assert "".join(t for op, t in ops if op != "delete") == new
    # "will tell" -> "must inform" is one edit, not split around an unchanged word
    assert ("delete", "will tell") in ops and ("insert", "must inform") in ops
    lone = word_diff("alpha beta gamma delta epsilon", "one beta two delta epsilon")
    assert ("delete", "alpha beta gamma") in lone and ("insert", "one beta two") in lone


def test_word_diff_does_not_junk_common_words():
    # autojunk would treat "the" (over 1% of 200+ tokens) as junk and mis-align
    old = " ".join(["the cat"] * 150) + " the end"
    new = " ".join(["the cat"] * 150) + " the finish"
    ops = word_diff(old, new)
    assert ops[-2:] == (("delete", "end"), ("insert", "finish"))


def test_ignore_options():
    old = outline("# 1 Scope\n1.1 Staff must follow Section 6.2 of the e-mail policy.\n1.2 Pupils come first.")
    new = outline("# 1 Scope\n1.1 Pupils come first.\n1.2 staff must follow section 6.3 of the e - mail policy")
    strict = diff_documents(old, new)
    assert {c.status for c in strict.changes} >= {Status.MODIFIED}
    relaxed = diff_documents(old, new, DiffOptions(ignore_case=True, ignore_punctuation=True, ignore_numbering=True,
                                            ignore_whitespace=True))
    assert {c.status for c in relaxed.changes} <= {Status.UNCHANGED, Status.MOVED}
    assert relaxed.summary.modified == 0
    renumbered = diff_documents(old, outline("# 1 Scope\n1.2 Staff must follow Section 6.2 of the e-mail policy."
                                      "\n1.3 Pupils come first."), DiffOptions(ignore_numbering=True))
    assert renumbered.identical


def test_options_are_validated():
    with pytest.raises(ValueError):
        DiffOptions(similarity_threshold=1.5)


_PIECES = st.sampled_from(["staff", "Staff", "must", "not", "post", "pupils", "school", "the", ",", ".", ";", "(", ")",
                           "e-mail", "6.2", "’s", " ", "  ", "\n", "policy", "governors", "—"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=30).map(" ".join), st.lists(_PIECES, max_size=30).map("".join))
def test_word_diff_rebuilds_each_side_exactly(old, new):
    ops = word_diff(old, new)
    assert "".join(t for op, t in ops if op != "insert") == old
    assert "".join(t for op, t in ops if op != "delete") == new
    assert all(op in ("equal", "insert", "delete") and text for op, text in ops)
