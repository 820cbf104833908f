"""Ruled tables (cells drawn with lines): found by pdfplumber's table finder from the
rules a page paints, read row by row, and joined when they run over a page break.
Tables without rules read as paragraphs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .lines import Char, Line, page_lines, table_line
from .params import PARAMS

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Rows = tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class _Table:
    box: Box
    rows: Rows


def _ruled_tables(edges: list[dict[str, Any]]) -> list[list[Box]]:
    """Cells of ruled tables from the page's rules, with pdfplumber's table finder."""
    from pdfplumber.table import (
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )
    from pdfplumber.utils import filter_edges

    snap = PARAMS.rule_snap
    merged = filter_edges(merge_edges(edges, snap, snap, snap, snap), min_length=snap)
    cells = intersections_to_cells(edges_to_intersections(merged, snap, snap))
    tables: list[list[Box]] = cells_to_tables(cells)
    return tables


def _rows(cells: list[Box], centred: list[tuple[float, float, Char]], page_number: int) -> Rows:
    """The text of each row of cells, top to bottom; rows with no text left out."""
    rows_by_top: dict[float, list[Box]] = defaultdict(list)
    for cell in cells:
        rows_by_top[round(cell[1])].append(cell)
    rows = []
    for top in sorted(rows_by_top):
        row_cells = sorted(rows_by_top[top])
        row_top = min(cell[1] for cell in row_cells)
        row_bottom = max(cell[3] for cell in row_cells)
        in_row = [item for item in centred if row_top <= item[1] <= row_bottom]
        row = []
        for x0, ctop, x1, cbottom in row_cells:
            inside = [ch for cx, cy, ch in in_row if x0 <= cx <= x1 and ctop <= cy <= cbottom]
            row.append(" ".join(line.text for line in page_lines(inside, page_number)))
        rows.append(tuple(row))
    return tuple(row for row in rows if any(row))


def _tables(edges: list[dict[str, Any]], chars: list[Char], page_number: int) -> list[_Table]:
    """The page's ruled tables of at least two columns."""
    tables = []
    centred = [((ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2, ch) for ch in chars]
    for cells in _ruled_tables(edges):
        rows = _rows(cells, centred, page_number)
        if rows and max(len(row) for row in rows) >= 2:
            box = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
            tables.append(_Table(box, rows))
    return tables


def _table_of(line: Line, tables: list[_Table]) -> int | None:
    """The index of the table the line lies in, if any."""
    middle = (line.top + line.bottom) / 2
    slack = PARAMS.table_slack
    return next(
        (i for i, table in enumerate(tables)
         if table.box[1] <= middle <= table.box[3] and line.x0 >= table.box[0] - slack and line.x1 <= table.box[2] + slack),
        None,
    )


def with_tables(edges: list[dict[str, Any]], chars: list[Char], lines: list[Line], page_number: int) -> list[Line]:
    """Ruled tables (cells drawn with lines) replace the text lines inside them: each
    table becomes one line, where its first line was."""
    tables = _tables(edges, chars, page_number)
    if not tables:
        return lines
    kept: list[Line] = []
    placed: set[int] = set()
    for line in lines:
        inside = _table_of(line, tables)
        if inside is None:
            kept.append(line)
        elif inside not in placed:
            placed.add(inside)
            kept.append(table_line(tables[inside].rows, tables[inside].box, line.size, page_number))
    return kept


def continues_table(before: Line, after: Line) -> bool:
    """A ruled table that runs over a page break: the next page opens with a table of the same columns."""
    slack = PARAMS.table_join_slack
    return (
        after.page == before.page + 1
        and len(before.rows[-1]) == len(after.rows[0]) >= 2
        and abs(before.x0 - after.x0) <= slack and abs(before.x1 - after.x1) <= slack
    )


def joined_table(before: Line, after: Line) -> Line:
    rows = list(before.rows)
    following = list(after.rows)
    if following and not following[0][0].strip():
        # The first column is empty: the last row broke over the page; its cells run on.
        head = following.pop(0)
        rows[-1] = tuple(" ".join(part for part in (a, b) if part.strip()) for a, b in zip(rows[-1], head))
    rows += following
    return table_line(tuple(rows), (before.x0, before.top, before.x1, before.bottom), before.size, before.page)
