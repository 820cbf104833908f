"""Renderers for the trust report, in a registry keyed by format name.

Each renderer takes a ``TrustReport`` and returns ``str`` or ``bytes``; the file
extension of the output picks the format (``renderer_for_path``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from ..errors import OutputError
from .report import SCHEMA, TrustReport

Renderer = Callable[..., "str | bytes"]  # (report, links=None)

_RENDERERS: dict[str, Renderer] = {}
_EXTENSIONS: dict[str, str] = {}


def register_renderer(name: str, extensions: tuple[str, ...]):
    def decorator(func: Renderer) -> Renderer:
        _RENDERERS[name] = func
        for extension in extensions:
            _EXTENSIONS[extension] = name
        return func

    return decorator


def renderer_names() -> list[str]:
    return sorted(_RENDERERS)


def get_renderer(name: str) -> Renderer:
    try:
        return _RENDERERS[name]
    except KeyError:
        raise OutputError(f"unknown report format {name!r}; choose one of {', '.join(renderer_names())}") from None


def format_for_path(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in _EXTENSIONS:
        raise OutputError(
            f"cannot tell the report format from {suffix or 'a name without extension'}; use "
            + ", ".join(sorted(_EXTENSIONS)),
            path=path,
        )
    return _EXTENSIONS[suffix]


def render(report: TrustReport, format_name: str, links: dict[str, str] | None = None) -> str | bytes:
    """``links``: document id -> relative path of its per-school diff report."""
    return get_renderer(format_name)(report, links=links)


def report_data(report: TrustReport) -> dict:
    """The ``policykit.compare/1`` JSON contract as plain data."""
    return {
        "schema": SCHEMA,
        "documents": [
            {
                "id": entry.id,
                "source": entry.source,
                "title": entry.title,
                "metadata": {
                    name: (value.json_value if value.json_value is not None else value.raw)
                    for name, value in entry.document.metadata.items()
                },
                "overdue": entry.governance.overdue,
            }
            for entry in report.documents
        ],
        "topics": [
            {
                "id": topic.id,
                "label": topic.label,
                "coverage": {
                    entry.id: {
                        "covered": entry.coverage(topic.id).covered,
                        "clauses": entry.coverage(topic.id).references,
                    }
                    for entry in report.documents
                },
            }
            for topic in report.topics
        ],
        "divergence": (
            {entry.id: entry.divergence.as_dict() for entry in report.documents if entry.divergence is not None}
            if report.baseline is not None
            else None
        ),
    }


@register_renderer("json", (".json",))
def render_json(report: TrustReport, links: dict[str, str] | None = None) -> str:
    return json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"


# Register the other built-in renderers.
from . import render_html, render_xlsx  # noqa: E402,F401
