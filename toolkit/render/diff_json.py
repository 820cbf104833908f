"""The ``policykit.diff/1`` JSON contract: every aligned entry, in the new document's order."""

from __future__ import annotations

import json
from typing import Any

from ..diff.changes import ClauseChange, DocumentDiff, Status
from ..model import Clause

SCHEMA = "policykit.diff/1"


def _clause(clause: Clause | None) -> dict[str, Any] | None:
    if clause is None:
        return None
    return {"id": clause.id, "number": clause.number, "text": clause.full_text}


def _change(change: ClauseChange) -> dict[str, Any]:
    return {
        "status": change.status.value,
        "old": _clause(change.old),
        "new": _clause(change.new),
        "similarity": round(float(change.similarity), 4),
        "words": [[op, text] for op, text in change.words],
    }


def diff_to_dict(diff: DocumentDiff) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "old": {"source": diff.old.source, "title": diff.old.title},
        "new": {"source": diff.new.source, "title": diff.new.title},
        "summary": {status.value: diff.summary[status] for status in Status},
        "metadata_changes": [{"field": m.field, "old": m.old, "new": m.new} for m in diff.metadata_changes],
        "changes": [_change(change) for change in diff.changes],
        # Added after the first release of /1: new keys go last.
        "citation_updates": list(diff.citation_updates),
    }


def render_json(diff: DocumentDiff) -> str:
    return json.dumps(diff_to_dict(diff), ensure_ascii=False, indent=2) + "\n"
