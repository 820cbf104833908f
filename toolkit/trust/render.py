"""Renderers for the trust report, in a registry keyed by format name.

Each renderer takes a ``TrustReport`` and returns ``str`` or ``bytes``; the file
extension of the output picks the format (``renderer_for_path``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..citations import finding_json
from ..errors import OutputError
from ..policy_types import policy_type_info
from ..registry import Entry, Registry
from .report import SCHEMA, DocumentEntry, ReviewStatus, TopicInfo, TrustReport

Renderer = Callable[..., "str | bytes"]  # (report, links=None)


# The trust report's formats. Adding one means adding a module with a
# ``(report, links=None) -> str | bytes`` function and one line here.
_RENDERERS: Registry[Entry] = Registry(__name__.rpartition(".")[0], (
    Entry("json", (".json",), "render:render_json", "the policykit.compare/2 JSON contract"),
    Entry("html", (".html", ".htm"), "render_html:render_html", "a sortable, filterable HTML register"),
    Entry("xlsx", (".xlsx",), "render_xlsx:render_xlsx", "an Excel workbook, one sheet per view"),
))


def renderer_names() -> list[str]:
    """The trust report's format names."""
    return _RENDERERS.names()


def get_renderer(name: str) -> Renderer:
    """The function that renders format ``name``; an ``OutputError`` naming the choices otherwise."""
    entry = _RENDERERS.get(name)
    if entry is None:
        raise OutputError(f"unknown report format {name!r}; choose one of {', '.join(renderer_names())}")
    renderer: Renderer = _RENDERERS.load(entry)
    return renderer


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The report format an output file name asks for, by its extension."""
    suffix = Path(path).suffix.lower()
    entry = _RENDERERS.for_extension(suffix)
    if entry is None:
        raise OutputError(
            f"cannot tell the report format from {suffix or 'a name without extension'}; use "
            + ", ".join(_RENDERERS.extensions()),
            path=path,
        )
    return entry.name


def render(report: TrustReport, format_name: str, links: dict[str, str] | None = None) -> str | bytes:
    """``links``: document id -> relative path of its per-school diff report."""
    return get_renderer(format_name)(report, links=links)


def _coverage_data(entry: DocumentEntry, topic: TopicInfo) -> dict[str, Any]:
    coverage = entry.coverage(topic.id)
    return {"covered": coverage.covered, "clauses": coverage.references}


def _evidence_data(entry: DocumentEntry, topic: TopicInfo) -> dict[str, Any]:
    coverage = entry.coverage(topic.id)
    return {
        "covered": coverage.covered,
        "mandatory": topic.mandatory,
        "clauses": coverage.references,
        "evidence": [
            {"clause": match.reference, "score": match.score,
             "why": [{"kind": ev.kind, "text": ev.text, "score": ev.score} for ev in match.evidence]}
            for match in coverage.matches[:6]
        ] + [{"clause": None, "score": ev.score, "why": [{"kind": ev.kind, "text": ev.text, "score": ev.score}]}
             for ev in coverage.document_evidence],
    }


def _review_data(review: ReviewStatus | None) -> dict[str, Any] | None:
    if review is None:
        return None
    return {"overdue": review.overdue, "due": review.due.isoformat() if review.due else None, "reason": review.reason}


def _document_data(report: TrustReport, entry: DocumentEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "source": entry.source,
        "title": entry.title,
        "metadata": {
            name: (value.json_value if value.json_value is not None else value.raw)
            for name, value in entry.document.metadata.items()
        },
        "overdue": entry.overdue,
        "school": entry.school,
        "school_in_document": entry.governance.school,
        "school_mismatch": entry.school_mismatch,
        "policy_type": entry.policy_type.as_dict() if entry.policy_type else None,
        "review": _review_data(entry.review),
        "catalogue": entry.catalogue,
        "topics": (
            {topic.id: _evidence_data(entry, topic) for topic in report.topics_of(entry)}
            if entry.topics is not None else None
        ),
        "model": entry.model,
        "stale_citations": [finding_json(finding) for finding in entry.stale_citations],
    }


def _topics_data(report: TrustReport) -> list[dict[str, Any]]:
    return [
        {
            "id": topic.id,
            "label": topic.label,
            "coverage": {
                entry.id: _coverage_data(entry, topic)
                for entry in report.documents
                if entry.catalogue == name
            },
            "catalogue": name,
            "mandatory": topic.mandatory,
        }
        for name, topics in report.catalogues.items()
        for topic in topics
    ]


def _divergence_data(report: TrustReport) -> dict[str, Any] | None:
    if not (report.baselines or report.baseline is not None):
        return None
    return {entry.id: entry.divergence.as_dict() for entry in report.documents if entry.divergence is not None}


def _schools_data(report: TrustReport) -> list[dict[str, Any]]:
    return [
        {"id": row.id, "name": row.name, "type": row.school_type, "folder": row.folder,
         "names_in_documents": list(row.names_in_documents), "mismatched_documents": list(row.mismatched)}
        for row in report.schools
    ]


def _policy_types_data(report: TrustReport) -> list[dict[str, Any]]:
    return [
        {"id": info.id, "label": info.label, "statutory_maintained": info.statutory_maintained,
         "statutory_academy": info.statutory_academy, "review_months": info.review_months}
        for info in (policy_type_info(type_id) for type_id in report.type_columns)
    ]


def _register_data(report: TrustReport) -> list[dict[str, Any]]:
    return [
        {"school": cell.school, "policy_type": cell.policy_type, "status": cell.status,
         "statutory": cell.statutory, "documents": [entry.id for entry in cell.documents],
         "current": cell.current.id if cell.current else None}
        for row in report.register()
        for cell in row
    ]


def report_data(report: TrustReport) -> dict[str, Any]:
    """The ``policykit.compare/2`` JSON contract as plain data (changes from /1: README)."""
    return {
        "schema": SCHEMA,
        "documents": [_document_data(report, entry) for entry in report.documents],
        "topics": _topics_data(report),
        "divergence": _divergence_data(report),
        "as_of": report.as_of.isoformat(),
        "catalogue": report.catalogue,
        "schools": _schools_data(report),
        "policy_types": _policy_types_data(report),
        "register": _register_data(report),
        "models": [
            {"id": entry.id, "source": entry.source, "policy_type": entry.type_id} for entry in report.baselines
        ],
        "not_read": [{"file": item.file, "school": item.school, "reason": item.reason} for item in report.not_read],
    }


def render_json(report: TrustReport, links: dict[str, str] | None = None) -> str:
    return json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"

