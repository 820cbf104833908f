"""Readers: one module per format, chosen by file extension through a registry.

Each reader has two stages (pandoc-style): the format-specific first stage turns
the file into a ``BlockStream``; the shared structure builder turns that into a
``Document``. Adding a format means adding one module that registers itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import FileMissingError, InputError, TooLargeError, UnsupportedFormatError, working_on
from ..model import Document
from ..structure.blocks import BlockStream


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Options shared by every reader; each has a sensible default."""

    # Refuse files larger than this before opening them (bytes on disk).
    max_file_bytes: int = 50 * 1024 * 1024
    # Refuse a DOCX whose parts would unpack to more than this (zip bombs).
    max_unpacked_bytes: int = 200 * 1024 * 1024
    # Refuse a document holding more text than this (characters, any format): the
    # longest real policy holds about 100,000, and building clauses costs about 35
    # bytes of memory a character, so this keeps one document well under 1 GB.
    max_text_chars: int = 10_000_000


@dataclass(frozen=True, slots=True)
class Reader:
    name: str
    extensions: tuple[str, ...]
    to_blocks: Callable[[Path, ReadOptions], BlockStream]


_READERS: dict[str, Reader] = {}

# Formats we recognise but cannot read, with the advice a user needs.
_UNSUPPORTED_ADVICE = {
    ".doc": "legacy Word .doc files are not supported; open it in Word or LibreOffice and save it as .docx",
    ".rtf": "RTF is not supported; save it as .docx",
    ".odt": "OpenDocument text is not supported; save it as .docx",
    ".pages": "Pages files are not supported; export to .docx or PDF",
}


def register_reader(name: str, extensions: tuple[str, ...]):
    def decorator(func: Callable[[Path, ReadOptions], BlockStream]):
        reader = Reader(name, extensions, func)
        _READERS[name] = reader
        return func

    return decorator


def reader_names() -> list[str]:
    return sorted(_READERS)


def supported_extensions() -> list[str]:
    return sorted(ext for reader in _READERS.values() for ext in reader.extensions)


def reader_for(path: Path) -> Reader:
    suffix = path.suffix.lower()
    for reader in _READERS.values():
        if suffix in reader.extensions:
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


# Register the built-in readers.
from . import docx, markdown, pdf, text  # noqa: E402,F401
