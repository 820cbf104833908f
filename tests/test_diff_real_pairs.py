"""Precision and recall of clause-level changes on real version pairs, against labels read by hand.

The expectations in tests/fixtures/diff_pairs/ were written by reading both
versions of each pair (see the README there), not from policykit's output.
Every reported change that is not ``unchanged`` is checked against them:

- precision: the share of reported changes that match a labelled change of a
  compatible kind (a "modified" label accepts a modified or reworded-and-moved
  clause, and the parts of a split or merge);
- recall: the share of labelled changes some reported change matches.

Renumber-only entries count like any other change. Metadata (cover) changes are
checked separately: every labelled one must be reported.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache

import pytest
from conftest import FIXTURES, corpus_dir

from toolkit.diff import MatchedBy, Status, diff_documents
from toolkit.readers import read_document

PAIRS = sorted(path.stem for path in (FIXTURES / "diff_pairs").glob("*.json"))
# What each labelled pair reaches today (the target is 0.95 for both).
FLOOR = {"precision": 1.0, "recall": 1.0}
FLOORS = {
    # Held out while the engine was tuned on the others: first measured at precision
    # 0.945, recall 0.969. Three general rules then found from its misses (same number
    # and opening words; a line a page wrap cut off joins its neighbour; "Trades"
    # opens like "trade") lifted it to 0.99 / 1.00. The one miss left: the old bullet
    # "against the Council's Standing Orders or Financial Regulations" is reported
    # removed; read side by side, it was merged into "seeking undue favour ... or
    # against the School's Financial Regulations".
    "whistleblowing-2016-2020": {"precision": 0.99, "recall": 1.0},
    # Held out until every other change was made, then measured once: precision 0.60,
    # recall 1.00 — the eight false changes were page numbers in the page-numbered
    # appendix list (one page gone, so every later number dropped by one). Contents-list
    # page numbers are now layout: 0.92 / 1.00. The one false change left is a table
    # set in rotated text that pdftotext spells differently in the two files
    # ("a rt m" / "a tr m"): a reading artefact, not a change of words. Text read letter
    # by letter is now compared by its letters, not their order: 1.00 / 1.00 (so it is
    # no longer a clean holdout).
    "online-safety-2016-2018": {"precision": 1.0, "recall": 1.0},
}

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    text = re.sub(r"[*_#]+", " ", text)  # Markdown emphasis and heading marks are not words
    return " ".join(text.split())


def _options(value) -> list[str]:
    return [_fold(v) for v in (value if isinstance(value, list) else [value])]


_KINDS = {
    "added": {Status.ADDED},
    "removed": {Status.REMOVED},
    "modified": {Status.MODIFIED, Status.MOVED},
    "moved": {Status.MOVED},
    "renumbered": {Status.RENUMBERED},
}


def _kinds(label: dict) -> list[str]:
    kind = label["kind"]
    return kind if isinstance(kind, list) else [kind]


def _opens(change, side: str, prefixes) -> bool:
    clause = getattr(change, side)
    if clause is None:
        return False
    text = _fold(" ".join(part for part in (clause.number, clause.full_text) if part))
    bare = _fold(clause.full_text)
    return any(text.startswith(prefix) or bare.startswith(prefix) for prefix in _options(prefixes))


def _matches_kind(kind: str, label: dict, change) -> bool:
    if kind == "replaced":  # rewritten in place: one clause modified, or removed and added
        return (_matches_kind("modified", label, change) or _matches_kind("removed", {"old": label["old"]}, change)
                or _matches_kind("added", {"new": label["new"]}, change))
    if change.status not in _KINDS[kind]:
        return False
    if kind == "modified" and change.status is Status.MOVED and not change.modified:
        return False
    sides = {"added": ("new",), "removed": ("old",)}.get(kind, ("old", "new"))
    return all(_opens(change, side, label[side]) for side in sides if side in label)


def _matches(label: dict, change) -> bool:
    return any(_matches_kind(kind, label, change) for kind in _kinds(label))


def _found(label: dict, reported, metadata=()) -> bool:
    if label.get("or_cover") and any(
        any(_fold(value or "").startswith(prefix) for value in (m.old, m.new) for prefix in _options(
            label.get("old", label.get("new")))) for m in metadata):
        return True  # the reader took it for cover or footer text: reported among the details
    if _kinds(label) == ["replaced"]:
        if any(_matches_kind("modified", label, c) for c in reported):
            return True
        return (any(_matches_kind("removed", {"old": label["old"]}, c) for c in reported)
                and any(_matches_kind("added", {"new": label["new"]}, c) for c in reported))
    return any(_matches(label, c) for c in reported)


@cache
def _load(name: str):
    expected = json.loads((FIXTURES / "diff_pairs" / f"{name}.json").read_text(encoding="utf-8"))
    folder = corpus_dir(expected["folder"])
    diff = diff_documents(read_document(folder / expected["old"]), read_document(folder / expected["new"]))
    return expected, diff


def score(name: str) -> tuple[float, float, list, list]:
    """(precision, recall, reported changes matching no label, labels no change matched)."""
    expected, diff = _load(name)
    labels = expected["changes"]
    reported = _reported(diff)
    false = [group for group in reported if not any(_matches(label, c) for label in labels for c in group)]
    required = [label for label in labels if not label.get("optional")]
    flat = [change for group in reported for change in group]
    missed = [label for label in required if not _found(label, flat, diff.metadata_changes)]
    precision = (len(reported) - len(false)) / len(reported) if reported else 1.0
    recall = (len(required) - len(missed)) / len(required) if required else 1.0
    return precision, recall, false, missed


def _reported(diff) -> list[tuple]:
    """Every change a governor reads as one: the parts of a split or merge together."""
    groups: list[list] = []
    for change in diff.changes:
        if change.status is Status.UNCHANGED:
            continue
        by = change.matched_by
        if groups and by in (MatchedBy.SPLIT, MatchedBy.MERGE) and groups[-1][0].matched_by is by and (
            groups[-1][0].old is change.old if by is MatchedBy.SPLIT else groups[-1][0].new is change.new
        ):
            groups[-1].append(change)
        else:
            groups.append([change])
    return [tuple(group) for group in groups]


def _describe(group) -> str:
    change = group[0] if isinstance(group, tuple) else group
    clause = change.new or change.old
    return f"{change.status.value}: {clause.full_text[:60]!r}"


@pytest.mark.parametrize("name", PAIRS)
def test_clause_changes_match_the_labels(name):
    precision, recall, false, missed = score(name)
    report = f"{name}: precision {precision:.2f}, recall {recall:.2f}; false {[_describe(c) for c in false]}; missed {missed}"
    floor = FLOORS.get(name, FLOOR)
    assert precision >= floor["precision"], report
    assert recall >= floor["recall"], report


@pytest.mark.parametrize("name", PAIRS)
def test_labelled_metadata_changes_are_reported(name):
    expected, diff = _load(name)
    found = {change.field: _fold(change.new or "") for change in diff.metadata_changes}
    for label in expected["metadata"]:
        assert label["field"] in found, (name, label, diff.metadata_changes)
        assert _fold(label["new"]) in found[label["field"]], (name, label, diff.metadata_changes)


def test_the_matching_rule_can_fail():
    # A label of the wrong kind or opening words never matches: the scores above can drop.
    expected, diff = _load("newstead-complaints-2013")
    change = next(c for c in diff.changes if c.status is not Status.UNCHANGED)
    assert _matches(expected["changes"][0], change)
    assert not _matches({"kind": "added", "new": expected["changes"][0]["new"]}, change)
    assert not _matches({"kind": "modified", "old": "Something else entirely", "new": "x"}, change)
