"""`policykit adopt` on a Markdown model: the same places, notes and optional sections as Word."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from test_adopt_docx import PROFILE

from toolkit.adopt import adopt_model, scan_model
from toolkit.cli import main
from toolkit.diff import Status, diff_documents
from toolkit.readers import read_document

STAMP = dt.datetime(2025, 9, 15, 9, 0, tzinfo=dt.UTC)

MODEL = """\
# Remote Learning Policy

Approved by the governors of [School name] on [Date approved].

## 1. Aims

1.1 Pupils keep learning when they cannot attend <<School>>.

::: note
Trusts may add their own aims here.
:::

## 2. Official accounts [Optional: official_accounts]

2.1 Announcements go out on the school's ==official accounts== only.

## 3. Contacts

3.1 Safeguarding concerns go to [insert name of DSL] at once. [Delete if not needed.]

3.2 Data questions go to «DPO»; see [the guidance](https://example.org/guidance).

3.3 Section 4 explains how the policy is reviewed.

## 4. Review

4.1 The policy is reviewed [Review cycle] by [Approved by].
"""


def _write(tmp_path):
    model = tmp_path / "remote.md"
    model.write_text(MODEL, encoding="utf-8")
    profile = tmp_path / "school.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    return model, profile


def test_markdown_places_found_as_in_word(tmp_path):
    model, _ = _write(tmp_path)
    found = scan_model(model)
    assert [(p.kind, p.name) for p in found.unfilled] == [
        ("brackets", "School name"), ("brackets", "Date approved"), ("angle", "School"),
        ("highlight", "official accounts"), ("brackets", "insert name of DSL"), ("angle", "DPO"),
        ("brackets", "Review cycle"), ("brackets", "Approved by")]
    assert [s.name for s in found.sections_undecided] == ["official_accounts"]
    assert len(found.notes_kept) == 2  # the ::: note block and the bracketed instruction


def test_markdown_model_adopted(tmp_path):
    model, profile = _write(tmp_path)
    result = adopt_model(model, profile, tmp_path / "out", timestamp=STAMP)
    assert result.unfilled == ()
    text = result.outputs["remote.md"].read_text(encoding="utf-8")
    assert text == """\
# Remote Learning Policy

Approved by the governors of Oakfield Primary School on 15 September 2025.

## 1. Aims

1.1 Pupils keep learning when they cannot attend Oakfield Primary School.

## 2. Contacts

2.1 Safeguarding concerns go to Mr Ben Example at once.

2.2 Data questions go to Schools DPO Service; see [the guidance](https://example.org/guidance).

2.3 Section 3 explains how the policy is reviewed.

## 3. Review

3.1 The policy is reviewed every year by full governing board.
"""
    diff = diff_documents(read_document(model), read_document(result.outputs["remote.md"]))
    removed = sorted(c.old.number or c.old.text for c in diff.changes if c.status is Status.REMOVED)
    assert removed == ["2", "2.1", "::: note Trusts may add their own aims here. :::"]  # the section, the note
    assert not [c for c in diff.changes if c.status is Status.ADDED]
    modified = sorted(c.old.number or c.old.text for c in diff.changes if c.modified)
    # The filled places (1.1, 3.1, 3.2, 4.1) and 3.3 for its reference, renumbered.
    assert modified == ["1.1", "3.1", "3.2", "3.3", "4.1"]
    # The filled opening line is the approval on the cover: a changed cover detail.
    cover = {change.field: change for change in diff.metadata_changes}
    assert cover["approved_by"].old == "Approved by the governors of [School name] on [Date approved]."
    assert cover["approved_by"].new == "governors of Oakfield Primary School"
    assert cover["approved"].new == "15 September 2025"


def test_markdown_cli_lists_and_adopts(tmp_path):
    model, profile = _write(tmp_path)
    listed = CliRunner().invoke(main, ["adopt", "--list", str(model)])
    assert listed.exit_code == 0, listed.output
    assert '"insert name of DSL" = "designated_safeguarding_lead"' in listed.output
    done = CliRunner().invoke(main, ["adopt", str(model), "-p", str(profile), "-o", str(tmp_path / "o")])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "o" / "oakfield-primary-school" / "remote-changes.html").is_file()


def test_a_model_named_like_a_generated_output_does_not_replace_it(tmp_path):
    model, profile = _write(tmp_path)
    renamed = tmp_path / "policy.md"
    model.rename(renamed)
    result = adopt_model(renamed, profile, tmp_path / "out", timestamp=STAMP)
    assert sorted(result.outputs) == ["policy-adopted-adopt.json", "policy-adopted-changes.docx",
                                      "policy-adopted-changes.html", "policy-adopted.md"]
