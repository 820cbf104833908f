"""Spreadsheet details shared by the workbooks policykit writes."""

from __future__ import annotations

from openpyxl import Workbook


def cells_as_text(workbook: Workbook) -> Workbook:
    """Store every cell openpyxl took for a formula as the text it is.

    openpyxl makes any string starting with "=" a formula, so a file called
    ``=HYPERLINK(...).docx`` or a staff name typed as ``=1+2`` would run in Excel
    when the trust or the school office opens the workbook (CSV/formula injection).
    None of our workbooks writes a formula on purpose (conditional formatting and
    data validation are not cells), so every one found came from data.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return workbook
