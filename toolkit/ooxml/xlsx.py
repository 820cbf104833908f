"""Spreadsheet details shared by the workbooks policykit writes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from .zip_writer import write_zip


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


def print_setup(sheet: Worksheet, *, header_rows: int = 1, landscape: bool | None = None) -> None:
    """Make a sheet print the way an office expects: fit to the page width, the
    header rows repeated on every printed page, panes frozen below them.

    ``landscape=None`` chooses landscape when the sheet has more than six columns,
    which is where a portrait A4 page starts shrinking text below reading size.
    """
    columns = sheet.max_column or 1
    if landscape is None:
        landscape = columns > 6
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as it needs
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if header_rows > 0:
        sheet.print_title_rows = f"1:{header_rows}"
        sheet.freeze_panes = sheet.cell(row=header_rows + 1, column=1).coordinate


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def reproducible_workbook(data: bytes, stamp: dt.datetime) -> bytes:
    """The workbook openpyxl saved, with its "modified" time and every ZIP entry's time
    pinned to ``stamp`` (openpyxl uses the clock for both), so regeneration is byte-identical."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            if name == "docProps/core.xml":
                content = _MODIFIED.sub(lambda m: m[1] + iso + m[2], content)
            parts[name] = content
    return write_zip(parts, stamp)
