"""``list_continuation``: the next item of a list that is still open.

Tried before numbered sections, so "8." after list item "7." is item 8, not a
second section 8; "(i)" after "(h)" is the ninth letter.
"""

from __future__ import annotations

from ..tree import Cursor, TreeState
from ._lists import LIST_STYLES, list_number

NAME = "list_continuation"


def rule(state: TreeState, cursor: Cursor) -> bool:
    number = cursor.number
    return number is not None and number.style in LIST_STYLES and list_number(state, cursor, number, continuation_only=True)
