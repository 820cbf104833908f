"""Footnotes: the small numbered lines at the foot of a page that a mark ("staff[1]")
in the text refers to. Each note follows the text of the block that refers to it."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from ...model import Furniture, FurnitureKind
from ...structure.blocks import Block, BlockKind
from .pages import Page, all_lines
from .params import PARAMS

_NOTE_LINE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_NOTE_MARK = re.compile(r"(?<=\w)\[(\d{1,3})\]")

# id(line) -> (page, note number, text of the line)
Notes = dict[int, tuple[int, int, str]]


def footnotes(pages: list[Page]) -> Notes:
    """Footnotes at the foot of each page: {id(line): (page, number, text)}.

    A note is a line in smaller type than the body, in the lower half of the page,
    opening with a number that a mark ("staff[1]") on that page or before refers to;
    the small lines under it continue it."""
    sizes = Counter(round(line.size, 1) for line in all_lines(pages) if line.kind is None for _ in line.text)
    if not sizes:
        return {}
    body_size = sizes.most_common(1)[0][0]
    marks: set[int] = set()
    notes: Notes = {}
    for page in pages:
        current: int | None = None
        for line in page.lines:
            if line.kind is not None:
                continue
            small = line.size <= PARAMS.footnote_size_ratio * body_size and line.top > PARAMS.footnote_top_share * page.height
            match = _NOTE_LINE.match(line.text)
            if small and match and int(match[1]) in marks:
                current = int(match[1])
                notes[id(line)] = (line.page, current, match[2])
                continue
            if small and current is not None:
                notes[id(line)] = (line.page, current, line.text)
                continue
            current = None
            marks.update(int(number) for number in _NOTE_MARK.findall(line.text))
    return notes


def attach_notes(blocks: list[Block], notes: Notes) -> tuple[list[Block], list[Furniture]]:
    """Each note once, after the text of the block that refers to it; a note no block
    refers to stays with its number as furniture of its page."""
    merged: dict[tuple[int, int], str] = {}
    for page, number, text in notes.values():
        merged[(page, number)] = f"{merged[(page, number)]} {text}" if (page, number) in merged else text
    unplaced: list[Furniture] = []
    for (page, number), text in merged.items():
        mark = f"[{number}]"
        index = next(
            (i for i in range(len(blocks) - 1, -1, -1)
             if mark in blocks[i].text and (blocks[i].page or 0) <= page and blocks[i].kind is not BlockKind.TABLE),
            None,
        )
        if index is None:
            unplaced.append(Furniture(f"{mark} {text}", FurnitureKind.FOOTER, page))
            continue
        blocks[index] = dataclasses.replace(blocks[index], text=f"{blocks[index].text}\n{mark} {text}")
    return blocks, unplaced
