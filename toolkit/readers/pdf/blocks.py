"""Paragraphs into blocks: ruled tables, list items (levels by indent), headings (bold or
larger unnumbered lines, ranked by size) and paragraphs with their set-off numbers."""

from __future__ import annotations

from collections import Counter

from ...model import FurnitureKind
from ...structure.blocks import Block, BlockKind
from ...structure.lexicon import NUMBER_START
from .lines import Line, marker
from .paragraphs import Paragraph
from .params import PARAMS


def furniture_text(line: Line) -> str:
    # A contents entry set as a bullet reads as the entry, as a list item's text does.
    if line.kind is FurnitureKind.CONTENTS and marker(line)[0]:
        return line.text[2:].lstrip()
    return line.text


def _heading_size(para: Paragraph) -> float:
    # Sizes to the half point: 13.9 and 14.1 are one heading size.
    return round(para.lines[0].size * 2) / 2


def _bullet_column(para: Paragraph) -> int:
    return round(para.lines[0].x0 / PARAMS.bullet_column)


def paragraphs_to_blocks(paragraphs: list[Paragraph]) -> list[Block]:
    sizes: Counter[float] = Counter()
    for para in paragraphs:
        for line in para.lines:
            sizes[line.size] += len(line.text)
    body_size = sizes.most_common(1)[0][0]
    heading_flags = [_is_heading(para, body_size) for para in paragraphs]
    larger = sorted(
        {_heading_size(para) for para, flag in zip(paragraphs, heading_flags)
         if flag and para.lines[0].size > body_size + PARAMS.heading_size_step},
        reverse=True,
    )
    bullet_x = sorted({_bullet_column(para) for para in paragraphs if para.bullet})
    return [_block(para, heading, larger, bullet_x) for para, heading in zip(paragraphs, heading_flags)]


def _block(para: Paragraph, heading: bool, larger: list[float], bullet_x: list[int]) -> Block:
    """The block of one paragraph; ``larger``: heading sizes above the body's, largest first;
    ``bullet_x``: the columns list items start in, leftmost first."""
    first = para.lines[0]
    if first.rows:
        return Block(text=first.text, kind=BlockKind.TABLE, rows=first.rows, page=first.page, line=first.index)
    text = " ".join(part for part in para.parts if part)
    bold = all(line.bold for line in para.lines)
    if para.bullet:
        return Block(text=text, page=first.page, line=first.index, bold=bold, kind=BlockKind.LIST_ITEM, bullet=True,
                     list_level=bullet_x.index(_bullet_column(para)))
    if heading and para.label is None:
        size_key = _heading_size(para)
        level = larger.index(size_key) + 1 if size_key in larger else len(larger) + 1
        return Block(text=text, page=first.page, line=first.index, bold=bold, kind=BlockKind.HEADING,
                     heading_level=level)
    return Block(text=text, page=first.page, line=first.index, bold=bold, number=para.label)


def _is_heading(para: Paragraph, body_size: float) -> bool:
    if para.bullet or len(para.lines) > PARAMS.heading_max_lines or para.lines[0].rows:
        return False
    text = " ".join(para.parts)
    if NUMBER_START.match(text) or len(text.split()) > PARAMS.heading_block_words or text.endswith((".", ",", ";")):
        return False
    first = para.lines[0]
    return all(line.bold for line in para.lines) or first.size > body_size + PARAMS.heading_size_step
