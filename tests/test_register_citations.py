"""The register shows which documents cite superseded guidance (issue 17, item 4)."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner
from conftest import sample
from openpyxl import load_workbook

from toolkit.cli import main

# Written here: approved in 2022 but citing the 2018 edition of KCSIE, which the
# 2019, 2020 and 2021 editions had replaced by then.
STALE_POLICY = """Child Protection and Safeguarding Policy
Approved by governors: 10 March 2022

1. Legal framework
1.1 This policy follows Keeping Children Safe in Education 2018 and Working Together to Safeguard Children 2018.
"""
CURRENT_POLICY = """Child Protection and Safeguarding Policy
Approved by governors: 10 March 2022

1. Legal framework
1.1 This policy follows Keeping Children Safe in Education 2021.
"""


def _trust(tmp_path):
    trust = tmp_path / "trust"
    (trust / "north").mkdir(parents=True)
    (trust / "south").mkdir()
    (trust / "north" / "safeguarding.txt").write_text(STALE_POLICY, "utf-8")
    (trust / "south" / "safeguarding.txt").write_text(CURRENT_POLICY, "utf-8")
    shutil.copy(sample("westhaven"), trust / "south")
    return trust


def test_register_lists_stale_citations_per_document_in_json_html_and_xlsx(tmp_path):
    trust = _trust(tmp_path)
    outputs = {}
    for ext in ("json", "html", "xlsx"):
        out = tmp_path / f"register.{ext}"
        result = CliRunner().invoke(main, ["compare", str(trust), "-o", str(out), "--as-of", "2024-09-01"])
        assert result.exit_code == 0, result.output
        outputs[ext] = out

    data = json.loads(outputs["json"].read_text("utf-8"))
    by_school = {(doc["school"], doc["id"]): doc for doc in data["documents"]}
    north = next(doc for (school, _), doc in by_school.items() if school == "north")
    south = next(doc for (school, name), doc in by_school.items() if school == "south" and "safeguarding" in name)
    assert [f["cited"] for f in north["stale_citations"]] == ["KCSIE 2018"]
    assert south["stale_citations"] == []

    html = outputs["html"].read_text("utf-8")
    assert 'id="filter-stale"' in html
    assert html.count('data-stale="yes"') == 1
    assert "KCSIE 2018 (then: KCSIE 2021)" in html

    sheet = load_workbook(outputs["xlsx"])["Documents"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Cites superseded guidance")
    values = {row[0].value: row[column].value for row in sheet.iter_rows(min_row=2)}
    stale_cells = [value for value in values.values() if value]
    assert stale_cells == ["KCSIE 2018 (then: KCSIE 2021)"]
