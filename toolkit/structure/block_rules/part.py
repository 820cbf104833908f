"""``part``: one policy's title after another's numbered clauses, numbering restarting at 1.

A staff handbook or policy pack prints one policy after another, each numbered from
1: the second policy is a new part, not clauses nested under the first one's last
section (whose "1.1" would then be read as text).
"""

from __future__ import annotations

import re

from ...model import ClauseKind
from ..blocks import Block
from ..roles import Role
from ..rules import clean_heading, parse_number, split_drafting_note, strip_markers
from ..tree import Cursor, Node, TreeState
from .heading import is_heading

NAME = "part"

# The title of one policy among several in a handbook or policy pack.
_POLICY_TITLE = re.compile(r"\b(?:policy|procedures?|code of conduct|statement|protocol|guidance|charter)\b", re.IGNORECASE)


def rule(state: TreeState, cursor: Cursor) -> bool:
    if not is_heading(state, cursor) or not starts_part(state, cursor.block, cursor.text, cursor.following):
        return False
    state.restart_numbering()
    heading, _ = split_drafting_note(cursor.text)
    block = cursor.block
    node = Node(Role.PART, ClauseKind.SECTION, heading=clean_heading(heading), line=block.line, page=block.page,
                heading_level=block.heading_level)
    state.attach(node, state.root)
    return True


def starts_part(state: TreeState, block: Block, text: str, following: Block | None) -> bool:
    """A policy's title after numbered clauses, with numbering restarting at 1 below it."""
    if not state.seen_decimal or state.last_top < 2 or following is None:
        return False
    if block.heading_level is not None and block.heading_level > 2:
        return False  # a handbook's policies are its top headings, or just below its own title
    rest = strip_markers(following.text).text
    number = parse_number(f"{following.number} {rest}") if following.number else parse_number(rest)
    if number is None or number.style != "decimal" or number.key not in ((1,), (1, 1)):
        return False
    return bool(_POLICY_TITLE.search(text)) or block.heading_level == 1
