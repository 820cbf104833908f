"""QA: every command meets bad input the way the ground rules promise.

One line on stderr naming the file and the problem, exit code 2, no traceback,
nothing on stdout, no output files (temporary ones included), inputs untouched.
Each case runs the real CLI in a scratch folder whose every file is fingerprinted
before and after, so "nothing written, nothing modified" is checked, not assumed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO
from toolkit.cli import main

OLD_POLICY = """Staff Social Media Policy
Version: 1.0
Next review: September 2025

1. Purpose
1.1 This policy sets out how staff use social media.
1.2 It protects pupils, staff and the school.

2. Conduct
2.1 Staff must not accept pupils as friends or followers.
"""

NEW_POLICY = OLD_POLICY.replace("Version: 1.0", "Version: 2.0").replace("friends or followers", "friends, followers or contacts")

PROFILE = (REPO / "templates" / "samples" / "sample-profile.toml").read_text(encoding="utf-8")


def _workspace(root: Path) -> None:
    (root / "old.txt").write_text(OLD_POLICY, encoding="utf-8")
    (root / "new.txt").write_text(NEW_POLICY, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    (root / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    (root / "policy.rtf").write_text("{\\rtf1 hello}", encoding="ascii")
    (root / "folder.txt").mkdir()
    (root / "plain-file").write_text("a file, not a folder\n", encoding="utf-8")
    (root / "topics.json").write_text('{"topics": []}', encoding="utf-8")
    (root / "topics-bad.toml").write_text("[topic\nname = ", encoding="utf-8")
    (root / "school.toml").write_text(PROFILE, encoding="utf-8")
    (root / "school-bad.toml").write_text('school_name = "Oak\n', encoding="utf-8")
    (root / "staff-bad.csv").write_text("forename,surname\nAmara,Okafor\n", encoding="utf-8")
    (root / "staff-binary.csv").write_bytes(b"name,role,email\n\x00\x01\x02")
    templates = root / "templates-broken"
    templates.mkdir()
    for source in (REPO / "templates" / "social_media").iterdir():
        (templates / source.name).write_bytes(source.read_bytes())
    with (templates / "policy.md.jinja").open("a", encoding="utf-8") as handle:
        handle.write("\n{% if %}\n")
    (root / "templates-empty").mkdir()
    (root / "samples-empty").mkdir()


def _fingerprint(root: Path) -> dict[str, str]:
    """Every file and folder under root with a hash of its content: any new, changed
    or leftover file (a .name.*.tmp included) shows up as a difference."""
    found = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        found[key] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


# (case id, argv, what the message must name). Every one of them is the user's mistake, so every one must exit 2.
BAD = [
    # parse
    ("parse-missing", ["parse", "nope.txt"], "nope.txt"),
    ("parse-folder", ["parse", "folder.txt"], "folder.txt"),
    ("parse-empty", ["parse", "empty.txt"], "empty.txt"),
    ("parse-binary", ["parse", "binary.txt"], "binary.txt"),
    ("parse-corrupt-docx", ["parse", "corrupt.docx"], "corrupt.docx"),
    ("parse-corrupt-pdf", ["parse", "corrupt.pdf"], "corrupt.pdf"),
    ("parse-unsupported", ["parse", "policy.rtf"], "policy.rtf"),
    ("parse-unknown-format", ["parse", "old.txt", "--format", "yaml"], "--format"),
    # diff
    ("diff-missing", ["diff", "old.txt", "nope.txt", "-o", "report.html"], "nope.txt"),
    ("diff-folder", ["diff", "folder.txt", "new.txt", "-o", "report.html"], "folder.txt"),
    ("diff-empty", ["diff", "old.txt", "empty.txt", "-o", "report.html"], "empty.txt"),
    ("diff-binary", ["diff", "binary.txt", "new.txt", "-o", "report.html"], "binary.txt"),
    ("diff-corrupt-docx", ["diff", "old.txt", "corrupt.docx", "-o", "report.docx"], "corrupt.docx"),
    ("diff-corrupt-pdf", ["diff", "corrupt.pdf", "new.txt", "-o", "report.md"], "corrupt.pdf"),
    ("diff-unsupported", ["diff", "old.txt", "policy.rtf", "-o", "report.json"], "policy.rtf"),
    ("diff-output-is-folder", ["diff", "old.txt", "new.txt", "-o", "folder.txt"], "folder.txt"),
    ("diff-output-under-file", ["diff", "old.txt", "new.txt", "-o", "plain-file/report.html"], "plain-file"),
    ("diff-output-is-input", ["diff", "old.txt", "new.txt", "-o", "new.txt", "--format", "text"], "new.txt"),
    ("diff-unknown-extension", ["diff", "old.txt", "new.txt", "-o", "report.xyz"], "report.xyz"),
    ("diff-format-mismatch", ["diff", "old.txt", "new.txt", "-o", "report.docx", "--format", "html"], "report.docx"),
    ("diff-unknown-format", ["diff", "old.txt", "new.txt", "--format", "pdf"], "--format"),
    # compare
    ("compare-missing", ["compare", "nowhere/", "-o", "trust.html"], "nowhere"),
    ("compare-empty-folder", ["compare", "samples-empty", "-o", "trust.html"], "samples-empty"),
    # One bad file beside good ones no longer stops `compare`: the register is written and the
    # file listed as not read, exit 3 (tests/test_register_not_read.py covers those cases).
    ("compare-output-is-folder", ["compare", "old.txt", "-o", "folder.txt"], "folder.txt"),
    ("compare-output-under-file", ["compare", "old.txt", "-o", "plain-file/trust.html"], "plain-file"),
    ("compare-unknown-extension", ["compare", "old.txt", "-o", "trust.pdf"], "trust.pdf"),
    ("compare-bad-as-of", ["compare", "old.txt", "-o", "trust.html", "--as-of", "2024-13-45"], "--as-of"),
    ("compare-bad-topics", ["compare", "old.txt", "-o", "trust.html", "--topics", "topics-bad.toml"], "topics-bad.toml"),
    ("compare-missing-topics", ["compare", "old.txt", "-o", "trust.html", "--topics", "nope.toml"], "nope.toml"),
    ("compare-output-is-topics", ["compare", "old.txt", "--topics", "topics.json", "-o", "topics.json"], "topics.json"),
    ("compare-unknown-builtin-topics", ["compare", "old.txt", "-o", "trust.html", "--topics", "safeguarding"],
     "safeguarding: no such topic catalogue file (nor a built-in catalogue: anti_bullying, "),
    ("compare-missing-baseline", ["compare", "old.txt", "-o", "trust.html", "--baseline", "nope.txt"], "nope.txt"),
    ("compare-corrupt-baseline", ["compare", "old.txt", "-o", "trust.html", "--baseline", "corrupt.docx"], "corrupt.docx"),
    # generate
    ("generate-missing-profile", ["generate", "-p", "nope.toml", "--no-pdf", "-o", "out"], "nope.toml"),
    ("generate-profile-folder", ["generate", "-p", "folder.txt", "--no-pdf", "-o", "out"], "folder.txt"),
    ("generate-profile-empty", ["generate", "-p", "empty.txt", "--no-pdf", "-o", "out"], "empty.txt"),
    ("generate-profile-syntax", ["generate", "-p", "school-bad.toml", "--no-pdf", "-o", "out"], "school-bad.toml"),
    ("generate-profile-binary", ["generate", "-p", "binary.txt", "--no-pdf", "-o", "out"], "binary.txt"),
    ("generate-staff-columns", ["generate", "-p", "school.toml", "--staff", "staff-bad.csv", "--no-pdf", "-o", "out"], "staff-bad.csv"),
    ("generate-staff-binary", ["generate", "-p", "school.toml", "--staff", "staff-binary.csv", "--no-pdf", "-o", "out"], "staff-binary.csv"),
    ("generate-staff-missing", ["generate", "-p", "school.toml", "--staff", "nope.csv", "--no-pdf", "-o", "out"], "nope.csv"),
    ("generate-templates-missing", ["generate", "-p", "school.toml", "--templates", "nope", "--no-pdf", "-o", "out"], "nope"),
    ("generate-templates-empty", ["generate", "-p", "school.toml", "--templates", "templates-empty", "--no-pdf", "-o", "out"], "templates-empty"),
    ("generate-templates-broken", ["generate", "-p", "school.toml", "--templates", "templates-broken", "--no-pdf", "-o", "out"], "templates-broken/policy.md.jinja"),
    ("generate-output-is-file", ["generate", "-p", "school.toml", "--no-pdf", "-o", "plain-file"], "plain-file"),
    ("generate-output-under-file", ["generate", "-p", "school.toml", "--no-pdf", "-o", "plain-file/out"], "plain-file"),
    ("generate-bad-timestamp", ["generate", "-p", "school.toml", "--no-pdf", "-o", "out", "--timestamp", "yesterday"], "--timestamp"),
    # init (checked before any question is asked)
    ("init-exists", ["init", "school.toml"], "school.toml"),
    ("init-folder", ["init", "folder.txt", "--force"], "folder.txt"),
    ("init-under-file", ["init", "plain-file/school.toml"], "plain-file"),
    # demo
    ("demo-missing-samples", ["demo", "--samples", "nowhere", "-o", "out"], "nowhere"),
    ("demo-empty-samples", ["demo", "--samples", "samples-empty", "-o", "out"], "samples-empty"),
    ("demo-output-is-file", ["demo", "--samples", "samples-empty", "-o", "plain-file"], "plain-file"),
    # the group itself
    ("unknown-command", ["frobnicate"], "frobnicate"),
]

@pytest.mark.parametrize("case,argv,named", BAD, ids=[case for case, _, _ in BAD])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(case, argv, named, tmp_path, monkeypatch):
    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = _fingerprint(tmp_path)
    result = CliRunner().invoke(main, argv, input="")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("policykit: error: "), lines[0]
    assert "Traceback" not in result.stderr
    assert named in lines[0], (case, lines[0])
    assert result.stdout == "", result.stdout  # no half-printed report, no questions asked
    assert _fingerprint(tmp_path) == before  # no output, no temp file, no empty folder, inputs intact


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "toolkit", *argv], cwd=cwd, env=env, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=60)


# One real process per command: what a user's shell sees, stdout and stderr kept apart.
SUBPROCESS_CASES = ["parse-corrupt-docx", "diff-output-under-file", "compare-bad-as-of", "generate-templates-broken",
                    "init-under-file", "demo-empty-samples", "unknown-command"]


@pytest.mark.parametrize("case", SUBPROCESS_CASES)
def test_bad_input_in_a_real_process(case, tmp_path):
    argv, named = next((argv, named) for name, argv, named in BAD if name == case)
    _workspace(tmp_path)
    before = _fingerprint(tmp_path)
    completed = _run(argv, tmp_path)
    assert completed.returncode == 2, completed.stderr
    assert completed.stdout == ""
    assert len(completed.stderr.splitlines()) == 1 and completed.stderr.startswith("policykit: error: "), completed.stderr
    assert named in completed.stderr
    assert _fingerprint(tmp_path) == before


def test_template_error_names_the_template_by_its_path(tmp_path, monkeypatch):
    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["generate", "-p", "school.toml", "--templates", "templates-broken", "--no-pdf"])
    # The appended `{% if %}` is the file's last line: the message must point there.
    last_line = len((tmp_path / "templates-broken" / "policy.md.jinja").read_text(encoding="utf-8").splitlines())
    assert result.stderr.startswith(f"policykit: error: templates-broken/policy.md.jinja: line {last_line}:"), result.stderr


def test_empty_profile_says_so_instead_of_listing_every_field(tmp_path, monkeypatch):
    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["generate", "-p", "empty.txt", "--no-pdf"])
    assert result.stderr == "policykit: error: empty.txt: empty profile; create one with `policykit init`\n"


def test_output_under_a_file_names_the_file_in_the_way(tmp_path, monkeypatch):
    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff", "old.txt", "new.txt", "-o", "plain-file/sub/report.html"])
    assert result.stderr == ("policykit: error: plain-file/sub/report.html: cannot write here: "
                             "plain-file is a file, not a folder\n")


def test_format_into_a_plain_text_name_is_allowed(tmp_path, monkeypatch):
    """Only document formats (docx, html) must match their extension: JSON into a .txt is a fair wish."""
    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff", "old.txt", "new.txt", "-o", "changes.txt", "--format", "json"])
    assert result.exit_code == 1, result.stderr
    assert (tmp_path / "changes.txt").read_text(encoding="utf-8").lstrip().startswith("{")


def test_broken_libreoffice_says_how_to_go_on_and_writes_nothing(tmp_path, monkeypatch):
    """A LibreOffice that produces no PDF stops generate with a way forward (--no-pdf)."""
    import toolkit.generate.api as generate_api
    import toolkit.render.pdf as pdf

    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "soffice_path", lambda: str(fake))
    monkeypatch.setattr(generate_api, "soffice_path", lambda: str(fake))
    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = _fingerprint(tmp_path)
    result = CliRunner().invoke(main, ["generate", "-p", "school.toml", "-o", "out"])
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1 and "--no-pdf" in result.stderr, result.stderr
    assert _fingerprint(tmp_path) == before


def test_one_policy_is_not_one_policies(tmp_path, monkeypatch):
    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["compare", "old.txt", "-o", "trust.json"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Compared 1 policy of 1 school "), result.stdout


@pytest.mark.parametrize("answers", ["", "Oak Primary\n\n\n\nMs Head\n"])
def test_init_without_enough_answers_is_a_clear_error(tmp_path, monkeypatch, answers):
    """Piped or closed stdin used to end in click's bare "Aborted!" and exit 1."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "school.toml"], input=answers)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        "policykit: error: school.toml: the answers ran out before the last question "
        "(init asks its questions in a terminal: run it there)"]
    assert not (tmp_path / "school.toml").exists()


def test_a_closed_pipe_is_not_an_error(tmp_path):
    """`policykit compare ... | head -1`: the reader leaves early; no error line, exit as SIGPIPE would."""
    _workspace(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "toolkit", "compare", "old.txt", "new.txt", "-o", "trust.json"],
                               cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    process.stdout.close()  # nobody reads what it prints
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141, stderr
    assert stderr == ""


def test_names_from_data_stay_inside_the_output_folder(tmp_path, monkeypatch):
    """A school called "../../x" and odd policy file names land under -o, nowhere else."""
    import re

    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    profile = re.sub(r'(?m)^school_name = .*$', r'school_name = "../../escaped /etc/passwd \\\\ C:\\\\x"', PROFILE)
    (tmp_path / "escape.toml").write_text(profile, encoding="utf-8")
    runner = CliRunner()
    generated = runner.invoke(main, ["generate", "-p", "escape.toml", "-o", "deep/out", "--no-pdf"])
    assert generated.exit_code == 0, generated.output
    folders = [path for path in (tmp_path / "deep" / "out").iterdir()]
    assert len(folders) == 1 and folders[0].is_dir() and ".." not in folders[0].name, folders
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in _WORKSPACE_NAMES) == ["deep", "escape.toml"]
    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "x..txt").write_text(NEW_POLICY, encoding="utf-8")  # its diff page is named from the file name
    compared = runner.invoke(main, ["compare", "old.txt", str(policies / "x..txt"), "--baseline", "old.txt",
                                    "-o", "reports/trust.html"])
    assert compared.exit_code == 0, compared.output
    written = sorted(str(path.relative_to(tmp_path / "reports")) for path in (tmp_path / "reports").rglob("*.html"))
    assert written and all(name == "trust.html" or name.startswith("trust-diffs/") for name in written), written


_WORKSPACE_NAMES = {
    "old.txt", "new.txt", "empty.txt", "binary.txt", "corrupt.docx", "corrupt.pdf", "policy.rtf", "folder.txt",
    "plain-file", "topics.json", "topics-bad.toml", "school.toml", "school-bad.toml", "staff-bad.csv",
    "staff-binary.csv", "templates-broken", "templates-empty", "samples-empty",
}
