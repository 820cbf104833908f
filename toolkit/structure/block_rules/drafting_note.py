"""``drafting_note``: a line that is only a bracketed note to whoever adopts the template
("[include this section only if the school has a nursery]")."""

from __future__ import annotations

from ...model import ClauseKind
from ..roles import Role
from ..rules import split_drafting_note
from ..tree import Cursor, Node, TreeState

NAME = "drafting_note"


def rule(state: TreeState, cursor: Cursor) -> bool:
    rest, note = split_drafting_note(cursor.text)
    if note is None or rest:
        return False
    block = cursor.block
    state.paragraph_like(Node(Role.NOTE, ClauseKind.DRAFTING_NOTE, text=note, line=block.line, page=block.page))
    return True
