"""WordprocessingML tracked changes (ISO/IEC 29500-1 §17.13.5), built with lxml.

Word is strict about revisions: every ``w:ins``/``w:del``/``w:moveFrom``/
``w:moveTo`` needs a ``w:id`` unique in the part, plus ``w:author`` (and we
always add ``w:date``); deleted text lives in ``w:delText``, never ``w:t``;
text starting or ending with a space needs ``xml:space="preserve"``. A moved
paragraph is moved content inside a named pair of ranges
(``moveFromRangeStart``/``End`` at the source, ``moveToRangeStart``/``End`` at
the destination, sharing ``w:name``). A paragraph that was added or removed
also has its paragraph mark revised (``w:pPr/w:rPr/w:ins`` or ``w:del``).
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re

from lxml import etree

from . import qn
from .fields import xml_safe

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# What kind of revision wraps a piece of content.
INSERTED, DELETED, MOVED_FROM, MOVED_TO = "ins", "del", "moveFrom", "moveTo"


def iso_date(when: _dt.datetime | None = None) -> str:
    when = when or _dt.datetime.now(_dt.UTC)
    return when.astimezone(_dt.UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


class RevisionWriter:
    """Makes revision elements with ids unique across the whole document part."""

    def __init__(self, author: str = "policykit", date: str | None = None, first_id: int = 1) -> None:
        self.author = author
        self.date = date or iso_date()
        self._ids = itertools.count(first_id)
        self._moves = itertools.count(1)

    def _stamp(self, element: etree._Element) -> etree._Element:
        element.set(qn("w:id"), str(next(self._ids)))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        return element

    # -- runs ------------------------------------------------------------------------
    @staticmethod
    def run(text: str, *, deleted: bool = False, bold: bool = False) -> etree._Element:
        run = etree.Element(qn("w:r"))
        if bold:
            props = etree.SubElement(run, qn("w:rPr"))
            etree.SubElement(props, qn("w:b"))
        # Tabs and line breaks (a table's cells and rows) are elements of their own in a run.
        for piece in re.split(r"([\t\n])", text):
            if piece == "\t":
                etree.SubElement(run, qn("w:tab"))
            elif piece == "\n":
                etree.SubElement(run, qn("w:br"))
            elif piece := xml_safe(piece):  # a stray control character in a source must not break the file
                t = etree.SubElement(run, qn("w:delText" if deleted else "w:t"))
                t.text = piece
                if piece != piece.strip():
                    t.set(_XML_SPACE, "preserve")
        return run

    def wrap(self, kind: str, text: str, *, bold: bool = False) -> etree._Element:
        """A run of ``text`` inside a ``w:ins``/``w:del``/``w:moveFrom``/``w:moveTo``."""
        wrapper = self._stamp(etree.Element(qn(f"w:{kind}")))
        wrapper.append(self.run(text, deleted=kind == DELETED, bold=bold))
        return wrapper

    # -- paragraph marks and move ranges ------------------------------------------------
    def mark_paragraph(self, paragraph: etree._Element, kind: str) -> None:
        """Record that this paragraph's mark was inserted, deleted or moved."""
        ppr = paragraph.find(qn("w:pPr"))
        if ppr is None:
            ppr = etree.Element(qn("w:pPr"))
            paragraph.insert(0, ppr)
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, qn("w:rPr"))  # the mark's run properties come last in pPr
        rpr.insert(0, self._stamp(etree.Element(qn(f"w:{kind}"))))

    def new_move_name(self) -> str:
        return f"move{next(self._moves)}"

    def range_start(self, kind: str, name: str) -> tuple[etree._Element, str]:
        """``w:moveFromRangeStart`` or ``w:moveToRangeStart``; returns it and its id."""
        element = self._stamp(etree.Element(qn(f"w:{kind}RangeStart")))
        element.set(qn("w:name"), name)
        return element, element.get(qn("w:id"))

    @staticmethod
    def range_end(kind: str, range_id: str) -> etree._Element:
        element = etree.Element(qn(f"w:{kind}RangeEnd"))
        element.set(qn("w:id"), range_id)
        return element


# -- reading revisions back (tests and tools that accept or reject them) ---------------------

_WRAPPERS = {qn("w:ins"): INSERTED, qn("w:del"): DELETED, qn("w:moveFrom"): MOVED_FROM, qn("w:moveTo"): MOVED_TO}


def resolve_paragraphs(body: etree._Element, accept: bool) -> list[str]:
    """The body's paragraph texts after accepting (or rejecting) every revision.

    Walks the XML itself: accepting drops ``w:del``/``w:moveFrom`` content and
    keeps ``w:ins``/``w:moveTo``; rejecting does the opposite. A paragraph whose
    mark is dropped joins the paragraph after it.
    """
    dropped_content = {DELETED, MOVED_FROM} if accept else {INSERTED, MOVED_TO}
    texts: list[str] = []
    carry = ""
    for paragraph in body.iter(qn("w:p")):
        pieces = [carry]
        for node in paragraph.iter(qn("w:t"), qn("w:delText"), qn("w:tab"), qn("w:br")):
            if node.getparent().tag != qn("w:r"):
                continue  # a w:tab inside w:tabs (paragraph properties) is a tab stop, not text
            kinds = {_WRAPPERS[a.tag] for a in node.iterancestors() if a.tag in _WRAPPERS}
            if kinds & dropped_content:
                continue
            pieces.append({qn("w:tab"): "\t", qn("w:br"): "\n"}.get(node.tag, node.text or ""))
        mark = paragraph.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        mark_kinds = {_WRAPPERS[c.tag] for c in mark if c.tag in _WRAPPERS} if mark is not None else set()
        if mark_kinds & dropped_content:
            carry = "".join(pieces)
            continue
        texts.append("".join(pieces))
        carry = ""
    if carry:
        texts.append(carry)
    return texts
