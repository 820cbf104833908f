"""policykit generate for several schools in one run: profiles, a folder, a CSV; one LibreOffice call."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import toolkit.render.pdf as pdf_module
from toolkit.cli import main
from toolkit.errors import EXIT_SOME_FAILED
from toolkit.generate.api import generate_policies, generate_policy
from toolkit.generate.schools import read_schools_csv
from toolkit.generate.templates import builtin_samples_dir

SAMPLE = (builtin_samples_dir() / "sample-profile.toml").read_text(encoding="utf-8")
STAMP = "2025-03-21T09:00:00"
STAMP_DT = dt.datetime(2025, 3, 21, 9, 0, tzinfo=dt.UTC)

CSV_HEADER = ["school_name", "school_type", "trust", "headteacher", "designated_safeguarding_lead",
              "deputy_safeguarding_lead", "data_protection_officer", "chair_of_governors", "approving_body",
              "approval_date", "review_cycle_years", "version", "pupil_age_range", "official_accounts",
              "options.legislation_appendix"]


def _profiles(folder: Path) -> dict[str, Path]:
    """Two good schools and one whose profile lacks its headteacher."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "oakfield": SAMPLE,
        "riverside": SAMPLE.replace("Oakfield Primary School", "Riverside Church of England Academy")
                           .replace('school_type = "primary"', 'school_type = "secondary"')
                           .replace('pupil_age_range = "4-11"', 'pupil_age_range = "11-18"')
                           .replace("all_pupils_under_13 = true\n", ""),
        "broken": "\n".join(line for line in SAMPLE.splitlines() if not line.startswith("headteacher")) + "\n",
    }
    paths = {}
    for name, text in files.items():
        paths[name] = folder / f"{name}.toml"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _run(args):
    return CliRunner().invoke(main, ["generate", *args])


def test_three_profiles_one_invalid_writes_two_sets_and_exits_3(tmp_path):
    paths = _profiles(tmp_path / "profiles")
    out = tmp_path / "out"
    result = _run(["-p", str(paths["oakfield"]), "-p", str(paths["broken"]), "-p", str(paths["riverside"]),
                   "-o", str(out), "--timestamp", STAMP, "--no-pdf"])
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    assert sorted(p.name for p in out.iterdir()) == ["oakfield-primary-school",
                                                     "riverside-church-of-england-academy"]
    for folder in out.iterdir():
        assert {"policy.docx", "policy.md", "policy.html", "declaration.docx", "manifest.json"} <= {
            p.name for p in folder.iterdir()}
    errors = [line for line in result.stderr.splitlines() if line.startswith("policykit: error:")]
    assert len(errors) == 1
    assert "broken.toml" in errors[0] and "headteacher is required" in errors[0]
    assert "Oakfield Primary School" in result.stdout and "Riverside Church of England Academy" in result.stdout


def test_profiles_folder_takes_every_toml(tmp_path):
    paths = _profiles(tmp_path / "profiles")
    paths["broken"].unlink()
    (tmp_path / "profiles" / "notes.txt").write_text("not a profile", encoding="utf-8")
    out = tmp_path / "out"
    result = _run(["--profiles", str(tmp_path / "profiles"), "-o", str(out), "--no-pdf", "--timestamp", STAMP])
    assert result.exit_code == 0, result.output
    assert len(list(out.iterdir())) == 2


def test_nothing_generated_is_exit_2(tmp_path):
    paths = _profiles(tmp_path / "profiles")
    missing = tmp_path / "nowhere.toml"
    result = _run(["-p", str(paths["broken"]), "-p", str(missing), "-o", str(tmp_path / "out"), "--no-pdf"])
    assert result.exit_code == 2
    assert "broken.toml" in result.stderr and "nowhere.toml" in result.stderr
    assert not (tmp_path / "out").exists()


def test_staff_with_several_schools_is_refused(tmp_path):
    paths = _profiles(tmp_path / "profiles")
    result = _run(["-p", str(paths["oakfield"]), "-p", str(paths["riverside"]),
                   "--staff", str(builtin_samples_dir() / "staff.csv"), "--no-pdf", "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "--staff is for one school" in result.stderr


def _write_csv(path: Path, rows: list[list[str]], header=CSV_HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


GOOD_ROW = ["Oakfield Primary School", "primary", "Northway Learning Trust", "Ms Amara Okafor", "Mr Daniel Reeve",
            "Mrs Helen Price", "Schools Data Protection Service (dpo@example.org)", "Dr Sunita Patel",
            "full governing board", "2025-03-21", "2", "2.0", "4-11", "yes", "true"]


def test_schools_csv_rows_become_sets_and_a_bad_row_is_named(tmp_path):
    second = list(GOOD_ROW)
    second[0], second[1], second[2], second[12] = "Hillcrest School", "secondary", "", "11-16"
    second[9] = "01/09/2025"
    bad = list(GOOD_ROW)
    bad[0], bad[3] = "Brookside Infant School", ""  # no headteacher
    table = _write_csv(tmp_path / "schools.csv", [GOOD_ROW, bad, second])
    out = tmp_path / "out"
    result = _run(["--schools", str(table), "-o", str(out), "--no-pdf", "--timestamp", STAMP])
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    assert sorted(p.name for p in out.iterdir()) == ["hillcrest-school", "oakfield-primary-school"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("policykit: error:")]
    assert len(errors) == 1 and "schools.csv row 3" in errors[0] and "headteacher is required" in errors[0]
    hillcrest = (out / "hillcrest-school" / "policy.md").read_text(encoding="utf-8")
    assert "Hillcrest School" in hillcrest and "1 September 2025" in hillcrest and "Trust" not in hillcrest.split("\n\n")[1]
    manifest = json.loads((out / "hillcrest-school" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["profile"]["file"] == "schools.csv" and manifest["profile"]["row"] == 4
    # The date typed the English way is said back, naming the row.
    assert "schools.csv row 4: approval_date: '01/09/2025' read as 1 September 2025" in result.stderr


def test_csv_row_gives_the_same_files_as_the_profile_it_transcribes(tmp_path):
    table = _write_csv(tmp_path / "schools.csv", [GOOD_ROW])
    (source,) = list(read_schools_csv(table))
    single = generate_policy(builtin_samples_dir() / "sample-profile.toml", None, tmp_path / "one",
                             timestamp=STAMP_DT, pdf=False)
    batch = generate_policies([source], tmp_path / "many", timestamp=STAMP_DT, pdf=False)
    for name in ("policy.docx", "policy.md", "policy.html", "declaration.docx"):
        assert batch.results[0].outputs[name].read_bytes() == single.outputs[name].read_bytes(), name


def test_csv_unknown_column_names_the_file_and_suggests(tmp_path):
    header = list(CSV_HEADER)
    header[3] = "headteacher_name"
    table = _write_csv(tmp_path / "schools.csv", [GOOD_ROW], header=header)
    result = _run(["--schools", str(table), "-o", str(tmp_path / "out"), "--no-pdf"])
    assert result.exit_code == 2
    line = result.stderr.strip().splitlines()[0]
    assert "schools.csv" in line and "unknown column headteacher_name" in line and "did you mean 'headteacher'" in line


def test_csv_bad_option_value_uses_the_profile_message(tmp_path):
    row = list(GOOD_ROW)
    row[13] = "maybe"
    table = _write_csv(tmp_path / "schools.csv", [row])
    errors = list(read_schools_csv(table))
    assert len(errors) == 1 and "row 2" in str(errors[0]) and "options.official_accounts must be true or false" in str(errors[0])


def test_two_rows_for_one_school_keep_the_first(tmp_path):
    table = _write_csv(tmp_path / "schools.csv", [GOOD_ROW, GOOD_ROW])
    result = _run(["--schools", str(table), "-o", str(tmp_path / "out"), "--no-pdf"])
    assert result.exit_code == EXIT_SOME_FAILED
    assert "schools.csv row 3" in result.stderr and "already generated in this run from" in result.stderr


def test_batch_outputs_are_byte_identical_to_single_runs(tmp_path):
    paths = _profiles(tmp_path / "profiles")
    batch = _run(["-p", str(paths["oakfield"]), "-p", str(paths["riverside"]), "-o", str(tmp_path / "batch"),
                  "--timestamp", STAMP, "--no-pdf", "--model"])
    assert batch.exit_code == 0, batch.output
    for name in ("oakfield", "riverside"):
        single = _run(["-p", str(paths[name]), "-o", str(tmp_path / "single"), "--timestamp", STAMP, "--no-pdf",
                       "--model"])
        assert single.exit_code == 0, single.output
    folders = sorted(p.name for p in (tmp_path / "single").iterdir())
    assert folders == sorted(p.name for p in (tmp_path / "batch").iterdir()) and len(folders) == 2
    for folder in folders:
        for name in ("policy.docx", "policy.md", "policy.html", "declaration.docx", "model.docx", "manifest.json"):
            ours = (tmp_path / "batch" / folder / name).read_bytes()
            assert ours == (tmp_path / "single" / folder / name).read_bytes(), f"{folder}/{name}"


class _SpyRun:
    """Counts LibreOffice starts; pretends to convert so that the test needs no LibreOffice."""

    def __init__(self):
        self.commands = []

    def __call__(self, command, **kwargs):
        self.commands.append(command)
        outdir = Path(command[command.index("--outdir") + 1])
        outdir.mkdir(parents=True, exist_ok=True)
        for source in (Path(arg) for arg in command if arg.endswith(".docx")):
            (outdir / f"{source.stem}.pdf").write_bytes(b"%PDF-1.4 " + source.stem.encode())
        return subprocess.CompletedProcess(command, 0, b"", b"")


def test_one_libreoffice_call_for_all_schools(tmp_path, monkeypatch):
    spy = _SpyRun()
    monkeypatch.setattr(pdf_module, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr("toolkit.generate.api.soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_module.subprocess, "run", spy)
    folder = tmp_path / "profiles"
    folder.mkdir()
    names = []
    for i in range(5):
        name = f"School Number {i}"
        names.append(name)
        (folder / f"s{i}.toml").write_text(SAMPLE.replace("Oakfield Primary School", name), encoding="utf-8")
    result = _run(["--profiles", str(folder), "-o", str(tmp_path / "out"), "--timestamp", STAMP])
    assert result.exit_code == 0, result.output
    assert len(spy.commands) == 1
    assert sum(arg.endswith(".docx") for arg in spy.commands[0]) == 5
    for i in range(5):
        pdf = tmp_path / "out" / f"school-number-{i}" / "policy.pdf"
        # Each school's own PDF, not a neighbour's.
        assert pdf.read_bytes() == f"%PDF-1.4 school-number-{i}".encode()
        manifest = json.loads(pdf.with_name("manifest.json").read_text(encoding="utf-8"))
        assert "policy.pdf" in manifest["outputs"]


def test_a_school_whose_pdf_failed_is_not_published_and_the_others_are(tmp_path, monkeypatch):
    spy = _SpyRun()

    def failing_one(command, **kwargs):
        done = spy(command, **kwargs)
        outdir = Path(command[command.index("--outdir") + 1])
        (outdir / "school-number-1.pdf").unlink()
        return done

    monkeypatch.setattr("toolkit.generate.api.soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_module, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_module.subprocess, "run", failing_one)
    paths = []
    for i in range(3):
        paths += ["-p", str(tmp_path / f"s{i}.toml")]
        (tmp_path / f"s{i}.toml").write_text(SAMPLE.replace("Oakfield Primary School", f"School Number {i}"),
                                             encoding="utf-8")
    result = _run([*paths, "-o", str(tmp_path / "out")])
    assert result.exit_code == EXIT_SOME_FAILED
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["school-number-0", "school-number-2"]
    assert "s1.toml: LibreOffice could not convert policy.docx to PDF" in result.stderr


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler (pdftotext) is not installed")
def test_real_libreoffice_batch_gives_each_school_its_own_pdf(tmp_path, monkeypatch):
    calls = []
    real_run = subprocess.run

    def counting(command, **kwargs):
        calls.append(command)
        return real_run(command, **kwargs)

    monkeypatch.setattr(pdf_module.subprocess, "run", counting)
    paths = _profiles(tmp_path / "profiles")
    paths["broken"].unlink()
    result = _run(["--profiles", str(tmp_path / "profiles"), "-o", str(tmp_path / "out"), "--timestamp", STAMP])
    assert result.exit_code == 0, result.output
    assert len(calls) == 1
    for folder, school in (("oakfield-primary-school", "Oakfield Primary School"),
                           ("riverside-church-of-england-academy", "Riverside Church of England Academy")):
        pdf = tmp_path / "out" / folder / "policy.pdf"
        text = real_run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert school in " ".join(text.split())


def test_a_long_list_goes_through_in_chunks_one_libreoffice_run_each(tmp_path, monkeypatch):
    spy = _SpyRun()
    monkeypatch.setattr("toolkit.generate.api.BATCH_CHUNK", 2)
    monkeypatch.setattr("toolkit.generate.api.soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_module, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_module.subprocess, "run", spy)
    paths = []
    for i in range(5):
        paths.append(tmp_path / f"s{i}.toml")
        paths[-1].write_text(SAMPLE.replace("Oakfield Primary School", f"School Number {i}"), encoding="utf-8")
    paths.append(paths[0])  # in the last chunk: still refused as a repeat of the first chunk's school
    batch = generate_policies(paths, tmp_path / "out", timestamp=STAMP_DT)
    assert [len([a for a in c if a.endswith(".docx")]) for c in spy.commands] == [2, 2, 1]
    assert len(batch.results) == 5 and len(batch.failures) == 1
    assert "already generated in this run" in str(batch.failures[0])
    for i in range(5):
        assert (tmp_path / "out" / f"school-number-{i}" / "policy.pdf").read_bytes() == f"%PDF-1.4 school-number-{i}".encode()
