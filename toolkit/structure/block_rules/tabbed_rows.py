"""``tabbed_rows``: consecutive lines of tab-separated cells are one table.

Text extractions print a table's rows as lines with tabs between the cells; a line
the format numbered is a clause, whatever tabs it holds.
"""

from __future__ import annotations

from ..blocks import Block, BlockKind
from ..rules import split_cells
from ..tree import Cursor, TreeState
from .table import add_table

NAME = "tabbed_rows"


def _row(block: Block, text: str) -> list[str] | None:
    if block.kind is BlockKind.TABLE or block.number:
        return None
    cells = split_cells(text)
    return cells if len(cells) >= 2 else None


def rule(state: TreeState, cursor: Cursor) -> bool:
    first = _row(cursor.block, cursor.text)
    if first is None:
        return False
    rows = cursor.run(first, _row)
    add_table(state, rows, cursor.block)
    cursor.end = cursor.index + len(rows)
    return True
