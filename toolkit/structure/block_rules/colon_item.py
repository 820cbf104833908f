"""``colon_item``: a short unmarked line after a lead-in ending in ':' is an item of that list.

Text extractions lose bullets; "Staff must:" followed by short lines is still a list.
Once the items have started, a full sentence ends it.
"""

from __future__ import annotations

from ..roles import Role
from ..tree import Cursor, TreeState
from ._lists import list_item

NAME = "colon_item"


def _continues_list(state: TreeState, text: str) -> bool:
    last = state.last
    if last is None or len(text.split()) > state.options.list_item_max_words:
        return False
    if last.lead_in and last.role is not Role.ROOT:
        return True
    # Later items stay short; a full sentence after them is the next paragraph.
    short = len(text.split()) <= 12 or not text.rstrip().endswith(".")
    return short and last.role is Role.LIST and last.list_style == "plain" and last.number is None and not last.lead_in


def rule(state: TreeState, cursor: Cursor) -> bool:
    if not _continues_list(state, cursor.text):
        return False
    list_item(state, cursor.block, None, cursor.text, cursor.marked, None, "plain", 0, colon_item=True)
    return True
