"""Topic catalogues: the list of topics a policy family is expected to cover.

A catalogue is a TOML (or JSON) data file. The built-in ones live in
``toolkit/data/topics/<name>.toml``, are listed in ``BUILTIN_CATALOGUES`` and are
chosen by name; a trust can pass a file of its own. Files are validated with pydantic so that a mistake is
reported as one line naming the file and the field.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from ..errors import FileMissingError, InputError
from ..model import METADATA_FIELDS, ClauseKind

DEFAULT_CATALOGUE = "social_media"


@dataclass(frozen=True, slots=True)
class BuiltinCatalogue:
    """One built-in catalogue: its name, its data file, and the policy types whose documents it checks."""

    name: str
    file: str  # in toolkit/data/topics/
    policy_types: tuple[str, ...]  # the same as the file's [catalogue] policy_types (a test checks)


# The built-in catalogues, by name. Adding one means adding its data file and one
# line here (tests/test_compare_topics_catalogues.py fails on a file with no line).
# Which catalogue checks which policy type is answered from this table, without
# reading and validating every file.
BUILTIN_CATALOGUES: tuple[BuiltinCatalogue, ...] = (
    BuiltinCatalogue("anti_bullying", "anti_bullying.toml", ("anti_bullying",)),
    BuiltinCatalogue("attendance", "attendance.toml", ("attendance",)),
    BuiltinCatalogue("behaviour", "behaviour.toml", ("behaviour",)),
    BuiltinCatalogue("child_protection_safeguarding", "child_protection_safeguarding.toml",
                     ("child_protection_safeguarding",)),
    BuiltinCatalogue("complaints", "complaints.toml", ("complaints",)),
    BuiltinCatalogue("data_protection", "data_protection.toml", ("data_protection",)),
    BuiltinCatalogue("online_safety", "online_safety.toml", ("online_safety",)),
    BuiltinCatalogue("send", "send.toml", ("send",)),
    BuiltinCatalogue("social_media", "social_media.toml", ("social_media",)),
    BuiltinCatalogue("whistleblowing", "whistleblowing.toml", ("whistleblowing",)),
)
# Shared data in the same folder, not a catalogue.
SYNONYMS_FILE = "_synonyms.toml"
_BY_NAME = {entry.name: entry for entry in BUILTIN_CATALOGUES}

_TOPIC_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class CatalogueError(InputError):
    """A topic catalogue file is missing, unreadable or invalid."""


def _clean_strings(values: list[str]) -> list[str]:
    cleaned = [value.strip() for value in values]
    if any(not value for value in cleaned):
        raise ValueError("must not contain empty strings")
    return cleaned


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str = Field(min_length=1)
    description: str = ""
    headings: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    metadata: tuple[str, ...] = ()
    clause_kinds: tuple[ClauseKind, ...] = ()
    citations: bool = False
    # The guidance makes this topic a requirement of the policy (shown in reports).
    mandatory: bool = False
    # Where the topic comes from: the statutory guidance and section it follows.
    source: str = ""
    # A context rule: phrase, keyword and example evidence only counts when the clause
    # or one of its headings also holds one of these words, so "mobile phone" in a
    # child-safety tip is not staff use of phones at work. Headings always count.
    context: tuple[str, ...] = ()

    @field_validator("id")
    @classmethod
    def _id_is_a_slug(cls, value: str) -> str:
        if not _TOPIC_ID.match(value):
            raise ValueError("must be lower-case words joined by hyphens, like 'pupil-contact'")
        return value

    @field_validator("headings", "phrases", "keywords", "examples", "context")
    @classmethod
    def _no_empty_strings(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_clean_strings(list(value)))

    @field_validator("metadata")
    @classmethod
    def _known_metadata(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [name for name in value if name not in METADATA_FIELDS]
        if unknown:
            raise ValueError(f"unknown metadata field {unknown[0]!r}; known: {', '.join(METADATA_FIELDS)}")
        return value

    @model_validator(mode="after")
    def _has_evidence(self) -> Topic:
        if not (self.headings or self.phrases or self.keywords or self.examples or self.metadata or self.clause_kinds):
            raise ValueError("a topic needs at least one of headings, phrases, keywords, examples, metadata, clause_kinds")
        return self


class CatalogueInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    label: str = Field(min_length=1)
    family: str = ""
    # The policy types (toolkit.policy_types ids) whose documents this catalogue checks.
    policy_types: tuple[str, ...] = ()


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    catalogue: CatalogueInfo
    topics: tuple[Topic, ...] = Field(min_length=1)
    # Extra synonym groups for this catalogue (first word canonical), on top of the
    # shared ones in data/topics/_synonyms.toml.
    synonyms: tuple[tuple[str, ...], ...] = ()
    source: str = ""  # where it was loaded from, for messages and reports

    @model_validator(mode="after")
    def _unique_ids(self) -> Catalogue:
        seen: set[str] = set()
        for topic in self.topics:
            if topic.id in seen:
                raise ValueError(f"topic id {topic.id!r} appears twice")
            seen.add(topic.id)
        return self

    @property
    def name(self) -> str:
        return self.catalogue.name

    def topic(self, topic_id: str) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    @property
    def ids(self) -> list[str]:
        return [topic.id for topic in self.topics]


def _field_path(data: dict, location: tuple) -> str:
    """``topics[3] (pupil-contact).phrases`` from a pydantic error location."""
    parts: list[str] = []
    node: Any = data
    for step in location:
        if isinstance(step, int):
            label = f"[{step}]"
            if isinstance(node, list) and step < len(node) and isinstance(node[step], dict) and "id" in node[step]:
                label += f" ({node[step]['id']})"
            parts.append(label)
        else:
            parts.append(("." if parts else "") + str(step))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return "".join(parts) or "(file)"


def catalogue_from_data(data: object, source: str) -> Catalogue:
    if not isinstance(data, dict):
        raise CatalogueError("topic catalogue must be a table with [catalogue] and [[topics]]", path=source)
    try:
        return Catalogue.model_validate({**data, "source": source})
    except ValidationError as exc:
        error = exc.errors()[0]
        where = _field_path(data, tuple(error["loc"]))
        message = error["msg"].removeprefix("Value error, ")
        raise CatalogueError(f"invalid topic catalogue: {where}: {message}", path=source) from None


def load_catalogue_file(path: str | os.PathLike[str]) -> Catalogue:
    """A catalogue from a TOML or JSON file a user gave us."""
    path = Path(path)
    if not path.is_file():
        # A bare word is more likely a mistyped built-in name than a missing file.
        hint = "" if path.suffix else f" (nor a built-in catalogue: {', '.join(builtin_catalogues())})"
        raise FileMissingError("no such topic catalogue file" + hint, path=path)
    try:
        raw = path.read_bytes()
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise CatalogueError("topic catalogue is not UTF-8 text", path=path) from None
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise CatalogueError(f"topic catalogue is not valid {'JSON' if path.suffix.lower() == '.json' else 'TOML'}: {exc}", path=path) from None
    return catalogue_from_data(data, str(path))


def builtin_catalogues() -> list[str]:
    """The names of the built-in catalogues, sorted."""
    return sorted(_BY_NAME)


@lru_cache(maxsize=1)
def shared_synonyms() -> tuple[tuple[str, ...], ...]:
    """The sector synonym groups every catalogue is matched with."""
    resource = resources.files("toolkit") / "data" / "topics" / SYNONYMS_FILE
    return tuple(tuple(group) for group in tomllib.loads(resource.read_text("utf-8"))["groups"])


def catalogue_for_type(policy_type: str) -> str | None:
    """The built-in catalogue that checks documents of a policy type, if there is one."""
    for name in builtin_catalogues():
        if policy_type in _BY_NAME[name].policy_types:
            return name
    return None


@lru_cache(maxsize=32)
def builtin_catalogue(name: str = DEFAULT_CATALOGUE) -> Catalogue:
    names = builtin_catalogues()
    if name not in names:
        raise CatalogueError(f"no built-in topic catalogue {name!r}; available: {', '.join(names)}")
    resource = resources.files("toolkit") / "data" / "topics" / _BY_NAME[name].file
    return catalogue_from_data(tomllib.loads(resource.read_text("utf-8")), f"built-in:{name}")


def load_catalogue(name_or_path: str | os.PathLike[str] | Catalogue | None = None) -> Catalogue:
    """A catalogue given as an object, a built-in name, or a file path (None: the default)."""
    if isinstance(name_or_path, Catalogue):
        return name_or_path
    if name_or_path is None:
        return builtin_catalogue(DEFAULT_CATALOGUE)
    text = os.fspath(name_or_path)
    if text in builtin_catalogues():
        return builtin_catalogue(text)
    return load_catalogue_file(text)
