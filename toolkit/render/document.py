"""Rendering a parsed Document: the JSON contract, one line per clause, or an outline."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .._check import require
from ..model import METADATA_FIELDS, Document
from ..policy_types import policy_type_of

SCHEMA = "policykit.document/1"


def document_to_dict(document: Document) -> dict[str, Any]:
    """The ``policykit.document/1`` contract; other programs consume it, keep it stable."""
    require(document, Document, "document", "read one with toolkit.read_document(path)")
    metadata: dict[str, Any] = {name: None for name in METADATA_FIELDS}
    raw: dict[str, str] = {}
    for name, value in document.metadata.items():
        if name in METADATA_FIELDS:
            metadata[name] = value.json_value
            raw[name] = value.raw
    metadata["extra"] = {label: value.raw for label, value in document.metadata.extra}
    metadata["raw"] = raw
    return {
        "schema": SCHEMA,
        "source": document.source,
        "title": document.title,
        "metadata": metadata,
        "furniture": [item.text for item in document.furniture],
        "clauses": [
            {
                "id": clause.id,
                "number": clause.number,
                "heading": clause.heading,
                "text": clause.text,
                "level": clause.level,
                "kind": clause.kind.value,
                "parent": parent,
                "page": clause.page,
                "line": clause.line,
            }
            for clause, parent in document.flat()
        ],
        # Added after the first release of /1: new keys go last, old ones never change.
        "citations": _citations(document),
        "policy_type": policy_type_of(document).as_dict(),
    }


def _citations(document: Document) -> list[dict[str, Any]]:
    # Imported here: the register is only read when a JSON rendering asks for it.
    from ..citations import citations_json

    return citations_json(document)


def render_json(document: Document) -> str:
    return json.dumps(document_to_dict(document), indent=2, ensure_ascii=False) + "\n"


def render_text(document: Document) -> str:
    """One clause per line, with its number: handy for grep and for eyeballing."""
    lines = []
    for clause in document.walk():
        label = clause.number or "-"
        lines.append(f"{label}\t[{clause.kind.value}] {clause.full_text}".replace("\n", " / "))
    return "\n".join(lines) + "\n"


def render_tree(document: Document, width: int = 100) -> str:
    """An indented outline for people."""
    lines = [document.title or document.source]
    for name, value in document.metadata.items():
        if name != "title":
            lines.append(f"  {name}: {value.raw}")
    lines.append("")
    for clause in document.walk():
        label = f"{clause.number} " if clause.number else ("• " if clause.kind.value == "list_item" else "")
        body = clause.full_text.replace("\n", " / ")
        line = "  " * (clause.level - 1) + label + body
        lines.append(line if len(line) <= width else line[: width - 1] + "…")
    if document.furniture:
        lines.append("")
        lines.append(f"({len(document.furniture)} furniture lines removed: headers, footers, page numbers, contents)")
    return "\n".join(lines) + "\n"


DOCUMENT_RENDERERS: dict[str, Callable[[Document], str]] = {
    "json": render_json,
    "text": render_text,
    "tree": render_tree,
}
