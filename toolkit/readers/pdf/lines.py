"""Characters into lines: by baseline, so a clause number drawn as its own run before a
tab ("1.1" then the text) stays on its line; superscripts rejoin their line; Word's
comment balloons printed beside a line are cut off it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ...model import FurnitureKind
from ...structure.lexicon import BULLET_GLYPHS, NUMBER_START
from .params import PARAMS

# Bullet glyphs as PDFs draw them: the lexicon's, Word's "o", and the private-use
# characters of the Symbol and Wingdings fonts.
BULLETS = set(BULLET_GLYPHS) | {"o"} | {chr(c) for c in range(0xF000, 0xF100)}

# One character as the character sources record it: text, x0, x1, top, bottom, size,
# fontname, upright, tag (top-down page coordinates).
Char = dict[str, Any]


@dataclass(slots=True)
class Line:
    """One printed line. Mutable on purpose: the furniture passes set ``kind`` and the
    reader numbers the lines (``index``) once all pages are read."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    artifact: bool
    page: int
    first_word_x1: float  # where the first word ends (a number or bullet drawn apart)
    second_word_x0: float | None
    word_gap: float  # the median gap between the other words (stretched in justified text)
    lead_bold: bool = False  # a bold first word before plain text: a run-in label ("Verbal Name-calling ...")
    # The first character is set in another font than the text after it: Word's
    # "o" bullet in Courier New before Arial text, a Symbol-font dash.
    marker_font: bool = False
    index: int = 0
    kind: FurnitureKind | None = None  # set when the line is furniture
    rows: tuple[tuple[str, ...], ...] = ()  # a ruled table, read as one line


def table_line(rows: tuple[tuple[str, ...], ...], box: tuple[float, float, float, float], size: float,
               page: int) -> Line:
    """A ruled table read as one line: its rows, its box, the size of its first text line."""
    x0, top, x1, bottom = box
    text = "\n".join(" | ".join(row) for row in rows)
    return Line(text, x0, x1, top, bottom, size, False, False, page, x1, None, 0.0, rows=rows)


def tabbed(line: Line) -> bool:
    """The gap after the first word is a tab: wide, and wider than justified spacing."""
    if line.second_word_x0 is None:
        return False
    gap = line.second_word_x0 - line.first_word_x1
    return gap >= PARAMS.tab_gap * line.size and gap >= PARAMS.tab_over_word_gap * line.word_gap


def marker(line: Line) -> tuple[bool, bool]:
    """(bullet, numbered) for the start of a line."""
    text = line.text
    first = text.split(" ", 1)[0]
    if len(first) == 1 and first in BULLETS and len(text) > 2:
        if first not in "o-–" or tabbed(line) or line.marker_font:
            # A dash or an "o" that wrapped to the start of a line is text, not a
            # bullet: only a marker set off by a tab is one.
            return True, False
    return False, bool(NUMBER_START.match(text))


def _size(char: Char) -> float:
    return float(char["size"] or PARAMS.default_size)


def is_bold(fontname: str) -> bool:
    lowered = fontname.lower()
    return "bold" in lowered or "black" in lowered or "heavy" in lowered or lowered.endswith((",b", "-b"))


def page_lines(chars: list[Char], page_number: int) -> list[Line]:
    """The lines of a page (or of a table cell), top to bottom."""
    upright = [c for c in chars if c.get("upright", True) and c["text"]]
    upright.sort(key=lambda c: (c["bottom"], c["x0"]))
    groups = merge_raised(_by_baseline(upright))
    balloon_x = _balloon_start(groups)
    lines = []
    for group in groups:
        if balloon_x is not None:
            # Word prints comments in a margin beside the text, often on the
            # same baseline as a body line: cut them off where the balloons start.
            margin = [c for c in group if c["x0"] >= balloon_x]
            balloon = make_line(margin, page_number) if margin else None
            if balloon is not None:
                balloon.kind = FurnitureKind.COMMENT
                lines.append(balloon)
            group = [c for c in group if c["x0"] < balloon_x]
        line = make_line(group, page_number) if group else None
        if line is not None:
            lines.append(line)
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def _by_baseline(upright: list[Char]) -> list[list[Char]]:
    """Characters (sorted by baseline) grouped into lines: a line takes the characters
    whose baseline is near its first one's."""
    groups: list[list[Char]] = []
    baseline = None
    share, least = PARAMS.baseline_share, PARAMS.baseline_min
    for char in upright:
        tolerance = max(least, share * _size(char))
        if groups and baseline is not None and abs(char["bottom"] - baseline) <= tolerance:
            groups[-1].append(char)
        else:
            groups.append([char])
            baseline = char["bottom"]
    return groups


@dataclass(frozen=True, slots=True)
class _Extent:
    """The box and largest size of a line's visible characters."""

    size: float
    top: float
    bottom: float
    left: float
    right: float

    @classmethod
    def of(cls, visible: list[Char]) -> _Extent:
        return cls(
            max(float(c["size"] or 0) for c in visible),
            min(c["top"] for c in visible), max(c["bottom"] for c in visible),
            min(c["x0"] for c in visible), max(c["x1"] for c in visible),
        )


def merge_raised(groups: list[list[Char]]) -> list[list[Char]]:
    """Superscripts and subscripts ("2nd", footnote marks) rejoin the line they sit on.

    Their baseline is off the line's by more than the tolerance, so they arrive as
    a line of their own: a few small characters lying mostly inside the vertical
    span of a neighbouring line of larger type, within its width.
    """
    merged = [list(group) for group in groups]
    for i, group in enumerate(merged):
        visible = [c for c in group if not c["text"].isspace()]
        if not visible or len(visible) > PARAMS.raised_max_chars:
            continue
        raised = _Extent.of(visible)
        for j in (i - 1, i + 1):
            if 0 <= j < len(merged) and merged[j] and _sits_on(raised, merged[j]):
                merged[j].extend(group)
                merged[i] = []
                break
    return [group for group in merged if group]


def _sits_on(raised: _Extent, host_group: list[Char]) -> bool:
    """Whether small raised (or lowered) text belongs to the neighbouring line ``host_group``."""
    host = [c for c in host_group if not c["text"].isspace()]
    if not host or raised.size >= PARAMS.raised_size_ratio * max(float(c["size"] or 0) for c in host):
        return False
    host_top, host_bottom = min(c["top"] for c in host), max(c["bottom"] for c in host)
    overlap = min(raised.bottom, host_bottom) - max(raised.top, host_top)
    inside = (min(c["x0"] for c in host) - PARAMS.raised_left_slack <= raised.left
              and raised.right <= max(c["x1"] for c in host) + PARAMS.raised_right_reach * raised.size)
    return overlap >= PARAMS.raised_overlap * (raised.bottom - raised.top) and inside


_BALLOON_RUN = re.compile(r"(Commented|Deleted|Formatted|Inserted)(\[[^\]]{1,20}\])?:")


def _balloon_start(groups: list[list[Char]]) -> float | None:
    """Where Word's comment balloons begin on this page (x), if it prints any."""
    start = None
    for group in groups:
        visible = sorted((c for c in group if not c["text"].isspace()), key=lambda c: c["x0"])
        joined = "".join(c["text"] for c in visible)
        for match in _BALLOON_RUN.finditer(joined):
            if match.start() > 0 or len(visible) > 0:
                x = visible[match.start()]["x0"]
                if match.start() > 0 and x - visible[match.start() - 1]["x1"] < PARAMS.balloon_gap:
                    continue  # part of a sentence, not a balloon set apart
                start = x - 1 if start is None else min(start, x - 1)
    return start


def _base_font(char: Char) -> str:
    # "ABCDEE+Courier New" and "Courier New" are one font; subsets carry a six-letter tag.
    return str(char.get("fontname", "")).split("+")[-1]


def _raised_digits(group: list[Char]) -> set[int]:
    """ids of digits set small and raised above the line's baseline: footnote marks."""
    visible = [c for c in group if not c["text"].isspace()]
    if len(visible) < PARAMS.note_mark_min_chars:
        return set()
    main = max(float(c["size"] or 0) for c in visible)
    body = sorted(c["bottom"] for c in visible if float(c["size"] or 0) >= PARAMS.note_body_ratio * main)
    if not body or main <= 0:
        return set()
    baseline = body[len(body) // 2]
    return {
        id(c) for c in visible
        if c["text"].isdigit() and float(c["size"] or 0) <= PARAMS.note_mark_ratio * main
        and c["bottom"] < baseline - PARAMS.note_mark_rise * main
    }


@dataclass(slots=True)
class _Spelling:
    """A line's characters read left to right: the text pieces and where the words fall."""

    pieces: list[str]
    visible: list[Char]
    gaps: list[float]  # between words after the first, where a space character was drawn
    first_word_x1: float | None = None
    second_word_x0: float | None = None


# A raised digit after one of these is a footnote mark on the word before it.
_MARKED = ".,;:)’'\""


def _opens_mark(char: Char, raised: set[int], spelling: _Spelling) -> bool:
    """"staff¹" drawn as "staff" and a small raised "1": a mark on the word, kept as one."""
    pieces, visible = spelling.pieces, spelling.visible
    return (id(char) in raised and bool(visible) and bool(pieces) and not pieces[-1].endswith(" ")
            and (visible[-1]["text"].isalnum() or visible[-1]["text"] in _MARKED))


def _between(previous: Char, char: Char, spelling: _Spelling) -> None:
    """Before a character that follows another: the gap after a space character is a word
    gap, measured; a gap the PDF left without a space character becomes a space."""
    pieces, visible = spelling.pieces, spelling.visible
    text = char["text"]
    after_space = bool(pieces) and pieces[-1].endswith(" ")
    if after_space and visible and not text.isspace() and spelling.first_word_x1 is not None:
        spelling.gaps.append(char["x0"] - visible[-1]["x1"])
    if char["x0"] - previous["x1"] > PARAMS.space_gap * _size(char) and pieces and not after_space and text != " ":
        pieces.append(" ")


def _spell(group: list[Char]) -> _Spelling:
    """The text of a line's characters (sorted by x): spaces where the PDF left a gap,
    footnote marks in brackets, and the first words' positions."""
    raised = _raised_digits(group)
    spelling = _Spelling([], [], [])
    pieces, visible = spelling.pieces, spelling.visible
    mark_open = False
    previous = None
    for char in group:
        text = char["text"]
        if previous is not None:
            _between(previous, char, spelling)
        if mark_open and id(char) not in raised:
            pieces.append("]")
            mark_open = False
        if raised and not mark_open and _opens_mark(char, raised, spelling):
            pieces.append("[")
            mark_open = True
        if text.isspace():
            if pieces and not pieces[-1].endswith(" "):
                pieces.append(" ")
        else:
            if spelling.first_word_x1 is None and pieces and pieces[-1].endswith(" ") and visible:
                spelling.first_word_x1 = visible[-1]["x1"]
                spelling.second_word_x0 = char["x0"]
            pieces.append(text)
            visible.append(char)
        previous = char
    if mark_open:
        pieces.append("]")
    return spelling


def make_line(group: list[Char], page_number: int) -> Line | None:
    """One line from its characters, or None when it has no visible one."""
    group.sort(key=lambda c: c["x0"])
    spelling = _spell(group)
    visible = spelling.visible
    if not visible:
        return None
    first_word_x1 = spelling.first_word_x1
    gaps = spelling.gaps
    sizes = Counter(round(float(c["size"]), 1) for c in visible)
    bold = sum(is_bold(c.get("fontname", "")) for c in visible)
    lead = [c for c in visible if first_word_x1 is not None and c["x1"] <= first_word_x1 + 0.1]
    artifact = sum(c.get("tag") == "Artifact" for c in visible)
    majority = PARAMS.majority_share * len(visible)
    return Line(
        text=" ".join("".join(spelling.pieces).split()),
        x0=visible[0]["x0"],
        x1=visible[-1]["x1"],
        top=min(c["top"] for c in visible),
        bottom=max(c["bottom"] for c in visible),
        size=sizes.most_common(1)[0][0],
        bold=bold >= majority,
        artifact=artifact >= majority,
        page=page_number,
        first_word_x1=first_word_x1 if first_word_x1 is not None else visible[-1]["x1"],
        second_word_x0=spelling.second_word_x0,
        word_gap=sorted(gaps)[len(gaps) // 2] if gaps else 0.0,
        lead_bold=bool(lead) and bold < majority and all(is_bold(c.get("fontname", "")) for c in lead),
        marker_font=len(lead) == 1 and len(visible) > 1 and _base_font(visible[0]) != _base_font(visible[1]),
    )
