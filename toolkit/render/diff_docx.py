"""A Word document with native tracked changes, built from the new document.

Open it in Word or LibreOffice and the changes are ordinary revisions:
"Accept all" gives the new policy's text and "Reject all" the old one. Word
edits are ``w:ins``/``w:del`` runs; added and removed clauses also revise
their paragraph marks (so rejecting an added clause leaves no empty paragraph);
a moved clause is a named move (``w:moveFrom`` where it stood, ``w:moveTo``
where it stands now); a split or merge revises the mark between its parts.
Clause numbers are plain text at the start of each paragraph, so the numbers
that Word shows are exactly the policy's.
"""

from __future__ import annotations

import io

import docx
from lxml import etree

from ..diff.model import (
    DELETE,
    EQUAL,
    INSERT,
    DocumentDiff,
    MatchedBy,
    Placement,
    Status,
)
from ..model import ClauseKind
from ..ooxml import qn
from ..ooxml.fields import xml_safe
from ..ooxml.revisions import DELETED, INSERTED, MOVED_FROM, MOVED_TO, RevisionWriter
from ._diff_common import title_of

_INDENT_TWIPS = 425  # 0.75 cm a level


class _Paragraphs:
    """Appends w:p elements to the body directly (python-docx's per-paragraph style
    lookup by name costs milliseconds each; ids are looked up once here)."""

    def __init__(self, document) -> None:
        self._body = document.element.body
        self._sect = self._body.find(qn("w:sectPr"))
        self._ids = {}
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet"):
            self._ids[name] = document.styles[name].style_id

    def add(self, style: str, indent_twips: int):
        p = etree.Element(qn("w:p"))
        if style in self._ids or indent_twips:
            ppr = etree.SubElement(p, qn("w:pPr"))
            if style in self._ids:
                etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), self._ids[style])
            if indent_twips:
                etree.SubElement(ppr, qn("w:ind")).set(qn("w:left"), str(indent_twips))
        if self._sect is not None:
            self._sect.addprevious(p)
        else:
            self._body.append(p)
        return p


def _style_for(clause) -> str:
    if clause.kind is ClauseKind.SECTION:
        return f"Heading {min(max(clause.level, 1), 3)}"
    if clause.kind is ClauseKind.LIST_ITEM:
        return "List Bullet"
    return "Normal"


def render_docx(diff: DocumentDiff, *, author: str | None = None, date: str | None = None, **_options) -> bytes:
    document = docx.Document()
    writer = RevisionWriter(author or diff.options.author, date)
    properties = document.core_properties
    # Core properties go through lxml, which refuses control characters outright, and
    # python-docx, which refuses more than 255 characters (a title can be a whole line).
    properties.title = xml_safe(title_of(diff))[:255]
    properties.author = xml_safe(writer.author)[:255]
    properties.last_modified_by = xml_safe(writer.author)[:255]
    properties.comments = xml_safe(f"Tracked changes from {diff.old.source} to {diff.new.source}, made by policykit")[:255]

    paragraphs = _Paragraphs(document)
    title = _title(paragraphs, diff, writer)
    _cover_details(document, title, diff, writer)
    move_names: dict[int, str] = {}
    seen_old: set[str] = set()
    seen_new: set[str] = set()
    last = None
    for position, (placement, index) in enumerate(diff.layout):
        change = diff.changes[index]
        clause = change.old if placement is Placement.MOVED_FROM else (change.new or change.old)
        indent = _INDENT_TWIPS * (clause.level - 1) if clause.kind is not ClauseKind.SECTION else 0
        p = paragraphs.add(_style_for(clause), indent)
        bold = clause.kind is ClauseKind.SECTION
        if placement in (Placement.MOVED_FROM, Placement.MOVED_TO):
            kind = MOVED_FROM if placement is Placement.MOVED_FROM else MOVED_TO
            name = move_names.setdefault(index, writer.new_move_name())
            start, range_id = writer.range_start(kind, name)
            p.append(start)
            if kind == MOVED_FROM:
                text = _numbered(change.old.number, change.old.full_text)
                if text:
                    p.append(writer.wrap(MOVED_FROM, text, bold=bold))
            else:
                if change.new.number:
                    p.append(writer.wrap(MOVED_TO, change.new.number + " ", bold=bold))
                for op, chunk in change.words:
                    if op == EQUAL:
                        p.append(writer.wrap(MOVED_TO, chunk, bold=bold))
                    elif op == INSERT:
                        p.append(writer.wrap(INSERTED, chunk, bold=bold))
                    # deleted words stay in the moveFrom text where the clause stood
            p.append(writer.range_end(kind, range_id))
            writer.mark_paragraph(p, kind)
            last = kind
            continue

        old_number = change.old.number if change.old is not None and change.old.id not in seen_old else None
        new_number = change.new.number if change.new is not None and change.new.id not in seen_new else None
        first_of_split = change.matched_by is MatchedBy.SPLIT and change.old.id not in seen_old
        first_of_merge = change.matched_by is MatchedBy.MERGE and change.new.id not in seen_new
        if change.old is not None:
            seen_old.add(change.old.id)
        if change.new is not None:
            seen_new.add(change.new.id)
        if old_number == new_number:
            if new_number:
                p.append(writer.run(new_number + " ", bold=bold))
        else:
            if old_number:
                p.append(writer.wrap(DELETED, old_number + " ", bold=bold))
            if new_number:
                p.append(writer.wrap(INSERTED, new_number + " ", bold=bold))
        for op, chunk in change.words:
            if op == EQUAL:
                p.append(writer.run(chunk, bold=bold))
            elif op == DELETE:
                p.append(writer.wrap(DELETED, chunk, bold=bold))
            else:
                p.append(writer.wrap(INSERTED, chunk, bold=bold))
        layout_break = _layout_break(diff, position, change)
        if change.status is Status.ADDED or first_of_split:
            writer.mark_paragraph(p, INSERTED)
            last = INSERTED
        elif layout_break is not None:
            # The same words cut differently: the paragraph break is the only revision,
            # and the space that joins the two halves again goes with it.
            p.append(writer.run(" ", bold=bold))
            writer.mark_paragraph(p, layout_break)
            last = layout_break
        elif change.status is Status.REMOVED or first_of_merge:
            writer.mark_paragraph(p, DELETED)
            last = DELETED
        else:
            last = None
    if last in (DELETED, MOVED_FROM):
        # A removed last paragraph joins the one after it when accepted: give it one.
        paragraphs.add("Normal", 0)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _layout_break(diff: DocumentDiff, position: int, change) -> str | None:
    """For re-flowed text: INSERTED where one old paragraph is cut in two after this row,
    DELETED where two old paragraphs are joined after it, None elsewhere."""
    if change.matched_by is not MatchedBy.LAYOUT or position + 1 >= len(diff.layout):
        return None
    following = diff.changes[diff.layout[position + 1][1]]
    if following.matched_by is not MatchedBy.LAYOUT:
        return None
    if following.old is change.old and following.new is not change.new:
        return INSERTED
    if following.new is change.new and following.old is not change.old:
        return DELETED
    return None


def _numbered(number: str | None, text: str) -> str:
    return f"{number} {text}" if number else text


def _cover_details(document, title, diff: DocumentDiff, writer: RevisionWriter) -> None:
    """Cover details that changed, first: a comment on the title ("Next review: Jan 2023 → Jan 2024").

    A comment, not paragraphs, so that accepting every change still gives exactly the
    new policy's text."""
    lines = [f"{change.field.replace('_', ' ')}: {change.old or '(none)'} → {change.new or '(none)'}"
             for change in diff.metadata_changes]
    if not lines:
        return
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.text.run import Run

    if title is None:
        return
    # An empty run (python-docx's own element class) for the comment to hold on to.
    anchor = parse_xml(f"<w:r {nsdecls('w')}/>")
    title.append(anchor)
    document.add_comment(Run(anchor, document._body), text=xml_safe("Cover details changed:\n" + "\n".join(lines)),
                         author=xml_safe(writer.author), initials="PK")


def _title(paragraphs: _Paragraphs, diff: DocumentDiff, writer: RevisionWriter):
    old, new = diff.old.title, diff.new.title
    if not old and not new:
        return None
    p = paragraphs.add("Title", 0)
    if old == new:
        p.append(writer.run(new))
        return p
    from ..diff.words import word_diff

    for op, chunk in word_diff(old or "", new or "", diff.options):
        if op == EQUAL:
            p.append(writer.run(chunk))
        else:
            p.append(writer.wrap(DELETED if op == DELETE else INSERTED, chunk))
    if not new:
        writer.mark_paragraph(p, DELETED)
    elif not old:
        writer.mark_paragraph(p, INSERTED)
    return p
