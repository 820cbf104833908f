"""``paragraph``: whatever no rule before it took is a paragraph of the open section.

The last rule, and the one the builder falls back on when rules are disabled, so
no block's words are ever dropped.
"""

from __future__ import annotations

from ...model import ClauseKind
from ..roles import Role
from ..tree import Cursor, Node, TreeState

NAME = "paragraph"


def rule(state: TreeState, cursor: Cursor) -> bool:
    block = cursor.block
    state.paragraph_like(Node(Role.PARA, ClauseKind.CLAUSE, text=cursor.text, line=block.line, page=block.page))
    return True
