"""Filling a Word model's places in its own XML: every other byte of the model is kept.

A trust's model policy marks what a school must fill in, in the forms Word users
actually use:

* square brackets ``[School name]`` and angle brackets ``<<Headteacher>>`` (or the
  ``«Headteacher»`` Word shows for a merge field), typed anywhere, often split
  across several runs by spell-check marks and revisions;
* runs highlighted in a colour (the yellow "change this" convention);
* content controls (``w:sdt``), named by their tag or title;
* mail-merge fields (``MERGEFIELD Name``), simple (``w:fldSimple``) or complex
  (``w:fldChar`` begin / instruction / separate / result / end);
* bracketed drafting notes (``[Note: delete this paragraph if ...]``), removed or kept;
* optional sections: a heading highlighted from end to end, or one carrying an
  ``[Optional]`` / ``[Optional: name]`` tag; the section runs to the next heading of
  the same or a higher level and is kept or dropped as a whole.

Only paragraphs that hold a place are rewritten, and only the runs that hold it:
the rest of the paragraph (its properties, numbering, other runs) and every other
paragraph, table, header, footer, style, list and image stay exactly as they were.
Dropping a section removes its paragraphs; Word's automatic numbering closes the
gap by itself, and numbers typed as text are renumbered here (with the typed
cross-references to them).

The caller decides values: ``fill_part`` asks ``decide(place)`` for each place and
``keep_section(section)`` for each optional section, and reports what it did.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from . import qn
from .body import Element
from .read_styles import Styles

W_P, W_R, W_T, W_SDT = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:sdt")
_XML_SPACE = qn("xml:space")

# Inner text of a bracketed place: short, on one line, no nested brackets.
_PLACE = re.compile(r"\[([^\[\]\n]{1,300})\]|<<([^<>\n]{1,200})>>|«([^«»\n]{1,200})»")
# Bracketed text that tells the drafter something rather than naming a value.
_NOTE_START = re.compile(
    r"^\s*(?:drafting\s+)?(?:note|notes|guidance|guide|delete|remove|include|optional|if\s|where\s|"
    r"schools?\s+(?:should|must|may|will)|this\s+(?:section|paragraph|clause)|choose|select|amend|adapt|"
    r"tailor|nb\b|n\.b\.)",
    re.IGNORECASE,
)
_OPTIONAL_TAG = re.compile(r"\[\s*optional(?:\s*(?::|-|–)\s*([^\]]{1,120}))?\s*\]", re.IGNORECASE)
_TYPED_NUMBER = re.compile(r"^(\s*)(\d{1,3}(?:\.\d{1,3}){0,3})(\.?)(?=\s)")
_MERGEFIELD = re.compile(r'^\s*MERGEFIELD\s+(?:"([^"]+)"|(\S+))', re.IGNORECASE)
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_MAX_NOTE_WORDS = 15  # a longer bracket is an instruction, not the name of a value


# A span of a paragraph's own text to rewrite: start, end, the value (None deletes it), is a note.
_Span = tuple[int, int, str | None, bool]


@dataclass(frozen=True, slots=True)
class Place:
    """One place to fill, as found in the model."""

    kind: str  # "brackets", "angle", "highlight", "content-control", "merge-field", "note"
    text: str  # as printed in the model, e.g. "[School name]"
    name: str  # what it asks for, e.g. "School name"
    part: str  # e.g. "word/document.xml"
    paragraph: int  # 1-based paragraph number within the part
    context: str  # the paragraph's text, shortened


@dataclass(frozen=True, slots=True)
class OptionalSection:
    name: str  # from the [Optional: name] tag, else the heading text
    heading: str  # the heading's text as printed
    part: str
    paragraph: int
    paragraphs: int  # how many paragraphs (and tables) it spans


@dataclass
class FillResult:
    filled: list[tuple[Place, str]]
    unfilled: list[Place]
    notes_removed: list[Place]
    notes_kept: list[Place]
    sections_kept: list[OptionalSection]
    sections_dropped: list[OptionalSection]
    sections_undecided: list[OptionalSection]
    renumbered: dict[str, str]  # typed number -> new typed number


def _text_of(element: Element) -> str:
    return "".join(t.text or "" for t in element.iter(W_T))


_FLD_CHAR = qn("w:fldChar")
_FLD_SIMPLE = qn("w:fldSimple")


def _own_texts(p: Element) -> list[Element]:
    """The w:t of a paragraph that belong to it: not a text box's nested paragraph or
    a content control (handled as units), nor a field's result (Word makes that)."""
    found = []
    depth = 0
    for element in p.iter(W_T, _FLD_CHAR):
        if element.tag == _FLD_CHAR:
            kind = element.get(qn("w:fldCharType"))
            depth = depth + 1 if kind == "begin" else max(depth - 1, 0) if kind == "end" else depth
            continue
        if depth:
            continue
        ancestor = element.getparent()
        while ancestor is not None and ancestor is not p:
            if ancestor.tag in (W_P, W_SDT, _FLD_SIMPLE):
                break
            ancestor = ancestor.getparent()
        if ancestor is p:
            found.append(element)
    return found


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Brackets that are neither a place nor a note: a citation ("[Source: http://...]"),
# a footnote or list marker ("[1]", "[a]", "[iv]"), "[sic]", a year.
_NOT_A_PLACE = re.compile(
    r"^\s*(?:\d{1,4}|[ivxlc]{1,6}|[a-z]|sic|(?:source|see|ref|cited|accessed)\b.*|.*(?:https?://|www\.).*)\s*$",
    re.IGNORECASE)


def is_citation(name: str) -> bool:
    return bool(_NOT_A_PLACE.match(name))


def is_note(name: str) -> bool:
    return bool(_NOTE_START.match(name)) or len(name.split()) > _MAX_NOTE_WORDS


def _highlighted(run: Element) -> bool:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        return False
    mark = rpr.find(qn("w:highlight"))
    if mark is not None and (mark.get(qn("w:val")) or "none") != "none":
        return True
    shade = rpr.find(qn("w:shd"))
    fill = (shade.get(qn("w:fill")) or "").upper() if shade is not None else ""
    return fill in ("FFFF00", "FFFF99", "FFF2CC", "FFFF66")


def _unhighlight(run: Element) -> None:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        return
    for tag in ("w:highlight", "w:shd"):
        for mark in rpr.findall(qn(tag)):
            rpr.remove(mark)
    style = rpr.find(qn("w:rStyle"))
    if style is not None and (style.get(qn("w:val")) or "").lower() == "placeholdertext":
        rpr.remove(style)


def _set_text(t: Element, text: str) -> None:
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(_XML_SPACE, "preserve")


def _split(t: Element, offset: int) -> Element:
    """Split the run holding ``t`` so that ``t`` ends at ``offset``; the new w:t (holding
    the rest) is returned. Both halves keep the run's properties."""
    run = t.getparent()
    text = t.text or ""
    position = list(run).index(t)
    twin = copy.deepcopy(run)
    for child in list(run)[position + 1:]:
        run.remove(child)
    _set_text(t, text[:offset])
    twin_children = list(twin)
    for child in twin_children[:position]:
        if child.tag != qn("w:rPr"):
            twin.remove(child)
    twin_t = twin_children[position]
    _set_text(twin_t, text[offset:])
    run.addnext(twin)
    return twin_t


def _segments(texts: list[Element]) -> list[tuple[Element, int, int]]:
    out, offset = [], 0
    for t in texts:
        length = len(t.text or "")
        out.append((t, offset, offset + length))
        offset += length
    return out


def _replace_span(p: Element, start: int, end: int, value: str | None) -> None:
    """Put ``value`` in place of the paragraph's own text [start, end), in the run where
    the span began (its formatting, less any highlight); None deletes the span."""
    for cut in (end, start):
        for t, s, e in _segments(_own_texts(p)):
            if s < cut < e:
                _split(t, cut - s)
                break
    inside = [t for t, s, e in _segments(_own_texts(p)) if s >= start and e <= end and e > s]
    for index, t in enumerate(inside):
        if index == 0 and value is not None:
            _set_text(t, value)
            _unhighlight(t.getparent())
            continue
        _remove_text(t)


def _run_like(model: Element | None, text: str) -> Element:
    """A run of ``text`` formatted as ``model`` (its run properties copied), if any."""
    run = etree.Element(W_R)
    if model is not None and model.find(qn("w:rPr")) is not None:
        run.append(copy.deepcopy(model.find(qn("w:rPr"))))
    _set_text(etree.SubElement(run, W_T), text)
    return run


def _remove_text(t: Element) -> None:
    """Remove a w:t, and its run when nothing but run properties is left."""
    run = t.getparent()
    run.remove(t)
    if not any(child.tag != qn("w:rPr") for child in run):
        run.getparent().remove(run)


def _control_name(props: Element, shown: str) -> str:
    """What a content control asks for: its tag or title, else the bracketed text it shows."""
    for tag in ("w:tag", "w:alias"):
        element = props.find(qn(tag))
        if element is not None and (element.get(qn("w:val")) or "").strip():
            return str(element.get(qn("w:val"))).strip()
    m = _PLACE.fullmatch(shown.strip())
    return next(g for g in m.groups() if g) if m else shown


def _fill_control(props: Element, content: Element, value: str) -> None:
    """Put ``value`` in a content control, in its first text's run, placeholder look removed."""
    for marker in props.findall(qn("w:showingPlcHdr")):
        props.remove(marker)
    texts = list(content.iter(W_T))
    if not texts:
        run = content.find(".//" + W_R)
        if run is None:
            paragraph = content.find(".//" + W_P)
            run = etree.SubElement(paragraph if paragraph is not None else content, W_R)
        texts = [etree.SubElement(run, W_T)]
    _set_text(texts[0], value)
    _unhighlight(texts[0].getparent())
    for t in texts[1:]:
        _remove_text(t)


def _remove_paragraph_if_empty(p: Element) -> bool:
    if _text_of(p).strip() or p.find(".//" + qn("w:drawing")) is not None:
        return False
    parent = p.getparent()
    if parent is None or parent.tag == qn("w:tc") and len(parent.findall(W_P)) == 1:
        return False  # a table cell needs one paragraph
    if p.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None:
        return False  # it carries a section break
    parent.remove(p)
    return True


class _PartFiller:
    def __init__(self, root: Element, part: str, decide: Callable[[Place], str | None], keep_notes: bool,
                 keep_section: Callable[[OptionalSection], bool | None], styles: dict[str, int]) -> None:
        self.root = root
        self.part = part
        self.decide = decide
        self.keep_notes = keep_notes
        self.keep_section = keep_section
        self.styles = styles  # paragraph style id -> outline level (0 = Heading 1)
        self.result = FillResult([], [], [], [], [], [], [], {})
        # lxml makes a new Python proxy for an element whenever none is alive, so id()
        # is only stable while a reference is held: hold every paragraph for the run.
        self._alive = list(root.iter(W_P))
        self.numbers = {id(p): n for n, p in enumerate(self._alive, start=1)}
        self.note_ids: set[int] = set()  # kept note paragraphs: their brackets are not counted again
        self.undecided: set[int] = set()  # paragraphs of undecided sections: their highlight is the section's

    def place(self, kind: str, text: str, name: str, p: Element | None) -> Place:
        return Place(kind, text, " ".join(name.split()), self.part, self.numbers.get(id(p), 0), _short(_text_of(p)))

    def _enclosing_paragraph(self, element: Element) -> Element | None:
        node = element
        while node is not None and node.tag != W_P:
            node = node.getparent()
        return node

    def _record(self, place: Place, value: str | None) -> None:
        if value is None:
            self.result.unfilled.append(place)
        else:
            self.result.filled.append((place, value))

    # -- optional sections -------------------------------------------------------------

    def heading_level(self, p: Element) -> int | None:
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            return None
        outline = ppr.find(qn("w:outlineLvl"))
        if outline is not None and (outline.get(qn("w:val")) or "").isdigit():
            return int(outline.get(qn("w:val")))
        style = ppr.find(qn("w:pStyle"))
        if style is not None:
            style_id = style.get(qn("w:val")) or ""
            if style_id in self.styles:
                return self.styles[style_id]
            m = _HEADING_STYLE.match(style_id)
            if m:
                return int(m[1]) - 1
        return None

    def _fully_highlighted(self, p: Element) -> bool:
        runs = [t.getparent() for t in _own_texts(p) if (t.text or "").strip()]
        return bool(runs) and all(_highlighted(run) for run in runs)

    def sections(self) -> None:
        body = self.root.find(qn("w:body"))
        if body is None:
            return
        blocks = [child for child in body if child.tag in (W_P, qn("w:tbl"), W_SDT)]
        index = 0
        dropped_any_typed = False
        while index < len(blocks):
            p = blocks[index]
            marked = self._optional_mark(p) if p.tag == W_P else None
            if marked is None:
                index += 1
                continue
            text, tag, level = marked
            end = self._section_end(blocks, index, level)
            dropped_any_typed |= self._decide_section(blocks[index:end], text, tag)
            index = end
        if dropped_any_typed:
            self.renumber(body)

    def _optional_mark(self, p: Element) -> tuple[str, re.Match[str] | None, int | None] | None:
        """(text, [Optional] tag, heading level) of a paragraph that starts an optional
        section (a tag, or a heading highlighted from end to end); None for any other."""
        text = _text_of(p)
        tag = _OPTIONAL_TAG.search(text)
        level = self.heading_level(p)
        if not tag and not (level is not None and self._fully_highlighted(p)):
            return None
        return text, tag, level

    def _section_end(self, blocks: list[Element], index: int, level: int | None) -> int:
        """Where the section starting at ``blocks[index]`` ends: a heading runs to the next
        heading of its level or higher; a marked body paragraph takes the highlighted
        paragraphs straight after it."""
        end = index + 1
        if level is None:
            while end < len(blocks) and blocks[end].tag == W_P and self._fully_highlighted(blocks[end]):
                end += 1
            return end
        while end < len(blocks):
            other = blocks[end]
            other_level = self.heading_level(other) if other.tag == W_P else None
            if other_level is not None and other_level <= level:
                break
            end += 1
        return end

    def _decide_section(self, blocks: list[Element], text: str, tag: re.Match[str] | None) -> bool:
        """Ask whether to keep the section of ``blocks`` and do it; True when a dropped
        section held numbers typed as text (the rest then need renumbering)."""
        p = blocks[0]
        heading = _OPTIONAL_TAG.sub("", text).strip()
        name = (tag[1] or "").strip() if tag else ""
        section = OptionalSection(name or _TYPED_NUMBER.sub("", heading).strip(), heading, self.part,
                                  self.numbers.get(id(p), 0), len(blocks))
        decision = self.keep_section(section)
        if decision is False:
            typed = any(_TYPED_NUMBER.match(_text_of(b)) for b in blocks if b.tag == W_P)
            for block in blocks:
                block.getparent().remove(block)
            self.result.sections_dropped.append(section)
            return typed
        (self.result.sections_kept if decision else self.result.sections_undecided).append(section)
        if decision is None:
            self.undecided.update(id(q) for b in blocks for q in b.iter(W_P))
            return False
        # Decided: the marks that asked for a decision go.
        if tag:
            self._remove_tag(p)
        for block in blocks:
            for run in block.iter(W_R):
                _unhighlight(run)
        return False

    def _remove_tag(self, p: Element) -> None:
        text = "".join(t.text or "" for t in _own_texts(p))
        m = _OPTIONAL_TAG.search(text)
        if m:
            end = m.end()
            while end < len(text) and text[end] == " ":
                end += 1
            _replace_span(p, m.start(), end, None)

    def renumber(self, body: Element) -> None:
        """Numbers typed as text ("4.", "4.2") counted again after a section was dropped,
        and typed references to them ("see section 5") changed to match."""
        counters: list[int] = []
        mapping: dict[str, str] = {}
        for p in body.iter(W_P):
            texts = _own_texts(p)
            if not texts:
                continue
            m = _TYPED_NUMBER.match(texts[0].text or "")
            if not m:
                continue
            depth = m[2].count(".") + 1
            if depth > len(counters) + 1:
                continue  # "3.5 hours" under no 3.x: text, not a number
            counters = counters[:depth]
            while len(counters) < depth:
                counters.append(0)
            counters[-1] += 1
            new = ".".join(str(c) for c in counters)
            if new != m[2]:
                mapping[m[2]] = new
                _set_text(texts[0], m[1] + new + m[3] + (texts[0].text or "")[m.end():])
        if not mapping:
            return
        self.result.renumbered.update(mapping)
        pattern = re.compile(r"\b((?:section|sections|clause|clauses|paragraph|paragraphs|para)\s+)"
                             r"(\d{1,3}(?:\.\d{1,3}){0,3})\b", re.IGNORECASE)
        for p in body.iter(W_P):
            for t in _own_texts(p):
                if t.text and pattern.search(t.text):
                    _set_text(t, pattern.sub(lambda m: m[1] + mapping.get(m[2], m[2]), t.text))

    def note_paragraphs(self, styles: set[str]) -> None:
        for p in list(self.root.iter(W_P)):
            style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is None or style.get(qn("w:val")) not in styles:
                continue
            text = _text_of(p)
            if not text.strip():
                continue
            place = self.place("note", text, text, p)
            if self.keep_notes:
                self.result.notes_kept.append(place)
                self.note_ids.add(id(p))
                continue
            self.result.notes_removed.append(place)
            for t in list(p.iter(W_T)):
                t.text = ""
            _remove_paragraph_if_empty(p)

    # -- content controls and merge fields ---------------------------------------------

    def content_controls(self) -> None:
        for sdt in list(self.root.iter(W_SDT)):
            props = sdt.find(qn("w:sdtPr"))
            content = sdt.find(qn("w:sdtContent"))
            if props is None or content is None:
                continue
            if props.find(qn("w:docPartObj")) is not None or props.find(qn("w:checkbox")) is not None:
                continue  # a contents list or a tick box, not a value
            shown = _text_of(content)
            name = _control_name(props, shown)
            if not name.strip():
                continue
            anchor = self._enclosing_paragraph(sdt)
            if anchor is None:
                anchor = next(content.iter(W_P), None)
            place = self.place("content-control", shown, name, anchor if anchor is not None else sdt)
            value = self.decide(place)
            self._record(place, value)
            if value is not None:
                _fill_control(props, content, value)

    def simple_fields(self) -> None:
        for field in list(self.root.iter(qn("w:fldSimple"))):
            m = _MERGEFIELD.match(field.get(qn("w:instr")) or "")
            if not m:
                continue
            p = self._enclosing_paragraph(field)
            place = self.place("merge-field", _text_of(field) or f"«{m[1] or m[2]}»", m[1] or m[2], p)
            value = self.decide(place)
            self._record(place, value)
            if value is None:
                continue
            field.addprevious(_run_like(field.find(W_R), value))
            field.getparent().remove(field)

    def complex_fields(self) -> None:
        for p in list(self.root.iter(W_P)):
            runs = [child for child in p if child.tag == W_R]
            index = 0
            while index < len(runs):
                if self._fld_char(runs[index]) != "begin":
                    index += 1
                    continue
                field = self._field_at(runs, index)
                if field is None:
                    break
                instruction, separate, end = field
                m = _MERGEFIELD.match(instruction)
                if m:
                    self._merge_field(p, runs[index:end + 1], separate - index if separate is not None else None,
                                      m[1] or m[2])
                index = end + 1

    def _field_at(self, runs: list[Element], begin: int) -> tuple[str, int | None, int] | None:
        """The field whose begin run is ``runs[begin]``: its instruction and the indexes of
        its separate run (None without a result) and end run; None when it never ends."""
        depth, instruction, separate = 0, "", None
        for j in range(begin, len(runs)):
            char = self._fld_char(runs[j])
            if char == "begin":
                depth += 1
            elif char == "end":
                depth -= 1
                if depth == 0:
                    return instruction, separate, j
            elif char == "separate" and depth == 1:
                separate = j
            if depth == 1 and separate is None:
                instruction += "".join(i.text or "" for i in runs[j].iter(qn("w:instrText")))
        return None

    def _merge_field(self, p: Element, field_runs: list[Element], separate: int | None, name: str) -> None:
        """A complex MERGEFIELD (its runs from begin to end): replaced by one run of the value,
        formatted as its result was."""
        result_runs = field_runs[separate + 1:-1] if separate is not None else []
        shown = "".join(_text_of(r) for r in result_runs) or f"«{name}»"
        place = self.place("merge-field", shown, name, p)
        value = self.decide(place)
        self._record(place, value)
        if value is None:
            return
        model_run = next((r for r in result_runs if r.find(W_T) is not None), field_runs[0])
        field_runs[0].addprevious(_run_like(model_run, value))
        for old in field_runs:
            p.remove(old)

    @staticmethod
    def _fld_char(run: Element) -> str | None:
        char = run.find(qn("w:fldChar"))
        return char.get(qn("w:fldCharType")) if char is not None else None

    # -- typed and highlighted places ----------------------------------------------------

    def typed(self) -> None:
        for p in list(self.root.iter(W_P)):
            texts = _own_texts(p)
            if not texts or id(p) in self.note_ids:
                continue
            text = "".join(t.text or "" for t in texts)
            spans = [span for m in _PLACE.finditer(text) if (span := self._bracket(p, text, m)) is not None]
            taken = [(s, e) for s, e, _, _ in spans] + [(m.start(), m.end()) for m in _PLACE.finditer(text)]
            if id(p) not in self.undecided:
                spans += self._highlight_spans(p, texts, taken)
            for start, end, value, _ in sorted(spans, reverse=True):
                _replace_span(p, start, end, value)
            if spans and all(is_note for *_, is_note in spans):
                _remove_paragraph_if_empty(p)

    def _bracket(self, p: Element, text: str, m: re.Match[str]) -> _Span | None:
        """The span to rewrite for one bracketed place (its value, or None to delete a
        note); None when it stays as it is."""
        name = next(g for g in m.groups() if g)
        kind = "brackets" if m[0].startswith("[") else "angle"
        if kind == "brackets" and (_OPTIONAL_TAG.fullmatch(m[0]) or is_citation(name)):
            return None  # an undecided [Optional] tag is reported with its section; a citation stays
        if kind == "brackets" and is_note(name):
            return self._note(p, text, m, name)
        place = self.place(kind, m[0], name, p)
        value = self.decide(place)
        self._record(place, value)
        return (m.start(), m.end(), value, False) if value is not None else None

    def _note(self, p: Element, text: str, m: re.Match[str], name: str) -> _Span | None:
        place = self.place("note", m[0], name, p)
        if self.keep_notes:
            self.result.notes_kept.append(place)
            return None
        self.result.notes_removed.append(place)
        start, end = m.start(), m.end()
        # Take one neighbouring space with the note, so no double space is left.
        if end < len(text) and text[end] == " ":
            end += 1
        elif start > 0 and text[start - 1] == " ":
            start -= 1
        return start, end, None, True

    def _highlight_spans(self, p: Element, texts: list[Element], taken: list[tuple[int, int]]) -> list[_Span]:
        """Runs of highlighted text outside brackets: the highlighted words name the value."""
        spans: list[tuple[int, int, str | None, bool]] = []
        groups: list[list[int]] = []
        offset = 0
        for t in texts:
            length = len(t.text or "")
            if length and _highlighted(t.getparent()):
                if groups and groups[-1][1] == offset:
                    groups[-1][1] = offset + length
                else:
                    groups.append([offset, offset + length])
            offset += length
        text = "".join(t.text or "" for t in texts)
        for start, end in groups:
            if any(s < end and start < e for s, e in taken):
                continue
            shown = text[start:end]
            if not shown.strip():
                continue
            # Keep the spaces around the words outside the place.
            start += len(shown) - len(shown.lstrip())
            end -= len(shown) - len(shown.rstrip())
            place = self.place("highlight", text[start:end], text[start:end], p)
            value = self.decide(place)
            self._record(place, value)
            if value is not None:
                spans.append((start, end, value, False))
        return spans


def heading_styles(styles_root: Element | None) -> dict[str, int]:
    """Paragraph style id -> outline level (0-based), as the reader resolves it
    (``read_styles.Styles``: a "Heading N" name or an outline level, through basedOn)."""
    found: dict[str, int] = {}
    if styles_root is None:
        return found
    styles = Styles(styles_root)
    for style in styles_root.iter(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        if style.get(qn("w:type")) != "paragraph" or not style_id:
            continue
        resolved = styles.resolve(style_id)
        if resolved is not None and resolved.heading_level is not None:
            found[style_id] = resolved.heading_level - 1
    return found


_NOTE_STYLE = re.compile(r"drafting|guidance|notetodrafter|notetoschool|instructions?$|modelnote")


def note_styles(styles_root: Element | None) -> set[str]:
    """Paragraph style ids that mark a whole paragraph as a drafting note ("Drafting Note",
    "Guidance", "Note to schools"), by the style's id or name."""
    found: set[str] = set()
    if styles_root is None:
        return found
    for style in styles_root.iter(qn("w:style")):
        if style.get(qn("w:type")) != "paragraph":
            continue
        style_id = style.get(qn("w:styleId")) or ""
        name = style.find(qn("w:name"))
        for label in (style_id, name.get(qn("w:val")) if name is not None else ""):
            if label and _NOTE_STYLE.search(re.sub(r"[^a-z]", "", label.lower())):
                found.add(style_id)
    return found


def fill_part(root: Element, part: str, *, decide: Callable[[Place], str | None], keep_notes: bool,
              keep_section: Callable[[OptionalSection], bool | None] = lambda _s: None,
              styles: dict[str, int] | None = None, sections: bool = True,
              notes: set[str] | None = None) -> FillResult:
    """Fill one XML part (document, header, footer, notes) in place; what was done.
    ``notes``: paragraph style ids whose paragraphs are drafting notes as a whole."""
    filler = _PartFiller(root, part, decide, keep_notes, keep_section, styles or {})
    if notes:
        filler.note_paragraphs(notes)
    if sections:
        filler.sections()
    filler.content_controls()
    filler.simple_fields()
    filler.complex_fields()
    filler.typed()
    return filler.result
