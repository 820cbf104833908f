"""``bullet``: a bulleted line ("•", "-", "o") or a format's unnumbered list item."""

from __future__ import annotations

from ..tree import Cursor, TreeState
from ._lists import list_item

NAME = "bullet"


def rule(state: TreeState, cursor: Cursor) -> bool:
    if not cursor.bullet:
        return False
    list_item(state, cursor.block, None, cursor.text, cursor.marked, cursor.explicit_level, "bullet", 0)
    return True
