"""``decimal``: a numbered section or clause ("6", "6.1.2", "1.0", "I") where the numbering
so far expects one.

A number is taken only where it fits: the next sibling of an open clause, a first
or second child of one, or the next top-level section. So "3.5 hours" or a wrapped
"1952 and 1996" never become clauses, and a "1.2" that starts in lower case must be
exactly the number expected next.
"""

from __future__ import annotations

from ...model import ClauseKind
from ..blocks import Block, BlockKind
from ..roles import NUMBERING_RESTARTS, Role
from ..rules import Number, clean_heading, clean_label, looks_like_heading, split_drafting_note
from ..tree import Cursor, Node, TreeState

NAME = "decimal"


def rule(state: TreeState, cursor: Cursor) -> bool:
    number = cursor.number
    if number is None or number.style not in ("decimal", "roman-section"):
        return False
    if not (plausible(state, number) and section_shaped(number, cursor.block)):
        return False
    open_decimal(state, number, cursor.block)
    return True


def plausible(state: TreeState, number: Number) -> bool:
    """Whether the number fits the numbering so far."""
    if number.lowercase:
        return expected_next(state.last_key, number.key)
    key = number.key
    if number.style == "roman-section":
        return len(key) == 1 and key[0] == state.last_top + 1 and looks_like_heading(number.rest)
    if len(key) == 1 and state.last_top < key[0] <= state.last_top + 2:
        # A bare "2 Introduction" (no full stop) must read as a heading.
        return number.label.endswith((".", ")")) or "." in number.label or looks_like_heading(number.rest)
    path = state.decimal_path()
    if not path:
        return _opens_numbering(state, key)
    return _follows_open_clause(state, key, path)


def _opens_numbering(state: TreeState, key: tuple[int, ...]) -> bool:
    """No numbered clause is open: the first numbers of the document, or after a heading."""
    if not state.seen_decimal:
        return key[0] <= 2 and all(part <= 2 for part in key[1:])
    return len(key) > 1 and key[0] in (state.last_top, state.last_top + 1) and key[-1] <= 2


def _follows_open_clause(state: TreeState, key: tuple[int, ...], path: list[tuple[int, ...]]) -> bool:
    if key == path[-1] and len(key) > 1:
        return True  # a duplicated number, as printed (Westhaven's two 2.3s)
    # The open clauses, and the last one even if a heading has closed it since.
    candidates = path + [state.last_key[:depth] for depth in range(1, len(state.last_key) + 1)]
    if any(_near(key, open_key) for open_key in candidates):
        return True
    # A new top-level section's first sub-clause with no heading of its own.
    return len(key) == 2 and key[0] == state.last_top + 1 and key[1] == 1


def _near(key: tuple[int, ...], open_key: tuple[int, ...]) -> bool:
    """A sibling just after ``open_key`` (a number may be skipped), or its first or second child."""
    if len(key) == len(open_key) and key[:-1] == open_key[:-1] and open_key[-1] < key[-1] <= open_key[-1] + 2:
        return True
    return len(key) == len(open_key) + 1 and key[:-1] == open_key and key[-1] in (1, 2)


def expected_next(last: tuple[int, ...], key: tuple[int, ...]) -> bool:
    """Exactly the next sibling or the first child of the clause just numbered."""
    if not last or len(key) < 2:
        return False
    if len(key) == len(last) and key[:-1] == last[:-1] and key[-1] == last[-1] + 1:
        return True
    return len(key) == len(last) + 1 and key[:-1] == last and key[-1] == 1


def section_shaped(number: Number, block: Block) -> bool:
    # A format's own ordered list ("1. Assessing and supervising ...") is a list
    # unless its top-level item reads as a section heading.
    if block.kind is not BlockKind.LIST_ITEM or len(number.key) > 1:
        return True
    return looks_like_heading(number.rest, allow_colon=True)


def open_decimal(state: TreeState, number: Number, block: Block) -> None:
    """Close what the number closes (deeper or sibling clauses) and open it."""
    key = number.key
    state.pop_while(
        lambda node: not (
            node.role in NUMBERING_RESTARTS
            or (node.role is Role.DECIMAL and len(node.key) < len(key) and key[: len(node.key)] == node.key)
        )
    )
    state.seen_decimal = True
    state.last_key = key
    state.last_top = max(state.last_top, key[0]) if len(key) >= 1 else state.last_top
    rest, note = split_drafting_note(number.rest)
    heading_like = block.kind is BlockKind.HEADING or (
        bool(rest) and looks_like_heading(rest, allow_colon=len(key) == 1, max_words=12)
    )
    node = Node(
        Role.DECIMAL,
        ClauseKind.SECTION if heading_like else ClauseKind.CLAUSE,
        number=clean_label(number.label),
        heading=clean_heading(rest) if heading_like else None,
        text="" if heading_like else rest,
        line=block.line,
        page=block.page,
        key=key,
        heading_level=block.heading_level,
    )
    state.attach(node, state.top)
    if note:
        state.attach_note(note, block, node)
