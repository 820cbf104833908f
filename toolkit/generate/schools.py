"""Where a batch's school profiles come from: profile files, a folder of them, or a CSV of schools.

A trust generating for all its schools keeps one spreadsheet, one row per school.
The columns are the profile's own field names (``school_name``, ``headteacher``,
``approval_date`` ...), and the options either as ``options.official_accounts`` or
plain ``official_accounts``; a blank cell is a field not given (``trust`` blank: not
in a trust). Each row goes through the same validation as a profile file, so the
messages are the same, but they name the CSV and the row as a spreadsheet numbers
it (the header is row 1): ``schools.csv row 4: headteacher is required``. A bad
row is one failure; the other rows go on. A header naming an unknown column is a
problem with the whole file (every row would fail the same way).

The CSV is read like a staff list: UTF-8 or Windows-1252, comma, semicolon or tab.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import FileMissingError, ProfileError, ToolkitError
from ..io import display_path
from .profile import (
    _KNOWN_FIELDS,
    _KNOWN_OPTIONS,
    SchoolProfile,
    _suggest,
    load_profile,
    parse_profile,
    profile_sha256,
)
from .staff import _clean, _decode, _delimiter

MAX_SCHOOLS = 5000
MAX_SCHOOLS_FILE_BYTES = 10 * 1024 * 1024
# Not fields a school types into a spreadsheet cell.
_NOT_COLUMNS = ("options", "adopt")
_TRUE = ("true", "yes", "y", "1")
_FALSE = ("false", "no", "n", "0")


@dataclass(frozen=True)
class ProfileSource:
    """One school's validated profile and where it came from (for messages and the manifest)."""

    label: str  # how messages name it: "school.toml", "schools.csv row 3"
    profile: SchoolProfile
    file_name: str  # the manifest's profile.file
    sha256: str  # of the profile file, or of the row's values
    row: int | None = None  # the CSV row, when it came from one


def schools_csv_columns() -> tuple[str, ...]:
    """Every column a schools CSV may have (options may also drop the ``options.`` prefix)."""
    return tuple(f for f in _KNOWN_FIELDS if f not in _NOT_COLUMNS) + tuple(f"options.{o}" for o in _KNOWN_OPTIONS)


def _column(name: str) -> str | None:
    """The profile field a header names, or None when it names none."""
    name = name.strip().lower().replace(" ", "_")
    if name.startswith("options."):
        return name if name[len("options."):] in _KNOWN_OPTIONS else None
    if name in _KNOWN_OPTIONS:
        return f"options.{name}"
    return name if name in _KNOWN_FIELDS and name not in _NOT_COLUMNS else None


def _cell_value(column: str, text: str) -> bool | int | str:
    """A cell as the TOML profile would have typed it: true/false and whole numbers are not text."""
    if column.startswith("options."):
        lowered = text.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        return text  # refused by the model: "must be true or false"
    if column == "review_cycle_years" and text.isdigit():
        return int(text)
    return text


def read_schools_csv(path: str | Path) -> Iterator[ProfileSource | ProfileError]:
    """Each row of a schools CSV as a validated profile, or the ProfileError naming its row.

    A problem with the whole file (missing, not text, unknown columns) is raised."""
    path = Path(path)
    shown = display_path(path)
    text = _read_text(path, shown)
    reader = csv.reader(io.StringIO(text, newline=""), dialect=csv.excel, delimiter=_delimiter(text))
    columns = _header_columns(reader, shown)
    count = 0
    try:
        for cells in reader:
            row = reader.line_num  # a quoted cell may span lines; near enough, and exact for ordinary sheets
            if not any(cell.strip() for cell in cells):
                continue
            count += 1
            if count > MAX_SCHOOLS:
                raise ProfileError(f"more than {MAX_SCHOOLS} schools; split the list", path=shown)
            yield _row_source(path, f"{shown} row {row}", row, columns, cells)
    except csv.Error as exc:
        raise ProfileError(f"row {reader.line_num}: not readable as CSV: {exc}", path=shown) from None
    if not count:
        raise ProfileError("no schools listed under the header row", path=shown)


def _read_text(path: Path, shown: str) -> str:
    """The file's text; refused when missing, too large, binary or empty."""
    if not path.is_file():
        raise FileMissingError("no such schools CSV" if not path.exists() else "not a file", path=shown)
    raw = path.read_bytes()
    if len(raw) > MAX_SCHOOLS_FILE_BYTES:
        raise ProfileError(f"too large for a schools CSV (at most {MAX_SCHOOLS_FILE_BYTES // 1024 // 1024} MB)",
                           path=shown)
    if b"\x00" in raw:
        raise ProfileError("not a text CSV file (it contains binary data; save it as CSV UTF-8)", path=shown)
    text = _decode(raw, path)
    if not text.strip():
        raise ProfileError("the schools CSV is empty (expected a header row naming profile fields, "
                           "e.g. school_name,school_type,headteacher,...)", path=shown)
    return text


def _header_columns(reader: Iterator[list[str]], shown: str) -> list[str | None]:
    """The profile field each column holds (None for a blank header); unknown or repeated columns are refused."""
    try:
        header = [_clean(cell) for cell in next(reader)]
    except csv.Error as exc:
        raise ProfileError(f"row 1: not readable as CSV: {exc}", path=shown) from None
    columns: list[str | None] = [_column(name) if name else None for name in header]
    unknown = [name for name, column in zip(header, columns) if name and column is None]
    if unknown:
        hints = "".join(_suggest(name.lower(), schools_csv_columns()) for name in unknown[:1])
        raise ProfileError(f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}{hints}; "
                           f"the columns are profile fields: {', '.join(schools_csv_columns())}", path=shown)
    repeated = sorted({c for c in columns if c and columns.count(c) > 1})
    if repeated:
        raise ProfileError(f"column {repeated[0]} appears twice in the header row", path=shown)
    return columns


def _row_data(columns: list[str | None], cells: list[str]) -> dict[str, Any]:
    """A row as profile data: the filled cells, options gathered under ``options``."""
    data: dict[str, Any] = {}
    for column, cell in zip(columns, cells):
        value = _clean(cell)
        if column is None or not value:
            continue
        if column.startswith("options."):
            data.setdefault("options", {})[column[len("options."):]] = _cell_value(column, value)
        else:
            data[column] = _cell_value(column, value)
    return data


def _row_source(path: Path, label: str, row: int, columns: list[str | None],
                cells: list[str]) -> ProfileSource | ProfileError:
    """One row as a validated profile, or the error naming the row."""
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns):]):
        return ProfileError("more cells than the header row has columns", path=label)
    data = _row_data(columns, cells)
    try:
        profile = parse_profile(data, path=label)
    except ProfileError as exc:
        return exc
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return ProfileSource(label=label, profile=profile, file_name=path.name, sha256=digest, row=row)


def profile_file_source(path: str | Path) -> ProfileSource:
    """A profile file as a ProfileSource; raises the same errors as ``load_profile``."""
    path = Path(path)
    profile = load_profile(path)
    return ProfileSource(label=display_path(path), profile=profile, file_name=path.name, sha256=profile_sha256(path))


def profiles_in_folder(folder: str | Path) -> list[Path]:
    """Every ``*.toml`` directly in ``folder``, in name order (so runs and messages are repeatable)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileMissingError("no such folder of profiles" if not folder.exists() else "not a folder",
                               path=display_path(folder))
    found = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".toml" and p.is_file())
    if not found:
        raise ProfileError("no profiles (*.toml) in this folder", path=display_path(folder))
    return found


def collect_sources(profile_files: list[Path], csv_files: list[Path]) -> tuple[list[ProfileSource], list[ToolkitError]]:
    """Load every profile: the good ones, and one error for each that cannot be used."""
    sources: list[ProfileSource] = []
    failures: list[ToolkitError] = []
    for path in profile_files:
        try:
            sources.append(profile_file_source(path))
        except ToolkitError as exc:
            failures.append(exc)
    for path in csv_files:
        try:
            for item in read_schools_csv(path):
                (failures if isinstance(item, ToolkitError) else sources).append(item)  # type: ignore[arg-type]
        except ToolkitError as exc:
            failures.append(exc)
    return sources, failures
