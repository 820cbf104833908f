"""QA: text files as schools actually save them read as text.

Windows Notepad's "Unicode" is UTF-16 with a byte order mark; its zero bytes
used to trip the binary check ("binary bytes given as text").
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.errors import DecodeError, EmptyInputError
from toolkit.readers import read_document

POLICY = "Staff Social Media Policy\r\n\r\n1. Purpose\r\n1.1 Staff pay £5 for the café visit.\r\n"


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
@pytest.mark.parametrize("extension", ["txt", "md"])
def test_utf16_with_bom_reads_like_utf8(tmp_path, encoding, bom, extension):
    utf16 = tmp_path / f"notepad.{extension}"
    utf16.write_bytes(bom + POLICY.encode(encoding))
    utf8 = tmp_path / f"plain.{extension}"
    utf8.write_bytes(POLICY.encode("utf-8"))
    got, expected = read_document(utf16), read_document(utf8)
    assert [(c.number, c.full_text) for c in got.walk()] == [(c.number, c.full_text) for c in expected.walk()]
    assert any(c.number == "1.1" and "£5 for the café" in c.full_text for c in got.walk())


def test_utf16_through_the_cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notepad.txt").write_bytes(b"\xff\xfe" + POLICY.encode("utf-16-le"))
    result = CliRunner().invoke(main, ["parse", "notepad.txt", "--format", "text"])
    assert result.exit_code == 0, result.stderr
    assert "café" in result.stdout and result.stderr == ""


def test_utf16_bom_alone_is_empty(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(EmptyInputError):
        read_document(path)


def test_truncated_utf16_is_a_decode_error(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xff\xfe" + "Policy".encode("utf-16-le") + b"A")
    with pytest.raises(DecodeError, match="UTF-16"):
        read_document(path)


def test_binary_behind_a_utf16_bom_is_still_binary(tmp_path):
    path = tmp_path / "fake.txt"
    path.write_bytes(b"\xff\xfe" + "\x01\x02\x03\x04".encode("utf-16-le") * 500)
    with pytest.raises(DecodeError, match="binary"):
        read_document(path)


def test_stray_control_characters_do_not_break_any_output(tmp_path, monkeypatch):
    """A control character in a text file (one is below the binary threshold) used to crash
    the tracked-changes DOCX (lxml refuses it) and the trust workbook (openpyxl refuses it)."""
    from tests.test_qa_docx_outputs import ooxml_problems

    monkeypatch.chdir(tmp_path)
    old = "Staff \x01 Policy\n\n1. Purpose\n1.1 Staff \x02 must \ufffe not post.\n"
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(old.replace("not post", "never post"), encoding="utf-8")
    runner = CliRunner()
    for output in ("changes.docx", "changes.html", "changes.md", "changes.json"):
        result = runner.invoke(main, ["diff", "old.txt", "new.txt", "-o", output])
        assert result.exit_code == 1, (output, result.output, result.exc_info)
    assert ooxml_problems(tmp_path / "changes.docx") == []
    for output in ("trust.xlsx", "trust.html", "trust.json"):
        result = runner.invoke(main, ["compare", "old.txt", "new.txt", "--baseline", "old.txt", "-o", output, "--no-cache"])
        assert result.exit_code == 0, (output, result.output, result.exc_info)
    assert ooxml_problems(tmp_path / "trust.xlsx") == []


def test_an_unexpected_failure_is_one_line_not_a_traceback(tmp_path, monkeypatch):
    import toolkit.commands.parse as parse_command

    def broken(_document):
        raise ValueError("renderer exploded\non two lines")

    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.txt").write_text(POLICY, encoding="utf-8")
    monkeypatch.setitem(parse_command.DOCUMENT_RENDERERS, "tree", broken)
    monkeypatch.delenv("POLICYKIT_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["parse", "p.txt"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "policykit: internal error: ValueError: renderer exploded on two lines "
        "(a bug in policykit; run with POLICYKIT_DEBUG=1 for the details to report)"]
    monkeypatch.setenv("POLICYKIT_DEBUG", "1")
    debug = CliRunner().invoke(main, ["parse", "p.txt"])
    assert isinstance(debug.exception, ValueError)  # the traceback is there for whoever reports it


def test_an_unreadable_file_is_an_input_error(tmp_path, monkeypatch):
    """Permissions cannot be tested as root, so the reader is made to fail as open() would."""
    import toolkit.readers.text as text_reader

    def denied(path, options):
        raise PermissionError(13, "Permission denied", str(path))

    path = tmp_path / "locked.txt"
    path.write_text(POLICY, encoding="utf-8")
    monkeypatch.setattr(text_reader, "load_text", denied)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["parse", "locked.txt"])
    assert result.exit_code == 2
    assert result.stderr == "policykit: error: locked.txt: cannot read: Permission denied\n"


def test_an_os_error_elsewhere_is_one_line_naming_the_file(tmp_path, monkeypatch):
    import toolkit.commands.parse as parse_command

    def full_disk(_document):
        raise OSError(28, "No space left on device", "/tmp/somewhere")

    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.txt").write_text(POLICY, encoding="utf-8")
    monkeypatch.setitem(parse_command.DOCUMENT_RENDERERS, "tree", full_disk)
    result = CliRunner().invoke(main, ["parse", "p.txt"])
    assert result.exit_code == 2
    assert result.stderr == "policykit: error: /tmp/somewhere: No space left on device\n"
