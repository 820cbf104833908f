"""A lossless JSON form of a Document, for caches and for handing parsed
documents between processes without pickle (which runs code when loaded).

Unlike the ``policykit.document/1`` contract, which is flat and meant for
other programs, this form keeps everything: the tree, typed metadata with
printed labels, table rows and furniture kinds, so ``load(dump(d)) == d``.
"""

from __future__ import annotations

import datetime as dt
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
# Deeper trees are refused when loading (ValueError): the reader never builds them
# (structure.builder.MAX_DEPTH), so a deeper stored state was not written by us.
MAX_DEPTH = 64


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


def _typed(value: Any, types: type | tuple[type, ...], what: str) -> Any:
    """``value`` when it has one of ``types`` (a stored state is data from disk: its shape is checked)."""
    if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
        raise ValueError(f"{what}: unexpected {value!r}")
    if not isinstance(value, types):
        raise ValueError(f"{what}: expected {types}, found {type(value).__name__}")
    return value


def _value_from(state: dict[str, Any] | None) -> MetaValue | None:
    return None if state is None else _meta_value_from(state)


def _meta_value_from(state: dict[str, Any]) -> MetaValue:
    typed = state["value"]
    if isinstance(typed, dict):
        year, month, day, term = typed["date"]
        for part in (year, month, day):
            _typed(part, (int, type(None)), "date")
        _typed(term, (str, type(None)), "term")
        dt.date(year, month or 1, day or 1)  # ValueError for year 99999, month 13, 31 February
        typed = PartialDate(year, month, day, term)
    else:
        _typed(typed, (str, type(None)), "value")
    return MetaValue(_typed(state["raw"], str, "raw"), typed, label=_typed(state["label"], (str, type(None)), "label"),
                     consumed=_typed(state["consumed"], bool, "consumed"))


def _clause_state(clause: Clause, depth: int = 0) -> dict[str, Any]:
    if depth > MAX_DEPTH:
        raise ValueError(f"clauses nest more than {MAX_DEPTH} deep")
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
        "children": [_clause_state(child, depth + 1) for child in clause.children],
    }


def _clause_from(state: dict[str, Any], depth: int = 0) -> Clause:
    if depth > MAX_DEPTH:
        raise ValueError(f"clauses nest more than {MAX_DEPTH} deep")
    optional = (str, type(None))
    return Clause(
        id=_typed(state["id"], str, "id"),
        number=_typed(state["number"], optional, "number"),
        heading=_typed(state["heading"], optional, "heading"),
        text=_typed(state["text"], str, "text"),
        level=_typed(state["level"], int, "level"),
        kind=ClauseKind(state["kind"]),
        children=tuple(_clause_from(child, depth + 1) for child in state["children"]),
        line=_typed(state["line"], (int, type(None)), "line"),
        page=_typed(state["page"], (int, type(None)), "page"),
        rows=tuple(tuple(_typed(cell, str, "cell") for cell in _typed(row, list, "row")) for row in state["rows"]),
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
        # An extra field always has a value (a null one was not written by us).
        extra=tuple((key, _meta_value_from(_typed(value, dict, "extra"))) for key, value in state["extra"]),
    )
    return Document(
        source=_typed(state["source"], str, "source"),
        format=_typed(state["format"], str, "format"),
        metadata=metadata,
        clauses=tuple(_clause_from(clause) for clause in state["clauses"]),
        furniture=tuple(Furniture(text, FurnitureKind(kind), page, line) for text, kind, page, line in state["furniture"]),
        warnings=tuple(_typed(warning, str, "warning") for warning in state["warnings"]),
    )


def dumps(document: Document) -> str:
    return json.dumps(document_state(document), ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes) -> Document:
    """The document in ``text``; ValueError for anything that is not a state we wrote
    (wrong shapes, impossible dates, nesting past MAX_DEPTH), never another exception."""
    try:
        state = json.loads(text)
        if not isinstance(state, dict):
            raise ValueError("not a JSON object")
        return document_from_state(state)
    except ValueError:
        raise
    except (KeyError, TypeError, AttributeError, IndexError, OverflowError, RecursionError) as exc:
        raise ValueError(f"not a {STATE_SCHEMA} document: {type(exc).__name__}: {exc}") from None
