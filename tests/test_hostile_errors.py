"""Error messages under hostile input: one line, naming the file, even for a bug."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from toolkit import errors
from toolkit.cli import main
from toolkit.errors import CorruptFileError, current_file, working_on


def test_messages_from_libraries_become_one_line():
    error = CorruptFileError("damaged: line one\nline two\r\n  <w:p>slice</w:p>", path="policy.docx")
    assert str(error) == "policy.docx: damaged: line one line two <w:p>slice</w:p>"


def test_file_stays_named_after_a_failure_and_is_cleared_after_success():
    with pytest.raises(ValueError), working_on("bad.docx"):
        raise ValueError("boom")
    assert current_file() == "bad.docx"  # what the CLI reports
    with working_on("good.docx"):
        assert current_file() == "good.docx"
    assert current_file() is None  # a later bug is not blamed on bad.docx
    errors.clear_current_file()


def test_internal_error_names_the_file_being_processed(tmp_path, monkeypatch):
    from toolkit import structure

    source = tmp_path / "policy.txt"
    source.write_text("Staff Social Media Policy\n\n1. Staff must keep pupils safe.\n")

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(structure, "build_document", broken)
    result = CliRunner().invoke(main, ["parse", str(source)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "internal error while processing" in lines[0] and str(source) in lines[0]


def test_memory_exhaustion_in_a_file_is_that_files_problem(tmp_path, monkeypatch):
    from toolkit import structure

    source = tmp_path / "policy.txt"
    source.write_text("Staff Social Media Policy\n\n1. Staff must keep pupils safe.\n")

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(structure, "build_document", exhausted)
    result = CliRunner().invoke(main, ["parse", str(source)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"policykit: error: {source}: too large or too deeply nested to process (MemoryError)"]
