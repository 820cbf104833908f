"""The sign-off tracking sheet: one row per member of staff, ready to tick off."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from ..ooxml.xlsx import cells_as_text, print_setup, reproducible_workbook

HEADERS = ("Name", "Role", "Email", "Policy", "Version", "Issued", "Signed (Yes/No)", "Date signed", "Notes")
_WIDTHS = (28, 24, 32, 30, 9, 14, 16, 14, 30)


def signoff_workbook(
    staff: Sequence[tuple[str, str, str]],
    *,
    policy_title: str,
    version: str,
    issued: dt.date,
    school: str,
    timestamp: dt.datetime,
) -> bytes:
    """An .xlsx tracking sheet; the same inputs and timestamp give the same bytes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sign-off"
    sheet.append(HEADERS)
    for name, role, email in staff:
        sheet.append((name, role, email, policy_title, version, issued, "No", None, None))
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F3864")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for column, width in zip("ABCDEFGHI", _WIDTHS):
        sheet.column_dimensions[column].width = width
    last = len(staff) + 1
    for row in range(2, last + 1):
        sheet[f"F{row}"].number_format = "DD/MM/YYYY"
        sheet[f"H{row}"].number_format = "DD/MM/YYYY"
    signed = DataValidation(type="list", formula1='"Yes,No"', allow_blank=True)
    signed.add(f"G2:G{max(last, 2)}")
    sheet.add_data_validation(signed)
    sheet.auto_filter.ref = f"A1:I{last}"
    # Nine columns: landscape, one page wide, the header row on every printed page
    # (the school office prints this to collect signatures), panes frozen below it.
    print_setup(sheet, header_rows=1)
    stamp = timestamp.astimezone(dt.UTC).replace(tzinfo=None) if timestamp.tzinfo else timestamp
    workbook.properties.creator = school
    workbook.properties.lastModifiedBy = school
    workbook.properties.title = f"{policy_title}: staff sign-off"
    workbook.properties.created = stamp
    buffer = io.BytesIO()
    cells_as_text(workbook).save(buffer)
    return reproducible_workbook(buffer.getvalue(), stamp)
