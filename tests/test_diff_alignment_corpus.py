"""Alignment as a governor reads it: headings restyled, a list item rewritten where it stood.

Small outlines first (the rules), then the real version pairs of the shared
corpus (skipped when ../shared/corpus is absent), whose expectations were read
off the two PDFs side by side.
"""

from __future__ import annotations

from functools import lru_cache

from conftest import corpus_dir
from diff_docs import outline

from toolkit.diff import DiffOptions, MatchedBy, Status, diff_documents
from toolkit.readers import read_document

_ACTIONS = """
# 1 Response
In response to bullying we will:
- Talk to the individuals involved and any witnesses
- {item}
- Keep a log of any ongoing concerns
- Inform parents and make it clear that bullying is not tolerated
"""


def _changed(diff):
    return [(c.status, c.matched_by, c.old.full_text if c.old else None, c.new.full_text if c.new else None)
            for c in diff.changes if c.status is not Status.UNCHANGED]


def test_a_list_item_rewritten_in_place_is_modified_not_removed_and_added():
    old = outline(_ACTIONS.format(item="Keep a record of the incident, meetings and action taken on the log"))
    new = outline(_ACTIONS.format(item="Keep a record of the incident in the head teacher office or in class logs"))
    # 48% alike: below the 60% that matches clauses anywhere, but it is the one clause that changed here.
    assert _changed(diff_documents(old, new)) == [(
        Status.MODIFIED, MatchedBy.PLACE,
        "Keep a record of the incident, meetings and action taken on the log",
        "Keep a record of the incident in the head teacher office or in class logs",
    )]


def test_unrelated_replacement_and_crowded_gaps_stay_removed_and_added():
    old = outline(_ACTIONS.format(item="Allow you to take the matter further if you are dissatisfied"))
    new = outline(_ACTIONS.format(item="Provide a mechanism for a written response to the outcome"))
    assert [status for status, *_ in _changed(diff_documents(old, new))] == [Status.REMOVED, Status.ADDED]
    # Two old and two new clauses between the same neighbours: no pairing by place alone.
    two_old = outline(_ACTIONS.format(item="Keep a record of the incident on the log\n- Engage other agencies"))
    two_new = outline(_ACTIONS.format(item="Keep a record of the incident in class logs\n- Draw up a plan"))
    assert MatchedBy.PLACE not in {by for _, by, *_ in _changed(diff_documents(two_old, two_new))}
    # place_threshold sets how alike the lone pair must be: 0 pairs any, 0.9 almost none.
    strict = diff_documents(old, new, DiffOptions(place_threshold=0.0, similarity_threshold=0.99))
    assert MatchedBy.PLACE in {by for _, by, *_ in _changed(strict)}
    assert MatchedBy.PLACE not in {
        by for _, by, *_ in _changed(diff_documents(outline(_ACTIONS.format(item="Keep a record of the incident, meetings")),
                                             outline(_ACTIONS.format(item="Keep a record in class logs")),
                                             DiffOptions(place_threshold=0.9)))
    }


def test_a_heading_restyled_in_capitals_is_the_same_heading():
    old = outline("# 2 AIMS AND SCOPE OF THIS POLICY\n2.1 This policy aims to protect staff.")
    new = outline("# 2 Aims and Scope of this Policy\n2.1 This policy aims to protect staff.")
    changed = _changed(diff_documents(old, new))
    assert [(status, old_text, new_text) for status, _, old_text, new_text in changed] == [
        (Status.MODIFIED, "AIMS AND SCOPE OF THIS POLICY", "Aims and Scope of this Policy")
    ]
    assert diff_documents(old, new, DiffOptions(ignore_case=True)).identical


# -- the corpus pairs ----------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _pair(old_name: str, new_name: str):
    folder = corpus_dir("decoy-primary")
    return diff_documents(read_document(folder / old_name), read_document(folder / new_name))


def test_anti_bullying_record_keeping_bullet_is_one_clause_rewritten():
    diff = _pair("Anti-Bullying-Policy-2018.pdf", "2019-anti-bullying-policy.pdf")
    rewritten = [c for c in diff.changes if c.old and c.old.full_text.startswith("Keep a record of the incident")]
    assert len(rewritten) == 1 and rewritten[0].status is Status.MODIFIED
    assert rewritten[0].new.full_text.startswith("Keep a record of the incident in the Head Teacher")
    # The 2019 version really drops the signs-of-bullying section: those stay removed.
    removed = {c.old.full_text for c in diff.changes if c.status is Status.REMOVED}
    assert {"Signs and indicators", "bruises", "wetting the bed"} <= removed


def test_whistleblowing_headings_restyled_and_contents_list_are_not_moves():
    diff = _pair("Whistleblowing-Policy.pdf", "2020-whistleblowing-policy.pdf")
    # The 2020 version's numbered contents list (no page numbers) is furniture, so the
    # old section headings pair with the new ones in place instead of moving to it.
    assert diff.summary.moved == 0
    headings = {(c.old.number, c.new.number): c.status for c in diff.changes
                if c.old is not None and c.new is not None and c.old.heading and c.new.heading}
    assert headings[("2.0", "2.0")] is Status.MODIFIED  # AIMS AND SCOPE... -> Aims and Scope...
    assert headings[("3.0", "3.0")] is Status.MODIFIED


def test_a_capitalisation_change_is_described_as_such():
    from toolkit.render._diff_common import describe

    old = outline("# 2 AIMS AND SCOPE OF THIS POLICY\n2.1 This policy aims to protect staff.")
    new = outline("# 2 Aims and Scope of this Policy\n2.1 This policy aims to protect all staff.")
    descriptions = [describe(c) for c in diff_documents(old, new).changes if c.status is Status.MODIFIED]
    assert descriptions[0] == "capitalisation changed"
    assert descriptions[1].startswith("reworded (")
