"""Closing the loop with the other tools: compare finds every catalogue topic in the
generated policy, and diff against the model shows exactly the school's variations.

These need the topic classifier (branch compare) and the clause diff (branch diff);
each test skips cleanly, saying so, until those are merged."""

from __future__ import annotations

import datetime as dt

import pytest

from toolkit.generate.api import generate_policy
from toolkit.generate.templates import builtin_samples_dir
from toolkit.readers import read_document, reader_names

STAMP = dt.datetime(2025, 3, 21, 9, 0, tzinfo=dt.UTC)
PROFILE = builtin_samples_dir() / "sample-profile.toml"

pytestmark = pytest.mark.skipif("docx" not in reader_names(), reason="the DOCX reader (branch readers) is not merged")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generate_policy(PROFILE, None, tmp_path_factory.mktemp("out"), timestamp=STAMP, pdf=False,
                           include_model=True)


def test_compare_finds_every_catalogue_topic_in_the_generated_policy(generated):
    classifier = pytest.importorskip("toolkit.topics.classifier", reason="the topic classifier (branch compare) is not merged")
    topics = classifier.classify_document(read_document(generated.outputs["policy.docx"]))
    assert len(topics.coverage) >= 25
    assert topics.missing == []
    # Each topic is found in the section written for it (labelled with its topic id).
    for coverage in topics.coverage:
        section = generated.document.clause(coverage.topic_id).number
        assert any(ref == section or ref.startswith(section + ".") for ref in coverage.references), coverage.topic_id


def test_diff_against_the_model_shows_the_schools_local_variations(generated, tmp_path):
    diff = pytest.importorskip("toolkit.diff", reason="the clause diff (branch diff) is not merged")
    model = read_document(generated.outputs["model.docx"])
    school = read_document(generated.outputs["policy.docx"])
    result = diff.diff_documents(model, school, diff.DiffOptions())
    counts = result.summary
    # Same options as the model: nothing added, removed or moved; only the school's details differ.
    assert (counts.added, counts.removed, counts.moved, counts.renumbered) == (0, 0, 0, 0)
    modified = {change.new.number: change for change in result.changes if change.modified}
    assert "1.2" in modified and "Oakfield Primary School" in modified["1.2"].new_text
    assert "[School name]" in modified["1.2"].old_text
    # Exactly the clauses that carry the school's names, trust, dates and review cycle.
    assert sorted(modified, key=lambda n: tuple(map(int, n.split(".")))) == [
        "1.2", "2.1", "4.1", "4.2", "4.3", "4.4", "5.4", "9.1", "9.2", "14.1", "14.3", "21.1", "25.1", "25.2",
    ]
    assert "[-year-]" not in modified["25.2"].old_text and "every 2 years" in modified["25.2"].new_text
    fields = {change.field for change in result.metadata_changes}
    assert {"school", "version", "approved", "next_review"} <= fields


def test_diff_shows_a_switched_off_section_as_removed_and_the_rest_renumbered(tmp_path):
    diff = pytest.importorskip("toolkit.diff", reason="the clause diff (branch diff) is not merged")
    profile = tmp_path / "school.toml"
    profile.write_text(PROFILE.read_text(encoding="utf-8").replace("official_accounts = true",
                                                                  "official_accounts = false"), encoding="utf-8")
    result = generate_policy(profile, None, tmp_path / "out", timestamp=STAMP, pdf=False, include_model=True)
    model = read_document(result.outputs["model.docx"])
    school = read_document(result.outputs["policy.docx"])
    changes = diff.diff_documents(model, school, diff.DiffOptions()).changes
    removed = [c.old.number for c in changes if c.status == diff.Status.REMOVED]
    assert "13" in removed and "13.1" in removed
    renumbered = {c.old.number: c.new.number for c in changes if c.new is not None and c.old is not None
                  and c.old.number != c.new.number}
    assert renumbered.get("14") == "13"  # safeguarding moved up, recognised as the same clause
    added = [c.new.text for c in changes if c.status == diff.Status.ADDED]
    assert any("does not run official social media accounts" in text for text in added)
