"""Bad DOCX and PDF input: one clear line naming the file, exit code 2, no traceback, no output."""

from __future__ import annotations

import io
import zipfile

import pytest
from _pdf_build import encrypted_pdf, scanned_pdf, text_pdf
from _readers_build import new_document, save_with_parts
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.errors import (
    CorruptFileError,
    EncryptedFileError,
    NoTextLayerError,
    TooLargeError,
    UnsupportedFormatError,
)
from toolkit.readers import ReadOptions, read_blocks


def _valid_docx(tmp_path) -> bytes:
    document = new_document()
    document.add_paragraph("Staff must not post about pupils.")
    return save_with_parts(document, tmp_path / "valid.docx").read_bytes()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _cli(path):
    result = CliRunner().invoke(main, ["parse", str(path)])
    return result


def _assert_one_line_exit_2(path, *phrases):
    result = _cli(path)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(f"policykit: error: {path}:")
    for phrase in phrases:
        assert phrase in message


def test_corrupt_docx(tmp_path):
    path = tmp_path / "policy.docx"
    path.write_bytes(b"this is not a zip at all" * 10)
    with pytest.raises(CorruptFileError):
        read_blocks(path)
    _assert_one_line_exit_2(path, "not a Word document")


def test_truncated_docx(tmp_path):
    data = _valid_docx(tmp_path)
    path = tmp_path / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError):
        read_blocks(path)
    _assert_one_line_exit_2(path, "damaged Word document")


def test_docx_with_broken_xml(tmp_path):
    document = new_document()
    document.add_paragraph("x")
    path = save_with_parts(document, tmp_path / "broken.docx", {"word/document.xml": b"<w:document><w:body>"})
    with pytest.raises(CorruptFileError, match="not well-formed"):
        read_blocks(path)


def test_zip_that_is_not_a_docx(tmp_path):
    path = tmp_path / "photos.docx"
    path.write_bytes(_zip({"holiday.txt": b"not a policy"}))
    with pytest.raises(CorruptFileError, match="no word/document.xml"):
        read_blocks(path)
    _assert_one_line_exit_2(path, "no word/document.xml")


def test_docx_past_the_unpacked_limit(tmp_path):
    path = tmp_path / "big.docx"
    path.write_bytes(_valid_docx(tmp_path))
    with pytest.raises(TooLargeError, match="max_unpacked_bytes"):
        read_blocks(path, ReadOptions(max_unpacked_bytes=10_000))


def test_zip_bomb_docx_is_refused_before_unpacking(tmp_path):
    # 4 MB of zeros compresses about 1000 to 1: far past any real Word part.
    data = _valid_docx(tmp_path)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    entries["word/media/bomb.bin"] = b"\0" * (4 * 1024 * 1024)
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip(entries))
    with pytest.raises(TooLargeError, match="zip bomb"):
        read_blocks(path)
    _assert_one_line_exit_2(path, "zip bomb")


def test_password_protected_docx(tmp_path):
    # Word saves a protected file as an OLE container holding EncryptionInfo.
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512)
    with pytest.raises(EncryptedFileError):
        read_blocks(path)
    _assert_one_line_exit_2(path, "password-protected")


def test_legacy_doc_says_save_as_docx(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    with pytest.raises(UnsupportedFormatError):
        read_blocks(path)
    _assert_one_line_exit_2(path, "save it as .docx")


def test_doc_renamed_to_docx_says_save_as_docx(tmp_path):
    path = tmp_path / "renamed.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    _assert_one_line_exit_2(path, "legacy Word .doc", "save it as .docx")


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "policy.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"garbage " * 200)
    with pytest.raises(CorruptFileError):
        read_blocks(path)
    _assert_one_line_exit_2(path, "damaged PDF")


def test_truncated_pdf(tmp_path):
    data = text_pdf(["Staff must not post about pupils."] * 20)
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptFileError):
        read_blocks(path)
    _assert_one_line_exit_2(path, "damaged PDF")


def test_not_a_pdf_at_all(tmp_path):
    path = tmp_path / "word.pdf"
    path.write_bytes(_zip({"word/document.xml": b"<x/>"}))
    _assert_one_line_exit_2(path, "not a PDF")


def test_password_protected_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted_pdf())
    with pytest.raises(EncryptedFileError):
        read_blocks(path)
    _assert_one_line_exit_2(path, "password-protected PDF")


def test_scanned_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf())
    with pytest.raises(NoTextLayerError):
        read_blocks(path)
    _assert_one_line_exit_2(path, "no text layer: this PDF is a scan; run OCR first")


def test_a_tiny_valid_pdf_still_reads(tmp_path):
    # The builders above make real PDFs: the good one reads, so the failures are the point.
    path = tmp_path / "ok.pdf"
    path.write_bytes(text_pdf(["Staff must not post about pupils."]))
    assert [block.text for block in read_blocks(path).blocks] == ["Staff must not post about pupils."]
