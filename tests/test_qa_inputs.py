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
