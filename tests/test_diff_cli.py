"""``policykit diff``: formats, output files and diff(1) exit codes."""

from __future__ import annotations

import json
import zipfile

import pytest
from click.testing import CliRunner
from conftest import sample

from toolkit.cli import main


@pytest.fixture()
def files(tmp_path):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    text = sample("hampshire").read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    edited = text.replace("The School has a duty to provide", "The School has a legal duty to provide")
    assert edited != text
    new.write_text(edited, encoding="utf-8")
    return old, new


def run(*args):
    return CliRunner().invoke(main, ["diff", *map(str, args)])


def test_differences_exit_1_and_print_text(files):
    old, new = files
    result = run(old, new)
    assert result.exit_code == 1, result.output
    assert "{+legal +}" in result.output and "Modified" in result.output


def test_identical_exit_0(files):
    old, _ = files
    result = run(old, old)
    assert result.exit_code == 0 and "No differences." in result.output


def test_missing_file_is_one_line_and_exit_2(files, tmp_path):
    old, _ = files
    result = run(old, tmp_path / "nope.txt")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"policykit: error: {tmp_path / 'nope.txt'}: no such file"]


@pytest.mark.parametrize("name, check", [
    ("changes.json", lambda data: json.loads(data)["schema"] == "policykit.diff/1"),
    ("changes.md", lambda data: b"{++legal++}" in data),
    ("changes.html", lambda data: data.startswith(b"<!DOCTYPE html>")),
    ("changes.docx", lambda data: data[:2] == b"PK"),
])
def test_format_follows_the_output_extension(files, tmp_path, name, check):
    old, new = files
    out = tmp_path / "out" / name
    result = run(old, new, "-o", out)
    assert result.exit_code == 1, result.output
    assert check(out.read_bytes())
    assert f"wrote {out}" in result.output


def test_format_option_beats_extension_and_author_reaches_docx(files, tmp_path):
    old, new = files
    out = tmp_path / "tracked.bin"
    result = run(old, new, "-o", out, "--format", "docx", "--author", "Clerk")
    assert result.exit_code == 1, result.output
    with zipfile.ZipFile(out) as package:
        assert 'w:author="Clerk"' in package.read("word/document.xml").decode()


def test_unknown_extension_and_overwriting_an_input_are_errors(files, tmp_path):
    old, new = files
    result = run(old, new, "-o", tmp_path / "changes.xyz")
    assert result.exit_code == 2 and "--format" in result.output
    before = new.read_bytes()
    result = run(old, new, "-o", new, "--format", "json")
    assert result.exit_code == 2 and "input" in result.output
    assert new.read_bytes() == before


def test_ignore_options_can_make_files_the_same(files, tmp_path):
    old, _ = files
    shouty = tmp_path / "shouty.txt"
    shouty.write_text(old.read_text(encoding="utf-8").replace("The School has", "THE SCHOOL HAS"), encoding="utf-8")
    assert run(old, shouty).exit_code == 1
    assert run(old, shouty, "--ignore-case").exit_code == 0


def test_exit_codes_survive_a_real_process(files):
    """CliRunner bypasses sys.exit; a real interpreter shows what diff(1) users see."""
    import os
    import subprocess
    import sys

    from conftest import REPO

    old, new = files
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    codes = [
        subprocess.run([sys.executable, "-m", "toolkit", "diff", str(a), str(b)], capture_output=True, env=env).returncode
        for a, b in ((old, old), (old, new), (old, old.with_name("missing.txt")))
    ]
    assert codes == [0, 1, 2]


def test_quiet_prints_nothing(files):
    old, new = files
    result = run(old, new, "-q")
    assert result.exit_code == 1 and result.output == ""
