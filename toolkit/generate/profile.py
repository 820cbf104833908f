"""The school profile: who the school is, who approves its policy, and which options apply.

A profile is a small TOML file a head (or ``policykit init``) writes once a year::

    school_name = "Oakfield Primary School"
    school_type = "primary"            # nursery, primary, secondary, special, all-through
    trust = "Northway Learning Trust"   # optional
    headteacher = "Ms A. Example"
    designated_safeguarding_lead = "Mr B. Example"
    deputy_safeguarding_lead = "Mrs C. Example"
    data_protection_officer = "D. Example, Schools DPO Service"
    chair_of_governors = "Dr E. Example"
    approving_body = "full governing board"   # committee, trust board, headteacher
    approval_date = 2025-03-21
    review_cycle_years = 1              # 1 to 3; the next review date follows
    version = "1.0"
    pupil_age_range = "4-11"

    [options]
    official_accounts = true            # the school runs official social media accounts
    personal_devices_at_break = true    # staff may use personal devices at break times
    all_pupils_under_13 = true          # default: from pupil_age_range
    legislation_appendix = true         # include the legislation appendix

Validation is pydantic's, but the messages are ours: each problem is one short
line naming the field ("approval_date: 2024-02-30 is not a date",
"review_cycle_years must be 1 to 3"), because a head fixing a file needs
the field and the fix, not a validation trace.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import hashlib
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from ..dates import uk_long_date
from ..errors import FileMissingError, ProfileError

SCHOOL_TYPES = ("nursery", "primary", "secondary", "special", "all-through")
APPROVING_BODIES = ("full governing board", "committee", "trust board", "headteacher")
MAX_PROFILE_BYTES = 256 * 1024

# The age range each type of school usually has: init's default, and a hint in errors.
TYPICAL_AGE_RANGES = {
    "nursery": "2-5",
    "primary": "4-11",
    "secondary": "11-18",
    "special": "2-19",
    "all-through": "4-18",
}

# Human descriptions used by ``policykit init`` and in error messages.
FIELD_HELP = {
    "school_name": "the school's full name",
    "school_type": "one of " + ", ".join(SCHOOL_TYPES),
    "trust": "the academy trust, if the school is in one",
    "headteacher": "the headteacher's name",
    "designated_safeguarding_lead": "the designated safeguarding lead's name",
    "deputy_safeguarding_lead": "the deputy designated safeguarding lead's name",
    "data_protection_officer": "the data protection officer (a name or a service)",
    "chair_of_governors": "the chair of governors' name",
    "approving_body": "one of " + ", ".join(APPROVING_BODIES),
    "approval_date": "the date the policy was approved: 2025-09-15, or in quotes \"15/09/2025\" or \"15 September 2025\"",
    "review_cycle_years": "years between reviews, 1 to 3",
    "version": "the policy's version, in quotes, e.g. \"1.0\"",
    "pupil_age_range": "the ages of pupils, e.g. \"4-11\"",
}

OPTION_HELP = {
    "official_accounts": "the school runs official social media accounts",
    "personal_devices_at_break": "staff may use personal devices at break times",
    "all_pupils_under_13": "all pupils are under 13",
    "legislation_appendix": "include the legislation appendix",
}

_MAX_TEXT = 200
_AGE_RANGE = re.compile(r"^\s*(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*$")


def normalise_age_range(text: str) -> str | None:
    """'4 to 11', '4-11', '4–11' -> '4-11'; None when it is not a plausible range of pupil ages."""
    m = _AGE_RANGE.match(text)
    if not m or not 2 <= int(m[1]) <= int(m[2]) <= 25:
        return None
    return f"{int(m[1])}-{int(m[2])}"


_MONTH_NUMBERS = {
    name.lower(): index
    for index in range(1, 13)
    for name in (calendar.month_name[index], calendar.month_abbr[index])
}
_MONTH_NUMBERS["sept"] = 9
_NUMERIC_DATE = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})")
_WORDED_DATE = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"([a-z]{3,9})\.?,?\s+(\d{4})", re.IGNORECASE)


def read_english_date(text: str) -> dt.date | None:
    """A whole date as an English user types it: ``2025-09-15``, ``15/09/2025``
    (day first, as in England; ``-`` or ``.`` between the parts too),
    ``15 September 2025``, ``15th Sept 2025``, ``Monday 15 September 2025``.
    None when ``text`` is not exactly one such date (no guessing at partial dates)."""
    text = " ".join(str(text).split())
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    day = month = year = None
    if m := _NUMERIC_DATE.fullmatch(text):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    elif m := _WORDED_DATE.fullmatch(text):
        day, month, year = int(m[1]), _MONTH_NUMBERS.get(m[2].lower()), int(m[3])
    if day is None or month is None or year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def understood_date(text: str, value: dt.date) -> str:
    """What we say back so that a misread date is caught: '15/09/2025' read as 15 September 2025 (2025-09-15)."""
    return f"'{text}' read as {uk_long_date(value)} ({value.isoformat()})"


def _text(field: str, value: Any) -> str:
    if not isinstance(value, str):
        if field == "version" and isinstance(value, (int, float)):
            raise ValueError(f'version must be text in quotes, e.g. version = "{value}"')
        raise ValueError(f"{field} must be text in quotes")
    cleaned = " ".join(value.split())
    if not cleaned:
        raise ValueError(f"{field} must not be empty")
    if any(not ch.isprintable() for ch in cleaned):
        raise ValueError(f"{field} contains a control character")
    if len(cleaned) > _MAX_TEXT:
        raise ValueError(f"{field} is too long (at most {_MAX_TEXT} characters)")
    marker = _MARKDOWN_START.match(cleaned)
    if marker:
        # Templates are Markdown: at the start of a line this would become a heading, a
        # list item or a table, and the error would then point at the template.
        raise ValueError(f"{field} cannot start with '{marker.group(0).strip()}' (the policy would read it as "
                         "a heading, list or table); remove it")
    return cleaned


_MARKDOWN_START = re.compile(r"^(#+|\||:::|[-*](?=\s)|\d+\.(?=\s)|[a-z]\.(?=\s))")


class ProfileOptions(BaseModel):
    """The choices that switch optional parts of the policy on and off."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    official_accounts: bool = True
    personal_devices_at_break: bool = True
    # None until the profile resolves it from the pupil age range.
    all_pupils_under_13: bool | None = None
    legislation_appendix: bool = True


class SchoolProfile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    school_name: str
    school_type: Literal["nursery", "primary", "secondary", "special", "all-through"]
    trust: str | None = None
    headteacher: str
    designated_safeguarding_lead: str
    deputy_safeguarding_lead: str
    data_protection_officer: str
    chair_of_governors: str
    approving_body: Literal["full governing board", "committee", "trust board", "headteacher"]
    approval_date: dt.date
    review_cycle_years: int
    version: str
    pupil_age_range: str
    options: ProfileOptions = ProfileOptions()
    # For `policykit adopt`: how a trust's model is filled (see toolkit.adopt.mapping);
    # checked there, where the model it applies to is known.
    adopt: dict[str, Any] | None = None
    # What loading noticed and the user should hear (a date typed the English way and how
    # it was read); set by ``parse_profile``, not part of the profile's data.
    _notes: tuple[str, ...] = PrivateAttr(default=())

    @field_validator(
        "school_name", "trust", "headteacher", "designated_safeguarding_lead", "deputy_safeguarding_lead",
        "data_protection_officer", "chair_of_governors", "version", mode="before",
    )
    @classmethod
    def _clean_text(cls, value: Any, info) -> str | None:
        if info.field_name == "trust" and isinstance(value, str) and not value.strip():
            return None  # trust = "" means the school is not in a trust
        return _text(info.field_name, value)

    @field_validator("school_type", "approving_body", mode="before")
    @classmethod
    def _choice(cls, value: Any, info) -> str:
        choices = SCHOOL_TYPES if info.field_name == "school_type" else APPROVING_BODIES
        if isinstance(value, str):
            normalised = " ".join(value.lower().replace("_", " ").split())
            if info.field_name == "school_type":
                normalised = normalised.replace(" ", "-")
            if normalised in choices:
                return normalised
        shown = value if isinstance(value, str) else repr(value)
        raise ValueError(f"{info.field_name}: '{shown}' is not one of {', '.join(choices)}")

    @field_validator("approval_date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            if value.year > dt.MAXYEAR - 3:
                # The next review (up to 3 years on) must still be a date.
                raise ValueError(f"approval_date: {value.isoformat()} is too far ahead (the year must be at most "
                                 f"{dt.MAXYEAR - 3})")
            return value
        if isinstance(value, str):
            understood = read_english_date(value)
            if understood is not None:
                return understood
        raise ValueError(f"approval_date: {value} is not a date")

    @field_validator("review_cycle_years", mode="before")
    @classmethod
    def _cycle(cls, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3:
            raise ValueError("review_cycle_years must be 1 to 3")
        return value

    @field_validator("pupil_age_range", mode="before")
    @classmethod
    def _ages(cls, value: Any) -> str:
        text = value if isinstance(value, str) else str(value)
        normalised = normalise_age_range(text)
        if normalised is None:
            raise ValueError(f"pupil_age_range: '{text}' is not an age range like \"4-11\"")
        return normalised

    @model_validator(mode="after")
    def _resolve_options(self) -> SchoolProfile:
        if self.options.all_pupils_under_13 is None:
            resolved = self.options.model_copy(update={"all_pupils_under_13": self.oldest_pupil_age < 13})
            object.__setattr__(self, "options", resolved)
        return self

    # -- derived values --------------------------------------------------------

    @property
    def youngest_pupil_age(self) -> int:
        return int(self.pupil_age_range.split("-")[0])

    @property
    def oldest_pupil_age(self) -> int:
        return int(self.pupil_age_range.split("-")[1])

    @property
    def next_review_date(self) -> dt.date:
        """Approval date plus the review cycle (29 February falls back to the 28th)."""
        target_year = self.approval_date.year + self.review_cycle_years
        try:
            return self.approval_date.replace(year=target_year)
        except ValueError:
            return self.approval_date.replace(year=target_year, day=28)

    @property
    def approval_date_text(self) -> str:
        return uk_long_date(self.approval_date)

    @property
    def next_review_date_text(self) -> str:
        return uk_long_date(self.next_review_date)

    @property
    def notes(self) -> tuple[str, ...]:
        return self._notes

    @property
    def warnings(self) -> tuple[str, ...]:
        """Answers that contradict each other: kept as given (the head may know better,
        e.g. a secondary that admits from 10), but each named with the answer it contradicts."""
        found = []
        ages = f'pupil_age_range = "{self.pupil_age_range}"'
        under_13 = self.options.all_pupils_under_13
        if under_13 and self.oldest_pupil_age >= 13:
            found.append(f"options.all_pupils_under_13 = true, but {ages} includes pupils of 13 and over")
        elif under_13 is False and self.oldest_pupil_age < 13:
            found.append(f"options.all_pupils_under_13 = false, but {ages} has every pupil under 13")
        typical = TYPICAL_AGE_RANGES[self.school_type]
        low, high = (int(part) for part in typical.split("-"))
        # Schools straddle the usual ranges (a middle school, a nursery class); only a
        # range that shares no year of schooling with the usual one, or touches it at
        # one age only (a "secondary" of 4-11), is a contradiction.
        if self.school_type not in ("special", "all-through") and (
                min(high, self.oldest_pupil_age) - max(low, self.youngest_pupil_age) < 1):
            found.append(f'school_type = "{self.school_type}" (usually ages {typical}), but {ages}')
        return tuple(found)

    def options_chosen(self) -> dict[str, bool]:
        return {name: bool(getattr(self.options, name)) for name in ProfileOptions.model_fields}


# --- loading and error messages ---------------------------------------------------

_KNOWN_FIELDS = tuple(SchoolProfile.model_fields)
_KNOWN_OPTIONS = tuple(ProfileOptions.model_fields)


def _suggest(name: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _problem(error: ErrorDetails) -> str:
    """One line for one pydantic error, in our words."""
    loc = [str(part) for part in error["loc"]]
    field = ".".join(loc)
    kind = error["type"]
    if kind == "missing":
        hint = FIELD_HELP.get(field)
        return f"{field} is required" + (f" ({hint})" if hint else "")
    if kind == "extra_forbidden":
        if loc[0] == "options" and len(loc) > 1:
            return f"options.{loc[-1]}: unknown option{_suggest(loc[-1], _KNOWN_OPTIONS)}; known options: " + ", ".join(
                _KNOWN_OPTIONS
            )
        return f"unknown field '{field}'{_suggest(field, _KNOWN_FIELDS)}"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if kind.startswith("bool"):
        return f"{field} must be true or false"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{field} must be a table like [{field}]"
    return f"{field}: {error['msg']}"


def parse_profile(data: dict[str, Any], *, path: str | Path = "profile") -> SchoolProfile:
    """Validate profile data (as tomllib gives it); raise ProfileError naming every problem."""
    notes = []
    raw_date = data.get("approval_date") if isinstance(data, dict) else None
    if isinstance(raw_date, str):
        understood = read_english_date(raw_date)
        if understood is not None and raw_date.strip() != understood.isoformat():
            notes.append("approval_date: " + understood_date(raw_date.strip(), understood))
    try:
        profile = SchoolProfile.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(error) for error in exc.errors(include_url=False)]
        raise ProfileError("; ".join(dict.fromkeys(problems)), path=path) from None
    profile._notes = tuple(notes)
    return profile


_DATE_SHAPED = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\d{4}-\d{1,2}-\d{1,2})\s*(#.*)?$")


def _toml_problem(text: str, exc: tomllib.TOMLDecodeError) -> str:
    # tomllib refuses an impossible date such as 2024-02-30 before we see it;
    # say so in the same words as a quoted impossible date would get.
    m = re.search(r"line (\d+)", str(exc))
    if m:
        lines = text.splitlines()
        number = int(m[1])
        if 1 <= number <= len(lines):
            shaped = _DATE_SHAPED.match(lines[number - 1])
            if shaped:
                return f"{shaped[1]}: {shaped[2]} is not a date"
    return f"not valid TOML: {exc}"


_MAX_NESTING = 50


def _nesting(text: str) -> int:
    """How deep arrays and inline tables nest (roughly: brackets inside strings count too)."""
    deepest = depth = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    return deepest


def load_profile(path: str | Path) -> SchoolProfile:
    """Read and validate a profile file; every problem is a ProfileError naming the file."""
    path = Path(path)
    if not path.is_file():
        raise FileMissingError("no such profile file" if not path.exists() else "not a file", path=path)
    raw = path.read_bytes()
    if len(raw) > MAX_PROFILE_BYTES:
        raise ProfileError(f"too large for a profile ({len(raw)} bytes; at most {MAX_PROFILE_BYTES})", path=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileError("not UTF-8 text; save the profile as UTF-8", path=path) from None
    if not text.strip():
        # Otherwise every required field is listed as missing, one very long line.
        raise ProfileError("empty profile; create one with `policykit init`", path=path)
    if _nesting(text) > _MAX_NESTING:
        # tomllib recurses once a level: refused before it runs out of stack.
        raise ProfileError("not a profile: its values nest too deeply to read", path=path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(_toml_problem(text, exc), path=path) from None
    except RecursionError:
        raise ProfileError("not a profile: its values nest too deeply to read", path=path) from None
    return parse_profile(data, path=path)


def profile_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --- writing (policykit init) -------------------------------------------------------


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch >= " " or ch == "\t" else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'


def profile_to_toml(profile: SchoolProfile) -> str:
    """The profile as a commented TOML file that ``load_profile`` reads back unchanged."""
    lines = ["# School profile for policykit generate. Edit freely; see `policykit generate --help`.", ""]
    for name in _KNOWN_FIELDS:
        if name in ("options", "adopt"):
            continue
        value = getattr(profile, name)
        if value is None:
            lines.append(f"# {name} = \"\"  # {FIELD_HELP[name]}")
            continue
        if isinstance(value, dt.date):
            rendered = value.isoformat()
        elif isinstance(value, int):
            rendered = str(value)
        else:
            rendered = _toml_string(value)
        lines.append(f"{name} = {rendered}  # {FIELD_HELP[name]}")
    lines += ["", "[options]"]
    for name, chosen in profile.options_chosen().items():
        lines.append(f"{name} = {'true' if chosen else 'false'}  # {OPTION_HELP[name]}")
    return "\n".join(lines) + "\n"
