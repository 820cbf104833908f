"""PDF: the clauses a person sees on the printed page, margins and contents left out.

The first stage only (a ``BlockStream``), in steps, one module each:

* ``pdfium_chars`` / ``pdfminer_chars``: the characters of each page with their
  boxes, fonts and tagged-PDF marks, and the rules the page paints (pdfium by
  default; ``POLICYKIT_PDF_CHARS=pdfminer`` reads them with pdfminer instead);
  both bound what a hostile file may cost;
* ``lines``: characters into lines by baseline, superscripts rejoined, comment
  balloons cut off; ``tables``: ruled tables as single lines;
  ``pages``: the ``Page`` records (number, size, lines) the later steps share;
* ``furniture`` (with ``contents``): headers, footers, page numbers, artifacts,
  balloons, small print and contents lists marked by an ordered list of named
  passes (``FURNITURE_PASSES``); ``footnotes``: notes joined to their reference;
* ``paragraphs``: body lines into paragraphs by gap, indent and font;
* ``blocks``: paragraphs into table, list item, heading and paragraph blocks.

The tolerances all of these use are one record, ``params.LayoutParams``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ...errors import CorruptFileError, NoTextLayerError, TooLargeError
from ...model import Furniture
from ...structure.blocks import BlockStream
from ..options import ReadOptions
from .blocks import furniture_text, paragraphs_to_blocks
from .footnotes import attach_notes, footnotes
from .furniture import FURNITURE_PASSES, FurniturePass, mark_furniture
from .pages import Page, all_lines, read_pages
from .paragraphs import group_paragraphs
from .params import PARAMS, LayoutParams

__all__ = ["FURNITURE_PASSES", "PARAMS", "FurniturePass", "LayoutParams", "Page", "read_pdf", "read_pages", "to_stream"]


def read_pdf(path: Path, options: ReadOptions) -> BlockStream:
    size = path.stat().st_size
    if size > options.max_file_bytes:
        raise TooLargeError(f"file is {size:,} bytes; the limit is {options.max_file_bytes:,}", path=path)
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if b"%PDF" not in head:
        raise CorruptFileError("not a PDF: the file does not start with %PDF (damaged or misnamed?)", path=path)
    return to_stream(path, read_pages(path))


def to_stream(path: Path, pages: list[Page], passes: Sequence[FurniturePass] = FURNITURE_PASSES) -> BlockStream:
    """The blocks and furniture of the pages; ``passes``: the furniture passes to run, in order."""
    visible_chars = sum(len(line.text) for line in all_lines(pages))
    if visible_chars == 0:
        raise NoTextLayerError("no text layer: this PDF is a scan; run OCR first", path=path)
    warnings = []
    empty_pages = [str(page.number) for page in pages if not page.lines]
    if empty_pages and len(empty_pages) < len(pages):
        warnings.append(f"{path}: no text on page(s) {', '.join(empty_pages)} (scanned or image-only pages are skipped)")

    for index, line in enumerate(all_lines(pages), start=1):
        line.index = index
    mark_furniture(pages, passes)

    furniture = [
        Furniture(furniture_text(line), line.kind, line.page, line.index)
        for line in all_lines(pages)
        if line.kind is not None
    ]
    notes = footnotes(pages)
    body = [line for line in all_lines(pages) if line.kind is None and id(line) not in notes]
    if not body:
        raise NoTextLayerError("no body text found: every line on the pages is a header, footer or page number", path=path)
    blocks, unplaced = attach_notes(paragraphs_to_blocks(group_paragraphs(body)), notes)
    furniture.extend(unplaced)
    return BlockStream(
        styled=True,
        blocks=tuple(blocks),
        furniture=tuple(furniture),
        warnings=tuple(warnings),
        detect_running_lines=False,
    )
