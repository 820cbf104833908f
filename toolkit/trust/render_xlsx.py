"""The trust register as an Excel workbook: register, documents, topic coverage, drift, not read.

Every sheet has a file column, so a row can always be traced to the document it
came from, and prints landscape, fitted to the page width, with its header row
repeated on each page (``toolkit.ooxml.xlsx.print_setup``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..ooxml.xlsx import cells_as_text, print_setup
from ..policy_types import policy_type_info
from .report import DocumentEntry, RegisterCell, TrustReport

NOT_FOUND = "not found"
_RED = PatternFill(start_color="FBE1E1", end_color="FBE1E1", fill_type="solid")
_GREEN = PatternFill(start_color="DFF3E4", end_color="DFF3E4", fill_type="solid")
_AMBER = PatternFill(start_color="FFF1CC", end_color="FFF1CC", fill_type="solid")
_GREY = PatternFill(start_color="EEF1F5", end_color="EEF1F5", fill_type="solid")
_HEADER = Font(bold=True)
_FILLS = {"present": _GREEN, "overdue": _AMBER, "missing": _RED, "undated": _GREY}
_WRAP = Alignment(wrap_text=True, vertical="top")

# Characters Excel refuses in cell text (XML 1.0 control characters).
_ILLEGAL = dict.fromkeys(i for i in range(32) if i not in (9, 10, 13))


def _cell(value: Any) -> Any:
    return value.translate(_ILLEGAL) if isinstance(value, str) else value


def _header(sheet: Any, titles: list[str]) -> None:
    sheet.append([_cell(title) for title in titles])
    for cell in sheet[1]:
        cell.font = _HEADER
        cell.alignment = _WRAP


def _widths(sheet: Any, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _review_word(entry: DocumentEntry) -> str:
    return "overdue" if entry.overdue else ("in date" if entry.overdue is False else "no dated review")


@dataclass(frozen=True)
class _Context:
    """What every sheet needs: the report, the per-school diff report links and the schools' names."""

    report: TrustReport
    links: dict[str, str]
    names: dict[str, str]

    def school(self, school_id: str | None) -> str:
        return self.names.get(school_id or "", school_id or "")


def _finish(sheet: Any, widths: list[int], freeze: str | None = "B2") -> None:
    """Column widths and print setup; ``freeze`` keeps the first column and the header row in view."""
    _widths(sheet, widths)
    print_setup(sheet, header_rows=1, landscape=True)
    if freeze:
        sheet.freeze_panes = freeze


def _register_cell_text(cell: RegisterCell) -> str:
    """A register cell: its status, the current document's version and dates, and the file."""
    current = cell.current
    if current is None:
        return "missing" if cell.status == "missing" else "—"
    g = current.governance
    parts = [cell.status if cell.status != "undated" else "present, no review date"]
    parts += [f"v{g.version}"] if g.version else []
    parts += [f"approved {g.approved}"] if g.approved else []
    parts += [f"next review {g.next_review}"] if g.next_review else []
    more = f" (+{len(cell.documents) - 1} more)" if len(cell.documents) > 1 else ""
    return ", ".join(parts) + f"\n{current.id}" + more


def _register_sheet(sheet: Any, context: _Context) -> None:
    """One row per school, one column per policy type."""
    report = context.report
    sheet.title = "Register"
    columns = report.type_columns
    _header(sheet, ["School", "School type", "Missing (statutory)"]
            + [policy_type_info(type_id).label for type_id in columns] + ["Files"])
    for row, cells in zip(report.schools, report.register()):
        values: list[Any] = [_cell(row.name), row.school_type, sum(cell.status == "missing" for cell in cells)]
        values += [_cell(_register_cell_text(cell)) for cell in cells]
        files = [entry.id for entry in report.documents if entry.school == row.id]
        values.append(_cell("\n".join(files)))
        sheet.append(values)
        for offset, cell in enumerate(cells, start=4):
            target = sheet.cell(row=sheet.max_row, column=offset)
            target.alignment = _WRAP
            if cell.status in _FILLS:
                target.fill = _FILLS[cell.status]
        sheet.cell(row=sheet.max_row, column=len(columns) + 4).alignment = _WRAP
    _widths(sheet, [28, 11, 10] + [18] * len(columns) + [34])
    sheet.row_dimensions[1].height = 48
    print_setup(sheet, header_rows=1, landscape=True)
    sheet.freeze_panes = "B2"  # school names and the type header stay in view


def _document_row(entry: DocumentEntry, context: _Context) -> list[Any]:
    g = entry.governance
    topics = context.report.topics_of(entry)
    found = sum(entry.coverage(t.id).covered for t in topics)
    mandatory_gaps = [t.label for t in topics if t.mandatory and not entry.coverage(t.id).covered]
    return [_cell(v) for v in (
        entry.id, context.school(entry.school), policy_type_info(entry.type_id).label,
        entry.policy_type.confidence if entry.policy_type else None, g.title, g.school,
        "yes" if entry.school_mismatch else "", g.version, g.approved, g.last_review, g.next_review,
        entry.review.due if entry.review and entry.review.due else g.next_review_latest, g.approved_by,
        _review_word(entry), entry.review.reason if entry.review else "",
        entry.catalogue or "none for this type", f"{found}/{len(topics)}" if topics else "",
        "; ".join(mandatory_gaps),
        "; ".join(f"{f.cited} (then: {f.applied_then.label})" if f.applied_then else f.cited
                  for f in entry.stale_citations),
    )]


def _documents_sheet(docs: Any, context: _Context) -> None:
    _header(docs, ["File", "School", "Policy type", "Type confidence", "Title", "School named in document",
                   "Names another school", "Version", "Approved", "Last review", "Next review",
                   "Review due (latest day)", "Approver", "Review", "Why", "Topic catalogue", "Topics found",
                   "Mandatory topics not found", "Cites superseded guidance"])
    for entry in context.report.documents:
        docs.append(_document_row(entry, context))
        r = docs.max_row
        docs.cell(row=r, column=4).number_format = "0%"
        if entry.overdue:
            docs.cell(row=r, column=14).fill = _AMBER
        if entry.school_mismatch:
            docs.cell(row=r, column=7).fill = _RED
        due = docs.cell(row=r, column=12)
        if due.value:
            due.number_format = "yyyy-mm-dd"
    _finish(docs, [34, 22, 20, 10, 30, 24, 10, 8, 14, 14, 14, 12, 20, 12, 40, 18, 10, 40, 40])


def _coverage_rows(entry: DocumentEntry, context: _Context) -> list[list[Any]]:
    """One row per topic of the document's own catalogue; one row saying so when its type has none."""
    if entry.topics is None:
        return [[_cell(entry.id), _cell(context.school(entry.school)),
                 policy_type_info(entry.type_id).label, "none for this type", "", "", "", "",
                 "not scored against another type's topics"]]
    rows = []
    for topic in context.report.topics_of(entry):
        coverage = entry.coverage(topic.id)
        best = coverage.best
        evidence = "; ".join(f"{ev.kind} {ev.text!r}" for ev in best.evidence) if best else \
            "; ".join(f"{ev.kind} {ev.text}" for ev in coverage.document_evidence)
        rows.append([_cell(v) for v in (
            entry.id, context.school(entry.school), policy_type_info(entry.type_id).label,
            entry.catalogue, topic.label, "yes" if topic.mandatory else "",
            "covered" if coverage.covered else NOT_FOUND, ", ".join(coverage.references[:8]), evidence[:500],
        )])
    return rows


def _coverage_sheet(cov: Any, context: _Context) -> None:
    """One row per document and topic of its own catalogue."""
    _header(cov, ["File", "School", "Policy type", "Catalogue", "Topic", "Required by guidance", "Found",
                  "Clauses", "Evidence"])
    for entry in context.report.documents:
        for row in _coverage_rows(entry, context):
            cov.append(row)
    if cov.max_row > 1:
        area = f"G2:G{cov.max_row}"
        cov.conditional_formatting.add(area, FormulaRule(formula=[f'G2="{NOT_FOUND}"'], fill=_RED))
        cov.conditional_formatting.add(area, FormulaRule(formula=['G2="covered"'], fill=_GREEN))
    _finish(cov, [34, 22, 20, 20, 34, 10, 10, 24, 60])


def _drift_sheet(drift: Any, context: _Context) -> None:
    report, links = context.report, context.links
    _header(drift, ["File", "School", "Policy type", "Model", "Unchanged", "Modified", "Missing", "Extra clauses",
                    "Unchanged share", "Modified share", "Missing share", "Diff report"])
    if not report.baselines:
        drift.append(["", "", "", "No model given: run with --baseline MODEL (or a folder of models) to measure drift."])
    for entry in report.documents:
        d = entry.divergence
        if d is None:
            continue
        drift.append([_cell(entry.id), _cell(context.school(entry.school)), policy_type_info(entry.type_id).label,
                      _cell(entry.model), d.unchanged, d.modified, d.missing, d.extra,
                      d.share("unchanged"), d.share("modified"), d.share("missing"), _cell(links.get(entry.id))])
        r = drift.max_row
        for column in (9, 10, 11):
            drift.cell(row=r, column=column).number_format = "0%"
        if links.get(entry.id):
            drift.cell(row=r, column=12).hyperlink = links[entry.id]
    _finish(drift, [34, 22, 20, 30, 10, 10, 10, 10, 10, 10, 10, 40])


def _not_read_sheet(bad: Any, context: _Context) -> None:
    _header(bad, ["File", "School", "Why it was not read"])
    for item in context.report.not_read:
        bad.append([_cell(item.file), _cell(context.school(item.school)), _cell(item.reason)])
    if not context.report.not_read:
        bad.append(["", "", "Every file was read."])
    _finish(bad, [50, 24, 80], freeze=None)


# The sheets after the first, in workbook order, each filled by its own function.
_SHEETS: tuple[tuple[str, Callable[[Any, _Context], None]], ...] = (
    ("Documents", _documents_sheet),
    ("Coverage", _coverage_sheet),
    ("Drift", _drift_sheet),
    ("Not read", _not_read_sheet),
)


def render_xlsx(report: TrustReport, links: Mapping[str, str] | None = None) -> bytes:
    """The register as an Excel workbook: Register, Documents, Coverage, Drift and Not read sheets."""
    context = _Context(report, dict(links or {}), {row.id: row.name for row in report.schools})
    book = Workbook()
    _register_sheet(book.active, context)
    for title, fill in _SHEETS:
        fill(book.create_sheet(title), context)
    buffer = io.BytesIO()
    cells_as_text(book).save(buffer)
    return buffer.getvalue()
