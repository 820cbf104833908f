"""``styled_section``: "2. Duty of care" set in a heading style, straight after section 1.

The format says it is a heading and its number is the next top-level one, so it is
that section even where an open list could have taken "2." as its next item.
"""

from __future__ import annotations

from ..blocks import BlockKind
from ..tree import Cursor, TreeState
from .decimal import open_decimal

NAME = "styled_section"


def rule(state: TreeState, cursor: Cursor) -> bool:
    number = cursor.number
    if (
        number is None
        or cursor.block.kind is not BlockKind.HEADING
        or number.style != "decimal"
        or len(number.key) != 1
        or not state.seen_decimal
        or number.key[0] != state.last_top + 1
    ):
        return False
    open_decimal(state, number, cursor.block)
    return True
