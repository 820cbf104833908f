"""``appendix``: "Appendix A", "Annex 2", "Schedule 1" open a top-level section.

An appendix closes everything open and restarts the numbering, so its "1." is its
own first section ("appendix-a/1"), not a second section 1 of the policy.
"""

from __future__ import annotations

from ...model import ClauseKind
from ..roles import Role
from ..tree import Cursor, Node, TreeState

NAME = "appendix"


def rule(state: TreeState, cursor: Cursor) -> bool:
    number = cursor.number
    if number is None or number.style != "appendix":
        return False
    block = cursor.block
    state.restart_numbering()
    node = Node(Role.APPENDIX, ClauseKind.SECTION, number=number.label, heading=number.rest or None, line=block.line,
                page=block.page)
    state.attach(node, state.root)
    return True
