"""One bad file beside good ones never stops the register: it is listed as not read with a
one-line reason, the report is written, and the exit status is 3. When nothing at all can
be read there is no register to write: exit 2 with the file's own one-line error."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_qa_cli_errors import _workspace

from toolkit.cli import main

BAD_FILES = ["empty.txt", "binary.txt", "corrupt.docx", "corrupt.pdf", "policy.rtf"]


@pytest.mark.parametrize("bad", BAD_FILES)
def test_bad_file_beside_a_good_one_is_listed_and_the_report_written(bad, tmp_path, monkeypatch):
    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["compare", "old.txt", bad, "-o", "trust.json"])
    assert result.exit_code == 3, (result.stdout, result.stderr)
    not_read = [line for line in result.stderr.splitlines() if line.startswith("policykit: not read: ")]
    assert len(not_read) == 1 and not_read[0].startswith(f"policykit: not read: {bad}: "), result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads((tmp_path / "trust.json").read_text("utf-8"))
    assert [item["file"] for item in data["not_read"]] == [bad]
    assert [doc["id"] for doc in data["documents"]] == ["old.txt"]
    assert "Not read: 1 file" in result.stdout


@pytest.mark.parametrize("bad", BAD_FILES)
def test_nothing_readable_is_one_line_exit_2_and_nothing_written(bad, tmp_path, monkeypatch):
    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["compare", bad, "-o", "trust.json"])
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("policykit: error: ") and bad in lines[0], result.stderr
    assert not (tmp_path / "trust.json").exists()
