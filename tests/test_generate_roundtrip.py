"""Closing the loop: the generated policy.docx, read back by policykit's own DOCX reader,
gives exactly the clause numbers and texts that were rendered, and its metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from toolkit.generate.api import generate_policy
from toolkit.generate.templates import builtin_samples_dir
from toolkit.readers import read_document, reader_names

STAMP = dt.datetime(2025, 3, 21, 9, 0, tzinfo=dt.UTC)
PROFILE = builtin_samples_dir() / "sample-profile.toml"

pytestmark = pytest.mark.skipif("docx" not in reader_names(), reason="the DOCX reader (branch readers) is not merged")


def clauses(document):
    return [(clause.number, clause.full_text) for clause in document.walk()]


@pytest.mark.parametrize("options", [
    {},
    {"official_accounts": False, "legislation_appendix": False},
    {"personal_devices_at_break": False, "all_pupils_under_13": False},
], ids=["defaults", "no-accounts-no-appendix", "devices-off-over-13"])
def test_generated_docx_reads_back_as_the_rendered_clauses(tmp_path, options):
    profile = tmp_path / "school.toml"
    text = PROFILE.read_text(encoding="utf-8").split("[options]")[0]
    text += "[options]\n" + "".join(f"{k} = {'true' if v else 'false'}\n" for k, v in options.items())
    profile.write_text(text, encoding="utf-8")
    result = generate_policy(profile, None, tmp_path / "out", timestamp=STAMP, pdf=False)
    read_back = read_document(result.outputs["policy.docx"])
    expected = clauses(result.document)
    assert len(expected) > 100
    assert clauses(read_back) == expected


def test_generated_docx_reads_back_its_governance_details(tmp_path):
    result = generate_policy(PROFILE, None, tmp_path, timestamp=STAMP, pdf=False)
    metadata = read_document(result.outputs["policy.docx"]).metadata
    assert metadata.title.value == "Staff Social Media Policy"
    assert metadata.school.value == "Oakfield Primary School"
    assert metadata.version.value == "2.0"
    assert metadata.approved.value.iso == "2025-03-21"
    assert metadata.next_review.value.iso == "2027-03-21"
    assert metadata.approved_by.value == "Full governing board"


def test_generated_markdown_reads_back_as_the_rendered_clauses(tmp_path):
    if "markdown" not in reader_names():
        pytest.skip("the Markdown reader is not merged")
    result = generate_policy(PROFILE, None, tmp_path, timestamp=STAMP, pdf=False)
    read_back = read_document(result.outputs["policy.md"])
    assert [n for n, _ in clauses(read_back)] == [n for n, _ in clauses(result.document)]
    assert clauses(read_back) == clauses(result.document)
