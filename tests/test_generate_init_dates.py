"""English dates in `init` and the profile, said back; contradictory answers warned about."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.errors import ProfileError
from toolkit.generate.profile import load_profile, read_english_date
from toolkit.generate.templates import builtin_samples_dir

SAMPLE = builtin_samples_dir() / "sample-profile.toml"


def _answers(date: str, school_type: str = "", ages: str = "", under_13: str = "") -> str:
    return "\n".join([
        "Oakfield Primary School", school_type, "", ages,
        "Mrs Head", "Mr Lead", "Ms Deputy", "County DPO", "Rev Chair",
        "", date, "1", "",
        "", "", under_13, "",
    ]) + "\n"


@pytest.mark.parametrize("typed", ["15/09/2025", "15 September 2025", "2025-09-15", "15th Sept 2025",
                                   "Monday 15 September 2025", "15.09.2025"])
def test_init_accepts_english_dates_and_records_iso(tmp_path, typed):
    target = tmp_path / "school.toml"
    result = CliRunner().invoke(main, ["init", str(target)], input=_answers(typed))
    assert result.exit_code == 0, result.output
    assert f"Understood '{typed}' read as 15 September 2025 (2025-09-15)." in result.output
    assert "approval_date = 2025-09-15" in target.read_text(encoding="utf-8")
    assert load_profile(target).approval_date == dt.date(2025, 9, 15)


def test_init_asks_again_for_a_date_it_cannot_read(tmp_path):
    target = tmp_path / "school.toml"
    answers = _answers("31/02/2025\n15 September 2025")
    result = CliRunner().invoke(main, ["init", str(target)], input=answers)
    assert result.exit_code == 0, result.output
    assert "31/02/2025 is not a date (use 15/09/2025, 15 September 2025 or 2025-09-15)" in result.output
    assert load_profile(target).approval_date == dt.date(2025, 9, 15)


@pytest.mark.parametrize(("text", "expected"), [
    ("15/09/2025", dt.date(2025, 9, 15)), ("1/2/2025", dt.date(2025, 2, 1)),  # day first, always
    ("15 September 2025", dt.date(2025, 9, 15)), ("15 sept 2025", dt.date(2025, 9, 15)),
    ("2nd of March 2024", dt.date(2024, 3, 2)),
    ("09/2025", None), ("September 2025", None), ("30/02/2025", None), ("15/09/25 and more", None),
    ("2025/09/15", None),
])
def test_read_english_date(text, expected):
    assert read_english_date(text) == expected


def test_profile_accepts_a_quoted_english_date_and_says_how_it_read_it(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    profile = tmp_path / "school.toml"
    lines = [('approval_date = "15/09/2025"' if line.startswith("approval_date") else line)
             for line in text.splitlines()]
    profile.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_profile(profile)
    assert loaded.approval_date == dt.date(2025, 9, 15)
    assert loaded.notes == ("approval_date: '15/09/2025' read as 15 September 2025 (2025-09-15)",)
    result = CliRunner().invoke(main, ["generate", "--profile", str(profile), "-o", str(tmp_path / "out"),
                                       "--no-pdf", "--timestamp", "2025-09-15T09:00:00Z"])
    assert result.exit_code == 0, result.output
    assert "note:" in result.output and "'15/09/2025' read as 15 September 2025 (2025-09-15)" in result.output


def test_unreadable_profile_date_is_still_an_error(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    profile = tmp_path / "school.toml"
    profile.write_text("\n".join(('approval_date = "09/15/2025"' if line.startswith("approval_date") else line)
                                 for line in text.splitlines()) + "\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="approval_date: 09/15/2025 is not a date"):
        load_profile(profile)


def test_secondary_profile_saying_all_pupils_are_under_13_is_warned_not_refused(tmp_path):
    target = tmp_path / "school.toml"
    answers = _answers("15/09/2025", school_type="secondary", ages="11-18", under_13="y")
    result = CliRunner().invoke(main, ["init", str(target)], input=answers)
    assert result.exit_code == 0, result.output
    assert ('warning: ' in result.output and 'options.all_pupils_under_13 = true, but pupil_age_range = "11-18" '
            'includes pupils of 13 and over' in result.output)
    profile = load_profile(target)
    assert profile.options.all_pupils_under_13 is True  # kept as answered
    generated = CliRunner().invoke(main, ["generate", "--profile", str(target), "-o", str(tmp_path / "out"),
                                          "--no-pdf"])
    assert generated.exit_code == 0
    assert "options.all_pupils_under_13 = true, but pupil_age_range" in generated.output


def test_school_type_and_age_range_that_share_no_year_are_warned(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    profile = tmp_path / "school.toml"
    text = "\n".join('school_type = "secondary"' if line.startswith("school_type") else line
                     for line in text.splitlines())
    profile.write_text(text + "\n", encoding="utf-8")
    loaded = load_profile(profile)
    assert any('school_type = "secondary" (usually ages 11-18), but pupil_age_range = "4-11"' in w
               for w in loaded.warnings)


def test_consistent_sample_has_no_warnings():
    assert load_profile(SAMPLE).warnings == ()
