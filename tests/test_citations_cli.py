"""`policykit check` and the citations list in `policykit parse --format json`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli import main


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


STALE_POLICY = "Safeguarding Policy\n\nApproved: 12 October 2022\n\n1. Staff must read Keeping Children Safe in " \
               "Education 2019.\n\n2. Records are kept under the Data Protection Act 2018.\n"
CLEAN_POLICY = "Safeguarding Policy\n\nApproved: 12 October 2022\n\n1. Staff must read KCSIE 2022.\n"


def test_check_reports_a_stale_citation_with_what_applied_then_and_now(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(write(tmp_path, "policy.txt", STALE_POLICY))])
    assert result.exit_code == 1, result.output
    assert "STALE" in result.output and "KCSIE 2019" in result.output
    assert "applied then: KCSIE 2022, in force since 1 September 2022" in result.output
    assert "applies now:  KCSIE" in result.output
    assert "clause 1" in result.output
    assert "12 October 2022" in result.output and "approval date" in result.output


def test_check_exit_zero_when_nothing_is_stale(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(write(tmp_path, "policy.txt", CLEAN_POLICY))])
    assert result.exit_code == 0, result.output
    assert "0 stale citations" in result.output


def test_check_as_of_overrides_the_policy_date(tmp_path: Path) -> None:
    path = write(tmp_path, "policy.txt", CLEAN_POLICY)
    result = CliRunner().invoke(main, ["check", str(path), "--as-of", "2023-09-01"])
    assert result.exit_code == 1 and "KCSIE 2023" in result.output
    assert CliRunner().invoke(main, ["check", str(path), "--as-of", "2023-08-31"]).exit_code == 0
    bad = CliRunner().invoke(main, ["check", str(path), "--as-of", "soon"])
    assert bad.exit_code == 2 and "not a full date" in bad.output


def test_one_bad_file_in_a_batch_is_reported_and_the_rest_are_checked(tmp_path: Path) -> None:
    good = write(tmp_path, "a.txt", STALE_POLICY)
    bad = write(tmp_path, "b.pdf", "this is not a pdf")
    result = CliRunner().invoke(main, ["check", str(bad), str(good), "--format", "json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["schema"] == "policykit.citations/1"
    assert [d["source"] for d in report["documents"]] == [str(good)]
    assert report["documents"][0]["stale"] == 1
    assert len(report["errors"]) == 1 and "b.pdf" in report["errors"][0]
    finding = next(f for f in report["documents"][0]["findings"] if f["status"] == "stale")
    assert finding["applied_then"]["edition"] == "KCSIE 2022" and finding["applied_then"]["since"] == "2022-09-01"


def test_check_reads_a_folder(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", STALE_POLICY)
    write(tmp_path, "b.txt", CLEAN_POLICY)
    write(tmp_path, "notes.xyz", "ignored")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "a.txt" in result.output and "b.txt" in result.output and "notes.xyz" not in result.output


def test_parse_json_gains_a_citations_list(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", str(write(tmp_path, "policy.txt", STALE_POLICY)), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"schema", "source", "title", "metadata", "furniture", "clauses"} <= set(data)
    stale = [c for c in data["citations"] if c["status"] == "stale"]
    assert [(c["cited"], c["number"]) for c in stale] == [("KCSIE 2019", "1")]
    assert any(c["cited"] == "Data Protection Act 2018" and c["status"] == "current" for c in data["citations"])


def test_check_help_documents_the_exit_status() -> None:
    result = CliRunner().invoke(main, ["check", "--help"])
    assert result.exit_code == 0
    assert "0 nothing stale" in result.output and "--as-of" in result.output


def test_a_trusts_own_register_with_next_septembers_edition(tmp_path: Path) -> None:
    from toolkit.citations import load_register

    packaged = Path(load_register().path).read_text(encoding="utf-8")
    marker = "year = 2025\n  from = 2025-09-01\n"
    end = packaged.index("[[instrument]]", packaged.index(marker))
    addition = ('[[instrument.edition]]\n  year = 2026\n  from = 2026-09-01\n'
                '  source = "https://www.gov.uk/government/publications/keeping-children-safe-in-education--2"\n\n')
    register = write(tmp_path, "ours.toml", packaged[:end] + addition + packaged[end:])
    policy = write(tmp_path, "policy.txt", "Safeguarding Policy\n\nApproved: 1 October 2026\n\n1. Staff read KCSIE 2025.\n")
    assert CliRunner().invoke(main, ["check", str(policy)]).exit_code == 0
    result = CliRunner().invoke(main, ["check", str(policy), "--register", str(register)])
    assert result.exit_code == 1 and "KCSIE 2026, in force since 1 September 2026" in result.output
    broken = write(tmp_path, "broken.toml", "[[instrument]]\nid = 3\n")
    bad = CliRunner().invoke(main, ["check", str(policy), "--register", str(broken)])
    assert bad.exit_code == 2 and "broken.toml" in bad.output
