"""Small documents built in memory for the citation tests."""

from __future__ import annotations

from toolkit.dates import parse_date
from toolkit.model import (
    Clause,
    ClauseKind,
    Document,
    Furniture,
    FurnitureKind,
    Metadata,
    MetaValue,
)


def clause(text: str, number: str | None = None, page: int | None = None, index: int = 0,
           kind: ClauseKind = ClauseKind.CLAUSE, rows: tuple[tuple[str, ...], ...] = ()) -> Clause:
    return Clause(id=f"c{index}", number=number, heading=None, text=text, level=1, kind=kind, page=page, rows=rows)


def document(*texts: str, approved: str | None = None, last_review: str | None = None,
             clauses: tuple[Clause, ...] = (), furniture: tuple[Furniture, ...] = ()) -> Document:
    body = clauses or tuple(clause(text, number=f"{i + 1}", page=1, index=i) for i, text in enumerate(texts))
    meta = Metadata(
        approved=MetaValue(approved, parse_date(approved), "Approved") if approved else None,
        last_review=MetaValue(last_review, parse_date(last_review), "Last reviewed") if last_review else None,
    )
    return Document(source="policy.txt", format="text", metadata=meta, clauses=body, furniture=furniture)


def footer(text: str, page: int) -> Furniture:
    return Furniture(text=text, kind=FurnitureKind.FOOTER, page=page)
