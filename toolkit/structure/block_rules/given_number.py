"""``given_number``: a number the format printed (a Word list, a Markdown "1.") that no
numbering rule could place is still kept, as a plain list item with that number."""

from __future__ import annotations

from ..rules import clean_label
from ..tree import Cursor, TreeState
from ._lists import list_item

NAME = "given_number"


def rule(state: TreeState, cursor: Cursor) -> bool:
    number = cursor.number
    if number is None or not cursor.given:
        return False
    list_item(state, cursor.block, clean_label(number.label), number.rest, cursor.marked, cursor.explicit_level, "plain", 0)
    return True
