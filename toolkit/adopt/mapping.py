"""Which profile field fills which place: the names a model uses, matched to ours.

Models name the same fact many ways ("[School name]", "<<Name of Academy>>",
"[insert name of DSL]", a content control tagged ``HeadteacherName``). A name is
reduced to its words, less filler ("insert", "name", "of", "the"), and looked up
among the phrasings below; anything else needs a line in a mapping file::

    # mapping.toml: for one model (see `policykit adopt --list MODEL.docx`)
    [placeholders]               # the place's name -> a profile field
    "Name of the Academy" = "school_name"
    "Safeguarding Champion" = "designated_safeguarding_lead"

    [values]                     # the place's name -> the text to put there
    "Local authority" = "Hampshire County Council"
    "LADO telephone" = "01962 876364"

    [sections]                   # an optional section's name -> keep it or not
    "Official school accounts" = "official_accounts"   # a profile option
    "Residential visits" = false

The same three tables may sit under ``[adopt]`` in the school profile, with
``drafting_notes = "keep"`` or ``"remove"`` (the default); the mapping file wins.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dates import uk_long_date
from ..errors import FileMissingError, ProfileError
from ..generate.profile import ProfileOptions, SchoolProfile

# Profile field -> how models phrase it (compared after ``normalise``).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "school_name": ("school", "school name", "name of school", "academy", "academy name", "name of academy",
                    "setting", "setting name", "school academy", "school or academy"),
    "trust": ("trust", "trust name", "academy trust", "multi academy trust", "mat", "name of trust"),
    "headteacher": ("headteacher", "head teacher", "head", "principal", "headteacher principal", "head of school",
                    "executive headteacher", "headteacher name"),
    "designated_safeguarding_lead": ("dsl", "designated safeguarding lead", "safeguarding lead",
                                     "designated safeguarding lead dsl", "designated person"),
    "deputy_safeguarding_lead": ("deputy dsl", "ddsl", "deputy designated safeguarding lead",
                                 "deputy safeguarding lead", "deputy designated safeguarding lead ddsl"),
    "data_protection_officer": ("dpo", "data protection officer", "data protection officer dpo"),
    "chair_of_governors": ("chair of governors", "chair", "chair of governing board", "chair of governing body",
                           "chair of the board", "chair of local governing body"),
    "approving_body": ("approving body", "approved by", "body approving"),
    "approval_date": ("date approved", "approval date", "date of approval", "date adopted", "adoption date",
                      "date ratified", "ratified", "adopted", "approved"),
    "next_review_date": ("review date", "next review", "next review date", "date of next review", "date for review",
                         "review due"),
    "review_cycle": ("review cycle", "review frequency", "frequency of review", "reviewed every"),
    "version": ("version", "version number", "policy version"),
    "pupil_age_range": ("age range", "pupil age range", "ages of pupils"),
    "school_type": ("type of school", "school type", "phase", "school phase"),
}
FIELDS = tuple(SYNONYMS)
_FILLER = {"insert", "enter", "add", "the", "of", "a", "an", "here", "your", "our", "name", "names",
           "full", "s", "school's", "details", "please"}


def normalise(name: str) -> str:
    """'[Insert name of the DSL]', 'DSL_Name', 'dslName' -> 'dsl'."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)  # HeadteacherName -> Headteacher Name
    text = text.replace("&", " and ").replace("’", "'").lower()
    words = [w for w in re.split(r"[^a-z0-9]+", text.replace("'s", "")) if w and w not in _FILLER]
    return " ".join(words)


_LOOKUP: dict[str, str] = {}
for _name, _phrases in SYNONYMS.items():
    for _phrase in (_name, *_phrases):
        _LOOKUP.setdefault(normalise(_phrase), _name)  # the first phrasing listed wins
_LOOKUP_SORTED: dict[str, str] = {}
for _key, _name in _LOOKUP.items():
    _LOOKUP_SORTED.setdefault(" ".join(sorted(_key.split())), _name)


def suggest_field(name: str) -> str | None:
    """The profile field a place's name most likely asks for, or None."""
    key = normalise(name)
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    sorted_key = " ".join(sorted(key.split()))
    if sorted_key in _LOOKUP_SORTED:
        return _LOOKUP_SORTED[sorted_key]
    close = difflib.get_close_matches(key, list(_LOOKUP), n=1, cutoff=0.85)
    return _LOOKUP[close[0]] if close else None


def profile_values(profile: SchoolProfile) -> dict[str, str | None]:
    """Each field's text as it should read in a policy."""
    cycle = profile.review_cycle_years
    return {
        "school_name": profile.school_name,
        "trust": profile.trust,
        "headteacher": profile.headteacher,
        "designated_safeguarding_lead": profile.designated_safeguarding_lead,
        "deputy_safeguarding_lead": profile.deputy_safeguarding_lead,
        "data_protection_officer": profile.data_protection_officer,
        "chair_of_governors": profile.chair_of_governors,
        "approving_body": profile.approving_body,
        "approval_date": uk_long_date(profile.approval_date),
        "next_review_date": uk_long_date(profile.next_review_date),
        "review_cycle": "every year" if cycle == 1 else f"every {cycle} years",
        "version": profile.version,
        "pupil_age_range": profile.pupil_age_range.replace("-", "–"),
        "school_type": profile.school_type,
    }


@dataclass(frozen=True)
class AdoptMapping:
    """What a mapping file (and the profile's ``[adopt]`` table) says."""

    placeholders: Mapping[str, str] = field(default_factory=dict)  # normalised name -> field
    values: Mapping[str, str] = field(default_factory=dict)  # normalised name -> text
    sections: Mapping[str, bool | str] = field(default_factory=dict)  # normalised name -> keep / option name
    drafting_notes: str | None = None  # "keep", "remove" or None (not said)

    def merged_over(self, other: AdoptMapping) -> AdoptMapping:
        """This mapping, with ``other`` filling what this one does not say."""
        return AdoptMapping(
            placeholders={**other.placeholders, **self.placeholders},
            values={**other.values, **self.values},
            sections={**other.sections, **self.sections},
            drafting_notes=self.drafting_notes or other.drafting_notes,
        )


_OPTION_NAMES = tuple(ProfileOptions.model_fields)
_TABLES = ("placeholders", "values", "sections", "drafting_notes")


def parse_mapping(data: Any, *, path: str | Path) -> AdoptMapping:
    """Check a mapping table; each problem is one line naming the entry."""
    if not isinstance(data, dict):
        raise ProfileError("the [adopt] entry must be a table", path=path)
    unknown = [key for key in data if key not in _TABLES]
    if unknown:
        raise ProfileError(f"unknown entry '{unknown[0]}' (known: {', '.join(_TABLES)})", path=path)
    placeholders = {normalise(name) or name: _placeholder_field(name, target, path)
                    for name, target in (data.get("placeholders") or {}).items()}
    values = {normalise(name) or name: _value_text(name, text, path)
              for name, text in (data.get("values") or {}).items()}
    sections = {normalise(name) or name: _section_decision(name, decision, path)
                for name, decision in (data.get("sections") or {}).items()}
    notes = data.get("drafting_notes")
    if notes is not None and notes not in ("keep", "remove"):
        raise ProfileError(f"drafting_notes: '{notes}' is not \"keep\" or \"remove\"", path=path)
    return AdoptMapping(placeholders, values, sections, notes)


def _placeholder_field(name: str, target: object, path: str | Path) -> str:
    """A [placeholders] entry's target: a profile field."""
    if not isinstance(target, str) or target not in FIELDS:
        close = difflib.get_close_matches(str(target), FIELDS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (fields: {', '.join(FIELDS)})"
        raise ProfileError(f"placeholders.\"{name}\": '{target}' is not a profile field{hint}; "
                           "put literal text under [values]", path=path)
    return target


def _value_text(name: str, text: object, path: str | Path) -> str:
    """A [values] entry: text to put in the place."""
    if not isinstance(text, str):
        raise ProfileError(f"values.\"{name}\" must be text in quotes", path=path)
    return text


def _section_decision(name: str, decision: object, path: str | Path) -> bool | str:
    """A [sections] entry: keep (true, "keep"), drop (false, "drop") or follow a profile option."""
    if isinstance(decision, bool) or isinstance(decision, str) and decision in _OPTION_NAMES:
        return decision
    if isinstance(decision, str) and decision.lower() in ("keep", "drop"):
        return decision.lower() == "keep"
    raise ProfileError(f"sections.\"{name}\": '{decision}' is not true, false, \"keep\", \"drop\" or an "
                       f"option ({', '.join(_OPTION_NAMES)})", path=path)


def load_mapping(path: str | Path) -> AdoptMapping:
    path = Path(path)
    if not path.is_file():
        raise FileMissingError("no such mapping file" if not path.exists() else "not a file", path=path)
    raw = path.read_bytes()
    if len(raw) > 256 * 1024:
        raise ProfileError("too large for a mapping file", path=path)
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ProfileError("not UTF-8 text; save the mapping file as UTF-8", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"not valid TOML: {exc}", path=path) from None
    return parse_mapping(data, path=path)


class Resolver:
    """Decides the value of each place and the fate of each optional section."""

    def __init__(self, profile: SchoolProfile, mapping: AdoptMapping) -> None:
        self.profile = profile
        self.mapping = mapping
        self.values = profile_values(profile)

    def field_for(self, name: str) -> str | None:
        key = normalise(name) or name
        return self.mapping.placeholders.get(key) or suggest_field(name)

    def value(self, name: str) -> str | None:
        key = normalise(name) or name
        if key in self.mapping.values:
            return self.mapping.values[key]
        target = self.field_for(name)
        return self.values.get(target) if target else None

    def keep_section(self, name: str, heading: str) -> bool | None:
        options = self.profile.options_chosen()
        heading = re.sub(r"^\s*\d+(?:\.\d+)*\.?\s+", "", heading)  # "3. Official accounts"
        for candidate in (name, heading):
            key = normalise(candidate) or candidate
            if key in self.mapping.sections:
                decision = self.mapping.sections[key]
                return options[decision] if isinstance(decision, str) else decision
        # A section named after one of the profile's options ("official_accounts",
        # "Official accounts") follows that option.
        for candidate in (name, heading):
            key = normalise(candidate)
            for option in options:
                if key == normalise(option):
                    return options[option]
        return None

    @property
    def keep_notes(self) -> bool:
        return self.mapping.drafting_notes == "keep"
