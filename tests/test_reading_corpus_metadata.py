"""Agreement with labelled metadata on every document of the shared corpus.

The expectations in ``fixtures/reading/corpus_metadata.json`` were labelled by
reading each document (never from policykit's output). Each document is in the
"tune" or the "holdout" half, fixed before any tuning; agreement is reported per
field for both halves and the holdout half is held to the issue's bar.
Skips when ../shared/corpus is absent.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import FIXTURES, shared_dir

from toolkit.policy_types import policy_type_of
from toolkit.readers import read_document

LABELS = json.loads((FIXTURES / "reading" / "corpus_metadata.json").read_text(encoding="utf-8"))["documents"]
FIELDS = ("title", "school", "approved", "approved_by", "last_review", "next_review", "policy_type")
# The bar for the half nobody tuned on. The policy-type labels here were read
# by a different person from the one who wrote the type recogniser.
HOLDOUT_FLOOR = {"title": 0.95, "school": 0.95, "next_review": 0.95, "policy_type": 0.95}
# Fields not held to the bar still must not fall back (figures at the time of writing).
OTHER_FLOOR = {"approved": 0.80, "approved_by": 0.80, "last_review": 0.85}


def _corpus() -> Path:
    shared = shared_dir()
    corpus = shared / "corpus" if shared else None
    if corpus is None or not corpus.is_dir():
        pytest.skip("../shared/corpus is not present (it is never part of the repository)")
    return corpus


def _norm(value: str | None) -> str | None:
    """Compare as a reader would: case, spacing, quotes, decoration and the leading 'the' do not matter."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", value)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LNPZ" or ch in "&")
    text = re.sub(r"[‘’“”\"']", "", text).casefold()
    text = re.sub(r"\s+", " ", text).strip(" .,:;-–—")
    return re.sub(r"^the ", "", text) or None


def _agrees(expected, got: str | None) -> bool:
    accepted = expected if isinstance(expected, list) else [expected]
    return _norm(got) in {_norm(value) for value in accepted}


@pytest.fixture(scope="module")
def readings() -> dict[str, dict[str, str | None]]:
    corpus = _corpus()
    out: dict[str, dict[str, str | None]] = {}
    for name in LABELS:
        document = read_document(corpus / name)
        out[name] = {field: (value.json_value if (value := document.metadata.get(field)) else None)
                     for field in FIELDS if field != "policy_type"}
        out[name]["policy_type"] = policy_type_of(document).id
    return out


def test_every_corpus_document_is_labelled():
    corpus = _corpus()
    found = {
        path.relative_to(corpus).as_posix()
        for path in corpus.rglob("*")
        if path.is_file() and not path.name.upper().startswith("LICENSE")
    }
    assert found == set(LABELS)
    splits = [label["split"] for label in LABELS.values()]
    assert set(splits) == {"tune", "holdout"} and abs(splits.count("tune") - splits.count("holdout")) <= 3


def _agreement(readings, split: str) -> tuple[dict[str, float], list[str]]:
    names = [name for name, label in LABELS.items() if label["split"] == split]
    scores, misses = {}, []
    for field in FIELDS:
        good = 0
        for name in names:
            if _agrees(LABELS[name][field], readings[name][field]):
                good += 1
            else:
                misses.append(f"{split} {field} {name}: expected {LABELS[name][field]!r}, got {readings[name][field]!r}")
        scores[field] = good / len(names)
    return scores, misses


@pytest.mark.parametrize("split", ["tune", "holdout"])
def test_agreement_per_field(readings, split, capsys):
    scores, misses = _agreement(readings, split)
    with capsys.disabled():
        print(f"\n{split}: " + ", ".join(f"{field} {score:.0%}" for field, score in scores.items()))
        for miss in misses:
            print("  miss:", miss)
    floors = {**OTHER_FLOOR, **HOLDOUT_FLOOR} if split == "holdout" else OTHER_FLOOR
    low = {field: scores[field] for field, floor in floors.items() if scores[field] < floor}
    assert not low, (low, misses)


def test_normalisation_is_not_too_lenient():
    assert _agrees("Complaints Procedure", "complaints procedure.")
    assert _agrees("Social Media Use Policy (Facebook & Beyond)", "📋 Social Media Use Policy (Facebook & Beyond)")
    assert not _agrees("Complaints Procedure", "Complaints")
    assert not _agrees(None, "Safe School")
    assert not _agrees("2019-09", "2019-09-01")
