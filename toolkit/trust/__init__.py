"""Trust-wide comparison of policies: topic coverage, review dates, drift from the model.

    from toolkit.trust import compare_policies, render
    report = compare_policies(["source_policies/"], as_of=date(2024, 9, 1))
    html = render(report, "html")

``run_comparison`` does what ``policykit compare`` does (read, compare, write
every output at once) and is what other commands, such as the demo, call.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..io import check_output_file, display_path, write_outputs
from .cache import CACHE_DIRNAME, DocumentCache
from .compare import Differ, PolicyInput, compare_policies, expand_inputs, read_policies
from .render import format_for_path, get_renderer, render, renderer_names, report_data
from .render_html import diff_link_name
from .report import (
    SCHEMA,
    Divergence,
    DocumentEntry,
    Governance,
    NotRead,
    RegisterCell,
    SchoolRow,
    TopicInfo,
    TrustReport,
    divergence_of,
    governance_of,
)
from .schools import DEFAULT_SCHOOL_TYPE, SCHOOL_TYPES, SchoolMapping, gather, load_mapping

DEFAULT_OUTPUT = Path("output") / "trust-report.html"

__all__ = [
    "CACHE_DIRNAME",
    "DEFAULT_OUTPUT",
    "SCHEMA",
    "SCHOOL_TYPES",
    "ComparisonResult",
    "Divergence",
    "DocumentCache",
    "DocumentEntry",
    "Governance",
    "NotRead",
    "RegisterCell",
    "SchoolRow",
    "TopicInfo",
    "TrustReport",
    "compare_policies",
    "demo_comparison",
    "divergence_of",
    "expand_inputs",
    "format_for_path",
    "gather",
    "get_renderer",
    "governance_of",
    "load_mapping",
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

    @property
    def not_read(self) -> tuple[NotRead, ...]:
        """Files left out of the register, each with its reason."""
        return self.report.not_read


def _diff_report_html(diff: Any) -> str:
    """A school's clause-by-clause changes against the model, by the diff HTML renderer."""
    from ..render import render_diff

    html = render_diff(diff, "html")
    assert isinstance(html, str)  # text formats render to str; only binary ones (docx) give bytes
    return html


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
    differ: Differ | None = None,
    mapping: SchoolMapping | None = None,
    school_type: str = DEFAULT_SCHOOL_TYPE,
    executor: Any = None,
    jobs: int | None = 1,
) -> ComparisonResult:
    """Compare and write the report (and per-school diff pages) as one all-or-nothing unit.

    The output format follows the extension of ``output`` (.html, .xlsx, .json).
    Parsed documents are cached under ``<output folder>/.policykit-cache`` unless
    ``use_cache`` is False or ``cache_dir`` says elsewhere.
    """
    output = Path(output)
    format_name = format_for_path(output)  # a bad name fails before any reading
    check_output_file(output)  # and so does a place that cannot be written
    folder = output.parent
    cache = DocumentCache((Path(cache_dir) if cache_dir else folder / CACHE_DIRNAME) if use_cache else None)
    report = compare_policies(inputs, baseline, as_of, topics, cache=cache, on_document=on_document, differ=differ,
                              mapping=mapping, school_type=school_type, executor=executor, jobs=jobs,
                              # A report written inside the trust folder is not one of its schools.
                              skip_folders=(folder,))
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
    cache.flush()
    target = folder.resolve() / output.name
    return ComparisonResult(
        report=report,
        output=target,
        diff_reports=tuple(path for path in written if path != target),
        cache_hits=cache.stats.hits,
        cache_misses=cache.stats.misses,
    )


# The trust's model among the bundled samples: a county model policy schools adapt.
DEMO_MODEL = "hampshire-model-school-social-media-policy-2022.txt"


def demo_comparison(samples: str | os.PathLike[str], output: str | os.PathLike[str],
                    as_of: dt.date | None = None) -> Iterator[str]:
    """For ``policykit demo``: compare the samples, with the model among them as baseline,
    writing ``trust-report.html``, ``.xlsx`` and ``.json`` under ``output``. Yields the lines to print.

    One file per school: the text originals, since the DOCX and PDF renditions beside
    them are the same policies in other formats."""
    samples, output = Path(samples), Path(output)
    inputs = sorted(path for path in samples.glob("*.txt") if path.is_file()) or [samples]
    model = samples / DEMO_MODEL
    baseline = model if model.is_file() else None
    result = run_comparison(inputs, output / "trust-report.html", baseline=baseline, as_of=as_of)
    report = result.report
    links = {entry.id: diff_link_name(result.output.name, entry.id) for entry in report.documents if entry.diff}
    extra = write_outputs(output, {f"trust-report.{fmt}": render(report, fmt, links=links) for fmt in ("xlsx", "json")})
    gaps = sum(1 for entry in report.documents if entry.topics is not None and entry.topics.missing)
    yield (f"Compared {len(report.documents)} policies of {len(report.schools)} schools: {gaps} with topics not found, "
           f"{len(report.overdue)} overdue for review" + (f", drift measured against {DEMO_MODEL}:" if baseline else ":"))
    for path in (result.output, *extra):
        yield f"  {display_path(path)}"
    if result.diff_reports:
        yield f"  {display_path(result.diff_reports[0].parent)}/  (one diff page per school against the model)"
