"""Issue 13's hostile inputs: each ends within 20 s and 1 GB with one line naming the file, or a correct result.

Each reproducer (tests/fuzz/reproducers.py) is rebuilt from its description and run
through the real command line in a child process limited by ``setrlimit`` to 1 GB of
address space; a run past 20 s is killed and fails the test.
"""

from __future__ import annotations

import json
import sys

import pytest

from tests.fuzz.reproducers import REPRODUCERS, Reproducer
from tests.fuzz.runner import GB, run_cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="setrlimit is POSIX")


def _run(reproducer: Reproducer, tmp_path):
    args = reproducer.build(tmp_path)
    outcome = run_cli(args, cwd=tmp_path, memory_bytes=GB, timeout=20.0)
    assert not outcome.hung, f"{reproducer.name}: still running after 20 s"
    assert not outcome.internal_error, f"{reproducer.name}: {outcome.describe()}"
    assert "Traceback" not in outcome.stderr
    return outcome


@pytest.mark.parametrize("reproducer", REPRODUCERS, ids=[r.name for r in REPRODUCERS])
def test_reproducer_ends_cleanly(reproducer: Reproducer, tmp_path):
    outcome = _run(reproducer, tmp_path)
    if reproducer.blamed is None or (reproducer.may_succeed and outcome.returncode in (0, 1)):
        assert outcome.returncode in (0, 1), outcome.describe()
        return
    assert outcome.returncode == 2, outcome.describe()
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("policykit: error: "), outcome.describe()
    assert reproducer.blamed in lines[0], outcome.describe()


def _by_name(name: str) -> Reproducer:
    return next(r for r in REPRODUCERS if r.name == name)


def test_short_lines_keep_every_word(tmp_path):
    outcome = _run(_by_name("text-short-lines-nested"), tmp_path)
    assert outcome.returncode == 0
    for number in (0, 1, 31, 32, 33, 1000, 2999):
        assert f"Rule {number}:" in outcome.stdout


def test_compare_of_deep_text_writes_report_and_cache(tmp_path):
    outcome = _run(_by_name("compare-short-lines-nested"), tmp_path)
    assert outcome.returncode == 0, outcome.describe()
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert len(report["documents"]) == 2
    cached = list((tmp_path / "out" / ".policykit-cache").glob("*.json"))
    assert len(cached) == 2, "both documents are saved for the next run"


def test_wrong_shaped_cache_entries_are_rewritten(tmp_path):
    from toolkit import storage

    outcome = _run(_by_name("cache-wrong-shapes"), tmp_path)
    assert outcome.returncode == 0, outcome.describe()
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert len(report["documents"]) == 5
    for entry in (tmp_path / "out" / ".policykit-cache").glob("*.json"):
        storage.loads(entry.read_bytes())  # every entry is now one we can read


def test_numbering_values_are_clamped_to_words_range(tmp_path):
    for name in ("list-start-100m-letters", "list-start-4000-digit-roman", "docx-ilvl-4400-digits", "docx-ilvl-x"):
        outcome = _run(_by_name(name), tmp_path / name)
        assert outcome.returncode == 0, outcome.describe()
        assert "Staff must follow" in outcome.stdout
        assert max(len(line) for line in outcome.stdout.splitlines()) < 200, "no label thousands of characters long"


def test_based_on_chain_still_reads_text(tmp_path):
    outcome = _run(_by_name("docx-basedon-985"), tmp_path)
    assert outcome.returncode == 0 and "Staff must keep pupils safe." in outcome.stdout


def test_symlinked_template_never_reaches_output(tmp_path):
    outcome = _run(_by_name("template-symlink"), tmp_path)
    assert outcome.returncode == 2
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()] if (tmp_path / "out").exists() else []
    assert not any(b"TOP SECRET" in p.read_bytes() for p in written)


def test_bidi_controls_shown_not_obeyed(tmp_path):
    outcome = _run(_by_name("diff-bidi"), tmp_path)
    assert outcome.returncode == 1, outcome.describe()
    page = (tmp_path / "out" / "changes.html").read_text(encoding="utf-8")
    assert "\u202e" not in page and "\u202c" not in page
    assert "[U+202E]" in page


def test_entity_is_refused_not_dropped(tmp_path):
    outcome = _run(_by_name("docx-dtd-entity"), tmp_path)
    assert outcome.returncode == 2 and "DTD" in outcome.stderr


def test_markdown_lists_thirty_deep_keep_every_item(tmp_path):
    source = tmp_path / "lists.md"
    source.write_text("# Policy\n\n" + "".join("  " * i + f"- item {i}\n" for i in range(30)))
    outcome = run_cli(["parse", str(source), "--format", "text"], cwd=tmp_path)
    assert outcome.returncode == 0, outcome.describe()
    assert all(f"item {i}" in outcome.stdout for i in range(30))
