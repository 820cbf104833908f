"""QA: text from data never becomes a formula in the workbooks we write.

openpyxl stores any string starting with "=" as a formula, so a staff name, a
school name or a file name could run in Excel when the workbook is opened
(formula injection). Both workbooks must keep such text as text, word for word.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.render.xlsx_signoff import signoff_workbook

FORMULAS = ['=HYPERLINK("http://evil.example","click")', "=1+2", "=cmd|' /C calc'!A0"]


def _formula_elements(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [name for name in package.namelist()
                if name.startswith("xl/worksheets/") and b"<f>" in package.read(name)]


def _strings(data: bytes) -> dict[str, str]:
    """cell value -> data type, over every sheet."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {cell.value: cell.data_type for sheet in book for row in sheet.iter_rows() for cell in row
            if isinstance(cell.value, str)}


def test_signoff_keeps_formula_like_staff_text_as_text():
    data = signoff_workbook(
        [(FORMULAS[0], FORMULAS[1], "a@example.org"), ("Ann", FORMULAS[2], "b@example.org")],
        policy_title="=Policy", version="=1", issued=dt.date(2025, 3, 21), school="=School",
        timestamp=dt.datetime(2025, 3, 21, tzinfo=dt.UTC),
    )
    assert _formula_elements(data) == []
    strings = _strings(data)
    for text in (*FORMULAS, "=Policy", "=1"):
        assert strings.get(text) == "s", (text, strings.get(text))


def test_trust_workbook_keeps_formula_like_names_as_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "=1+2.txt").write_text(
        "Staff Social Media Policy\nSchool: =SUM(1,2) Academy\nVersion: 1.0\n\n1. Purpose\n1.1 Staff use social media well.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["compare", "policies", "-o", "trust.xlsx", "--no-cache"])
    assert result.exit_code == 0, result.output
    data = (tmp_path / "trust.xlsx").read_bytes()
    assert _formula_elements(data) == []
    strings = _strings(data)
    assert any(value.startswith("=1+2") and kind == "s" for value, kind in strings.items()), strings
    assert strings.get("=SUM(1,2) Academy") == "s", strings
