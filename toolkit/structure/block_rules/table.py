"""``table``: a table the format marked as one (DOCX, Markdown, PDF ruled cells).

A cover's key/value table ("Date approved | 23/07/2020") is metadata, not a clause;
any other table is running content, and a version log in it says when the policy
was last revised.
"""

from __future__ import annotations

from ...model import ClauseKind
from ..blocks import Block, BlockKind
from ..front import is_metadata_table, take_metadata_table
from ..roles import Role
from ..tree import Cursor, Node, TreeState

NAME = "table"


def rule(state: TreeState, cursor: Cursor) -> bool:
    block = cursor.block
    if block.kind is not BlockKind.TABLE:
        return False
    add_table(state, [list(row) for row in block.rows], block)
    return True


def add_table(state: TreeState, rows: list[list[str]], block: Block) -> None:
    if is_metadata_table(rows):
        take_metadata_table(rows, state.meta)
        return
    state.meta.change_log([list(row) for row in rows])
    clean_rows = tuple(tuple(cell.strip() for cell in row) for row in rows)
    text = "\n".join("\t".join(cell for cell in row if cell) for row in clean_rows)
    state.paragraph_like(Node(Role.TABLE, ClauseKind.TABLE, text=text, line=block.line, page=block.page, rows=clean_rows))
