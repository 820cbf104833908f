"""Opening a Word package safely: a ZIP we refuse to unpack blindly.

A .docx is a ZIP of XML parts. Before reading any part we check what the
archive *claims* it will unpack to (``ZipInfo.file_size``) against
``max_unpacked_bytes``, and every part's compression ratio, so a zip bomb is
refused before it costs memory. Reads are then capped at the declared size, so
an archive that lies about its sizes cannot get past the check either.

Limits (documented for users in the reader's docstring):

* the whole archive may unpack to at most ``ReadOptions.max_unpacked_bytes``
  (200 MB by default);
* no part larger than ``_RATIO_FLOOR`` bytes may be compressed more than
  ``MAX_COMPRESSION_RATIO`` to 1 (real Word XML compresses 5-20 to 1);
* the parts actually read (XML: the body, styles, numbering, headers) may
  unpack to at most ``MAX_READ_BYTES`` (16 MB) together, counted as they are
  decompressed, so no declared size can be trusted. Parsing XML costs about
  ten times its size in memory, and the largest Word part we have seen in a
  real school policy is 0.4 MB: the budget keeps one document well under
  1 GB while leaving room for a policy forty times larger than any real one;
* a part that declares a DTD is refused: Word never writes one, and an
  entity in it would otherwise make text vanish or (XXE) read local files.
"""

from __future__ import annotations

import lzma
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import CorruptFileError, EncryptedFileError, TooLargeError, UnsupportedFormatError
from . import qn

MAX_COMPRESSION_RATIO = 200
MAX_READ_BYTES = 16 * 1024 * 1024
_CHUNK = 1024 * 1024
# Everything zipfile and its decompressors raise on a damaged member (NotImplementedError,
# an unknown method, is a RuntimeError; bz2 reports damage as OSError).
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError,
               zlib.error, lzma.LZMAError, KeyError, IndexError, OverflowError, UnicodeDecodeError)
_RATIO_FLOOR = 1024 * 1024  # small parts may compress absurdly well (runs of spaces); ignore them

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

# No DTDs, no entities, no network: parts are data, never instructions.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


@dataclass(frozen=True, slots=True)
class Relationship:
    id: str
    type: str
    target: str  # resolved part name inside the package, e.g. "word/header1.xml"
    external: bool


class WordPackage:
    """The parts of one .docx, read on demand within the size limits."""

    def __init__(self, path: Path, max_unpacked_bytes: int, max_file_bytes: int) -> None:
        self.path = path
        size = path.stat().st_size
        if size > max_file_bytes:
            raise TooLargeError(f"file is {size:,} bytes; the limit is {max_file_bytes:,}", path=path)
        with open(path, "rb") as handle:
            head = handle.read(8)
        if head == _OLE_MAGIC:
            _raise_for_ole(path)
        if not head.startswith(b"PK"):
            raise CorruptFileError("not a Word document: the file is not a ZIP package (damaged or misnamed?)", path=path)
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except _ZIP_ERRORS as exc:
            raise CorruptFileError(f"damaged Word document: {_reason(exc)}", path=path) from exc
        try:
            self._check(infos, max_unpacked_bytes)
        except BaseException:
            self._zip.close()  # refused: no open file left for the garbage collector (a batch reads on)
            raise

    def _check(self, infos: list[zipfile.ZipInfo], max_unpacked_bytes: int) -> None:
        path = self.path
        self._infos = {info.filename: info for info in infos}
        total = sum(info.file_size for info in infos)
        if total > max_unpacked_bytes:
            raise TooLargeError(
                f"the document would unpack to {total:,} bytes; the limit is {max_unpacked_bytes:,} "
                "(ReadOptions.max_unpacked_bytes)",
                path=path,
            )
        for info in infos:
            if info.file_size > _RATIO_FLOOR and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                raise TooLargeError(
                    f"part {info.filename} is compressed {info.file_size // max(info.compress_size, 1):,} to 1 "
                    f"(limit {MAX_COMPRESSION_RATIO} to 1): refusing a likely zip bomb",
                    path=path,
                )
        self._max = min(max_unpacked_bytes, MAX_READ_BYTES)
        self._read_so_far = 0
        self.main_part = self._find_main_part()

    # -- parts ---------------------------------------------------------------------------

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        info = self._infos[name]
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as member:
                # Never trust the declared size alone: decompress a chunk at a time, count
                # every byte against the document's budget, and stop one byte past the
                # declared size.
                while chunk := member.read(min(_CHUNK, info.file_size + 1 - size)):
                    size += len(chunk)
                    self._read_so_far += len(chunk)
                    if self._read_so_far > self._max:
                        raise TooLargeError(
                            f"the document's Word parts unpack to more than {self._max:,} bytes (the limit per "
                            "document); a real policy needs a small fraction of that",
                            path=self.path,
                        )
                    chunks.append(chunk)
                    if size > info.file_size:
                        raise TooLargeError(f"part {name} unpacks past its declared size: refusing it", path=self.path)
        except _ZIP_ERRORS as exc:
            raise CorruptFileError(f"damaged Word document: part {name}: {_reason(exc)}", path=self.path) from exc
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element:
        data = self.read(name)
        try:
            root = etree.fromstring(data, _PARSER)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise CorruptFileError(f"damaged Word document: part {name} is not well-formed XML ({_reason(exc)})",
                                   path=self.path) from exc
        if root.getroottree().docinfo.internalDTD is not None:
            raise CorruptFileError(
                f"part {name} declares a DTD, which Word never writes: refusing it (its entities could hide or "
                "replace text)",
                path=self.path,
            )
        return root

    def read_all(self) -> dict[str, bytes]:
        """Every part's bytes by name (folders left out), within the same limits as ``read``."""
        return {name: self.read(name) for name in self._infos if not name.endswith("/")}

    def xml_or_none(self, name: str | None) -> etree._Element | None:
        if not name or not self.has(name):
            return None
        return self.xml(name)

    def relationships(self, part: str) -> dict[str, Relationship]:
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        root = self.xml(rels_name)
        rels: dict[str, Relationship] = {}
        for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            rels[rel.get("Id", "")] = Relationship(rel.get("Id", ""), rel.get("Type", ""), target, external)
        return rels

    def related(self, part: str, rel_type_suffix: str) -> str | None:
        """The first part related to ``part`` whose relationship type ends with the suffix."""
        for rel in self.relationships(part).values():
            if rel.type.endswith(rel_type_suffix) and not rel.external:
                return rel.target
        return None

    def close(self) -> None:
        self._zip.close()

    def _find_main_part(self) -> str:
        for rel in self.relationships("").values():
            if rel.type == _OFFICE_DOCUMENT or rel.type.endswith("/officeDocument"):
                if self.has(rel.target):
                    return rel.target
        if self.has("word/document.xml"):
            return "word/document.xml"
        if self.has("content.xml") or self.has("mimetype"):
            raise UnsupportedFormatError(
                "this is an OpenDocument file, not a Word document; save it as .docx", path=self.path
            )
        raise CorruptFileError("not a Word document: this ZIP archive holds no word/document.xml", path=self.path)


# A part to rewrite keeps its XML comments: writing it back changes only what was changed.
_EDIT_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def parse_for_editing(data: bytes, name: str, path: Path) -> etree._Element:
    """A part parsed to be changed and written back (``body.xml_bytes``); damage is one clear error."""
    try:
        root: etree._Element = etree.fromstring(data, _EDIT_PARSER)
    except etree.XMLSyntaxError as exc:
        raise CorruptFileError(f"damaged Word document: part {name}: {' '.join(str(exc).split())[:120]}",
                               path=path) from None
    return root


def _raise_for_ole(path: Path) -> None:
    """An OLE compound file named .docx: either encrypted OOXML or a renamed .doc."""
    with open(path, "rb") as handle:
        sample = handle.read(1024 * 1024)
    if "EncryptionInfo".encode("utf-16-le") in sample or "EncryptedPackage".encode("utf-16-le") in sample:
        raise EncryptedFileError("password-protected Word document: remove the password in Word and save again", path=path)
    raise UnsupportedFormatError(
        "this is a legacy Word .doc file with a .docx name; open it in Word or LibreOffice and save it as .docx",
        path=path,
    )


def _reason(exc: BaseException) -> str:
    # One line, and not a slice of the document: parser messages can carry both.
    text = " ".join(str(exc).split())[:200]
    return text or type(exc).__name__


def attr(element: etree._Element | None, name: str = "w:val") -> str | None:
    """A w:-namespaced attribute of an optional element."""
    if element is None:
        return None
    value: str | None = element.get(qn(name))
    return value


def on_off(element: etree._Element | None) -> bool | None:
    """A WordprocessingML toggle (``<w:b/>``, ``<w:b w:val="0"/>``): None when absent."""
    if element is None:
        return None
    value = element.get(qn("w:val"))
    return value is None or value.lower() not in ("0", "false", "off", "none")


def num_pr(ppr: etree._Element | None) -> tuple[str | None, int | None]:
    """The (numId, ilvl) a paragraph's or style's w:pPr sets itself; None where it is silent."""
    numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if numpr is None:
        return None, None
    level = attr(numpr.find(qn("w:ilvl")))
    return attr(numpr.find(qn("w:numId"))), clamp_level(level)


MAX_LEVEL = 8  # Word's nine list levels, 0 to 8


def bounded_int(value: str | None, cap: int) -> int | None:
    """A non-negative decimal attribute clamped to ``cap``: None when it is no number
    (ASCII digits only: ``int('²')`` fails), and never an int() of thousands of digits."""
    if value is None:
        return None
    digits = value.strip()
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    digits = digits.lstrip("0") or "0"
    return cap if len(digits) > len(str(cap)) else min(int(digits), cap)


def clamp_level(value: str | None) -> int | None:
    """A w:ilvl as Word reads it: 0 to 8 (a huge value is the deepest level)."""
    return bounded_int(value, MAX_LEVEL)
