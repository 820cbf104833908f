"""signoff.xlsx prints as the school office expects: landscape (nine columns), one page
wide, the header row on every page."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from toolkit.render.xlsx_signoff import signoff_workbook


def test_signoff_prints_one_page_wide_with_the_header_repeated():
    staff = [(f"Person {n}", "Teacher", f"p{n}@example.org") for n in range(80)]
    data = signoff_workbook(staff, policy_title="Staff Social Media Policy", version="2.0",
                            issued=dt.date(2025, 9, 15), school="Oakfield Primary School",
                            timestamp=dt.datetime(2025, 9, 15, 9, 0, tzinfo=dt.UTC))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Sign-off"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows.replace("$", "") == "1:1"
    assert sheet.freeze_panes == "A2"
    assert int(sheet.page_setup.paperSize) == 9  # A4
