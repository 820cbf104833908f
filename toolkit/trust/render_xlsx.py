"""The trust register as an Excel workbook: register, documents, topic coverage, drift, not read.

Every sheet has a file column, so a row can always be traced to the document it
came from, and prints landscape, fitted to the page width, with its header row
repeated on each page (``toolkit.ooxml.xlsx.print_setup``).
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..ooxml.xlsx import cells_as_text, print_setup
from ..policy_types import policy_type_info
from .report import TrustReport

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


def _cell(value):
    return value.translate(_ILLEGAL) if isinstance(value, str) else value


def _header(sheet, titles: list[str]) -> None:
    sheet.append([_cell(title) for title in titles])
    for cell in sheet[1]:
        cell.font = _HEADER
        cell.alignment = _WRAP


def _widths(sheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _review_word(entry) -> str:
    return "overdue" if entry.overdue else ("in date" if entry.overdue is False else "no dated review")


def render_xlsx(report: TrustReport, links: Mapping[str, str] | None = None) -> bytes:
    links = dict(links or {})
    book = Workbook()
    names = {row.id: row.name for row in report.schools}

    def school(school_id: str | None) -> str:
        return names.get(school_id or "", school_id or "")

    # -- Register: one row per school, one column per policy type ------------------------
    sheet = book.active
    sheet.title = "Register"
    columns = report.type_columns
    _header(sheet, ["School", "School type", "Missing (statutory)"]
            + [policy_type_info(type_id).label for type_id in columns] + ["Files"])
    for row, cells in zip(report.schools, report.register()):
        values: list = [_cell(row.name), row.school_type, sum(cell.status == "missing" for cell in cells)]
        for cell in cells:
            current = cell.current
            if current is None:
                values.append("missing" if cell.status == "missing" else "—")
                continue
            g = current.governance
            parts = [cell.status if cell.status != "undated" else "present, no review date"]
            parts += [f"v{g.version}"] if g.version else []
            parts += [f"approved {g.approved}"] if g.approved else []
            parts += [f"next review {g.next_review}"] if g.next_review else []
            text = ", ".join(parts) + f"\n{current.id}" + (f" (+{len(cell.documents) - 1} more)" if len(cell.documents) > 1 else "")
            values.append(_cell(text))
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

    # -- Documents ---------------------------------------------------------------------------
    docs = book.create_sheet("Documents")
    _header(docs, ["File", "School", "Policy type", "Type confidence", "Title", "School named in document",
                   "Names another school", "Version", "Approved", "Last review", "Next review",
                   "Review due (latest day)", "Approver", "Review", "Why", "Topic catalogue", "Topics found",
                   "Mandatory topics not found", "Cites superseded guidance"])
    for entry in report.documents:
        g = entry.governance
        topics = report.topics_of(entry)
        found = sum(entry.coverage(t.id).covered for t in topics)
        mandatory_gaps = [t.label for t in topics if t.mandatory and not entry.coverage(t.id).covered]
        docs.append([_cell(v) for v in (
            entry.id, school(entry.school), policy_type_info(entry.type_id).label,
            entry.policy_type.confidence if entry.policy_type else None, g.title, g.school,
            "yes" if entry.school_mismatch else "", g.version, g.approved, g.last_review, g.next_review,
            entry.review.due if entry.review and entry.review.due else g.next_review_latest, g.approved_by,
            _review_word(entry), entry.review.reason if entry.review else "",
            entry.catalogue or "none for this type", f"{found}/{len(topics)}" if topics else "",
            "; ".join(mandatory_gaps),
            "; ".join(f"{f.cited} (then: {f.applied_then.label})" if f.applied_then else f.cited
                      for f in entry.stale_citations),
        )])
        r = docs.max_row
        docs.cell(row=r, column=4).number_format = "0%"
        if entry.overdue:
            docs.cell(row=r, column=14).fill = _AMBER
        if entry.school_mismatch:
            docs.cell(row=r, column=7).fill = _RED
        due = docs.cell(row=r, column=12)
        if due.value:
            due.number_format = "yyyy-mm-dd"
    _widths(docs, [34, 22, 20, 10, 30, 24, 10, 8, 14, 14, 14, 12, 20, 12, 40, 18, 10, 40, 40])
    print_setup(docs, header_rows=1, landscape=True)
    docs.freeze_panes = "B2"

    # -- Coverage: one row per document and topic of its own catalogue -----------------------
    cov = book.create_sheet("Coverage")
    _header(cov, ["File", "School", "Policy type", "Catalogue", "Topic", "Required by guidance", "Found",
                  "Clauses", "Evidence"])
    for entry in report.documents:
        if entry.topics is None:
            cov.append([_cell(entry.id), _cell(school(entry.school)),
                        policy_type_info(entry.type_id).label, "none for this type", "", "", "", "",
                        "not scored against another type's topics"])
            continue
        for topic in report.topics_of(entry):
            coverage = entry.coverage(topic.id)
            best = coverage.best
            evidence = "; ".join(f"{ev.kind} {ev.text!r}" for ev in best.evidence) if best else \
                "; ".join(f"{ev.kind} {ev.text}" for ev in coverage.document_evidence)
            cov.append([_cell(v) for v in (
                entry.id, school(entry.school), policy_type_info(entry.type_id).label,
                entry.catalogue, topic.label, "yes" if topic.mandatory else "",
                "covered" if coverage.covered else NOT_FOUND, ", ".join(coverage.references[:8]), evidence[:500],
            )])
    if cov.max_row > 1:
        area = f"G2:G{cov.max_row}"
        cov.conditional_formatting.add(area, FormulaRule(formula=[f'G2="{NOT_FOUND}"'], fill=_RED))
        cov.conditional_formatting.add(area, FormulaRule(formula=['G2="covered"'], fill=_GREEN))
    _widths(cov, [34, 22, 20, 20, 34, 10, 10, 24, 60])
    print_setup(cov, header_rows=1, landscape=True)
    cov.freeze_panes = "B2"

    # -- Drift -----------------------------------------------------------------------------------
    drift = book.create_sheet("Drift")
    _header(drift, ["File", "School", "Policy type", "Model", "Unchanged", "Modified", "Missing", "Extra clauses",
                    "Unchanged share", "Modified share", "Missing share", "Diff report"])
    if not report.baselines:
        drift.append(["", "", "", "No model given: run with --baseline MODEL (or a folder of models) to measure drift."])
    for entry in report.documents:
        d = entry.divergence
        if d is None:
            continue
        drift.append([_cell(entry.id), _cell(school(entry.school)), policy_type_info(entry.type_id).label,
                      _cell(entry.model), d.unchanged, d.modified, d.missing, d.extra,
                      d.share("unchanged"), d.share("modified"), d.share("missing"), _cell(links.get(entry.id))])
        r = drift.max_row
        for column in (9, 10, 11):
            drift.cell(row=r, column=column).number_format = "0%"
        if links.get(entry.id):
            drift.cell(row=r, column=12).hyperlink = links[entry.id]
    _widths(drift, [34, 22, 20, 30, 10, 10, 10, 10, 10, 10, 10, 40])
    print_setup(drift, header_rows=1, landscape=True)
    drift.freeze_panes = "B2"

    # -- Not read ----------------------------------------------------------------------------------
    bad = book.create_sheet("Not read")
    _header(bad, ["File", "School", "Why it was not read"])
    for item in report.not_read:
        bad.append([_cell(item.file), _cell(school(item.school)), _cell(item.reason)])
    if not report.not_read:
        bad.append(["", "", "Every file was read."])
    _widths(bad, [50, 24, 80])
    print_setup(bad, header_rows=1, landscape=True)

    buffer = io.BytesIO()
    cells_as_text(book).save(buffer)
    return buffer.getvalue()
