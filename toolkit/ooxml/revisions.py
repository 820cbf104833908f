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

from . import qn, w
from .body import PageSetup, document_root, part_root, section_properties, xml_bytes
from .body import paragraph as add_paragraph
from .fields import add_text_run, xml_safe
from .numbering import list_bullet_numbering_xml
from .parts import PackageWriter, resolve_timestamp, settings_xml
from .styles import tracked_changes_styles_xml
from .zip_writer import core_properties_xml

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


# -- a document of tracked changes ----------------------------------------------------------

# The page of Word's own blank document (US Letter, 1.25" side margins), as the
# tracked-changes file has always used.
_LETTER = PageSetup(width=12240, height=15840, top=1440, right=1800, bottom=1440, left=1800, header=720,
                    footer=720, column_space=720, line_pitch=360)
# Style names a renderer asks for -> the style ids in ``tracked_changes_styles_xml``.
_STYLE_IDS = {"Title": "Title", "Heading 1": "Heading1", "Heading 2": "Heading2", "Heading 3": "Heading3",
              "List Bullet": "ListBullet"}
_CORE_LIMIT = 255  # Word's limit on a core property (and python-docx's, which wrote these files before)


class TrackedParagraph:
    """One paragraph of a tracked-changes document: plain and revised runs, move ranges, its mark."""

    def __init__(self, element: etree._Element, revisions: RevisionWriter) -> None:
        self.element = element
        self._revisions = revisions

    def text(self, text: str, *, bold: bool = False) -> None:
        """Text that did not change."""
        self.element.append(self._revisions.run(text, bold=bold))

    def revised(self, kind: str, text: str, *, bold: bool = False) -> None:
        """Text inserted, deleted or moved (``kind`` INSERTED, DELETED, MOVED_FROM or MOVED_TO)."""
        self.element.append(self._revisions.wrap(kind, text, bold=bold))

    def start_move(self, kind: str, name: str) -> str:
        """Open the named move range (MOVED_FROM or MOVED_TO) here; returns its id for ``end_move``."""
        start, range_id = self._revisions.range_start(kind, name)
        self.element.append(start)
        return range_id

    def end_move(self, kind: str, range_id: str) -> None:
        self.element.append(self._revisions.range_end(kind, range_id))

    def mark(self, kind: str) -> None:
        """The paragraph mark itself was inserted, deleted or moved."""
        self._revisions.mark_paragraph(self.element, kind)


class TrackedDocument:
    """A Word document whose body is built paragraph by paragraph with tracked changes,
    comments on its paragraphs, and Word's default look (``tracked_changes_styles_xml``)."""

    def __init__(self, author: str = "policykit", date: str | None = None) -> None:
        self.revisions = RevisionWriter(author, date)
        self._root, self._body = document_root()
        self._comments = part_root("comments", relationships=False)
        self._comment_ids = itertools.count(0)

    @property
    def author(self) -> str:
        return self.revisions.author

    def new_move_name(self) -> str:
        return self.revisions.new_move_name()

    def paragraph(self, style: str = "Normal", indent: int = 0) -> TrackedParagraph:
        """A new paragraph in the style Word names ``style`` ("Heading 1", "List Bullet"),
        indented ``indent`` twentieths of a point."""
        p = add_paragraph(self._body, _STYLE_IDS.get(style), indent=indent or None)
        return TrackedParagraph(p, self.revisions)

    def comment(self, on: TrackedParagraph, text: str, *, initials: str = "PK") -> None:
        """A comment by the author, anchored at the end of ``on``; each line of ``text`` a paragraph."""
        comment_id = str(next(self._comment_ids))
        p = on.element
        w(p, "commentRangeStart", id=comment_id)
        etree.SubElement(p, qn("w:r"))  # an empty run for the comment to hold on to
        w(p, "commentRangeEnd", id=comment_id)
        reference = w(p, "r")
        w(w(reference, "rPr"), "rStyle", val="CommentReference")
        w(reference, "commentReference", id=comment_id)
        comment = w(self._comments, "comment", id=comment_id, author=xml_safe(self.author), initials=initials,
                    date=self.revisions.date)
        for index, line in enumerate(xml_safe(text).split("\n")):
            cp = add_paragraph(comment, "CommentText")
            if index == 0:
                mark = w(cp, "r")
                w(w(mark, "rPr"), "rStyle", val="CommentReference")
                w(mark, "annotationRef")
            if line:
                add_text_run(cp, line)

    def to_bytes(self, *, title: str | None, description: str | None) -> bytes:
        """The .docx package; core properties carry ``title``, the author and ``description``."""
        stamp = _parse_date(self.revisions.date) or resolve_timestamp(None)
        section_properties(_LETTER, parent=self._body)
        package = PackageWriter(xml_bytes(self._root))
        package.add("styles", tracked_changes_styles_xml())
        package.add("numbering", list_bullet_numbering_xml())
        package.add("settings", settings_xml(default_tab_stop=720, compatibility_mode=14))
        if len(self._comments):
            package.add("comments", xml_bytes(self._comments))
        core = core_properties_xml(
            title=_limited(title), author=_limited(self.author), subject=None, keywords=None, version=None,
            description=_limited(description), created=stamp, modified=stamp,
        )
        return package.to_bytes(core=core, application="policykit", timestamp=stamp)


def _limited(text: str | None) -> str | None:
    return xml_safe(text)[:_CORE_LIMIT] if text else text


def _parse_date(text: str) -> _dt.datetime | None:
    try:
        when = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=_dt.UTC)
