"""Which school each file belongs to, and the files that cannot be read.

A trust folder holds one subfolder per school::

    trust/
      schools.toml            optional: names and types of the schools (below)
      oakfield/               a school: the folder name, unless schools.toml says otherwise
        behaviour.pdf
        safeguarding/kcsie-2024.docx   (deeper folders belong to the same school)
      riverside/
        ...
      trust-complaints.pdf    files at the top: school read from the document itself

``schools.toml``::

    [schools.oakfield]                  # the folder name
    name = "Oakfield Primary School"    # shown in the register
    type = "academy"                    # or "maintained": which policies are statutory
    aliases = ["Oakfield Primary"]      # other names the documents use

Files policykit cannot read (old ``.doc``, spreadsheets, images) are listed with a
reason rather than skipped in silence.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..readers import supported_extensions

MAPPING_NAMES = ("schools.toml", "policykit-schools.toml")
SCHOOL_TYPES = ("academy", "maintained")
DEFAULT_SCHOOL_TYPE = "academy"

_SCHOOL_KEYS = {"name", "type", "aliases"}

# A school mapping: folder name -> its table of ``name``, ``type`` and ``aliases``.
SchoolMapping = dict[str, dict[str, Any]]

# Words that do not tell one school from another: "Oakfield Primary School" and
# "Oakfield Primary Academy" are the same school.
_GENERIC = frozenset(
    ["the", "school", "schools", "primary", "secondary", "junior", "infant", "infants", "nursery", "academy", "academies", "trust", "community", "church", "england", "ce", "c", "of", "e", "cofe", "rc", "catholic", "voluntary", "aided", "controlled", "federation", "college", "high", "upper", "lower", "middle", "first", "free", "pre", "preschool", "and", "st", "saint"]
)

_HINTS = {
    ".doc": "old Word 97-2003 .doc files are not read; open it in Word or LibreOffice and save it as .docx",
    ".xls": "spreadsheets are not policies policykit reads (.txt, .md, .docx, .pdf)",
    ".xlsx": "spreadsheets are not policies policykit reads (.txt, .md, .docx, .pdf)",
    ".rtf": "RTF files are not read; save it as .docx",
    ".odt": "OpenDocument text is not read; save it as .docx",
    ".pages": "Pages files are not read; export it as .docx or PDF",
}


@dataclass(frozen=True, slots=True)
class SchoolInfo:
    id: str  # the folder name, or a name taken from a document
    name: str  # shown to people
    school_type: str
    folder: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file found in a folder that no reader handles."""

    path: Path
    school: str | None
    reason: str


@dataclass
class Gathered:
    """Files to read, each with its school (None: read the school from the document)."""

    files: list[tuple[Path, str | None]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    schools: dict[str, SchoolInfo] = field(default_factory=dict)


def load_mapping(path: str | os.PathLike[str]) -> SchoolMapping:
    """The ``[schools.<folder>]`` tables of a mapping file, checked key by key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise InputError("no such school mapping file", path=path) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"school mapping is not valid TOML: {exc}", path=path) from None
    unknown = set(data) - {"schools"}
    if unknown:
        raise InputError(f"unknown table {min(unknown)!r}; the file holds [schools.<folder>] tables", path=path)
    schools = data.get("schools", {})
    if not isinstance(schools, dict):
        raise InputError("'schools' must be a table of [schools.<folder>] tables", path=path)
    for folder, entry in schools.items():
        if not isinstance(entry, dict):
            raise InputError(f"schools.{folder} must be a table with name, type, aliases", path=path)
        extra = set(entry) - _SCHOOL_KEYS
        if extra:
            raise InputError(f"schools.{folder}: unknown key {min(extra)!r} (known: name, type, aliases)", path=path)
        if "type" in entry and entry["type"] not in SCHOOL_TYPES:
            raise InputError(f"schools.{folder}.type must be 'academy' or 'maintained', not {entry['type']!r}", path=path)
        if "name" in entry and (not isinstance(entry["name"], str) or not entry["name"].strip()):
            raise InputError(f"schools.{folder}.name must be a non-empty string", path=path)
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise InputError(f"schools.{folder}.aliases must be a list of names", path=path)
    return schools


def _unsupported_reason(path: Path) -> str:
    suffix = path.suffix.lower()
    return _HINTS.get(suffix, f"unsupported file type {suffix or '(no extension)'}; policykit reads "
                      + ", ".join(sorted(supported_extensions())))


def _visible_files(folder: Path) -> list[Path]:
    return sorted(
        candidate
        for candidate in folder.rglob("*")
        if candidate.is_file()
        and not candidate.name.startswith(("~$", "."))
        and not any(part.startswith(".") for part in candidate.relative_to(folder).parts[:-1])
    )


def _folder_mapping(folder: Path, mapping: SchoolMapping | None) -> SchoolMapping:
    """The mapping given, else the trust folder's own mapping file, else none."""
    found = dict(mapping or {})
    for name in MAPPING_NAMES:
        if (folder / name).is_file() and mapping is None:
            found = load_mapping(folder / name)
    return found


class _Gatherer:
    """Walks the inputs once, collecting files (each at most once), skipped files and schools."""

    def __init__(self, *, school_type: str, exclude: set[Path] | frozenset[Path],
                 skip_folders: tuple[Path, ...]) -> None:
        self.school_type = school_type
        self.exclude = exclude
        self.skip = tuple(folder.resolve() for folder in skip_folders)
        self.extensions = set(supported_extensions())
        self.result = Gathered()
        self.seen: set[Path] = set()

    def skipped_folder(self, path: Path, root: Path) -> bool:
        # Only a folder strictly inside the input: a report written into the trust
        # folder itself must not hide the trust's own files.
        resolved, top = path.resolve(), root.resolve()
        return any(folder != top and top in folder.parents and (resolved == folder or folder in resolved.parents)
                   for folder in self.skip)

    def add(self, path: Path, school: str | None) -> None:
        resolved = path.resolve()
        if resolved in self.seen or resolved in self.exclude:
            return
        self.seen.add(resolved)
        if path.suffix.lower() in self.extensions:
            self.result.files.append((path, school))
        else:
            self.result.skipped.append(Skipped(path, school, _unsupported_reason(path)))

    def add_school(self, name: str, folder: Path, mapping: SchoolMapping) -> None:
        if name in self.result.schools:
            return
        entry = mapping.get(name, {})
        self.result.schools[name] = SchoolInfo(
            id=name,
            name=entry.get("name", name),
            school_type=entry.get("type", self.school_type),
            folder=str(folder),
            aliases=tuple(entry.get("aliases", ())),
        )

    def add_trust_folder(self, path: Path, mapping: SchoolMapping | None) -> None:
        """Files at the top read their school from the document; each subfolder is a school."""
        folder_mapping = _folder_mapping(path, mapping)
        subfolders = [child for child in sorted(path.iterdir())
                      if child.is_dir() and not child.name.startswith(".") and not self.skipped_folder(child, path)]
        for file in _visible_files(path):
            if self.skipped_folder(file.parent, path):
                continue
            relative = file.relative_to(path)
            if len(relative.parts) == 1:
                if file.name not in MAPPING_NAMES:
                    self.add(file, None)
                continue
            school_folder = relative.parts[0]
            self.add_school(school_folder, path / school_folder, folder_mapping)
            self.add(file, school_folder)
        # A school folder with nothing in it is still a school of the trust: every
        # statutory policy is missing there.
        for child in subfolders:
            self.add_school(child.name, child, folder_mapping)


def gather(
    inputs: list[str | os.PathLike[str]],
    *,
    mapping: SchoolMapping | None = None,
    school_type: str = DEFAULT_SCHOOL_TYPE,
    exclude: set[Path] | frozenset[Path] = frozenset(),
    skip_folders: tuple[Path, ...] = (),
) -> Gathered:
    """Files to read with their schools; unsupported files as skipped.

    ``exclude``: resolved paths never read as a school's (the trust's models).
    ``skip_folders``: resolved folders never searched (where the report itself is written).
    """
    gatherer = _Gatherer(school_type=school_type, exclude=exclude, skip_folders=skip_folders)
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            gatherer.add_trust_folder(path, mapping)
        else:
            gatherer.add(path, None)  # a missing file is the reader's to report, as "not read"
    return gatherer.result


def name_words(name: str) -> set[str]:
    """The words of a school's name that tell it from other schools."""
    words = re.findall(r"[a-z0-9]+", name.lower().replace("&", " and "))
    return {word for word in words if word not in _GENERIC and len(word) > 1}


def same_school(document_name: str, school: SchoolInfo) -> bool:
    """Whether a school name printed in a document plausibly names this school."""
    found = name_words(document_name)
    if not found:
        return True  # "The School", "Primary School": says nothing either way
    for candidate in (school.name, school.id, *school.aliases):
        words = name_words(candidate.replace("-", " ").replace("_", " "))
        if words and (words <= found or found <= words):
            return True
    return False
