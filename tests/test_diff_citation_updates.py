"""The governors' diff says which statutory guidance a new version brings up to date."""

from __future__ import annotations

import json

from click.testing import CliRunner

from toolkit.cli import main

OLD = """Child Protection Policy
Approved: October 2019

1. Framework
1.1 This policy follows Keeping Children Safe in Education 2019.
1.2 Staff read Part 1 every year.
"""
NEW = OLD.replace("October 2019", "October 2020").replace("Education 2019", "Education 2020")


def _diff(tmp_path, old, new, fmt):
    (tmp_path / "old.txt").write_text(old, "utf-8")
    (tmp_path / "new.txt").write_text(new, "utf-8")
    out = tmp_path / f"changes.{fmt}"
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "-o", str(out)])
    assert result.exit_code == 1, result.output  # different
    return out.read_text("utf-8")


def test_update_of_kcsie_edition_is_named_in_every_report(tmp_path):
    data = json.loads(_diff(tmp_path, OLD, NEW, "json"))
    assert data["citation_updates"] == ["KCSIE 2019 → KCSIE 2020"]
    assert "This version updates KCSIE 2019 → KCSIE 2020." in _diff(tmp_path, OLD, NEW, "md")
    assert "This version updates KCSIE 2019 → KCSIE 2020." in _diff(tmp_path, OLD, NEW, "html")


def test_no_update_line_when_the_citation_is_unchanged(tmp_path):
    new = OLD.replace("every year", "each September")
    data = json.loads(_diff(tmp_path, OLD, new, "json"))
    assert data["citation_updates"] == []
    assert "This version updates" not in _diff(tmp_path, OLD, new, "md")
