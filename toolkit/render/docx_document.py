"""Any ``Document`` as an editable Word file, with real automatic clause numbering.

The writer turns the clause tree into WordprocessingML itself (no python-docx
at write time) for two reasons: python-docx cannot create numbering
definitions, and it stamps the ZIP with the current time, which would make
two runs on the same input differ.

Numbers: a clause's printed number is produced by Word's multi-level list
wherever Word's counters can print exactly that number (see
``toolkit.ooxml.numbering``); anything else ("Appendix A", a skipped or
repeated number) is typed into the paragraph, followed by a tab. Either way
Word shows exactly the numbers the model holds.

Usage::

    data = document_to_docx(document, DocxWriteOptions(header_text="Oak Primary School"))
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from lxml import etree

from ..model import Clause, ClauseKind, Document
from ..ooxml import NS, qn
from ..ooxml.fields import (
    NUMPAGES,
    SECTIONPAGES,
    add_bookmark,
    add_page_x_of_y,
    add_text_run,
    bookmark_name,
    field_begin,
    field_end,
    ref_field,
)
from ..ooxml.numbering import (
    BULLET_NUM_ID,
    CLAUSE_NUM_ID,
    LETTER_LEVEL,
    ROMAN_LEVEL,
    NumberingPlan,
    infer_scheme,
    no_numbering,
    num_pr,
    numbering_xml,
    plan_numbering,
)
from ..ooxml.styles import styles_xml
from ..ooxml.zip_writer import (
    app_properties_xml,
    content_types_xml,
    core_properties_xml,
    custom_properties_xml,
    relationships_xml,
    write_zip,
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

# A4 with 2 cm margins, in twentieths of a point.
_PAGE_WIDTH, _PAGE_HEIGHT, _MARGIN = 11906, 16838, 1134
_TEXT_WIDTH = _PAGE_WIDTH - 2 * _MARGIN
_TYPED_INDENT_STEP = 567  # indent per clause level for paragraphs without automatic numbering


@dataclass(frozen=True, slots=True)
class DocxWriteOptions:
    """How a Document becomes a Word file; every option has a sensible default."""

    # Running header text (a school name); None uses the document's school, if any.
    header_text: str | None = None
    # Footer: the page-number line, with {page} and {pages} as PAGE/NUMPAGES fields.
    page_numbers: bool = True
    page_number_template: str = "Page {page} of {pages}"
    footer_text: str | None = None  # an extra footer line above the page numbers
    # The title printed at the top (Title style); None uses document.title; "" prints none.
    title: str | None = None
    # A two-column table under the title: (label, value) rows such as ("Approved by", "Full governing board").
    cover_rows: tuple[tuple[str, str], ...] = ()
    # Core properties; None falls back to the document's metadata where it has them.
    author: str | None = None
    subject: str | None = None
    keywords: str | None = None
    version: str | None = None
    description: str | None = None
    created: dt.datetime | None = None
    # Extra custom document properties, shown in Word under File > Info > Properties.
    custom_properties: tuple[tuple[str, str], ...] = ()
    # The time stamped on every ZIP entry and used for created/modified when
    # those are not given. None: $SOURCE_DATE_EPOCH when set, else now.
    timestamp: dt.datetime | None = None
    # Start every top-level clause after the first on a new page (one staff declaration per page).
    page_break_between_top_level: bool = False
    # Clause ids that start a new page (e.g. the first clause of each person's declaration).
    page_break_before_ids: frozenset[str] = frozenset()
    # Clause ids that start a new Word section on a new page, with page numbers starting
    # again at 1 and "of N" counting that section's pages only (SECTIONPAGES): each
    # person's declaration prints "Page 1 of 2" whatever its place in the file.
    section_starts: frozenset[str] = frozenset()
    # Live cross-references: (clause id holding it, "text" or "heading", start, end,
    # clause id referred to). Each becomes a REF field to a bookmark on the clause
    # referred to, where Word numbers that clause itself; elsewhere it stays text.
    cross_references: tuple[tuple[str, str, int, int, str], ...] = ()
    # A contents list (a TOC field over the sections) after the cover table.
    contents: bool = False
    contents_title: str = "Contents"
    # Signature blocks (declaration clauses of "Label: value" lines) as a form to sign
    # by hand: a line to write on for each entry and a box for the date.
    pen_layout: bool = True
    font: str = "Arial"
    font_size_points: int = 11
    application: str = "policykit"


def resolve_timestamp(timestamp: dt.datetime | None) -> dt.datetime:
    """The timestamp to stamp outputs with: given, else $SOURCE_DATE_EPOCH, else now (UTC)."""
    if timestamp is not None:
        return timestamp if timestamp.tzinfo else timestamp.replace(tzinfo=dt.timezone.utc)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _w(parent, tag: str, **attrs: str):
    element = etree.SubElement(parent, qn(f"w:{tag}"))
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class _BodyWriter:
    """Appends paragraphs and tables for each clause to a ``w:body``."""

    def __init__(self, body, plan: NumberingPlan, options: DocxWriteOptions, sect_pr=None) -> None:
        self.body = body
        self.plan = plan
        self.options = options
        self.last_was_table = False
        self.sect_pr = sect_pr  # makes a w:sectPr (for section_starts)
        self.first_paragraph = None  # the first paragraph written for the current clause
        # Cross-references, by the clause holding them; bookmarks, by the clause they mark.
        self.references: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
        self.bookmarks: dict[str, str] = {}
        taken: set[str] = set()
        for holder, part, start, end, target in options.cross_references:
            if plan.level_of(target) is None:
                continue  # a typed number: Word has no list number to refer to
            if target not in self.bookmarks:
                self.bookmarks[target] = bookmark_name(target, taken)
            self.references.setdefault((holder, part), []).append((start, end, self.bookmarks[target]))
        self.bookmark_ids = {target: index for index, target in enumerate(sorted(self.bookmarks), start=1)}
        self.current: str | None = None

    # -- paragraphs -----------------------------------------------------------

    def paragraph(
        self,
        style: str,
        *,
        numbering: tuple[int, int] | None = None,
        numbering_off: bool = False,
        indent: int | None = None,
        page_break: bool = False,
        parent=None,
    ):
        p = etree.SubElement(self.body if parent is None else parent, qn("w:p"))
        ppr = _w(p, "pPr")
        _w(ppr, "pStyle", val=style)
        if page_break:
            _w(ppr, "pageBreakBefore")
        if numbering is not None:
            num_pr(ppr, *numbering)
        elif numbering_off:
            no_numbering(ppr)
        if indent is not None:
            _w(ppr, "ind", left=str(indent), hanging="0")
        if parent is None:
            self.last_was_table = False
            if self.first_paragraph is None:
                self.first_paragraph = p
        return p

    def text(self, paragraph, text: str, *, bold: bool = False, italic: bool = False,
             part: str | None = None) -> None:
        """Runs for ``text``; a newline becomes a line break inside the paragraph. ``part``
        ("text", "heading") of the current clause: its cross-references become REF fields."""
        spans = sorted(self.references.get((self.current, part), ())) if part and self.current else []
        if spans:
            last = 0
            for start, end, bookmark in spans:
                if start < last:
                    continue
                self._plain_text(paragraph, text[last:start], bold=bold, italic=italic)
                ref_field(paragraph, bookmark, text[start:end], self._rpr(bold, italic))
                last = end
            self._plain_text(paragraph, text[last:], bold=bold, italic=italic)
            return
        self._plain_text(paragraph, text, bold=bold, italic=italic)

    @staticmethod
    def _rpr(bold: bool, italic: bool):
        if not (bold or italic):
            return None
        rpr = etree.Element(qn("w:rPr"))
        if bold:
            etree.SubElement(rpr, qn("w:b"))
        if italic:
            etree.SubElement(rpr, qn("w:i"))
        return rpr

    @staticmethod
    def _plain_text(paragraph, text: str, *, bold: bool = False, italic: bool = False) -> None:
        rpr = None
        if bold or italic:
            rpr = etree.Element(qn("w:rPr"))
            if bold:
                etree.SubElement(rpr, qn("w:b"))
            if italic:
                etree.SubElement(rpr, qn("w:i"))
        def mark(tag: str) -> None:
            run = etree.SubElement(paragraph, qn("w:r"))
            if rpr is not None:
                run.append(etree.fromstring(etree.tostring(rpr)))
            etree.SubElement(run, qn(tag))

        for index, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
            if index:
                mark("w:br")
            for cell_index, piece in enumerate(line.split("\t")):
                if cell_index:
                    mark("w:tab")
                if piece:
                    add_text_run(paragraph, piece, rpr)

    @staticmethod
    def typed_number(paragraph, number: str | None) -> None:
        if number:
            add_text_run(paragraph, number)
            etree.SubElement(etree.SubElement(paragraph, qn("w:r")), qn("w:tab"))

    # -- clauses --------------------------------------------------------------

    def clause(self, clause: Clause, *, list_depth: int = 0, top_level_index: int | None = None) -> None:
        if clause.id in self.options.section_starts and len(self.body):
            self.end_section()
        self.current = clause.id
        self.first_paragraph = None
        self._clause_body(clause, list_depth=list_depth, top_level_index=top_level_index)
        if clause.id in self.bookmarks and self.first_paragraph is not None:
            add_bookmark(self.first_paragraph, self.bookmarks[clause.id], self.bookmark_ids[clause.id])
        child_depth = list_depth + 1 if clause.kind is ClauseKind.LIST_ITEM else list_depth
        for child in clause.children:
            self.clause(child, list_depth=child_depth)

    def end_section(self) -> None:
        """Close the section so far: its w:sectPr goes in the last paragraph's properties."""
        last = self.body[-1]
        if last.tag != qn("w:p"):
            last = self.paragraph("BodyText")
        ppr = last.find(qn("w:pPr"))
        if ppr is None:
            ppr = etree.SubElement(last, qn("w:pPr"))
            last.insert(0, ppr)
        ppr.append(self.sect_pr())
        self.last_was_table = False

    def _clause_body(self, clause: Clause, *, list_depth: int = 0, top_level_index: int | None = None) -> None:
        level = self.plan.level_of(clause.id)
        page_break = clause.id in self.options.page_break_before_ids or (
            self.options.page_break_between_top_level and top_level_index is not None and top_level_index > 0
        )
        kind = clause.kind
        if kind is ClauseKind.SECTION:
            self.section(clause, level, page_break)
        elif kind is ClauseKind.TABLE:
            self.table_clause(clause, level, page_break)
        elif kind is ClauseKind.LIST_ITEM:
            self.list_item(clause, level, list_depth, page_break)
        elif kind is ClauseKind.DRAFTING_NOTE:
            self.plain(clause, "DraftingNote", level, page_break)
        elif kind is ClauseKind.DECLARATION and self.options.pen_layout and _signature_lines(clause.text):
            self.signature_block(clause, level, page_break)
        elif kind is ClauseKind.DECLARATION:
            self.plain(clause, "Declaration", level, page_break)
        else:
            self.body_clause(clause, level, page_break)

    def section(self, clause: Clause, level: int | None, page_break: bool) -> None:
        if level is not None:
            style = f"Heading{level + 1}" if level <= 2 else f"Heading{min(max(clause.level, 1), 3)}"
            p = self.paragraph(style, numbering=(CLAUSE_NUM_ID, level), page_break=page_break)
        else:
            # Heading styles number themselves; a typed number switches that off.
            style = f"Heading{min(max(clause.level, 1), 3)}"
            p = self.paragraph(style, numbering_off=True, page_break=page_break)
            self.typed_number(p, clause.number)
        heading = clause.heading if clause.heading is not None else clause.text
        self.text(p, heading or "", part="heading" if clause.heading is not None else "text")
        if clause.heading is not None and clause.text:
            self.text(self.paragraph("BodyText"), clause.text, part="text")

    def _numbered_style(self, level: int) -> str:
        if level == LETTER_LEVEL:
            return "ListLetter"
        if level == ROMAN_LEVEL:
            return "ListRoman"
        return f"Clause{level + 1}"

    def _content(self, p, clause: Clause) -> None:
        if clause.heading:
            self.text(p, clause.heading, bold=True, part="heading")
            if clause.text:
                add_text_run(p, " ")
        if clause.text:
            self.text(p, clause.text, part="text")

    def body_clause(self, clause: Clause, level: int | None, page_break: bool) -> None:
        if level is not None:
            p = self.paragraph(self._numbered_style(level), numbering=(CLAUSE_NUM_ID, level), page_break=page_break)
        else:
            p = self.paragraph("BodyText", indent=self._typed_indent(clause), page_break=page_break)
            self.typed_number(p, clause.number)
        self._content(p, clause)

    def list_item(self, clause: Clause, level: int | None, list_depth: int, page_break: bool) -> None:
        if level is not None:
            p = self.paragraph(self._numbered_style(level), numbering=(CLAUSE_NUM_ID, level), page_break=page_break)
        elif clause.number is None:
            p = self.paragraph("ListBullet", numbering=(BULLET_NUM_ID, min(list_depth, 2)), page_break=page_break)
        else:
            p = self.paragraph("BodyText", indent=self._typed_indent(clause), page_break=page_break)
            self.typed_number(p, clause.number)
        self._content(p, clause)

    def plain(self, clause: Clause, style: str, level: int | None, page_break: bool) -> None:
        if level is not None:
            p = self.paragraph(style, numbering=(CLAUSE_NUM_ID, level), page_break=page_break)
        else:
            p = self.paragraph(style, page_break=page_break)
            self.typed_number(p, clause.number)
        self._content(p, clause)

    def _typed_indent(self, clause: Clause) -> int:
        return max(clause.level - 1, 0) * _TYPED_INDENT_STEP

    def table_clause(self, clause: Clause, level: int | None, page_break: bool) -> None:
        if clause.number or clause.heading or page_break:
            numbering = (CLAUSE_NUM_ID, level) if level is not None else None
            caption = self.paragraph("BodyText", numbering=numbering, page_break=page_break)
            if level is None:
                self.typed_number(caption, clause.number)
            if clause.heading:
                self.text(caption, clause.heading, bold=True)
        if clause.rows:
            self.table(clause.rows, header=True)
        elif clause.text:
            self.text(self.paragraph("BodyText"), clause.text)

    # -- the declaration, laid out for a pen -----------------------------------------

    def signature_block(self, clause: Clause, level: int | None, page_break: bool) -> None:
        """Each "Label: value" line as a row: the label, then the value (a name already
        known) on a line long enough to write on; the date gets a box. Rows are tall
        enough for handwriting, and the block is kept on one page."""
        lines = _signature_lines(clause.text) or []
        if page_break or level is not None or clause.number:
            p = self.paragraph("Declaration", numbering=(CLAUSE_NUM_ID, level) if level is not None else None,
                               page_break=page_break)
            if level is None:
                self.typed_number(p, clause.number)
        elif self.last_was_table:
            self.paragraph("BodyText")
        label_width, box_width = 2268, 2835  # 4 cm of label, a 5 cm box for the date
        rest = _TEXT_WIDTH - label_width - box_width
        tbl = _w(self.body, "tbl")
        tbl_pr = _w(tbl, "tblPr")
        _w(tbl_pr, "tblW", w=str(_TEXT_WIDTH), type="dxa")
        borders = _w(tbl_pr, "tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _w(borders, side, val="nil")
        _w(tbl_pr, "tblLayout", type="fixed")
        _w(tbl_pr, "tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0",
           noHBand="1", noVBand="1")
        grid = _w(tbl, "tblGrid")
        for width in (label_width, box_width, rest):
            _w(grid, "gridCol", w=str(width))
        for index, (label, value) in enumerate(lines):
            is_date = label.strip().lower().startswith("date")
            tall = label.strip().lower().startswith("signature")
            tr = _w(tbl, "tr")
            tr_pr = _w(tr, "trPr")
            _w(tr_pr, "cantSplit")
            _w(tr_pr, "trHeight", val="1134" if tall else "794", hRule="atLeast")  # 2 cm / 1.4 cm
            cells = [(label_width, 1, label + ":", None)]
            if is_date:
                cells += [(box_width, 1, value, "box"), (rest, 1, "", None)]
            else:
                cells += [(box_width + rest, 2, value, "line")]
            for width, span, text, frame in cells:
                tc = _w(tr, "tc")
                tc_pr = _w(tc, "tcPr")
                _w(tc_pr, "tcW", w=str(width), type="dxa")
                if span > 1:
                    _w(tc_pr, "gridSpan", val=str(span))
                if frame:
                    tc_borders = _w(tc_pr, "tcBorders")
                    sides = ("top", "left", "bottom", "right") if frame == "box" else ("bottom",)
                    for side in sides:
                        _w(tc_borders, side, val="single", sz="8", space="0", color="000000")
                _w(tc_pr, "vAlign", val="bottom")
                p = self.paragraph("SignatureLabel" if frame is None else "SignatureLine", parent=tc)
                if index < len(lines) - 1:
                    _w(p.find(qn("w:pPr")), "keepNext")
                if text:
                    self.text(p, text)
        self.last_was_table = True

    def contents(self, sections: list[tuple[str, str]]) -> None:
        """A TOC field over the level-1 headings, inside Word's "Table of Contents" content
        control; its cached result lists the sections (numbers and titles), so the list
        reads right before Word (or F9) adds the page numbers."""
        sdt = _w(self.body, "sdt")
        gallery = _w(_w(_w(sdt, "sdtPr"), "docPartObj"), "docPartGallery", val="Table of Contents")
        _w(gallery.getparent(), "docPartUnique")
        content = _w(sdt, "sdtContent")
        self.text(self.paragraph("TOCHeading", parent=content), self.options.contents_title)
        entries = sections or [("", "")]
        for index, (number, title) in enumerate(entries):
            p = self.paragraph("TOC1", parent=content)
            if index == 0:
                field_begin(p, 'TOC \\o "1-1" \\h \\z \\u')
            if number:
                add_text_run(p, number)
                etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:tab"))
            if title:
                add_text_run(p, title)
            if index == len(entries) - 1:
                field_end(p)
        self.last_was_table = False

    # -- tables ---------------------------------------------------------------

    def table(self, rows: tuple[tuple[str, ...], ...], *, header: bool, label_column: bool = False) -> None:
        if self.last_was_table:
            # Word merges two adjacent tables into one; keep them apart.
            self.paragraph("BodyText")
        columns = max((len(row) for row in rows), default=1) or 1
        width = _TEXT_WIDTH // columns
        tbl = _w(self.body, "tbl")
        tbl_pr = _w(tbl, "tblPr")
        _w(tbl_pr, "tblStyle", val="TableGrid")
        _w(tbl_pr, "tblW", w=str(width * columns), type="dxa")
        _w(tbl_pr, "tblLook", val="04A0", firstRow="1" if header else "0", lastRow="0",
           firstColumn="1" if label_column else "0", lastColumn="0", noHBand="0", noVBand="1")
        grid = _w(tbl, "tblGrid")
        for _ in range(columns):
            _w(grid, "gridCol", w=str(width))
        for row_index, row in enumerate(rows):
            tr = _w(tbl, "tr")
            if header and row_index == 0:
                _w(_w(tr, "trPr"), "tblHeader")
            cells = list(row) + [""] * (columns - len(row))
            for column, cell in enumerate(cells):
                tc = _w(tr, "tc")
                _w(_w(tc, "tcPr"), "tcW", w=str(width), type="dxa")
                p = self.paragraph("TableText", parent=tc)
                bold = (header and row_index == 0) or (label_column and column == 0)
                self.text(p, cell, bold=bold)
        self.last_was_table = True


_SIGNATURE_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ()/'-]{0,40}):\s*(.*?)\s*$")


def _signature_lines(text: str) -> list[tuple[str, str]] | None:
    """"Name: Ann Lee" / "Signature: ______" lines as (label, value) with blanks as "";
    None when any line is something else (the block is then written as it stands)."""
    found = []
    for line in (text or "").split("\n"):
        if not line.strip():
            continue
        m = _SIGNATURE_LINE.match(line)
        if not m:
            return None
        value = m[2] if m[2].strip("_ .") else ""
        found.append((m[1], value))
    return found or None


def _numbered_clauses(document: Document):
    return [(clause.id, clause.number) for clause in document.walk()]


def document_xml(
    document: Document, options: DocxWriteOptions, *, has_header: bool, has_footer: bool
) -> tuple[bytes, NumberingPlan]:
    """``word/document.xml`` and the numbering plan it follows."""
    numbers = [number for _, number in _numbered_clauses(document) if number]
    plan = plan_numbering(_numbered_clauses(document), infer_scheme(numbers))
    root = etree.Element(qn("w:document"), nsmap={"w": NS["w"], "r": NS["r"]})
    body = _w(root, "body")

    def sect_pr(parent=None):
        sect = etree.SubElement(parent, qn("w:sectPr")) if parent is not None else etree.Element(qn("w:sectPr"))
        if has_header:
            ref = _w(sect, "headerReference", type="default")
            ref.set(qn("r:id"), "rIdHeader1")
        if has_footer:
            ref = _w(sect, "footerReference", type="default")
            ref.set(qn("r:id"), "rIdFooter1")
        _w(sect, "pgSz", w=str(_PAGE_WIDTH), h=str(_PAGE_HEIGHT))
        _w(sect, "pgMar", top=str(_MARGIN), right=str(_MARGIN), bottom=str(_MARGIN), left=str(_MARGIN),
           header="567", footer="567", gutter="0")
        if options.section_starts:
            _w(sect, "pgNumType", start="1")
        return sect

    writer = _BodyWriter(body, plan, options, sect_pr)
    title = options.title if options.title is not None else (document.title or "")
    if title:
        writer.text(writer.paragraph("Title"), title)
    if options.cover_rows:
        writer.table(options.cover_rows, header=False, label_column=True)
    if options.contents:
        writer.contents([(clause.number + "." if clause.number and clause.number[-1].isdigit() else
                          clause.number or "", clause.heading or clause.text)
                         for clause in document.clauses if clause.kind is ClauseKind.SECTION])
    for index, clause in enumerate(document.clauses):
        writer.clause(clause, top_level_index=index)
    if writer.last_was_table or len(body) == 0:
        writer.paragraph("BodyText")
    sect_pr(body)
    return _xml(root), plan


def _header_xml(text: str) -> bytes:
    root = etree.Element(qn("w:hdr"), nsmap={"w": NS["w"], "r": NS["r"]})
    p = _w(root, "p")
    ppr = _w(p, "pPr")
    _w(ppr, "pStyle", val="Header")
    _w(ppr, "jc", val="right")
    add_text_run(p, text)
    return _xml(root)


def _footer_xml(options: DocxWriteOptions) -> bytes:
    root = etree.Element(qn("w:ftr"), nsmap={"w": NS["w"], "r": NS["r"]})
    if options.footer_text:
        p = _w(root, "p")
        _w(_w(p, "pPr"), "pStyle", val="Footer")
        add_text_run(p, options.footer_text)
    if options.page_numbers:
        p = _w(root, "p")
        ppr = _w(p, "pPr")
        _w(ppr, "pStyle", val="Footer")
        _w(ppr, "jc", val="right")
        add_page_x_of_y(p, options.page_number_template,
                        pages_field=SECTIONPAGES if options.section_starts else NUMPAGES)
    return _xml(root)


def _settings_xml(update_fields: bool = False) -> bytes:
    root = etree.Element(qn("w:settings"), nsmap={"w": NS["w"]})
    if update_fields:
        # Word refreshes the contents list's page numbers (and every field) on opening.
        _w(root, "updateFields", val="true")
    _w(root, "defaultTabStop", val="567")
    _w(root, "characterSpacingControl", val="doNotCompress")
    compat = _w(root, "compat")
    _w(compat, "compatSetting", name="compatibilityMode", uri="http://schemas.microsoft.com/office/word", val="15")
    return _xml(root)


def _meta_text(document: Document, name: str) -> str | None:
    value = document.metadata.get(name)
    return value.raw if value is not None else None


def document_to_docx(document: Document, options: DocxWriteOptions = DocxWriteOptions()) -> bytes:
    """The Word file (bytes) for ``document``; the same input and timestamp give the same bytes."""
    timestamp = resolve_timestamp(options.timestamp)
    header_text = options.header_text if options.header_text is not None else _meta_text(document, "school")
    has_header = bool(header_text)
    has_footer = bool(options.page_numbers or options.footer_text)
    body, plan = document_xml(document, options, has_header=has_header, has_footer=has_footer)

    parts: dict[str, bytes] = {
        "word/document.xml": body,
        "word/styles.xml": styles_xml(options.font, options.font_size_points * 2),
        "word/numbering.xml": numbering_xml(plan.scheme),
        "word/settings.xml": _settings_xml(update_fields=options.contents),
    }
    doc_rels = [
        ("rIdStyles", f"{_REL}/styles", "styles.xml"),
        ("rIdNumbering", f"{_REL}/numbering", "numbering.xml"),
        ("rIdSettings", f"{_REL}/settings", "settings.xml"),
    ]
    if has_header:
        parts["word/header1.xml"] = _header_xml(header_text or "")
        doc_rels.append(("rIdHeader1", f"{_REL}/header", "header1.xml"))
    if has_footer:
        parts["word/footer1.xml"] = _footer_xml(options)
        doc_rels.append(("rIdFooter1", f"{_REL}/footer", "footer1.xml"))
    parts["word/_rels/document.xml.rels"] = relationships_xml(doc_rels)

    title = options.title or document.title
    version = options.version or _meta_text(document, "version")
    parts["docProps/core.xml"] = core_properties_xml(
        title=title,
        author=options.author or _meta_text(document, "school"),
        subject=options.subject,
        keywords=options.keywords,
        version=version,
        description=options.description,
        created=options.created or timestamp,
        modified=timestamp,
    )
    parts["docProps/app.xml"] = app_properties_xml(options.application)
    package_rels = [
        ("rId1", f"{_REL}/officeDocument", "word/document.xml"),
        ("rId2", _PKG_REL, "docProps/core.xml"),
        ("rId3", f"{_REL}/extended-properties", "docProps/app.xml"),
    ]
    if options.custom_properties:
        parts["docProps/custom.xml"] = custom_properties_xml(list(options.custom_properties))
        package_rels.append(("rId4", f"{_REL}/custom-properties", "docProps/custom.xml"))
    parts["_rels/.rels"] = relationships_xml(package_rels)
    parts["[Content_Types].xml"] = content_types_xml(list(parts))
    return write_zip(parts, timestamp)
