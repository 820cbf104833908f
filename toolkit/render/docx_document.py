"""Any ``Document`` as an editable Word file, with real automatic clause numbering.

This module decides what each clause becomes (style, list level, typed number,
page breaks, cross-references); ``toolkit.ooxml`` (``body``, ``parts``,
``numbering``, ``styles``, ``fields``) writes it. It is not python-docx, which
cannot create numbering definitions and stamps the ZIP with the current time
(two runs on the same input would differ).

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
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Clause, ClauseKind, Document
from ..ooxml.body import (
    Element,
    FormCell,
    FormRow,
    PageSetup,
    add_text,
    add_text_with_references,
    contents_list,
    document_root,
    end_section,
    form_table,
    grid_table,
    is_paragraph,
    paragraph,
    section_properties,
    typed_number,
    xml_bytes,
)
from ..ooxml.fields import NUMPAGES, SECTIONPAGES, add_bookmark, add_text_run, bookmark_name
from ..ooxml.numbering import (
    BULLET_NUM_ID,
    CLAUSE_NUM_ID,
    LETTER_LEVEL,
    ROMAN_LEVEL,
    NumberingPlan,
    infer_scheme,
    numbering_xml,
    plan_numbering,
)
from ..ooxml.parts import FOOTER_ID, HEADER_ID, PackageWriter, footer_xml, header_xml, resolve_timestamp, settings_xml
from ..ooxml.styles import styles_xml
from ..ooxml.zip_writer import core_properties_xml

__all__ = ["DocxWriteOptions", "document_to_docx", "document_xml", "resolve_timestamp"]

_PAGE = PageSetup()  # A4 with 2 cm margins
_TEXT_WIDTH = _PAGE.text_width
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


class _BodyWriter:
    """Turns each clause into paragraphs and tables of a ``w:body`` (through ``toolkit.ooxml.body``)."""

    def __init__(self, body: Element, plan: NumberingPlan, options: DocxWriteOptions,
                 sect_pr: Callable[[], Element]) -> None:
        self.body = body
        self.plan = plan
        self.options = options
        self.last_was_table = False
        self.sect_pr = sect_pr  # makes a w:sectPr (for section_starts)
        self.first_paragraph: Element | None = None  # the first paragraph written for the current clause
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

    def paragraph(self, style: str, *, numbering: tuple[int, int] | None = None, numbering_off: bool = False,
                  indent: int | None = None, page_break: bool = False) -> Element:
        p = paragraph(self.body, style, numbering=numbering, numbering_off=numbering_off, indent=indent,
                      hanging=0 if indent is not None else None, page_break=page_break)
        self.last_was_table = False
        if self.first_paragraph is None:
            self.first_paragraph = p
        return p

    def numbered(self, style: str, clause: Clause, level: int | None, page_break: bool, *,
                 indent: int | None = None) -> Element:
        """A paragraph Word numbers at ``level``, or (no level) one with the number typed."""
        if level is not None:
            return self.paragraph(style, numbering=(CLAUSE_NUM_ID, level), page_break=page_break)
        p = self.paragraph(style, indent=indent, page_break=page_break)
        typed_number(p, clause.number)
        return p

    def text(self, p: Element, text: str, *, bold: bool = False, part: str | None = None) -> None:
        """Runs for ``text``; a newline becomes a line break inside the paragraph. ``part``
        ("text", "heading") of the current clause: its cross-references become REF fields."""
        spans = self.references.get((self.current, part), []) if part and self.current else []
        if spans:
            add_text_with_references(p, text, spans, bold=bold)
        else:
            add_text(p, text, bold=bold)

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
        if not is_paragraph(last):
            last = self.paragraph("BodyText")
        end_section(last, self.sect_pr())
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
            typed_number(p, clause.number)
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

    def _content(self, p: Element, clause: Clause) -> None:
        if clause.heading:
            self.text(p, clause.heading, bold=True, part="heading")
            if clause.text:
                add_text_run(p, " ")
        if clause.text:
            self.text(p, clause.text, part="text")

    def body_clause(self, clause: Clause, level: int | None, page_break: bool) -> None:
        style = self._numbered_style(level) if level is not None else "BodyText"
        self._content(self.numbered(style, clause, level, page_break, indent=self._typed_indent(clause)), clause)

    def list_item(self, clause: Clause, level: int | None, list_depth: int, page_break: bool) -> None:
        if level is None and clause.number is None:
            p = self.paragraph("ListBullet", numbering=(BULLET_NUM_ID, min(list_depth, 2)), page_break=page_break)
        else:
            style = self._numbered_style(level) if level is not None else "BodyText"
            p = self.numbered(style, clause, level, page_break, indent=self._typed_indent(clause))
        self._content(p, clause)

    def plain(self, clause: Clause, style: str, level: int | None, page_break: bool) -> None:
        self._content(self.numbered(style, clause, level, page_break), clause)

    def _typed_indent(self, clause: Clause) -> int:
        return max(clause.level - 1, 0) * _TYPED_INDENT_STEP

    def table_clause(self, clause: Clause, level: int | None, page_break: bool) -> None:
        if clause.number or clause.heading or page_break:
            caption = self.numbered("BodyText", clause, level, page_break)
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
            self.numbered("Declaration", clause, level, page_break)
        elif self.last_was_table:
            self.paragraph("BodyText")
        form_table(self.body, [_signature_row(label, value) for label, value in lines], columns=_SIGNATURE_COLUMNS,
                   label_style="SignatureLabel", line_style="SignatureLine")
        self.last_was_table = True

    def contents(self, sections: list[tuple[str, str]]) -> None:
        """A contents list over the sections (numbers and titles), which Word fills in with page numbers."""
        contents_list(self.body, self.options.contents_title, sections)
        self.last_was_table = False

    # -- tables ---------------------------------------------------------------

    def table(self, rows: tuple[tuple[str, ...], ...], *, header: bool, label_column: bool = False) -> None:
        if self.last_was_table:
            # Word merges two adjacent tables into one; keep them apart.
            self.paragraph("BodyText")
        grid_table(self.body, rows, width=_TEXT_WIDTH, header=header, label_column=label_column)
        self.last_was_table = True


# The signature block's columns: 4 cm of label, a 5 cm box for the date, the rest of the line.
_LABEL_WIDTH, _BOX_WIDTH = 2268, 2835
_SIGNATURE_COLUMNS = (_LABEL_WIDTH, _BOX_WIDTH, _TEXT_WIDTH - _LABEL_WIDTH - _BOX_WIDTH)


def _signature_row(label: str, value: str) -> FormRow:
    """A label, then the value on a line to write on (the date in a box); a signature
    row is taller (2 cm) than the others (1.4 cm)."""
    rest = _SIGNATURE_COLUMNS[2]
    first = FormCell(_LABEL_WIDTH, 1, label + ":")
    cells: tuple[FormCell, ...]
    if label.strip().lower().startswith("date"):
        cells = (first, FormCell(_BOX_WIDTH, 1, value, "box"), FormCell(rest, 1, ""))
    else:
        cells = (first, FormCell(_BOX_WIDTH + rest, 2, value, "line"))
    tall = label.strip().lower().startswith("signature")
    return FormRow(cells, 1134 if tall else 794)


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


def _numbered_clauses(document: Document) -> list[tuple[str, str | None]]:
    return [(clause.id, clause.number) for clause in document.walk()]


def _contents_entry(clause: Clause) -> tuple[str, str]:
    number = clause.number + "." if clause.number and clause.number[-1].isdigit() else clause.number or ""
    return number, clause.heading or clause.text


def document_xml(
    document: Document, options: DocxWriteOptions, *, has_header: bool, has_footer: bool
) -> tuple[bytes, NumberingPlan]:
    """``word/document.xml`` and the numbering plan it follows."""
    numbers = [number for _, number in _numbered_clauses(document) if number]
    plan = plan_numbering(_numbered_clauses(document), infer_scheme(numbers))
    root, body = document_root()

    def sect_pr(parent: Element | None = None) -> Element:
        return section_properties(_PAGE, header_id=HEADER_ID if has_header else None,
                                  footer_id=FOOTER_ID if has_footer else None,
                                  restart_page_numbers=bool(options.section_starts), parent=parent)

    writer = _BodyWriter(body, plan, options, sect_pr)
    title = options.title if options.title is not None else (document.title or "")
    if title:
        writer.text(writer.paragraph("Title"), title)
    if options.cover_rows:
        writer.table(options.cover_rows, header=False, label_column=True)
    if options.contents:
        writer.contents([_contents_entry(clause) for clause in document.clauses if clause.kind is ClauseKind.SECTION])
    for index, clause in enumerate(document.clauses):
        writer.clause(clause, top_level_index=index)
    if writer.last_was_table or len(body) == 0:
        writer.paragraph("BodyText")
    sect_pr(body)
    return xml_bytes(root), plan


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

    package = PackageWriter(body)
    package.add("styles", styles_xml(options.font, options.font_size_points * 2))
    package.add("numbering", numbering_xml(plan.scheme))
    package.add("settings", settings_xml(update_fields=options.contents))
    if has_header:
        package.add("header", header_xml(header_text or ""))
    if has_footer:
        package.add("footer", footer_xml(text=options.footer_text, page_numbers=options.page_numbers,
                                         template=options.page_number_template,
                                         pages_field=SECTIONPAGES if options.section_starts else NUMPAGES))
    core = core_properties_xml(
        title=options.title or document.title,
        author=options.author or _meta_text(document, "school"),
        subject=options.subject,
        keywords=options.keywords,
        version=options.version or _meta_text(document, "version"),
        description=options.description,
        created=options.created or timestamp,
        modified=timestamp,
    )
    return package.to_bytes(core=core, application=options.application, timestamp=timestamp,
                            custom_properties=list(options.custom_properties))
