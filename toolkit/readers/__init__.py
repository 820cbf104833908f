"""Readers: one module per format, chosen by file extension through a registry.

Each reader has two stages (pandoc-style): the format-specific first stage turns
the file into a ``BlockStream``; the shared structure builder turns that into a
``Document``. Adding a format means adding one module and one line in ``_READERS``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import FileMissingError, InputError, TooLargeError, UnsupportedFormatError, working_on
from ..model import Document
from ..registry import Entry, Registry
from ..structure.blocks import BlockStream
from .options import ReadOptions

__all__ = [
    "ReadOptions",
    "Reader",
    "read_blocks",
    "read_document",
    "reader_for",
    "reader_names",
    "supported_extensions",
]


@dataclass(frozen=True, slots=True)
class Reader(Entry):
    """One format: its name, the file extensions it claims, and where its first stage lives.

    The module is imported on first use, so listing formats (``--help``, the web app's
    upload form) loads no parser.
    """

    @property
    def to_blocks(self) -> Callable[[Path, ReadOptions], BlockStream]:
        func: Callable[[Path, ReadOptions], BlockStream] = self.load(__name__)
        return func


# The built-in readers, in the order they are tried. Adding a format means adding a
# module with a ``(path, ReadOptions) -> BlockStream`` function and one line here.
_READERS: Registry[Reader] = Registry(__name__, (
    Reader("docx", (".docx", ".docm"), "docx:read_docx"),
    Reader("markdown", (".md", ".markdown"), "markdown:read_markdown"),
    Reader("pdf", (".pdf",), "pdf:read_pdf"),
    Reader("text", (".txt", ".text"), "text:read_text"),
))

# Formats we recognise but cannot read, with the advice a user needs.
_UNSUPPORTED_ADVICE = {
    ".doc": "legacy Word .doc files are not supported; open it in Word or LibreOffice and save it as .docx",
    ".rtf": "RTF is not supported; save it as .docx",
    ".odt": "OpenDocument text is not supported; save it as .docx",
    ".pages": "Pages files are not supported; export to .docx or PDF",
}


def reader_names() -> list[str]:
    """The names of the formats policykit reads."""
    return _READERS.names()


def supported_extensions() -> list[str]:
    """The file extensions policykit reads, such as ``.docx`` and ``.pdf``."""
    return _READERS.extensions()


def reader_for(path: Path) -> Reader:
    """The reader for a file, by its extension; an ``UnsupportedFormatError`` (with advice) otherwise."""
    suffix = path.suffix.lower()
    reader = _READERS.for_extension(suffix)
    if reader is not None:
        return reader
    if suffix in _UNSUPPORTED_ADVICE:
        raise UnsupportedFormatError(_UNSUPPORTED_ADVICE[suffix], path=path)
    raise UnsupportedFormatError(
        f"unsupported file type {suffix or '(no extension)'}; policykit reads "
        + ", ".join(supported_extensions()),
        path=path,
    )


def read_blocks(path: str | os.PathLike[str], options: ReadOptions | None = None) -> BlockStream:
    """The first stage alone: the file as a neutral block stream."""
    path = Path(path)
    reader = reader_for(path)
    if not path.exists():
        raise FileMissingError("no such file", path=path)
    if not path.is_file():
        raise FileMissingError("not a file", path=path)
    try:
        with working_on(path):
            return reader.to_blocks(path, options or ReadOptions())
    except OSError as exc:
        # An unreadable file (permissions, a network drive gone away) is the user's
        # to fix, named like every other input problem, not a crash.
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    except InputError as exc:
        if exc.path is None:  # raised where the file name is not known: name it here
            raise type(exc)(exc.problem, path=path) from exc
        raise
    except (MemoryError, RecursionError) as exc:
        # What a document costs is bounded by the limits in ReadOptions and the readers;
        # a file that still exhausts memory or nests too deeply is refused by name.
        raise TooLargeError(f"too large or too deeply nested to read ({type(exc).__name__})", path=path) from None


def read_document(path: str | os.PathLike[str], options: ReadOptions | None = None) -> Document:
    """Read a policy in any supported format into the document model."""
    from ..structure import build_document

    path = Path(path)
    options = options or ReadOptions()
    stream = read_blocks(path, options)
    total = (sum(len(block.text) + sum(len(cell) for row in block.rows for cell in row) for block in stream.blocks)
             + sum(len(item.text) for item in stream.furniture))
    if total > options.max_text_chars:
        raise TooLargeError(f"holds {total:,} characters of text; the limit is {options.max_text_chars:,} "
                            "(ReadOptions.max_text_chars)", path=path)
    with working_on(path):
        return build_document(stream, source=str(path), format=reader_for(path).name)

