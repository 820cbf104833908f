"""The school profile: every missing or invalid field has its own exact one-line error."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from toolkit.errors import FileMissingError, ProfileError
from toolkit.generate.profile import load_profile, parse_profile, profile_to_toml
from toolkit.generate.templates import builtin_samples_dir

VALID = """\
school_name = "Oakfield Primary School"
school_type = "primary"
trust = "Northway Learning Trust"
headteacher = "Ms A. Okafor"
designated_safeguarding_lead = "Mr D. Reeve"
deputy_safeguarding_lead = "Mrs H. Price"
data_protection_officer = "Schools DPO Service"
chair_of_governors = "Dr S. Patel"
approving_body = "full governing board"
approval_date = 2024-03-21
review_cycle_years = 2
version = "2.0"
pupil_age_range = "4-11"
"""


def write(tmp_path: Path, text: str, name: str = "school.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def replace_line(field: str, line: str | None) -> str:
    """VALID with the line for ``field`` replaced (None: removed)."""
    lines = []
    for existing in VALID.splitlines():
        if existing.startswith(f"{field} ="):
            if line is not None:
                lines.append(line)
        else:
            lines.append(existing)
    return "\n".join(lines) + "\n"


def error_for(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    return str(caught.value)


def test_valid_profile_and_derived_dates(tmp_path):
    profile = load_profile(write(tmp_path, VALID))
    assert profile.school_name == "Oakfield Primary School"
    assert profile.approval_date == dt.date(2024, 3, 21)
    assert profile.next_review_date == dt.date(2026, 3, 21)
    assert profile.next_review_date_text == "21 March 2026"
    # Options default sensibly; "all pupils under 13" follows the age range.
    assert profile.options_chosen() == {
        "official_accounts": True,
        "personal_devices_at_break": True,
        "all_pupils_under_13": True,
        "legislation_appendix": True,
    }


def test_next_review_from_a_leap_day_lands_on_28_february(tmp_path):
    profile = load_profile(write(tmp_path, replace_line("approval_date", "approval_date = 2024-02-29")))
    assert profile.next_review_date == dt.date(2026, 2, 28)


def test_secondary_age_range_means_not_all_under_13(tmp_path):
    profile = load_profile(write(tmp_path, replace_line("pupil_age_range", 'pupil_age_range = "11 to 18"')))
    assert profile.pupil_age_range == "11-18"
    assert profile.options.all_pupils_under_13 is False


def test_trust_is_optional(tmp_path):
    assert load_profile(write(tmp_path, replace_line("trust", None))).trust is None
    assert load_profile(write(tmp_path, replace_line("trust", 'trust = ""'))).trust is None


REQUIRED_FIELDS = {
    "school_name": "school_name is required (the school's full name)",
    "school_type": "school_type is required (one of nursery, primary, secondary, special, all-through)",
    "headteacher": "headteacher is required (the headteacher's name)",
    "designated_safeguarding_lead": "designated_safeguarding_lead is required (the designated safeguarding lead's name)",
    "deputy_safeguarding_lead": "deputy_safeguarding_lead is required (the deputy designated safeguarding lead's name)",
    "data_protection_officer": "data_protection_officer is required (the data protection officer (a name or a service))",
    "chair_of_governors": "chair_of_governors is required (the chair of governors' name)",
    "approving_body": "approving_body is required (one of full governing board, committee, trust board, headteacher)",
    "approval_date": "approval_date is required (the date the policy was approved: 2025-09-15, or in quotes "
                     '"15/09/2025" or "15 September 2025")',
    "review_cycle_years": "review_cycle_years is required (years between reviews, 1 to 3)",
    "version": 'version is required (the policy\'s version, in quotes, e.g. "1.0")',
    "pupil_age_range": 'pupil_age_range is required (the ages of pupils, e.g. "4-11")',
}


@pytest.mark.parametrize("field", sorted(REQUIRED_FIELDS))
def test_each_missing_field_has_its_exact_error(tmp_path, field):
    assert error_for(tmp_path, replace_line(field, None)) == f"{tmp_path / 'school.toml'}: {REQUIRED_FIELDS[field]}"


INVALID = [
    ("approval_date", 'approval_date = "2024-02-30"', "approval_date: 2024-02-30 is not a date"),
    # Unquoted, TOML itself refuses the date; the message is the same.
    ("approval_date", "approval_date = 2024-02-30", "approval_date: 2024-02-30 is not a date"),
    ("approval_date", 'approval_date = "next spring"', "approval_date: next spring is not a date"),
    ("review_cycle_years", "review_cycle_years = 4", "review_cycle_years must be 1 to 3"),
    ("review_cycle_years", "review_cycle_years = 0", "review_cycle_years must be 1 to 3"),
    ("review_cycle_years", 'review_cycle_years = "2"', "review_cycle_years must be 1 to 3"),
    ("review_cycle_years", "review_cycle_years = true", "review_cycle_years must be 1 to 3"),
    ("school_type", 'school_type = "college"',
     "school_type: 'college' is not one of nursery, primary, secondary, special, all-through"),
    ("approving_body", 'approving_body = "parents"',
     "approving_body: 'parents' is not one of full governing board, committee, trust board, headteacher"),
    ("version", "version = 2.0", 'version must be text in quotes, e.g. version = "2.0"'),
    ("headteacher", 'headteacher = "   "', "headteacher must not be empty"),
    ("headteacher", "headteacher = 7", "headteacher must be text in quotes"),
    ("headteacher", 'headteacher = "Ms A\\u0000B"', "headteacher contains a control character"),
    ("school_name", 'school_name = "' + "x" * 201 + '"', "school_name is too long (at most 200 characters)"),
    ("pupil_age_range", 'pupil_age_range = "11-4"', "pupil_age_range: '11-4' is not an age range like \"4-11\""),
    ("pupil_age_range", 'pupil_age_range = "infants"',
     "pupil_age_range: 'infants' is not an age range like \"4-11\""),
]


@pytest.mark.parametrize(("field", "line", "message"), INVALID, ids=[f"{f}:{text[-12:]}" for f, text, _ in INVALID])
def test_each_invalid_field_has_its_exact_error(tmp_path, field, line, message):
    assert error_for(tmp_path, replace_line(field, line)) == f"{tmp_path / 'school.toml'}: {message}"


def test_school_type_and_body_are_forgiving_about_case_and_spacing(tmp_path):
    text = replace_line("school_type", 'school_type = "All Through"')
    text = text.replace('"full governing board"', '"Full  Governing Board"')
    profile = load_profile(write(tmp_path, text))
    assert (profile.school_type, profile.approving_body) == ("all-through", "full governing board")


def test_unknown_fields_and_options_are_named_with_a_suggestion(tmp_path):
    assert error_for(tmp_path, VALID + 'headteacher_name = "x"\n').endswith(
        "unknown field 'headteacher_name' (did you mean 'headteacher'?)"
    )
    message = error_for(tmp_path, VALID + "[options]\nofficial_acounts = true\n")
    assert message.endswith(
        "options.official_acounts: unknown option (did you mean 'official_accounts'?); known options: "
        "official_accounts, personal_devices_at_break, all_pupils_under_13, legislation_appendix"
    )
    assert error_for(tmp_path, VALID + '[options]\nofficial_accounts = "yes"\n').endswith(
        "options.official_accounts must be true or false"
    )


def test_several_problems_are_reported_together_on_one_line(tmp_path):
    text = replace_line("review_cycle_years", "review_cycle_years = 5").replace("2024-03-21", '"2024-13-01"')
    message = error_for(tmp_path, text)
    assert message == (
        f"{tmp_path / 'school.toml'}: approval_date: 2024-13-01 is not a date; review_cycle_years must be 1 to 3"
    )
    assert "\n" not in message


def test_file_problems(tmp_path):
    with pytest.raises(FileMissingError):
        load_profile(tmp_path / "absent.toml")
    assert "not valid TOML" in error_for(tmp_path, "school_name = \n")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(VALID.replace("Okafor", "Ok\xe1for").encode("latin-1"))
    with pytest.raises(ProfileError, match="not UTF-8"):
        load_profile(bad)


def test_profile_to_toml_reads_back_identically(tmp_path):
    data = tomllib.loads(VALID)
    data["school_name"] = 'St Mary\'s "Oak" \\ Field C of E School'
    profile = parse_profile(data)
    text = profile_to_toml(profile)
    again = parse_profile(tomllib.loads(text))
    assert again == profile


def test_the_sample_profile_is_valid():
    profile = load_profile(builtin_samples_dir() / "sample-profile.toml")
    assert profile.school_name == "Oakfield Primary School"
