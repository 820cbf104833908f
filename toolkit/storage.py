"""A lossless JSON form of a Document, for caches and for handing parsed
documents between processes without pickle (which runs code when loaded).

Unlike the ``policykit.document/1`` contract, which is flat and meant for
other programs, this form keeps everything: the tree, typed metadata with
printed labels, table rows and furniture kinds, so ``load(dump(d)) == d``.
"""

from __future__ import annotations

import json
from typing import Any

from .dates import PartialDate
from .model import (
    METADATA_FIELDS,
    Clause,
    ClauseKind,
    Document,
    Furniture,
    FurnitureKind,
    Metadata,
    MetaValue,
)

STATE_SCHEMA = "policykit.document-state/1"


def _value_state(value: MetaValue | None) -> dict[str, Any] | None:
    if value is None:
        return None
    typed = value.value
    return {
        "raw": value.raw,
        "value": {"date": [typed.year, typed.month, typed.day, typed.term]} if isinstance(typed, PartialDate) else typed,
        "label": value.label,
        "consumed": value.consumed,
    }


def _value_from(state: dict[str, Any] | None) -> MetaValue | None:
    if state is None:
        return None
    typed = state["value"]
    if isinstance(typed, dict):
        year, month, day, term = typed["date"]
        typed = PartialDate(year, month, day, term)
    return MetaValue(state["raw"], typed, label=state["label"], consumed=state["consumed"])


def _clause_state(clause: Clause) -> dict[str, Any]:
    return {
        "id": clause.id,
        "number": clause.number,
        "heading": clause.heading,
        "text": clause.text,
        "level": clause.level,
        "kind": clause.kind.value,
        "line": clause.line,
        "page": clause.page,
        "rows": [list(row) for row in clause.rows],
        "children": [_clause_state(child) for child in clause.children],
    }


def _clause_from(state: dict[str, Any]) -> Clause:
    return Clause(
        id=state["id"],
        number=state["number"],
        heading=state["heading"],
        text=state["text"],
        level=state["level"],
        kind=ClauseKind(state["kind"]),
        children=tuple(_clause_from(child) for child in state["children"]),
        line=state["line"],
        page=state["page"],
        rows=tuple(tuple(row) for row in state["rows"]),
    )


def document_state(document: Document) -> dict[str, Any]:
    metadata = document.metadata
    return {
        "schema": STATE_SCHEMA,
        "source": document.source,
        "format": document.format,
        "metadata": {name: _value_state(getattr(metadata, name)) for name in METADATA_FIELDS},
        "extra": [[key, _value_state(value)] for key, value in metadata.extra],
        "clauses": [_clause_state(clause) for clause in document.clauses],
        "furniture": [[item.text, item.kind.value, item.page, item.line] for item in document.furniture],
        "warnings": list(document.warnings),
    }


def document_from_state(state: dict[str, Any]) -> Document:
    if state.get("schema") != STATE_SCHEMA:
        raise ValueError(f"not a {STATE_SCHEMA} document")
    metadata = Metadata(
        **{name: _value_from(state["metadata"].get(name)) for name in METADATA_FIELDS},
        extra=tuple((key, _value_from(value)) for key, value in state["extra"]),
    )
    return Document(
        source=state["source"],
        format=state["format"],
        metadata=metadata,
        clauses=tuple(_clause_from(clause) for clause in state["clauses"]),
        furniture=tuple(Furniture(text, FurnitureKind(kind), page, line) for text, kind, page, line in state["furniture"]),
        warnings=tuple(state["warnings"]),
    )


def dumps(document: Document) -> str:
    return json.dumps(document_state(document), ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes) -> Document:
    return document_from_state(json.loads(text))
