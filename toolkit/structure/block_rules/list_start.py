"""``list_start``: a first item ("1.", "a)", "(i)", "A1") opens a new list.

Tried after numbered sections: a "1." that could be the policy's first section is
that section; one that could not (after section 3) starts a list.
"""

from __future__ import annotations

from ..tree import Cursor, TreeState
from ._lists import LIST_STYLES, list_number

NAME = "list_start"


def rule(state: TreeState, cursor: Cursor) -> bool:
    number = cursor.number
    return number is not None and number.style in LIST_STYLES and list_number(state, cursor, number)
