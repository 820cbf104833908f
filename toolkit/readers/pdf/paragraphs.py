"""Body lines into paragraphs, by vertical gap, indentation and font.

Hyphenated line breaks are joined, a paragraph cut by a page break continues on
the next page. In a document that spaces its paragraphs, a short line at line
spacing is a line break inside the paragraph (unless it ends a sentence, is a
"Label: value" field or the next line opens with a bold run-in label). A ruled
table is a paragraph of its own, joined with its continuation on the next page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ...structure.lexicon import LABEL_TOKEN, NUMBER_START
from .lines import BULLETS, Line, marker, tabbed
from .params import PARAMS
from .tables import continues_table, joined_table

_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")
_FIELD_LABEL = re.compile(r"^[A-Z][\w'’/&-]*(?: [\w'’/&()-]+){0,3}:(?:\s|$)")


@dataclass(slots=True)
class Paragraph:
    lines: list[Line]
    bullet: bool = False
    text_x0: float = 0.0
    left: set[float] = field(default_factory=set)
    parts: list[str] = field(default_factory=list)
    label: str | None = None  # a number drawn apart from its text (Word list number, tab)


@dataclass(frozen=True, slots=True)
class BodyMetrics:
    """What the document's body text measures, against which each line break is judged."""

    size: float  # the commonest font size
    right_edge: float  # where body lines end (the right margin)
    line_gap: float  # the gap between lines of one paragraph
    spaced: bool  # whether paragraphs are set apart with space (Word's "space after")

    @classmethod
    def of(cls, lines: list[Line]) -> BodyMetrics:
        body_size = Counter(line.size for line in lines).most_common(1)[0][0]
        right_edge = max((line.x1 for line in lines if line.size == body_size), default=0.0)
        pairs = [
            (a, b) for a, b in zip(lines, lines[1:])
            if a.page == b.page and 0 <= b.top - a.bottom < PARAMS.line_pair_gap * body_size
            and a.size == b.size == body_size
        ]
        # Measured after lines that run to the right edge, which surely wrapped: in a
        # document of one-line paragraphs the commonest gap is the paragraph gap.
        wrapped_pairs = [(a, b) for a, b in pairs if a.x1 >= right_edge - PARAMS.wrapped_reach * body_size]
        gaps = Counter(round(b.top - a.bottom) for a, b in (wrapped_pairs or pairs))
        line_gap = gaps.most_common(1)[0][0] if gaps else PARAMS.default_line_gap
        return cls(body_size, right_edge, line_gap, _spaces_paragraphs(lines, line_gap, body_size, right_edge))


def group_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """The body lines (furniture taken out), in reading order, as paragraphs."""
    metrics = BodyMetrics.of(lines)
    vocabulary = Counter(_word_key(word) for line in lines for word in line.text.split())
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    for line in lines:
        if line.rows:
            _add_table(paragraphs, line)
            current = None
            continue
        bullet, numbered = marker(line)
        if numbered and _wrapped_number(line):
            numbered = False
        if current is not None and not (bullet or numbered) and continues(current, line, metrics):
            _append(current, line, vocabulary)
            continue
        current = _start(line, bullet, numbered)
        paragraphs.append(current)
    return paragraphs


def _add_table(paragraphs: list[Paragraph], line: Line) -> None:
    """A table is a paragraph of its own, unless it continues the table before over a page break."""
    previous = paragraphs[-1] if paragraphs else None
    if previous is not None and previous.lines[0].rows and continues_table(previous.lines[0], line):
        joined = joined_table(previous.lines[0], line)
        previous.lines[0] = joined
        previous.parts = [joined.text]
        return
    paragraphs.append(Paragraph(lines=[line], parts=[line.text], text_x0=line.x0))


def _start(line: Line, bullet: bool, numbered: bool) -> Paragraph:
    """A paragraph opened by ``line``: its marker or number set apart from its text."""
    para = Paragraph(lines=[line], bullet=bullet)
    para.parts = [line.text[2:].lstrip() if bullet else line.text]
    label = _set_off_label(line) if numbered else None
    if label is not None:
        para.label = label
        para.parts = [line.text[len(label):].lstrip()]
    set_off = bullet or numbered or tabbed(line)
    para.text_x0 = line.second_word_x0 if set_off and line.second_word_x0 else line.x0
    para.left = {line.x0, para.text_x0}
    return para


def _set_off_label(line: Line) -> str | None:
    """A clause number drawn apart from its text, as Word draws list numbers."""
    first, _, rest = line.text.partition(" ")
    if not LABEL_TOKEN.match(first) or not tabbed(line):
        return None
    if first.isdigit() and rest[:1].islower():
        return None  # "5 policy, which ...": a number that wrapped to the line start
    return first


def _plain_break(a: Line, b: Line, body_size: float, right_edge: float) -> bool:
    """Whether the break between body lines ``a`` and ``b`` plainly ends a paragraph: a short
    line ending a sentence, followed on its page by one at the same indent, neither a list item."""
    return (
        a.page == b.page and a.size == b.size == body_size and abs(a.x0 - b.x0) <= PARAMS.indent_tolerance
        and bool(_TERMINAL.search(a.text)) and a.x1 < right_edge - PARAMS.short_line_reach * body_size
        and not a.bold and not b.bold
        and 0 <= b.top - a.bottom < PARAMS.break_max_gap * body_size
        # List items are set close together even where paragraphs are spaced.
        # (A clause numbered "1.2" is a paragraph, though: whistleblowing policies number every one.)
        and not a.text.endswith((";", ",")) and not marker(a)[0] and not marker(b)[0]
        and not (marker(b)[1] and not re.match(r"\d+\.\d+\s", b.text))
        and a.text[:1] not in BULLETS and b.text[:1] not in BULLETS
    )


def _spaces_paragraphs(lines: list[Line], line_gap: float, body_size: float, right_edge: float) -> bool:
    """Whether the document sets its paragraphs apart with space (Word's "space after").

    Judged on lines that plainly end a paragraph (``_plain_break``): if most such breaks
    carry more than a line's spacing, a break without that space is a line
    break inside a paragraph (Shift+Enter, an early wrap), not a new paragraph.
    """
    breaks = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if _plain_break(a, b, body_size, right_edge)]
    if len(breaks) < PARAMS.spaced_min_breaks:
        return False
    spaced = sum(gap > line_gap + PARAMS.paragraph_space * body_size for gap in breaks)
    return spaced >= PARAMS.spaced_share * len(breaks)


def _wrapped_number(line: Line) -> bool:
    """A bare number that wrapped to the start of a line ("Stage" / "2 request ..."), not a clause number."""
    first, _, rest = line.text.partition(" ")
    return first.isdigit() and rest[:1].islower() and _set_off_label(line) is None


def _at_indent(para: Paragraph, line: Line) -> bool:
    """The line starts where a line of the paragraph started (or where its text did)."""
    return any(abs(line.x0 - x) <= PARAMS.indent_tolerance for x in para.left)


def continues(para: Paragraph, line: Line, metrics: BodyMetrics) -> bool:
    """Whether an unmarked ``line`` (no bullet, no number) runs on from the paragraph."""
    prev = para.lines[-1]
    if line.bold != prev.bold or abs(line.size - prev.size) > PARAMS.size_step:
        return False
    next_word = line.first_word_x1 - line.x0
    # Ragged-right text only breaks a line early when the next word would not
    # fit: if it would have, the paragraph ended there.
    wrapped = prev.x1 + PARAMS.space_width * prev.size + next_word >= metrics.right_edge - PARAMS.right_edge_slack
    if line.page != prev.page:
        return _runs_over_page(para, line, wrapped)
    gap = line.top - prev.bottom
    if gap < -PARAMS.overlap_share * line.size or gap > metrics.line_gap + PARAMS.paragraph_space * metrics.size:
        return False
    # A line break inside a paragraph sits at exactly the line spacing; even a
    # little more (6pt after a list item) is a paragraph's spacing.
    at_line_spacing = gap <= metrics.line_gap + PARAMS.line_spacing_slack * metrics.size
    if not wrapped and not (metrics.spaced and at_line_spacing and _line_break_within(para, line)):
        return False
    if not _at_indent(para, line):
        # A first-line indent: the second line starts further left.
        return len(para.lines) == 1 and not para.bullet and line.x0 < prev.x0
    return True


def _runs_over_page(para: Paragraph, line: Line, wrapped: bool) -> bool:
    """A page break inside a paragraph: the text runs on mid-sentence."""
    if _TERMINAL.search(para.lines[-1].text):
        return False
    return line.text[:1].islower() or (wrapped and _at_indent(para, line))


def _line_break_within(para: Paragraph, line: Line) -> bool:
    """In a document that spaces its paragraphs, a short line followed at line spacing runs on
    unless it ended a sentence or the next line opens with a bold run-in label."""
    prev = para.lines[-1]
    first = line.text.split(" ", 1)[0]
    if len(first) == 1 and first in BULLETS:
        return False  # an "o" or dash too close to its text to count as a bullet may still be one
    if _FIELD_LABEL.match(line.text) or (len(para.lines) == 1 and _FIELD_LABEL.match(prev.text)):
        return False  # "Reviewed: January 2016" / "Review Cycle: 2 Years": one field a line
    if len(para.lines) == 1 and (para.label is not None or NUMBER_START.match(prev.text)):
        return False  # "3.1 Harassment or Victimisation": a numbered heading over its text
    if prev.text.endswith(")") and line.text[:1].isupper():
        return False  # "... individuals. (E-safety coordinator)": a sentence closed by an aside
    return not _TERMINAL.search(prev.text) and not line.lead_bold and not prev.bold


def _append(para: Paragraph, line: Line, vocabulary: Counter[str]) -> None:
    previous = para.parts[-1]
    text = line.text
    if re.search(r"\w-$", previous) and text[:1].isalnum():
        # A line ending in a hyphen: the word runs on. Word and LibreOffice do not
        # hyphenate unless asked, so keep the hyphen ("on-line", URLs) unless the
        # document itself spells the word whole elsewhere ("safe-" + "guarding").
        head = previous.rsplit(" ", 1)[-1][:-1]
        tail, _, rest = text.partition(" ")
        whole = _word_key(head + tail)
        hyphenated = _word_key(head + "-" + tail)
        keep = not (vocabulary[whole] > 0 and vocabulary[hyphenated] == 0 and "/" not in head)
        para.parts[-1] = previous + tail if keep else previous[:-1] + tail
        if rest:
            para.parts.append(rest)
    else:
        para.parts.append(text)
    if len(para.lines) == 1:
        para.left = {line.x0}
    para.lines.append(line)


def _word_key(word: str) -> str:
    return word.strip(".,;:!?()[]{}\"'“”‘’").lower()
