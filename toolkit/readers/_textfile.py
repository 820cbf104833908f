"""Loading a text file as a person would expect: UTF-8, else Windows-1252, never binary.

UTF-16 with a byte order mark is accepted too: it is what Windows Notepad writes
when "Unicode" is chosen, so schools have such files, and its zero bytes would
otherwise make it look binary.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DecodeError, EmptyInputError, TooLargeError
from .options import ReadOptions

# Bytes that never occur in text but always in binary formats.
_BINARY_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


@dataclass(frozen=True, slots=True)
class LoadedText:
    text: str
    encoding: str
    warning: str | None = None


def load_text(path: Path, options: ReadOptions) -> LoadedText:
    size = path.stat().st_size
    if size > options.max_file_bytes:
        raise TooLargeError(f"file is {size:,} bytes; the limit is {options.max_file_bytes:,}", path=path)
    data = path.read_bytes()
    if data.startswith(b"%PDF") or data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DecodeError("binary file given as text (it looks like a PDF or Office file; check its extension)", path=path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _utf16(path, data)
    sample = data[:8192]
    if b"\x00" in sample or sum(byte in _BINARY_CONTROL for byte in sample) > max(2, len(sample) // 100):
        raise DecodeError("binary bytes given as text: this is not a text file", path=path)
    warning = None
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
            warning = f"{path}: not valid UTF-8 (byte {utf8_error.start}); read as Windows-1252 (cp1252)"
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"undecodable text: not UTF-8 (byte {utf8_error.start}) nor Windows-1252 (byte {exc.start})",
                path=path,
            ) from exc
    return _loaded(path, text, encoding, warning)


def _utf16(path: Path, data: bytes) -> LoadedText:
    try:
        text = data.decode("utf-16")  # the BOM says which byte order
    except UnicodeDecodeError as exc:
        raise DecodeError(f"undecodable text: it starts as UTF-16 but byte {exc.start} is not", path=path) from exc
    if any(ord(char) in _BINARY_CONTROL for char in text[:4096]):
        raise DecodeError("binary bytes given as text: this is not a text file", path=path)
    return _loaded(path, text, "utf-16", None)


def _loaded(path: Path, text: str, encoding: str, warning: str | None) -> LoadedText:
    if not text.strip():
        raise EmptyInputError("empty file: it holds no text", path=path)
    return LoadedText(text.replace("\r\n", "\n").replace("\r", "\n"), encoding, warning)
