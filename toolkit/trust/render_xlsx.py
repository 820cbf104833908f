"""The trust report as an Excel workbook: coverage matrix, governance, drift."""

from __future__ import annotations

import io
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..ooxml.xlsx import cells_as_text
from .render import register_renderer
from .report import TrustReport

NOT_FOUND = "not found"
_RED = PatternFill(start_color="FBE1E1", end_color="FBE1E1", fill_type="solid")
_GREEN = PatternFill(start_color="DFF3E4", end_color="DFF3E4", fill_type="solid")
_AMBER = PatternFill(start_color="FFF1CC", end_color="FFF1CC", fill_type="solid")
_HEADER = Font(bold=True)

# Characters Excel refuses in cell text (XML 1.0 control characters).
_ILLEGAL = dict.fromkeys(i for i in range(32) if i not in (9, 10, 13))


def _cell(value):
    return value.translate(_ILLEGAL) if isinstance(value, str) else value


def _header(sheet, titles: list[str]) -> None:
    sheet.append([_cell(title) for title in titles])
    for cell in sheet[1]:
        cell.font = _HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="top")


@register_renderer("xlsx", (".xlsx",))
def render_xlsx(report: TrustReport, links: Mapping[str, str] | None = None) -> bytes:
    links = dict(links or {})
    book = Workbook()

    matrix = book.active
    matrix.title = "Coverage"
    _header(matrix, ["Document", "Covered"] + [topic.label for topic in report.topics])
    for entry in report.documents:
        row: list = [_cell(entry.label), sum(entry.coverage(t.id).covered for t in report.topics)]
        for topic in report.topics:
            coverage = entry.coverage(topic.id)
            if coverage.covered:
                refs = coverage.references[:6] or [ev.kind for ev in coverage.document_evidence]
                row.append(_cell("covered: " + ", ".join(refs)))
            else:
                row.append(NOT_FOUND)
        matrix.append(row)
    last_row = len(report.documents) + 1
    last_column = get_column_letter(len(report.topics) + 2)
    if report.documents:
        area = f"C2:{last_column}{last_row}"
        matrix.conditional_formatting.add(area, FormulaRule(formula=[f'LEFT(C2,9)="{NOT_FOUND}"'], fill=_RED))
        matrix.conditional_formatting.add(area, FormulaRule(formula=['LEFT(C2,7)="covered"'], fill=_GREEN))
    matrix.freeze_panes = "C2"  # document names and the topic header stay in view
    matrix.column_dimensions["A"].width = 36
    for index in range(3, len(report.topics) + 3):
        matrix.column_dimensions[get_column_letter(index)].width = 16
    matrix.row_dimensions[1].height = 60

    governance = book.create_sheet("Governance")
    _header(governance, ["Document", "Title", "School", "Version", "Approved", "Last review", "Next review",
                         "Next review (latest day)", "Approver", "Overdue"])
    for entry in report.documents:
        g = entry.governance
        governance.append([_cell(v) for v in (
            entry.id, g.title, g.school, g.version, g.approved, g.last_review, g.next_review,
            g.next_review_latest, g.approved_by,
            "overdue" if g.overdue else ("in date" if g.overdue is False else "no dated review"),
        )])
        if g.overdue:
            governance.cell(row=governance.max_row, column=10).fill = _AMBER
        if g.next_review_latest:
            governance.cell(row=governance.max_row, column=8).number_format = "yyyy-mm-dd"
    governance.freeze_panes = "B2"
    for letter, width in zip("ABCDEFGHIJ", (40, 36, 28, 10, 18, 18, 18, 14, 28, 16)):
        governance.column_dimensions[letter].width = width

    drift = book.create_sheet("Drift")
    model = report.baseline.id if report.baseline else None
    _header(drift, ["Document", "Unchanged", "Modified", "Missing", "Extra clauses",
                    "Unchanged share", "Modified share", "Missing share", "Diff report"])
    if model is None:
        drift.append(["No model given: run with --baseline MODEL to measure drift."])
    for entry in report.documents:
        d = entry.divergence
        if d is None:
            continue
        drift.append([_cell(entry.label), d.unchanged, d.modified, d.missing, d.extra,
                      d.share("unchanged"), d.share("modified"), d.share("missing"), links.get(entry.id)])
        row = drift.max_row
        for column in (6, 7, 8):
            drift.cell(row=row, column=column).number_format = "0%"
        if links.get(entry.id):
            drift.cell(row=row, column=9).hyperlink = links[entry.id]
    drift.freeze_panes = "B2"
    drift.column_dimensions["A"].width = 40
    drift.column_dimensions["I"].width = 40

    buffer = io.BytesIO()
    cells_as_text(book).save(buffer)
    return buffer.getvalue()
