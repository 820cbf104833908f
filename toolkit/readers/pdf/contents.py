"""Tables of contents: the lines after a "Contents" heading that end in a page number or
carry dotted leaders, or whose entries the document prints again later (no page
numbers); a block of short numbered lines near the start whose entries come back as
headings. A list of changes with page references ("Summary of changes") is content."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...model import FurnitureKind
from ...structure.lexicon import CHANGES_HEADING, CONTENTS_HEADING, NUMBER_START
from .lines import BULLETS, Line
from .params import PARAMS

_LEADER = re.compile(r"(\.\s?){4,}|…{2,}|_{4,}|(·\s?){4,}")
_TRAILING_PAGE = re.compile(r"\s(\d{1,3}|[ivx]{1,5})\s*$")
_ENTRY_SPLIT = re.compile(r"\s+[•▪●■◦]\s+")


def _looks_like_contents_entry(text: str) -> bool:
    return bool(_LEADER.search(text)) or bool(_TRAILING_PAGE.search(text))


def _mark(lines: list[Line], start: int, end: int) -> None:
    for k in range(start, end + 1):
        lines[k].kind = FurnitureKind.CONTENTS


def mark_contents(lines: list[Line]) -> None:
    """A contents list: entries ending in page numbers after a 'Contents' heading, or a run of leaders."""
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = bool(CONTENTS_HEADING.match(line.text))
        changes = any(CHANGES_HEADING.search(before.text) for before in lines[max(0, i - 2):i])
        if not heading and changes:
            i += 1  # a table of changes with page references is still content
            continue
        end = None
        if heading or (_LEADER.search(line.text) and _TRAILING_PAGE.search(line.text)):
            end = _entries_end(lines, i, heading)
            if end is None and heading:
                end = _contents_by_reference(lines, i)
        if end is not None:
            _mark(lines, i, end)
            i = end + 1
            continue
        i += 1


def _entries_end(lines: list[Line], i: int, heading: bool) -> int | None:
    """The last entry of a contents list that starts at line ``i`` (its heading, or its first
    entry with leaders), if enough entries follow with at most one line between them."""
    j = i + 1 if heading else i
    entries: list[int] = []
    misses = 0
    while j < len(lines) and misses <= PARAMS.contents_misses:
        candidate = lines[j].text
        if _looks_like_contents_entry(candidate) and (heading or _LEADER.search(candidate)):
            entries.append(j)
            misses = 0
        else:
            misses += 1
        j += 1
    if len(entries) >= (PARAMS.contents_min_entries if heading else PARAMS.leader_min_entries):
        return entries[-1]
    return None


def _entry_key(text: str) -> str:
    text = text.strip().lstrip("".join(BULLETS)).strip()
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def mark_numbered_contents(lines: list[Line]) -> None:
    """A contents list with neither heading nor page numbers, near the start: a block of short
    numbered lines ("1.0 Introduction", "2.0 Aims and Scope of this Policy") whose entries the
    document prints again later as its headings."""
    first_page = lines[0].page if lines else 0
    i = 0
    while i < len(lines) and lines[i].page <= first_page + PARAMS.numbered_contents_pages:
        if not _short_entry(lines[i]) or lines[i].kind is not None:
            i += 1
            continue
        j = _short_run_end(lines, i)
        end = _numbered_contents_end(lines, i, j)
        if end is not None:
            _mark(lines, i, end)
        i = j


def _short_run_end(lines: list[Line], i: int) -> int:
    """Past the last of the short lines from ``i`` on, on its page."""
    j = i
    while j < len(lines) and lines[j].page == lines[i].page and _short_entry(lines[j]) and lines[j].kind is None:
        j += 1
    return j


def _numbered_contents_end(lines: list[Line], i: int, j: int) -> int | None:
    """The last entry, when the short lines ``i:j`` are a numbered contents list."""
    numbered = [k for k in range(i, j) if NUMBER_START.match(lines[k].text)]
    introduced = lines[max(0, i - 1):numbered[0] + 1] if numbered else []
    if any(CHANGES_HEADING.search(line.text) for line in introduced):
        return None  # "Summary of changes since September 2018": the sections it lists are content
    if len(numbered) < PARAMS.numbered_contents_min:
        return None
    in_text = _finder(lines[j:])
    found = [k for k in range(i, j) if in_text(_entry_key(lines[k].text))]
    found_numbered = [k for k in found if k in numbered]
    if len(found_numbered) >= PARAMS.numbered_contents_min and len(found_numbered) >= PARAMS.numbered_contents_share * len(numbered):
        return found[-1]
    return None


def _finder(later_lines: list[Line]) -> Callable[[str], bool]:
    """Whether a contents entry's key is printed again among ``later_lines``."""
    later = {_entry_key(line.text) for line in later_lines}
    later.discard("")
    # Headings are reworded between the list and the text ("Pupil Acceptable Use
    # Policy Agreement" / "Student / Pupil Acceptable Use Agreement"): most words suffice.
    later_words = [set(key.split()) for key in later if len(key.split()) <= PARAMS.heading_max_words]

    def found(key: str) -> bool:
        if key in later:
            return True
        words = set(key.split())
        return len(words) >= 2 and any(len(words & other) >= PARAMS.reworded_share * len(words) for other in later_words)

    return found


def _short_entry(line: Line) -> bool:
    return (len(line.text.split()) <= PARAMS.entry_max_words and not line.text.rstrip().endswith((".", ";", ","))
            and not line.rows)


def _contents_by_reference(lines: list[Line], start: int) -> int | None:
    """A contents list without page numbers: the lines after a "Contents" heading, on its page,
    whose entries are mostly headings or lines found again later in the document.

    Returns the index of the last entry, or None when the lines are not such a list.
    """
    page = lines[start].page
    found = _finder([line for line in lines[start + 1:] if line.page > page])
    matched = 0
    last = None
    for j in range(start + 1, len(lines)):
        line = lines[j]
        if line.page != page:
            break
        keys = [_entry_key(part) for part in _ENTRY_SPLIT.split(" " + line.text + " ")]
        if any(found(key) for key in keys if key):
            matched += 1
            last = j
    if last is None or matched < PARAMS.reference_min_matches:
        return None
    considered = sum(1 for j in range(start + 1, last + 1) if _entry_key(lines[j].text))
    return last if matched >= PARAMS.reference_share * considered else None
