"""The visible content of a WordprocessingML document, in reading order.

This module turns ``word/document.xml`` (plus styles, numbering, headers and
footers) into plain records: paragraphs with the text a person sees (accepted
tracked changes, rendered list numbers) and tables with their cell text. It
knows nothing about clauses; ``toolkit/readers/docx.py`` maps the records to blocks.

What "visible" means here:

* tracked changes are read as accepted: ``w:ins``/``w:moveTo`` content is kept,
  ``w:del``/``w:moveFrom`` content is dropped, and a paragraph whose mark was
  deleted runs on into the next one;
* comments live in their own part and are never read; footnote reference marks,
  drawings and field codes (``w:instrText``) are skipped, field results kept;
* pages are known only where Word recorded them (``w:lastRenderedPageBreak``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from ..structure.lexicon import LABEL
from . import NS, qn
from .number_formats import to_roman
from .package import WordPackage, attr, bounded_int, num_pr, on_off
from .read_numbering import Label, Numbering
from .read_styles import ResolvedStyle, Styles

W = NS["w"]
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

T = f"{{{W}}}t"
R = f"{{{W}}}r"
P = f"{{{W}}}p"
TBL = f"{{{W}}}tbl"
TR = f"{{{W}}}tr"
TC = f"{{{W}}}tc"
TAB = f"{{{W}}}tab"
BR = f"{{{W}}}br"
CR = f"{{{W}}}cr"
PPR = f"{{{W}}}pPr"
RPR = f"{{{W}}}rPr"
SDT = f"{{{W}}}sdt"
SDT_CONTENT = f"{{{W}}}sdtContent"
NO_BREAK_HYPHEN = f"{{{W}}}noBreakHyphen"
LAST_RENDERED_PAGE_BREAK = f"{{{W}}}lastRenderedPageBreak"
TXBX_CONTENT = f"{{{W}}}txbxContent"
FOOTNOTE_REFERENCE = f"{{{W}}}footnoteReference"
ENDNOTE_REFERENCE = f"{{{W}}}endnoteReference"
DRAWING = f"{{{W}}}drawing"
PICT = f"{{{W}}}pict"
ALTERNATE_CONTENT = f"{{{_MC}}}AlternateContent"
# Run content that reads as one character.
_RUN_MARKS = {TAB: "\t", CR: "\n", NO_BREAK_HYPHEN: "-"}

# Subtrees whose text a reader of the page never sees.
_SKIP = {
    qn("w:del"), qn("w:moveFrom"), PPR, RPR, qn("w:drawing"), qn("w:pict"), qn("w:object"),
    qn("w:instrText"), qn("w:delText"), qn("w:delInstrText"), qn("w:commentReference"),
    qn("w:footnoteReference"), qn("w:endnoteReference"), qn("w:annotationRef"),
    qn("w:fldData"), qn("w:sectPr"), qn("w:customXmlPr"), qn("w:sdtPr"), qn("w:sdtEndPr"),
    f"{{{_MC}}}Fallback",
}
_TRACKED = (qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo"))


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    label: Label | None
    style_name: str | None
    heading_level: int | None
    title: bool
    contents: bool  # a table-of-contents line (TOC style or inside a contents control)
    bold: bool
    page: int | None
    ordinal: int  # 1-based paragraph count in the body, for locating it
    # A label typed before a tab at the start ("1.2<tab>Text"): Word users' manual
    # list numbering, drawn exactly like an automatic one. ``text`` then lacks it.
    typed_label: str | None = None
    # A page break (typed, or "page break before") comes before this paragraph:
    # known even when Word recorded no rendered pages, so a cover page can end there.
    break_before: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    page: int | None
    ordinal: int


@dataclass(frozen=True, slots=True)
class MarginText:
    """A header or footer paragraph."""

    text: str
    kind: str  # "header" or "footer"


@dataclass(frozen=True, slots=True)
class WordContent:
    body: tuple[Paragraph | Table, ...]
    margins: tuple[MarginText, ...]
    core_title: str | None
    tracked_changes: bool
    warnings: tuple[str, ...] = field(default=())


class _Text(NamedTuple):
    text: str
    typed_label: str | None
    bold: bool
    page: int | None


class _Reader:
    def __init__(self, package: WordPackage) -> None:
        self.package = package
        main = package.main_part
        self.root = package.xml(main)
        styles_part = package.related(main, "/styles")
        numbering_part = package.related(main, "/numbering")
        self.styles = Styles(package.xml_or_none(styles_part))
        self.numbering = Numbering(package.xml_or_none(numbering_part), self._style_num_id)
        self.track_pages = next(self.root.iter(LAST_RENDERED_PAGE_BREAK), None) is not None
        self.page = 1
        self.ordinal = 0
        self.carry = ""  # text of a paragraph whose mark was deleted (tracked): runs on
        self.text_page: int | None = None
        self.break_pending = False  # a page break seen, not yet followed by text
        self.break_after_text = False  # a page break after the current paragraph's text
        self.pending_boxes: list[etree._Element] = []  # text boxes of the paragraph being read
        # Footnote and endnote texts by id; the notes the current paragraph refers to.
        self.notes = {
            "footnote": _note_texts(package.xml_or_none(package.related(main, "/footnotes")), "w:footnote"),
            "endnote": _note_texts(package.xml_or_none(package.related(main, "/endnotes")), "w:endnote"),
        }
        self.note_count = {"footnote": 0, "endnote": 0}
        self.pending_notes: list[tuple[str, str]] = []

    def _style_num_id(self, style_id: str) -> str | None:
        resolved = self.styles.resolve(style_id)
        return resolved.num_id if resolved else None

    # -- body ----------------------------------------------------------------------------

    def body(self) -> list[Paragraph | Table]:
        body = self.root.find(qn("w:body"))
        out: list[Paragraph | Table] = []
        if body is not None:
            self._blocks(body, out, in_contents=False)
        return out

    def _blocks(self, container: etree._Element, out: list[Paragraph | Table], in_contents: bool) -> None:
        for child in container:
            tag = child.tag
            if tag == P:
                paragraph = self._paragraph(child, in_contents)
                if paragraph is not None:
                    out.append(paragraph)
                # Text boxes anchored in the paragraph are paragraphs of their own, after it.
                boxes, self.pending_boxes = self.pending_boxes, []
                for box in boxes:
                    self._blocks(box, out, in_contents)
            elif tag == TBL:
                out.append(self._table(child))
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self._blocks(content, out, in_contents or _is_contents_control(child))
            elif tag in (qn("w:customXml"), qn("w:ins"), qn("w:moveTo"), qn("w:smartTag")):
                self._blocks(child, out, in_contents)

    def _paragraph(self, p: etree._Element, in_contents: bool) -> Paragraph | None:
        ppr = p.find(PPR)
        style_id = attr(ppr.find(qn("w:pStyle"))) if ppr is not None else None
        style = self.styles.resolve(style_id)
        read = self._read_text(p, ppr, style)
        text, typed_label = read.text, read.typed_label

        # A deleted paragraph mark (accepted) joins this paragraph to the next one.
        mark = ppr.find(f"{RPR}/{qn('w:del')}") if ppr is not None else None
        if mark is not None:
            self.carry = _join(self.carry, _labelled(typed_label, text))
            return None
        if self.carry:
            text = _join(self.carry, _labelled(typed_label, text))
            typed_label = None
            self.carry = ""

        label = self._label(ppr, style, style_id)
        if label is not None and typed_label:
            text = _labelled(typed_label, text)  # an automatic number already labels it
        text = self._with_notes(text)
        if not text and label is None and not typed_label:
            return None
        break_before, self.break_pending = self.break_pending, self.break_after_text
        self.ordinal += 1
        return Paragraph(
            text=text,
            label=label,
            style_name=style.name if style else None,
            heading_level=_heading_level(ppr, style),
            title=bool(style and style.title),
            contents=in_contents or bool(style and style.contents),
            bold=read.bold,
            page=read.page,
            ordinal=self.ordinal,
            typed_label=typed_label if label is None else None,
            break_before=break_before,
        )

    def _read_text(self, p: etree._Element, ppr: etree._Element | None, style: ResolvedStyle | None) -> _Text:
        """The paragraph's visible text, split from a label typed before a tab; whether it is
        all bold; the page its first word is on."""
        parts: list[str] = []
        bold_state = [True, False]  # [every visible run bold, any visible run]
        paragraph_bold = style.bold if style and style.bold is not None else self.styles.default_bold
        self.text_page = None
        self.break_after_text = False
        if ppr is not None and on_off(ppr.find(qn("w:pageBreakBefore"))):
            self.break_pending = True
        self._inline(p, parts, bold_state, bool(paragraph_bold))
        raw = "".join(parts)
        typed = _TYPED_LABEL.match(raw)
        # The page its first word is on: a break inside the paragraph moves later words.
        page = (self.text_page or self.page) if self.track_pages else None
        return _Text(
            text=_clean(typed.group(2) if typed else raw),
            typed_label=typed.group(1) if typed else None,
            bold=bold_state[0] and bold_state[1],
            page=page,
        )

    def _with_notes(self, text: str) -> str:
        """Each note once, after the paragraph that refers to it, under its mark."""
        if self.pending_notes:
            text += "".join(f"\n{mark} {note}" for mark, note in self.pending_notes if note)
            self.pending_notes = []
        return text

    def _label(self, ppr: etree._Element | None, style: ResolvedStyle | None, style_id: str | None) -> Label | None:
        num_id = style.num_id if style else None
        ilvl = style.num_ilvl if style else None
        own_id, own_level = num_pr(ppr)
        if own_id is not None:
            num_id = own_id
        if own_level is not None:
            ilvl = own_level
        if not num_id or num_id == "0":
            return None
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, style.style_id if style else style_id)
        return self.numbering.next_label(num_id, ilvl)

    def _inline(self, element: etree._Element, parts: list[str], bold_state: list[bool], paragraph_bold: bool) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == R:
                run_text: list[str] = []
                self._run(child, run_text)
                text = "".join(run_text)
                if text.strip():
                    bold_state[1] = True
                    if not self._run_bold(child, paragraph_bold):
                        bold_state[0] = False
                parts.append(text)
            elif tag == ALTERNATE_CONTENT:
                choice = child.find(f"{{{_MC}}}Choice")
                if choice is not None:
                    self._inline(choice, parts, bold_state, paragraph_bold)
            elif isinstance(tag, str):
                self._inline(child, parts, bold_state, paragraph_bold)

    def _run(self, run: etree._Element, out: list[str]) -> None:
        for child in run:
            tag = child.tag
            if tag in _RUN_MARKS:
                out.append(_RUN_MARKS[tag])
            elif tag == T:
                self._text(child, out)
            elif tag == BR:
                self._break(child, out)
            elif tag == LAST_RENDERED_PAGE_BREAK:
                self.page += 1
            elif tag == ALTERNATE_CONTENT:
                self._alternate_content(child, out)
            elif tag in (DRAWING, PICT):
                self.pending_boxes.extend(child.iter(TXBX_CONTENT))
            elif tag in (FOOTNOTE_REFERENCE, ENDNOTE_REFERENCE):
                self._note_reference(child, "footnote" if tag == FOOTNOTE_REFERENCE else "endnote", out)

    def _text(self, t: etree._Element, out: list[str]) -> None:
        text = t.text or ""
        out.append(text)
        if text.strip():
            self.break_after_text = False
            if self.text_page is None:
                self.text_page = self.page

    def _break(self, br: etree._Element, out: list[str]) -> None:
        """A line break is a newline; a page break ends this paragraph's page (after its
        text) or starts the next paragraph on a new one (before any)."""
        if br.get(qn("w:type")) != "page":
            out.append("\n")
        elif "".join(out).strip() or self.text_page is not None:
            self.break_after_text = True
        else:
            self.break_pending = True

    def _alternate_content(self, element: etree._Element, out: list[str]) -> None:
        choice = element.find(f"{{{_MC}}}Choice")
        if choice is None:
            return
        boxes = list(choice.iter(TXBX_CONTENT))
        if boxes:
            self.pending_boxes.extend(boxes)  # read as paragraphs of their own
        else:
            out.extend(inner.text or "" for inner in choice.iter(T))

    def _note_reference(self, reference: etree._Element, kind: str, out: list[str]) -> None:
        if on_off(reference.find(qn("w:customMarkFollows"))) or reference.get(qn("w:customMarkFollows")) in ("1", "true"):
            return  # the author typed the mark; it is in the text already
        self.note_count[kind] += 1
        count = self.note_count[kind]
        # Word's defaults: footnotes 1, 2, 3; endnotes i, ii, iii.
        mark = f"[{count}]" if kind == "footnote" else f"[{to_roman(count).lower()}]"
        out.append(mark)  # the mark stays on its word, set off as a mark
        self.pending_notes.append((mark, self.notes[kind].get(reference.get(qn("w:id"), ""), "")))

    def _run_bold(self, run: etree._Element, paragraph_bold: bool) -> bool:
        rpr = run.find(RPR)
        if rpr is not None:
            direct = on_off(rpr.find(qn("w:b")))
            if direct is not None:
                return direct
            char_bold = self.styles.character_bold(attr(rpr.find(qn("w:rStyle"))))
            if char_bold is not None:
                return char_bold
        return paragraph_bold

    # -- tables --------------------------------------------------------------------------

    def _table(self, tbl: etree._Element) -> Table:
        page = self.page if self.track_pages else None
        self.ordinal += 1
        ordinal = self.ordinal
        rows: list[tuple[str, ...]] = []
        for tr in _children(tbl, TR):
            trpr = tr.find(qn("w:trPr"))
            if trpr is not None and trpr.find(qn("w:del")) is not None:
                continue
            cells: list[str] = []
            for tc in _children(tr, TC):
                tcpr = tc.find(qn("w:tcPr"))
                vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
                if vmerge is not None and attr(vmerge) in (None, "continue"):
                    cells.append("")  # the merged cell's text belongs to the row above
                    continue
                cells.append(self._cell_text(tc))
            if any(cells):
                rows.append(tuple(cells))
        return Table(tuple(rows), page, ordinal)

    def _cell_text(self, tc: etree._Element) -> str:
        inner: list[Paragraph | Table] = []
        saved = self.ordinal
        self._blocks(tc, inner, in_contents=False)
        self.ordinal = saved
        lines: list[str] = []
        for item in inner:
            if isinstance(item, Paragraph):
                if item.label is not None and not item.label.bullet:
                    lines.append(f"{item.label.text} {item.text}".strip())
                else:
                    # "10.<TAB>Seasonal produce": the typed number is part of the cell.
                    lines.append(_labelled(item.typed_label, item.text))
            else:
                lines.extend(" ".join(cell for cell in row if cell) for row in item.rows)
        return "\n".join(line for line in lines if line)

    # -- headers, footers, properties ----------------------------------------------------

    def margins(self) -> list[MarginText]:
        rels = self.package.relationships(self.package.main_part)
        seen: set[str] = set()
        out: list[MarginText] = []
        refs = [(ref, "header") for ref in self.root.iter(qn("w:headerReference"))]
        refs += [(ref, "footer") for ref in self.root.iter(qn("w:footerReference"))]
        for ref, kind in refs:
            rel = rels.get(ref.get(qn("r:id"), ""))
            if rel is None or rel.external or rel.target in seen or not self.package.has(rel.target):
                continue
            seen.add(rel.target)
            part = self.package.xml(rel.target)
            margin_reader = _MarginReader(self)
            for item in margin_reader.read(part):
                out.append(MarginText(item, kind))
        return out

    def core_title(self) -> str | None:
        core = self.package.related("", "/core-properties")
        root = self.package.xml_or_none(core)
        if root is None:
            return None
        title = root.find(f"{{{NS['dc']}}}title")
        text = (title.text or "").strip() if title is not None else ""
        return text or None

    def tracked(self) -> bool:
        for tag in _TRACKED:
            if next(self.root.iter(tag), None) is not None:
                return True
        return False


class _MarginReader:
    """Header/footer paragraphs: same text rules, numbering left alone."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader

    def read(self, root: etree._Element) -> list[str]:
        lines: list[str] = []
        for p in root.iter(P):
            if any(ancestor.tag == TXBX_CONTENT for ancestor in p.iterancestors()):
                continue  # a text box's paragraphs are read as lines of their own, below
            self._paragraph(p, lines)
        return lines

    def _paragraph(self, p: etree._Element, lines: list[str]) -> None:
        parts: list[str] = []
        self.reader._inline(p, parts, [True, False], False)
        # A tab in a header or footer separates its columns ("School<TAB>Approved by ...").
        text = "\t".join(part for part in (_clean(column) for column in "".join(parts).split("\t")) if part)
        if text:
            lines.append(text)
        # A page number or logo text in a text box of the header: a line of its own.
        boxes, self.reader.pending_boxes = self.reader.pending_boxes, []
        self.reader.pending_notes = []
        for box in boxes:
            for inner in box.iter(P):
                if next((a for a in inner.iterancestors() if a.tag == TXBX_CONTENT), None) is box:
                    self._paragraph(inner, lines)


def read_word(package: WordPackage) -> WordContent:
    reader = _Reader(package)
    body = reader.body()
    return WordContent(
        body=tuple(body),
        margins=tuple(reader.margins()),
        core_title=reader.core_title(),
        tracked_changes=reader.tracked(),
    )


def _heading_level(ppr: etree._Element | None, style: ResolvedStyle | None) -> int | None:
    """The style's heading level, unless the paragraph sets its own outline level (9: body text)."""
    outline = bounded_int(attr(ppr.find(qn("w:outlineLvl"))) if ppr is not None else None, 9)
    if outline is not None:
        return outline + 1 if outline < 9 else None
    return style.heading_level if style else None


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Direct children with ``tag``, looking through content controls and custom XML."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in (qn("w:customXml"), qn("w:ins"), qn("w:moveTo")):
            yield from _children(child, tag)


def _is_contents_control(sdt: etree._Element) -> bool:
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and "contents" in (attr(gallery) or "").lower()


# A label typed before a tab: "1.2<TAB>Text", "v. <TAB>Text" (labels from the shared lexicon).
_TYPED_LABEL = re.compile(rf"^\s*({LABEL})[ ]*\t+(\S.*)$", re.DOTALL)


def _labelled(label: str | None, text: str) -> str:
    return f"{label} {text}" if label else text


def _note_texts(root: etree._Element | None, tag: str) -> dict[str, str]:
    """Each footnote's (or endnote's) text by id; separators and empty notes left out."""
    notes: dict[str, str] = {}
    if root is None:
        return notes
    for note in root.iter(qn(tag)):
        if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = [_clean("".join(t.text or "" for t in p.iter(T))) for p in note.iter(P)]
        text = " ".join(paragraph for paragraph in paragraphs if paragraph)
        if text:
            notes[note.get(qn("w:id"), "")] = text
    return notes


def _clean(text: str) -> str:
    """Tabs and soft line breaks read as spaces; runs of spaces collapse."""
    text = text.replace("\t", " ").replace("\n", " ").replace("\u00a0", " ")
    return " ".join(text.split())


def _join(first: str, second: str) -> str:
    return f"{first} {second}".strip() if first and second else first or second
