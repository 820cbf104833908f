"""The plain data stream between readers and the structure builder.

A reader's first stage turns its file into ``Block`` objects: one per line (text),
paragraph (Markdown, DOCX) or visual line group (PDF), with whatever the format
tells us for certain (a Word list number, a heading style, a page). The builder
never looks at the file; a reader never builds clauses.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..model import Furniture


class BlockKind(str, enum.Enum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"  # the format says it is a heading (style, outline level, '#')
    LIST_ITEM = "list_item"  # the format says it is a list item (Markdown list, Word bullet)
    TABLE = "table"


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    line: int | None = None
    page: int | None = None
    # A number the format rendered outside the text (Word automatic numbering,
    # a Markdown ordered-list marker), as printed: "6.2.1", "a)", "(iv)".
    number: str | None = None
    heading_level: int | None = None  # 1 = top, from styles or '#' count
    list_level: int = 0  # nesting of list items, 0 = outermost
    bullet: bool = False  # an unnumbered list item whose marker the reader removed
    rows: tuple[tuple[str, ...], ...] = ()  # cells, for TABLE
    # True when a blank line or paragraph boundary separates this block from the
    # previous one; False for a wrapped line of the same paragraph.
    gap_before: bool = True
    bold: bool = False
    # A page break comes before this block (Word's typed breaks, known without pages).
    break_before: bool = False


@dataclass(frozen=True, slots=True)
class BlockStream:
    """What a reader's first stage hands to the builder."""

    blocks: tuple[Block, ...]
    furniture: tuple[Furniture, ...] = ()  # what the reader already removed (PDF margins, DOCX headers)
    # Metadata candidates a reader found outside the body (DOCX header text, core
    # properties) as (key, raw) pairs; their words stay in furniture.
    hints: tuple[tuple[str, str], ...] = ()
    # Metadata the file states outside the body whose words are NOT kept anywhere
    # else (Markdown/YAML front matter, DOCX core properties are not: those are hints).
    front_matter: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    # Whether the builder should look for running headers by repetition (text
    # extractions carry them inline; PDF/DOCX readers find them by position).
    detect_running_lines: bool = True
    # The format says which lines are headings (styles, fonts, '#'): then a plain,
    # non-bold paragraph is never taken for a heading because it is short.
    styled: bool = False
