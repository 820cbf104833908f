"""A Word model filled in its own package: the parts that hold text are filled, the rest copied."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..ooxml.body import xml_bytes
from ..ooxml.fill import (
    FillResult,
    OptionalSection,
    Place,
    fill_part,
    heading_styles,
    note_styles,
)
from ..ooxml.package import WordPackage
from ..ooxml.package import parse_for_editing as _parse
from ..ooxml.zip_writer import write_zip
from ..readers import ReadOptions

# Parts whose text a school sees: the body, headers, footers and notes.
_TEXT_PARTS = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml", "word/endnotes.xml")


def _is_text_part(name: str) -> bool:
    return name.endswith(".xml") and any(name == p or (name.startswith(p) and "/_rels/" not in name)
                                         for p in _TEXT_PARTS)


def _open(path: Path) -> tuple[dict[str, bytes], str]:
    limits = ReadOptions()
    package = WordPackage(path, limits.max_unpacked_bytes, limits.max_file_bytes)
    try:
        return package.read_all(), package.main_part
    finally:
        package.close()


def _merge(into: FillResult, more: FillResult) -> None:
    for name in ("filled", "unfilled", "notes_removed", "notes_kept", "sections_kept", "sections_dropped",
                 "sections_undecided"):
        getattr(into, name).extend(getattr(more, name))
    into.renumbered.update(more.renumbered)


def fill_docx(path: Path, *, decide: Callable[[Place], str | None], keep_notes: bool,
              keep_section: Callable[[OptionalSection], bool | None], timestamp: dt.datetime) -> tuple[bytes, FillResult]:
    """The filled package's bytes and what was filled, from the model at ``path`` (unchanged)."""
    parts, main = _open(path)
    styles_root = _parse(parts["word/styles.xml"], "word/styles.xml", path) if "word/styles.xml" in parts else None
    styles = heading_styles(styles_root)
    notes = note_styles(styles_root)
    result = FillResult([], [], [], [], [], [], [], {})
    order = [main] + sorted(name for name in parts if _is_text_part(name) and name != main)
    for name in order:
        if name not in parts:
            continue
        root = _parse(parts[name], name, path)
        _merge(result, fill_part(root, name, decide=decide, keep_notes=keep_notes, keep_section=keep_section,
                                 styles=styles, sections=name == main, notes=notes))
        parts[name] = xml_bytes(root)
    return write_zip(parts, timestamp), result


def scan_docx(path: Path) -> FillResult:
    """Every place and optional section in the model, nothing filled."""
    parts, main = _open(path)
    styles_root = _parse(parts["word/styles.xml"], "word/styles.xml", path) if "word/styles.xml" in parts else None
    result = FillResult([], [], [], [], [], [], [], {})
    for name in [main] + sorted(n for n in parts if _is_text_part(n) and n != main):
        if name in parts:
            _merge(result, fill_part(_parse(parts[name], name, path), name, decide=lambda _p: None,
                                     keep_notes=True, keep_section=lambda _s: None,
                                     styles=heading_styles(styles_root), sections=name == main,
                                     notes=note_styles(styles_root)))
    return result


def is_zip(path: Path) -> bool:
    return zipfile.is_zipfile(path)
