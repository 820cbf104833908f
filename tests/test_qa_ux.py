"""QA: what a user sees is consistent across commands.

Output paths are printed the same way everywhere (relative to the current folder
when inside it, else absolute), every --help carries an example, an interrupted
write (Ctrl-C) leaves no temporary file or empty folder behind, and the demo
finds its samples when run from another folder of a checkout.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO, SAMPLES
from toolkit import io as toolkit_io
from toolkit.cli import _COMMAND_MODULES, main
from toolkit.io import atomic_write, display_path, write_outputs

POLICY = """Staff Social Media Policy
Version: 1.0

1. Purpose
1.1 This policy sets out how staff use social media.
"""


@pytest.mark.parametrize("name", _COMMAND_MODULES)
def test_every_help_has_an_example(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    examples = re.search(r"Examples?:\n((?:\s+policykit .*\n)+)", result.output)
    assert examples and f"policykit {name}" in examples.group(1), result.output


def test_display_path_is_relative_inside_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "out" / "report.html") == os.path.join("out", "report.html")
    assert display_path("out/./report.html") == os.path.join("out", "report.html")
    outside = tmp_path.parent / "elsewhere.html"
    assert display_path(outside) == str(outside.resolve())


def _printed_paths(text: str) -> list[str]:
    """Every path-looking word a command printed (they all end in a known extension or /)."""
    return re.findall(r"(?:^|\s)(\S+?\.(?:html|docx|xlsx|json|md|pdf)|\S+/)(?=\s|$|\))", text, re.M)


def test_commands_print_output_paths_relative_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.txt").write_text(POLICY, encoding="utf-8")
    (tmp_path / "new.txt").write_text(POLICY.replace("1.0", "2.0").replace("use", "use and manage"), encoding="utf-8")
    runner = CliRunner()
    runs = [
        (["diff", "old.txt", "new.txt", "-o", "out/changes.html"], {1}),
        (["compare", "old.txt", "new.txt", "--baseline", "old.txt", "-o", "out/trust.html"], {0}),
        (["generate", "-p", str(REPO / "templates" / "samples" / "sample-profile.toml"), "-o", "out", "--no-pdf"], {0}),
    ]
    printed = []
    for argv, codes in runs:
        result = runner.invoke(main, argv)
        assert result.exit_code in codes, result.output
        printed += _printed_paths(result.stdout + result.stderr)
    assert len(printed) >= 8, printed  # the diff report, the trust report and its diff folder, five generated files
    for path in printed:
        assert not os.path.isabs(path) and path.startswith("out/"), path
        assert (tmp_path / path).exists(), path


def test_paths_outside_the_current_folder_are_shown_absolute(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    (work / "old.txt").write_text(POLICY, encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", "old.txt", "-o", str(tmp_path / "reports" / "trust.html")])
    assert result.exit_code == 0, result.output
    assert f"Report: {(tmp_path / 'reports' / 'trust.html').resolve()}" in result.stdout


def _leftovers(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


def test_interrupted_write_outputs_leaves_nothing(tmp_path, monkeypatch):
    calls = []

    def interrupted_replace(source, target):
        calls.append(target)
        raise KeyboardInterrupt  # Ctrl-C after every file was staged, before any appears

    monkeypatch.setattr(toolkit_io.os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(tmp_path / "out", {"a/report.html": "<p>x</p>", "b/deeper/data.json": "{}"})
    assert calls, "the interruption never happened"
    assert _leftovers(tmp_path) == []  # no .report.html.*.tmp, no empty out/a, out/b/deeper


def test_interrupted_atomic_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")

    def interrupted_replace(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(toolkit_io.os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new")
    assert _leftovers(tmp_path) == ["report.html"]
    assert target.read_text(encoding="utf-8") == "old"


def test_failed_write_removes_the_folders_it_made(tmp_path):
    (tmp_path / "taken").mkdir()
    # b.html is a folder already: refused before anything is staged or created
    (tmp_path / "out" / "b.html").mkdir(parents=True)
    with pytest.raises(toolkit_io.OutputError, match="is a folder"):
        write_outputs(tmp_path / "out", {"new/a.html": "x", "b.html": "y"})
    assert _leftovers(tmp_path) == ["out", "out/b.html", "taken"]


def test_demo_from_another_folder_uses_the_checkout_samples(tmp_path, monkeypatch):
    from toolkit.commands.demo import _samples_folder

    monkeypatch.chdir(tmp_path)
    assert _samples_folder(None).resolve() == SAMPLES.resolve()
    assert _samples_folder(Path("mine")) == Path("mine")  # an explicit folder is never second-guessed
    monkeypatch.chdir(REPO)
    assert _samples_folder(None) == Path("source_policies")


def test_demo_lines_show_relative_paths(tmp_path, monkeypatch):
    from toolkit.demo import parse_samples

    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "a.txt").write_text(POLICY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    lines = list(parse_samples(Path("samples"), tmp_path / "out"))
    assert lines[1].startswith("  out/parsed/"), lines


def test_version_works_from_a_checkout_without_installing(tmp_path):
    import subprocess
    import sys

    completed = subprocess.run([sys.executable, "-m", "toolkit", "--version"], cwd=tmp_path, capture_output=True,
                               text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert re.fullmatch(r"policykit, version \d+\.\d+\.\d+\S*\n", completed.stdout), completed.stdout



def test_spinners_stay_off_pipes(tmp_path, monkeypatch):
    """parse, diff and compare show a spinner on a terminal; piped or captured, stderr stays empty."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.txt").write_text(POLICY, encoding="utf-8")
    (tmp_path / "new.txt").write_text(POLICY.replace("use", "use and manage"), encoding="utf-8")
    runner = CliRunner()
    parsed = runner.invoke(main, ["parse", "old.txt"])
    assert parsed.exit_code == 0 and parsed.stderr == "" and "1.1" in parsed.stdout
    diffed = runner.invoke(main, ["diff", "old.txt", "new.txt"])
    assert diffed.exit_code == 1 and diffed.stderr == "" and "manage" in diffed.stdout
    compared = runner.invoke(main, ["compare", "old.txt", "new.txt", "-o", "trust.json"])
    assert compared.exit_code == 0 and compared.stderr == "" and compared.stdout.startswith("Compared 2 policies")
    quiet = runner.invoke(main, ["diff", "old.txt", "new.txt", "-q"])
    assert quiet.exit_code == 1 and quiet.stdout == "" and quiet.stderr == ""


def test_working_quiet_is_silent(capsys):
    from toolkit.commands._progress import working

    with working("Reading…", quiet=True) as status:
        status.update("still reading")
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_generate_points_out_files_left_from_an_earlier_run(tmp_path, monkeypatch):
    """Run with --staff, then without: the old sign-off sheet and declarations stay (they
    are the user's) but are named as stale, so nobody takes them for the new version."""
    monkeypatch.chdir(tmp_path)
    samples = REPO / "templates" / "samples"
    runner = CliRunner()
    first = runner.invoke(main, ["generate", "-p", str(samples / "sample-profile.toml"), "--staff",
                                 str(samples / "staff.csv"), "-o", "out", "--no-pdf"])
    assert first.exit_code == 0 and first.stderr == "", first.output
    second = runner.invoke(main, ["generate", "-p", str(samples / "sample-profile.toml"), "-o", "out", "--no-pdf"])
    assert second.exit_code == 0, second.output
    warned = sorted(line.split()[2] for line in second.stderr.splitlines())
    assert warned == ["out/oakfield-primary-school/signoff.xlsx", "out/oakfield-primary-school/staff-declarations.docx"]
    assert all("earlier run" in line for line in second.stderr.splitlines())
    assert (tmp_path / "out" / "oakfield-primary-school" / "signoff.xlsx").is_file()  # pointed out, never deleted


def test_generate_wording(tmp_path, monkeypatch):
    """One member of staff is one declaration, not "1 staff declarations"."""
    monkeypatch.chdir(tmp_path)
    samples = REPO / "templates" / "samples"
    (tmp_path / "staff.csv").write_text("name,role,email\nAnn Lee,Teacher,a.lee@example.org\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["generate", "-p", str(samples / "sample-profile.toml"), "--staff", "staff.csv", "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "1 staff declaration, one per page."
