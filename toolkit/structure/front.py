"""The front page when there is no separate cover: title, school and metadata lines at the top.

A document without a cover page (see ``cover.py``) still opens with its title, often
the school's name above it, and lines such as "Date approved: July 2021" or a small
key/value table. They are taken off the top, into the metadata, until the first line
that reads as the body: a numbered clause, a list item, a sentence, or a heading
that body text follows.

Each block is put to a short list of steps for its kind (heading, table, line); each
step either takes the block (and says how many blocks), stops the front page there,
or leaves it to the next step.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .blocks import Block, BlockKind
from .cover import names_policy
from .lexicon import ORG_WORDS, TITLE_WORDS, field_for_key
from .metadata import MetadataCollector
from .rules import Marked, colon_pair, looks_like_heading, parse_number, split_cells, strip_markers

# A step's answer: None leaves the block to the next step; STOP ends the front page
# before it; a positive number takes that many blocks.
STOP = 0
Verdict = int | None


@dataclass
class _FrontPage:
    blocks: list[Block]
    meta: MetadataCollector
    styled: bool  # the format marks headings: a title line must be bold or a heading
    index: int = 0
    printed_title: bool = False  # the title has been seen printed as a heading

    @property
    def block(self) -> Block:
        return self.blocks[self.index]

    @property
    def following(self) -> Block | None:
        return self.blocks[self.index + 1] if self.index + 1 < len(self.blocks) else None

    @cached_property
    def marked(self) -> Marked:
        return strip_markers(self.block.text)

    def advance(self, taken: int) -> None:
        self.index += taken
        self.__dict__.pop("marked", None)  # the next block's markers


def take_front_matter(blocks: list[Block], meta: MetadataCollector, *, styled: bool = False) -> list[Block]:
    """The blocks after the front page; its lines go to ``meta``."""
    page = _FrontPage(blocks, meta, styled)
    while page.index < len(blocks):
        taken = _front_step(page)
        if not taken:
            break
        page.advance(taken)
    return blocks[page.index:]


def _front_step(page: _FrontPage) -> int:
    block = page.block
    if block.kind is BlockKind.LIST_ITEM or page.marked.bullets or block.bullet or block.number:
        return STOP
    steps = _HEADING_STEPS if block.kind is BlockKind.HEADING else _TABLE_STEPS if block.kind is BlockKind.TABLE else _LINE_STEPS
    for step in steps:
        verdict = step(page)
        if verdict is not None:
            return verdict
    return STOP


# --- a block the format set as a heading -------------------------------------------


def _numbered_heading(page: _FrontPage) -> Verdict:
    return STOP if parse_number(page.marked.text) else None


def _heading_metadata(page: _FrontPage) -> Verdict:
    # "Policy Date: January 2016" set in a heading style.
    text = page.marked.text
    return 1 if ":" in text and page.meta.front_line(text, strict=True) else None


def _heading_school(page: _FrontPage) -> Verdict:
    return 1 if page.meta.school_name_line(page.marked.text) else None


def _heading_policy_title(page: _FrontPage) -> Verdict:
    if page.meta.has("title") or not page.meta.title_line(page.marked.text):
        return None
    page.printed_title = True
    return 1


def _top_heading(page: _FrontPage) -> Verdict:
    """Only one top-level heading is the printed title; the next one opens the first
    (unnumbered) section, e.g. "Purpose of policy"."""
    if page.block.heading_level != 1 or page.printed_title:
        return None
    text = page.marked.text
    title = page.meta.get_value("title")
    if title is None:
        page.meta.set("title", text.strip("*_ "))
    elif same_words(title, text):  # front matter named it; this is it printed
        page.meta.extra("Heading", text, printed=False)
    else:
        return STOP  # a different top heading opens the body
    page.printed_title = True
    return 1


def _cover_heading(page: _FrontPage) -> Verdict:
    # Cover pages set the school's name or a subtitle as headings too; a heading
    # that body text follows is the first section's.
    following = page.following
    before_body = following is not None and is_body(following)
    return 1 if not before_body and page.meta.front_line(page.marked.text, strict=True) else None


_HEADING_STEPS: Sequence[Callable[[_FrontPage], Verdict]] = (
    _numbered_heading,
    _heading_metadata,
    _heading_school,
    _heading_policy_title,
    _top_heading,
    _cover_heading,
)


# --- a table ------------------------------------------------------------------------


def _metadata_table(page: _FrontPage) -> Verdict:
    rows = page.block.rows
    if not is_metadata_table([list(row) for row in rows]):
        return STOP
    take_metadata_table(rows, page.meta)
    return 1


_TABLE_STEPS: Sequence[Callable[[_FrontPage], Verdict]] = (_metadata_table,)


# --- any other line -------------------------------------------------------------------


def _numbered_clause(page: _FrontPage) -> Verdict:
    number = parse_number(page.marked.text)
    return STOP if number and number.style in ("decimal", "roman-section", "appendix") else None


def _metadata_cells(page: _FrontPage) -> Verdict:
    cells = split_cells(page.marked.text)
    return 1 if len(cells) == 2 and page.meta.table_row(cells) else None


def _known_line(page: _FrontPage) -> Verdict:
    # "DATE OF ADOPTION: July 2021" reads like a heading but is metadata.
    return 1 if page.meta.known_line(page.marked.text) else None


def _one_cell(page: _FrontPage) -> bool:
    return not split_cells(page.marked.text)[1:]


def _title_lines(page: _FrontPage) -> Verdict:
    # "Centre Behaviour Policy" above the first paragraph; "Child Protection and /
    # Safeguarding Policy" wrapped over two lines.
    block = page.block
    if page.meta.has("title") or not _one_cell(page) or not (page.index == 0 or not page.styled or block.bold):
        return None
    taken = wrapped_title(page.blocks, page.index)
    if not taken:
        return None
    page.meta.set("title", " ".join(strip_markers(b.text).text for b in page.blocks[page.index:page.index + taken]))
    return taken


def _school_above_title(page: _FrontPage) -> Verdict:
    text, meta = page.marked.text, page.meta
    if meta.has("title") or meta.has("school") or not ORG_WORDS.search(text) or TITLE_WORDS.search(text):
        return None
    if page.following is None or not wrapped_title(page.blocks, page.index + 1):
        return None
    meta.set("school", text)
    return 1


def _first_section_heading(page: _FrontPage) -> Verdict:
    following = page.following
    return STOP if looks_like_heading(page.marked.text) and following is not None and is_body(following) else None


def _sentence(page: _FrontPage) -> Verdict:
    text = page.marked.text
    words = len(text.split())
    return STOP if words > 14 or text.endswith(".") and words > 6 else None


def _opening_title(page: _FrontPage) -> Verdict:
    # A front page opens with its title, whatever it says.
    text = page.marked.text
    if page.meta.has("title") or not looks_like_heading(text) or not _one_cell(page):
        return None
    if not (page.block.bold or not page.styled):
        return None
    page.meta.set("title", text)
    return 1


def _front_line(page: _FrontPage) -> Verdict:
    return 1 if page.meta.front_line(page.marked.text, strict=page.styled) else STOP


_LINE_STEPS: Sequence[Callable[[_FrontPage], Verdict]] = (
    _numbered_clause,
    _metadata_cells,
    _known_line,
    _title_lines,
    _school_above_title,
    _first_section_heading,
    _sentence,
    _opening_title,
    _front_line,
)


# --- shared with the tree builder ---------------------------------------------------

_CONNECTIVES = ("and", "&", "of", "for", "in", "on", "to", "with")


def wrapped_title(blocks: Sequence[Block], index: int) -> int:
    """How many lines from ``index`` make the title (0 when no title starts there)."""
    if index >= len(blocks) or blocks[index].kind is not BlockKind.PARAGRAPH and blocks[index].kind is not BlockKind.HEADING:
        return 0
    text = strip_markers(blocks[index].text).text
    if not text or len(text.split()) > 14:
        return 0
    following = strip_markers(blocks[index + 1].text).text if index + 1 < len(blocks) else ""
    if following and not blocks[index + 1].number and (
        text.split()[-1].lower() in _CONNECTIVES or following.split()[0].lower() in _CONNECTIVES
    ) and names_policy(f"{text} {following}"):
        return 2
    return 1 if names_policy(text) else 0


def same_words(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().lower() == re.sub(r"\W+", " ", b).strip().lower()


def is_body(block: Block) -> bool:
    """A block that reads as running text: a list item, a sentence, a long line."""
    marked = strip_markers(block.text)
    if block.kind is BlockKind.LIST_ITEM or marked.bullets or block.bullet:
        return True
    if block.kind is not BlockKind.PARAGRAPH or "\t" in block.text:
        return False
    return len(marked.text.split()) > 12 or marked.text.endswith(".")


def metadata_rows(rows: list[list[str]]) -> list[list[str]]:
    """Rows of a cover or metadata table as [key, value] (or one cell for a title row)."""
    out: list[list[str]] = []
    for row in rows:
        cells = [cell.strip() for cell in row if cell.strip()]
        if len(cells) == 1 and "\n" in cells[0]:
            # A boxed cover: title and "KEY: value" lines in one cell.
            lines = [line.strip() for line in cells[0].split("\n") if line.strip()]
            out.extend(list(pair) if (pair := colon_pair(line)) else [line] for line in lines)
            continue
        if len(cells) == 1 and (pair := colon_pair(cells[0])):
            cells = [pair[0], pair[1]]
        if len(cells) >= 4 and len(cells) % 2 == 0 and all(field_for_key(cells[i]) for i in range(0, len(cells), 2)):
            # "Date Approved by Governors | 23/07/2020 | Date of Review | January 2021": pairs side by side.
            out.extend([cells[i], cells[i + 1]] for i in range(0, len(cells), 2))
            continue
        if cells:
            out.append(cells)
    return out


def take_metadata_table(rows: Sequence[Sequence[str]], meta: MetadataCollector) -> None:
    for cells in metadata_rows([list(row) for row in rows]):
        if len(cells) == 1:
            # Only a row that names a policy is its title: a contract's "BUYER" is not.
            if not meta.has("title") and names_policy(cells[0]):
                meta.set("title", cells[0])
            else:
                meta.extra("Heading", cells[0], printed=False)
        else:
            meta.table_row(cells)


def is_metadata_table(rows: list[list[str]]) -> bool:
    """Key/value rows, most with keys we know; a cover table may open with its title."""
    rows = metadata_rows(rows)
    if rows and len(rows[0]) == 1 and len(rows) > 2:
        rows = rows[1:]
    if not rows or any(len(row) != 2 for row in rows):
        return False
    known = sum(1 for row in rows if field_for_key(row[0]))
    return known >= 1 and known * 2 >= len(rows)


__all__ = ["is_body", "is_metadata_table", "metadata_rows", "same_words", "take_front_matter", "take_metadata_table",
           "wrapped_title"]
