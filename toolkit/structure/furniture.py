"""Finding what is on the page but not in the policy: running headers and footers,
page-number lines, and tables of contents.

Text extractions carry page headers inline, so here they are found by repetition
(digits masked, since "Page 2 of 7" changes from page to page). Position-aware
readers (PDF, DOCX) remove their own and switch this pass off.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from ..model import Furniture, FurnitureKind
from .blocks import Block, BlockKind
from .lexicon import CONTENTS_HEADING, PAGE_NUMBER, PAGE_OF
from .rules import strip_markers

_PAGE_NUMBER = PAGE_NUMBER
_PAGE_OF = PAGE_OF
_CONTENTS = CONTENTS_HEADING
_TRAILING_PAGE = re.compile(r"(?:\.{3,}|…+|\t|\s{2,})\s*\d{1,3}$")


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def is_page_number_line(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def find_running_lines(blocks: list[Block], *, min_repeats: int = 3) -> tuple[list[Block], list[Furniture]]:
    """Remove lines that repeat like a page header or footer; return (kept, furniture).

    A line counts when it repeats at least ``min_repeats`` times, is short, is not a
    list item, and its repeats are spread through the document rather than bunched.
    Lines after a "Page N of M" header get that page number.
    """
    counts = Counter(_mask(block.text) for block in blocks if block.kind is not BlockKind.TABLE)
    first_seen: dict[str, int] = {}
    last_seen: dict[str, int] = {}
    for index, block in enumerate(blocks):
        masked = _mask(block.text)
        first_seen.setdefault(masked, index)
        last_seen[masked] = index

    def running(block: Block) -> bool:
        masked = _mask(block.text)
        if counts[masked] < min_repeats or len(block.text) > 150 or block.kind is BlockKind.TABLE:
            return False
        if strip_markers(block.text).bullets:
            return False
        spread = last_seen[masked] - first_seen[masked]
        return spread >= 3 * (counts[masked] - 1)

    kept: list[Block] = []
    furniture: list[Furniture] = []
    page: int | None = None
    for block in blocks:
        if page_match := _PAGE_OF.search(block.text):
            candidate = int(page_match[1])
        else:
            candidate = None
        if not block.number and (running(block) or (is_page_number_line(block.text) and block.kind is not BlockKind.TABLE)):
            if candidate is not None:
                page = candidate
            kind = FurnitureKind.PAGE_NUMBER if is_page_number_line(block.text) else FurnitureKind.HEADER
            furniture.append(Furniture(block.text.strip(), kind, page=block.page or page, line=block.line))
            continue
        kept.append(block if block.page is not None or page is None else _with_page(block, page))
    return kept, furniture


def _with_page(block: Block, page: int) -> Block:
    return dataclasses.replace(block, page=page)


def _looks_like_contents_entry(text: str) -> bool:
    stripped = text.rstrip()
    return "\t" in text or bool(_TRAILING_PAGE.search(stripped)) or stripped.endswith(("....", "…"))


def _short_entry(text: str) -> bool:
    text = strip_markers(text).text
    return len(text.split()) <= 14 and not text.rstrip().endswith(".")


def _entry_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", strip_markers(text).text.casefold()).split())


def _entries_printed_again(blocks: list[Block], start: int) -> int:
    """End of a contents list without page numbers: short entries after the heading that
    the document prints again later, as its headings. Anything else (a summary of
    changes, a list of aims) is content, whatever it looks like."""
    end = start + 1
    while end < len(blocks) and blocks[end].kind is not BlockKind.TABLE and _short_entry(blocks[end].text):
        end += 1
    keys = [_entry_key(block.text) for block in blocks[start + 1:end]]
    # The list ends where its entries start being printed again as the headings.
    for count in range(len(keys), 1, -1):
        later = {_entry_key(block.text) for block in blocks[start + 1 + count:]}
        found = sum(1 for key in keys[:count] if key and key in later)
        if found >= max(2, 0.7 * count):
            return start + 1 + count
    return start + 1


def find_contents(blocks: list[Block]) -> tuple[list[Block], list[Furniture]]:
    """Drop a table of contents: a "Contents" heading and the entry lines after it."""
    for start, block in enumerate(blocks):
        if not _CONTENTS.match(strip_markers(block.text).text.strip("*# ")):
            continue
        end = start + 1
        while end < len(blocks) and _looks_like_contents_entry(blocks[end].text):
            end += 1
        if end - start < 3 and block.page is not None:
            # Contents pages without page numbers: the rest of that page, if it is
            # all short entries and no sentences.
            end = start + 1
            while end < len(blocks) and blocks[end].page == block.page and _short_entry(blocks[end].text):
                end += 1
            if end < len(blocks) and blocks[end].page == block.page:
                continue
        if end - start < 3:
            end = _entries_printed_again(blocks, start)
        if end - start < 3:  # a heading called "Contents" with no entries is just a heading
            continue
        # An entry's number (Word's automatic "1.") is kept with it: no word is lost.
        furniture = [
            Furniture(f"{b.number} {b.text.strip()}" if b.number else b.text.strip(), FurnitureKind.CONTENTS, page=b.page, line=b.line)
            for b in blocks[start:end]
        ]
        return blocks[:start] + blocks[end:], furniture
    return blocks, []
