"""``policykit parse`` end to end, and its one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import REPO, SAMPLE_NAMES, sample

from toolkit.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("key", sorted(SAMPLE_NAMES))
def test_parse_json_contract(key):
    result = run("parse", str(sample(key)), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "policykit.document/1"
    # Keys are only ever added (the contract is additive): these must all stay.
    assert {"schema", "source", "title", "metadata", "furniture", "clauses", "citations", "policy_type"} <= set(data)
    ids = {clause["id"] for clause in data["clauses"]}
    for clause in data["clauses"]:
        assert set(clause) == {"id", "number", "heading", "text", "level", "kind", "parent", "page", "line"}
        assert clause["parent"] is None or clause["parent"] in ids
        assert isinstance(clause["line"], int)
    for field in ("school", "version", "approved", "approved_by", "next_review"):
        assert field in data["metadata"]


def test_parse_text_and_tree_formats():
    text = run("parse", str(sample("westhaven")), "--format", "text")
    assert text.exit_code == 0
    assert "2.3\t[clause] In this Policy 'pupil'" in text.output
    tree = run("parse", str(sample("westhaven")), "--format", "tree")
    assert tree.output.startswith("Social Media and Networking Policy\n")
    assert "\n  4.1 All colleagues" in tree.output


def _error_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_missing_file(tmp_path):
    line = _error_line(run("parse", str(tmp_path / "nope.txt")))
    assert line == f"policykit: error: {tmp_path / 'nope.txt'}: no such file"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n")
    assert _error_line(run("parse", str(path))).endswith("empty.txt: empty file: it holds no text")


def test_binary_bytes_given_as_text(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 4)
    assert "binary bytes given as text" in _error_line(run("parse", str(path)))


def test_pdf_bytes_with_a_text_extension(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_bytes(b"%PDF-1.7\n...")
    assert "looks like a PDF or Office file" in _error_line(run("parse", str(path)))


def test_unsupported_extension(tmp_path):
    path = tmp_path / "policy.xyz"
    path.write_text("1. Purpose")
    line = _error_line(run("parse", str(path)))
    assert "policy.xyz: unsupported file type .xyz" in line


def test_legacy_doc_gets_advice(tmp_path):
    path = tmp_path / "policy.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    assert "save it as .docx" in _error_line(run("parse", str(path)))


def test_cp1252_text_is_read_with_a_warning(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_bytes("Social Media Policy\n\n1. Purpose\n\nStaff’s conduct online matters.\n".encode("cp1252"))
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "text"])
    assert result.exit_code == 0
    assert "Staff’s conduct" in result.stdout
    assert "read as Windows-1252 (cp1252)" in result.stderr


def test_undecodable_text(tmp_path):
    path = tmp_path / "policy.txt"
    # 0x81 is undefined in cp1252 and invalid as UTF-8.
    path.write_bytes(b"Social media policy \x81\x81 text\n")
    assert "undecodable text" in _error_line(run("parse", str(path)))


def test_console_script_runs_as_a_module():
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "parse", str(sample("cherry-trees")), "--format", "text"],
        capture_output=True, text=True, cwd=REPO, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1\t[section] Purpose")


def test_outputs_are_written_whole_with_normal_permissions_and_never_escape(tmp_path):
    import os

    from toolkit.errors import OutputError
    from toolkit.io import write_outputs

    written = write_outputs(tmp_path, {"a/report.html": "<p>x</p>", "b.json": b"{}"})
    assert [p.read_bytes() for p in written] == [b"<p>x</p>", b"{}"]
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(written[0]).st_mode & 0o777 == 0o666 & ~umask  # as any new file, not mkstemp's 0600
    with pytest.raises(OutputError, match="escapes the output folder"):
        write_outputs(tmp_path, {"ok.txt": "fine", "../outside.txt": "no"})
    assert not (tmp_path / "ok.txt").exists() and not (tmp_path.parent / "outside.txt").exists()
