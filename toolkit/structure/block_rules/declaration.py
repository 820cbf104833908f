"""``declaration``: a run of signature lines ("Signed:", "Date:", "Print name:").

The run is one declaration only when one of its lines asks for a signature; a lone
"Date:" is left to the later rules.
"""

from __future__ import annotations

from ...model import ClauseKind
from ..blocks import Block
from ..roles import Role
from ..rules import has_sign_word, is_signature_line
from ..tree import Cursor, Node, TreeState

NAME = "declaration"


def _signature_text(block: Block, text: str) -> str | None:
    return text if not block.number and is_signature_line(text) else None


def rule(state: TreeState, cursor: Cursor) -> bool:
    first = _signature_text(cursor.block, cursor.text)
    if first is None:
        return False
    group = cursor.run(first, _signature_text)
    if not any(has_sign_word(line) for line in group):
        return False
    block = cursor.block
    state.paragraph_like(Node(Role.DECL, ClauseKind.DECLARATION, text="\n".join(group), line=block.line, page=block.page))
    cursor.end = cursor.index + len(group)
    return True
