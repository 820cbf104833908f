"""Trust-wide comparison of policies: topic coverage, review dates, drift from the model.

    from toolkit.trust import compare_policies, render
    report = compare_policies(["source_policies/"], as_of=date(2024, 9, 1))
    html = render(report, "html")

``run_comparison`` does what ``policykit compare`` does (read, compare, write
every output at once) and is what other commands, such as the demo, call.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..io import write_outputs
from .cache import CACHE_DIRNAME, DocumentCache
from .compare import PolicyInput, compare_policies, expand_inputs, read_policies
from .render import format_for_path, get_renderer, render, renderer_names, report_data
from .render_html import diff_link_name
from .report import SCHEMA, Divergence, DocumentEntry, Governance, TopicInfo, TrustReport, divergence_of, governance_of

DEFAULT_OUTPUT = Path("output") / "trust-report.html"

__all__ = [
    "CACHE_DIRNAME",
    "DEFAULT_OUTPUT",
    "SCHEMA",
    "ComparisonResult",
    "Divergence",
    "DocumentCache",
    "DocumentEntry",
    "Governance",
    "TopicInfo",
    "TrustReport",
    "compare_policies",
    "divergence_of",
    "expand_inputs",
    "format_for_path",
    "get_renderer",
    "governance_of",
    "read_policies",
    "render",
    "renderer_names",
    "report_data",
    "run_comparison",
]


@dataclass(frozen=True)
class ComparisonResult:
    report: TrustReport
    output: Path  # the trust report
    diff_reports: tuple[Path, ...]  # one per school, when a model was given
    cache_hits: int
    cache_misses: int


def _diff_report_html(diff) -> str:
    """A per-school diff page through the diff renderers, when they are available."""
    try:
        from ..render import diff_renderer  # noqa: PLC0415 - optional until the diff renderers land
    except ImportError:
        return _plain_diff_html(diff)
    return diff_renderer("html").render(diff)


def _plain_diff_html(diff) -> str:
    """A minimal, self-contained list of changes; used only without toolkit.render."""
    rows = []
    for change in diff.changes:
        status = str(getattr(change.status, "value", change.status))
        if status == "unchanged":
            continue
        old = change.old.full_text if change.old else ""
        new = change.new.full_text if change.new else ""
        number = (change.new or change.old).number or ""
        rows.append(f"<tr><td>{html.escape(status)}</td><td>{html.escape(number)}</td>"
                    f"<td>{html.escape(old)}</td><td>{html.escape(new)}</td></tr>")
    title = html.escape(f"{diff.old.source} → {diff.new.source}")
    return (f"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            "<style>body{font:14px system-ui,sans-serif}td,th{border:1px solid #ccc;padding:4px;vertical-align:top}"
            "table{border-collapse:collapse}</style></head><body>"
            f"<h1>{title}</h1><table><tr><th>Change</th><th>Clause</th><th>Model</th><th>This policy</th></tr>"
            + "".join(rows) + "</table></body></html>")


def run_comparison(
    inputs: Iterable[PolicyInput],
    output: str | os.PathLike[str] = DEFAULT_OUTPUT,
    *,
    baseline: PolicyInput | None = None,
    as_of: dt.date | None = None,
    topics: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
    on_document: Callable[[str], None] | None = None,
    differ=None,
) -> ComparisonResult:
    """Compare and write the report (and per-school diff pages) as one all-or-nothing unit.

    The output format follows the extension of ``output`` (.html, .xlsx, .json).
    Parsed documents are cached under ``<output folder>/.policykit-cache`` unless
    ``use_cache`` is False or ``cache_dir`` says elsewhere.
    """
    output = Path(output)
    format_name = format_for_path(output)  # a bad name fails before any reading
    folder = output.parent
    cache = DocumentCache((Path(cache_dir) if cache_dir else folder / CACHE_DIRNAME) if use_cache else None)
    report = compare_policies(inputs, baseline, as_of, topics, cache=cache, on_document=on_document, differ=differ)
    files: dict[str, str | bytes] = {}
    links: dict[str, str] = {}
    for entry in report.documents:
        if entry.diff is not None:
            name = diff_link_name(output.name, entry.id)
            while name in files:
                name = name.removesuffix(".html") + "-2.html"
            links[entry.id] = name
            files[name] = _diff_report_html(entry.diff)
    files[output.name] = render(report, format_name, links=links)
    written = write_outputs(folder, files)
    target = folder.resolve() / output.name
    return ComparisonResult(
        report=report,
        output=target,
        diff_reports=tuple(path for path in written if path != target),
        cache_hits=cache.stats.hits,
        cache_misses=cache.stats.misses,
    )
