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
from functools import lru_cache

import pytest
from conftest import FIXTURES, corpus_dir

from toolkit.diff import Status, compare
from toolkit.readers import read_document

PAIRS = sorted(path.stem for path in (FIXTURES / "diff_pairs").glob("*.json"))
# What every labelled pair reaches today (the target is 0.95 for both).
FLOOR = {"precision": 1.0, "recall": 1.0}

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


def _matches(label: dict, change) -> bool:
    if change.status not in _KINDS[label["kind"]]:
        return False
    if label["kind"] == "modified" and change.status is Status.MOVED and not change.modified:
        return False
    for side in ("old", "new"):
        if side not in label:
            continue
        clause = getattr(change, side)
        if clause is None:
            return False
        text = _fold(" ".join(part for part in (clause.number, clause.full_text) if part))
        bare = _fold(clause.full_text)
        if not any(text.startswith(prefix) or bare.startswith(prefix) for prefix in _options(label[side])):
            return False
    return True


@lru_cache(maxsize=None)
def _load(name: str):
    expected = json.loads((FIXTURES / "diff_pairs" / f"{name}.json").read_text(encoding="utf-8"))
    folder = corpus_dir(expected["folder"])
    diff = compare(read_document(folder / expected["old"]), read_document(folder / expected["new"]))
    return expected, diff


def score(name: str) -> tuple[float, float, list, list]:
    """(precision, recall, reported changes matching no label, labels no change matched)."""
    expected, diff = _load(name)
    labels = expected["changes"]
    reported = [change for change in diff.changes if change.status is not Status.UNCHANGED]
    false = [c for c in reported if not any(_matches(label, c) for label in labels)]
    missed = [label for label in labels if not any(_matches(label, c) for c in reported)]
    precision = (len(reported) - len(false)) / len(reported) if reported else 1.0
    recall = (len(labels) - len(missed)) / len(labels) if labels else 1.0
    return precision, recall, false, missed


def _describe(change) -> str:
    clause = change.new or change.old
    return f"{change.status.value}: {clause.full_text[:60]!r}"


@pytest.mark.parametrize("name", PAIRS)
def test_clause_changes_match_the_labels(name):
    precision, recall, false, missed = score(name)
    report = f"{name}: precision {precision:.2f}, recall {recall:.2f}; false {[_describe(c) for c in false]}; missed {missed}"
    assert precision >= FLOOR["precision"], report
    assert recall >= FLOOR["recall"], report


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
