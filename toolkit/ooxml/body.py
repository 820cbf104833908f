"""Building a document body: paragraphs, runs, tables, content controls, section properties.

Renderers decide *what* goes in a document (which clause, which style, which
number); the functions here decide how WordprocessingML spells it. Element order
inside ``w:pPr``, ``w:tblPr`` and ``w:tcPr`` follows the schema (ISO/IEC 29500-1
§17.3.1.26, §17.4.60, §17.4.70): Word refuses a file whose properties are out of
order, so callers never append to these elements themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from lxml import etree

from . import NS, qn, w
from .fields import add_text_run, field_begin, field_end, ref_field
from .numbering import no_numbering, num_pr

Element: TypeAlias = etree._Element

# A4 with 2 cm margins, in twentieths of a point.
A4_WIDTH, A4_HEIGHT, A4_MARGIN = 11906, 16838, 1134


def part_root(tag: str, *, relationships: bool = True) -> Element:
    """The root element of a part (``document``, ``hdr``, ``ftr``...), declaring ``w:`` (and ``r:``)."""
    nsmap = {"w": NS["w"], "r": NS["r"]} if relationships else {"w": NS["w"]}
    return etree.Element(qn(f"w:{tag}"), nsmap=nsmap)


def xml_bytes(root: Element) -> bytes:
    """A part's bytes, as Word writes them: UTF-8 with a standalone declaration."""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def document_root() -> tuple[Element, Element]:
    """A ``w:document`` and its ``w:body``."""
    root = part_root("document")
    return root, w(root, "body")


# -- paragraphs ---------------------------------------------------------------------------


def paragraph(
    parent: Element,
    style: str | None,
    *,
    numbering: tuple[int, int] | None = None,
    numbering_off: bool = False,
    indent: int | None = None,
    hanging: int | None = None,
    page_break: bool = False,
    align: str | None = None,
) -> Element:
    """Append a ``w:p`` with the paragraph properties given (``style`` is a style id).

    ``numbering`` is (numId, ilvl); ``numbering_off`` switches off numbering the style
    would give; ``indent``/``hanging`` are twentieths of a point. A paragraph with no
    properties at all gets no ``w:pPr``."""
    p = etree.SubElement(parent, qn("w:p"))
    if style is None and numbering is None and not numbering_off and indent is None and not page_break \
            and align is None:
        return p
    ppr = w(p, "pPr")
    if style is not None:
        w(ppr, "pStyle", val=style)
    if page_break:
        w(ppr, "pageBreakBefore")
    if numbering is not None:
        num_pr(ppr, *numbering)
    elif numbering_off:
        no_numbering(ppr)
    if indent is not None:
        if hanging is None:
            w(ppr, "ind", left=str(indent))
        else:
            w(ppr, "ind", left=str(indent), hanging=str(hanging))
    if align is not None:
        w(ppr, "jc", val=align)
    return p


def keep_with_next(p: Element) -> None:
    """Keep ``p`` on the same page as the paragraph after it."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        p.insert(0, ppr)
    w(ppr, "keepNext")


def run_properties(*, bold: bool = False, italic: bool = False) -> Element | None:
    """A detached ``w:rPr`` for bold and/or italic text; None for plain text."""
    if not (bold or italic):
        return None
    rpr = etree.Element(qn("w:rPr"))
    if bold:
        etree.SubElement(rpr, qn("w:b"))
    if italic:
        etree.SubElement(rpr, qn("w:i"))
    return rpr


def _mark_run(p: Element, tag: str, rpr: Element | None) -> None:
    run = etree.SubElement(p, qn("w:r"))
    if rpr is not None:
        run.append(etree.fromstring(etree.tostring(rpr)))
    etree.SubElement(run, qn(tag))


def add_text(p: Element, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """Runs for ``text``: a newline becomes a line break and a tab a tab, inside the paragraph."""
    rpr = run_properties(bold=bold, italic=italic)
    for index, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if index:
            _mark_run(p, "w:br", rpr)
        for cell_index, piece in enumerate(line.split("\t")):
            if cell_index:
                _mark_run(p, "w:tab", rpr)
            if piece:
                add_text_run(p, piece, rpr)


def add_text_with_references(p: Element, text: str, references: Sequence[tuple[int, int, str]], *,
                             bold: bool = False, italic: bool = False) -> None:
    """``text`` with each (start, end, bookmark) span a REF field to that bookmark (its
    cached result the span's text); spans overlapping an earlier one are left as text."""
    last = 0
    for start, end, bookmark in sorted(references):
        if start < last:
            continue
        add_text(p, text[last:start], bold=bold, italic=italic)
        ref_field(p, bookmark, text[start:end], run_properties(bold=bold, italic=italic))
        last = end
    add_text(p, text[last:], bold=bold, italic=italic)


def add_tab(p: Element) -> None:
    etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:tab"))


def typed_number(p: Element, number: str | None) -> None:
    """A number typed as text, then a tab (where Word's list cannot print it)."""
    if number:
        add_text_run(p, number)
        add_tab(p)


# -- tables ---------------------------------------------------------------------------------


def _table(parent: Element) -> tuple[Element, Element]:
    tbl = w(parent, "tbl")
    tbl_pr = w(tbl, "tblPr")
    return tbl, tbl_pr


def _grid(tbl: Element, widths: Iterable[int]) -> None:
    grid = w(tbl, "tblGrid")
    for width in widths:
        w(grid, "gridCol", w=str(width))


def grid_table(parent: Element, rows: Sequence[Sequence[str]], *, width: int, header: bool,
               label_column: bool = False, style: str = "TableGrid", cell_style: str = "TableText") -> None:
    """A table of ``rows`` with equal columns over ``width``; the header row repeats on each
    page and is bold, as is the first column when it labels the rows."""
    columns = max((len(row) for row in rows), default=1) or 1
    column_width = width // columns
    tbl, tbl_pr = _table(parent)
    w(tbl_pr, "tblStyle", val=style)
    w(tbl_pr, "tblW", w=str(column_width * columns), type="dxa")
    w(tbl_pr, "tblLook", val="04A0", firstRow="1" if header else "0", lastRow="0",
      firstColumn="1" if label_column else "0", lastColumn="0", noHBand="0", noVBand="1")
    _grid(tbl, [column_width] * columns)
    for row_index, row in enumerate(rows):
        tr = w(tbl, "tr")
        if header and row_index == 0:
            w(w(tr, "trPr"), "tblHeader")
        for column, cell in enumerate(list(row) + [""] * (columns - len(row))):
            tc = w(tr, "tc")
            w(w(tc, "tcPr"), "tcW", w=str(column_width), type="dxa")
            bold = (header and row_index == 0) or (label_column and column == 0)
            add_text(paragraph(tc, cell_style), cell, bold=bold)


@dataclass(frozen=True, slots=True)
class FormCell:
    """One cell of a form row: its width, how many grid columns it spans, its text and
    how it is ruled: None (no lines), "line" (a line to write on) or "box" (a box)."""

    width: int
    span: int
    text: str
    frame: str | None = None


@dataclass(frozen=True, slots=True)
class FormRow:
    cells: tuple[FormCell, ...]
    height: int  # at least this tall (twentieths of a point): room for handwriting


def form_table(parent: Element, rows: Sequence[FormRow], *, columns: Sequence[int],
               label_style: str, line_style: str) -> None:
    """A borderless table laid out for a pen: rows never split across pages and each keeps
    with the next, so the whole block stays on one page."""
    tbl, tbl_pr = _table(parent)
    w(tbl_pr, "tblW", w=str(sum(columns)), type="dxa")
    borders = w(tbl_pr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        w(borders, side, val="nil")
    w(tbl_pr, "tblLayout", type="fixed")
    w(tbl_pr, "tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0",
      noHBand="1", noVBand="1")
    _grid(tbl, columns)
    for index, row in enumerate(rows):
        tr = w(tbl, "tr")
        tr_pr = w(tr, "trPr")
        w(tr_pr, "cantSplit")
        w(tr_pr, "trHeight", val=str(row.height), hRule="atLeast")
        for cell in row.cells:
            p = _form_cell(tr, cell, label_style if cell.frame is None else line_style)
            if index < len(rows) - 1:
                keep_with_next(p)
            if cell.text:
                add_text(p, cell.text)


def _form_cell(tr: Element, cell: FormCell, style: str) -> Element:
    tc = w(tr, "tc")
    tc_pr = w(tc, "tcPr")
    w(tc_pr, "tcW", w=str(cell.width), type="dxa")
    if cell.span > 1:
        w(tc_pr, "gridSpan", val=str(cell.span))
    if cell.frame:
        tc_borders = w(tc_pr, "tcBorders")
        sides = ("top", "left", "bottom", "right") if cell.frame == "box" else ("bottom",)
        for side in sides:
            w(tc_borders, side, val="single", sz="8", space="0", color="000000")
    w(tc_pr, "vAlign", val="bottom")
    return paragraph(tc, style)


# -- a contents list ------------------------------------------------------------------------


def contents_list(parent: Element, title: str, entries: Sequence[tuple[str, str]], *,
                  heading_style: str = "TOCHeading", entry_style: str = "TOC1") -> None:
    """A TOC field over the level-1 headings, inside Word's "Table of Contents" content
    control; its cached result lists ``entries`` (number, title), so the list reads right
    before Word (or F9) adds the page numbers."""
    sdt = w(parent, "sdt")
    gallery = w(w(w(sdt, "sdtPr"), "docPartObj"), "docPartGallery", val="Table of Contents")
    docpart = gallery.getparent()
    assert docpart is not None  # just made above
    w(docpart, "docPartUnique")
    content = w(sdt, "sdtContent")
    add_text(paragraph(content, heading_style), title)
    rows = list(entries) or [("", "")]
    for index, (number, text) in enumerate(rows):
        p = paragraph(content, entry_style)
        if index == 0:
            field_begin(p, 'TOC \\o "1-1" \\h \\z \\u')
        if number:
            add_text_run(p, number)
            add_tab(p)
        if text:
            add_text_run(p, text)
        if index == len(rows) - 1:
            field_end(p)


# -- sections -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageSetup:
    """A section's page: size, margins and header/footer distances in twentieths of a point."""

    width: int = A4_WIDTH
    height: int = A4_HEIGHT
    top: int = A4_MARGIN
    right: int = A4_MARGIN
    bottom: int = A4_MARGIN
    left: int = A4_MARGIN
    header: int = 567
    footer: int = 567
    column_space: int | None = None  # w:cols, as Word's own templates write it
    line_pitch: int | None = None  # w:docGrid

    @property
    def text_width(self) -> int:
        return self.width - self.left - self.right


def section_properties(page: PageSetup, *, header_id: str | None = None, footer_id: str | None = None,
                       restart_page_numbers: bool = False, parent: Element | None = None) -> Element:
    """A ``w:sectPr`` (appended to ``parent`` when given): the default header and footer by
    relationship id, the page, and page numbers starting again at 1 if asked."""
    sect = etree.SubElement(parent, qn("w:sectPr")) if parent is not None else etree.Element(qn("w:sectPr"))
    if header_id:
        w(sect, "headerReference", type="default").set(qn("r:id"), header_id)
    if footer_id:
        w(sect, "footerReference", type="default").set(qn("r:id"), footer_id)
    w(sect, "pgSz", w=str(page.width), h=str(page.height))
    w(sect, "pgMar", top=str(page.top), right=str(page.right), bottom=str(page.bottom), left=str(page.left),
      header=str(page.header), footer=str(page.footer), gutter="0")
    if page.column_space is not None:
        w(sect, "cols", space=str(page.column_space))
    if page.line_pitch is not None:
        w(sect, "docGrid", linePitch=str(page.line_pitch))
    if restart_page_numbers:
        w(sect, "pgNumType", start="1")
    return sect


def is_paragraph(element: Element) -> bool:
    return bool(element.tag == qn("w:p"))


def end_section(last_paragraph: Element, sect_pr: Element) -> None:
    """Close a section at ``last_paragraph``: its ``w:sectPr`` goes in that paragraph's properties."""
    ppr = last_paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.SubElement(last_paragraph, qn("w:pPr"))
        last_paragraph.insert(0, ppr)
    ppr.append(sect_pr)
