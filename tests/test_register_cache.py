"""A cached rerun of the register works out nothing again from the documents' text:
policy types and citations come from the cache, and the report is the same."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from conftest import sample

import toolkit.citations as citations
import toolkit.policy_types as policy_types
from toolkit.cli import main


def _compare(trust, out):
    return CliRunner().invoke(main, ["compare", str(trust), "-o", str(out), "--as-of", "2024-09-01", "--jobs", "1"])


def test_cached_rerun_types_and_cites_nothing_again_and_reports_the_same(tmp_path, monkeypatch):
    trust = tmp_path / "trust"
    for school, key in (("north", "mowbray"), ("south", "westhaven")):
        (trust / school).mkdir(parents=True)
        shutil.copy(sample(key), trust / school)
    first = _compare(trust, tmp_path / "first.json")
    assert first.exit_code == 0, first.output

    def refuse(*_args, **_kwargs):
        raise AssertionError("worked out again on a cached rerun")

    monkeypatch.setattr(policy_types, "classify_policy_type", refuse)
    monkeypatch.setattr(citations, "find_citations", refuse)
    second = _compare(trust, tmp_path / "second.json")
    assert second.exit_code == 0, second.output
    assert (tmp_path / "second.json").read_text("utf-8") == (tmp_path / "first.json").read_text("utf-8")


def test_a_damaged_cache_entry_is_worked_out_again(tmp_path):
    trust = tmp_path / "trust"
    (trust / "north").mkdir(parents=True)
    shutil.copy(sample("mowbray"), trust / "north")
    assert _compare(trust, tmp_path / "a.json").exit_code == 0
    entries = list((tmp_path / ".policykit-cache" / "topics").glob("*.json"))
    assert entries
    for entry in entries:
        entry.write_text("[", "utf-8")  # truncated
    again = _compare(trust, tmp_path / "b.json")
    assert again.exit_code == 0, again.output
    assert (tmp_path / "b.json").read_text("utf-8") == (tmp_path / "a.json").read_text("utf-8")
