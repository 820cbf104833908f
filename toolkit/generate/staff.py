"""The staff list for declarations: a CSV with the columns name, role and (optionally) email.

Exported spreadsheets vary, so we accept a byte-order mark, Windows-1252 text
(Excel's default "CSV" on many school machines), commas, semicolons (Excel and
LibreOffice in locales with a decimal comma) or tabs, any column order, extra
columns (ignored) and header names in any case. Quoting is always Excel's
(a quote inside a quoted cell is doubled): only the delimiter is sniffed,
because ``csv.Sniffer`` guesses ``doublequote=False`` from a single line and
then garbles ``"Grace ""Gracie"" ONeill"``. A member of staff without an email
address (a caretaker) is fine; the email column may be missing or blank.
Everything else is a ``ProfileError`` naming the file, the line and the problem.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import FileMissingError, ProfileError

REQUIRED_COLUMNS = ("name", "role")
COLUMNS = ("name", "role", "email")
MAX_STAFF = 5000
MAX_STAFF_FILE_BYTES = 5 * 1024 * 1024
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MAX_TEXT = 200


@dataclass(frozen=True, slots=True)
class StaffMember:
    name: str
    role: str
    email: str  # "" when the list gives none
    line: int  # in the CSV, for messages


def _decode(raw: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ProfileError("not a text CSV file (save it as CSV UTF-8)", path=path)


def _clean(value: str | None) -> str:
    text = " ".join((value or "").split())
    return "".join(ch for ch in text if ch.isprintable())


def _delimiter(text: str) -> str:
    """The delimiter of the header row: the one of comma, semicolon and tab it uses most
    outside quotes (a header names columns, so one that has none of them is one column)."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    outside = re.sub(r'"[^"]*"', "", header)
    counts = {delimiter: outside.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def load_staff(path: str | Path) -> tuple[StaffMember, ...]:
    path = Path(path)
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), dialect=csv.excel, delimiter=_delimiter(text))
    index = _column_index(reader, path)
    staff: list[StaffMember] = []
    seen_emails: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            values = {column: _clean(row[i]) if i < len(row) else "" for column, i in index.items()}
            values.setdefault("email", "")
            _check_values(values, line, path)
            _check_email(values["email"], line, path, seen_emails)
            staff.append(StaffMember(values["name"], values["role"], values["email"], line))
            if len(staff) > MAX_STAFF:
                raise ProfileError(f"more than {MAX_STAFF} staff; split the list", path=path)
    except csv.Error as exc:
        raise ProfileError(f"line {reader.line_num}: not readable as CSV: {exc}", path=path) from None
    if not staff:
        raise ProfileError("no staff listed under the header row", path=path)
    return tuple(staff)


def _read_text(path: Path) -> str:
    """The staff list's text; refused when missing, too large, binary or empty."""
    if not path.is_file():
        raise FileMissingError("no such staff list" if not path.exists() else "not a file", path=path)
    raw = path.read_bytes()
    if len(raw) > MAX_STAFF_FILE_BYTES:
        raise ProfileError(f"too large for a staff list (at most {MAX_STAFF_FILE_BYTES // 1024 // 1024} MB)", path=path)
    if b"\x00" in raw:
        raise ProfileError("not a text CSV file (it contains binary data; save it as CSV UTF-8)", path=path)
    text = _decode(raw, path)
    if not text.strip():
        raise ProfileError("the staff list is empty (expected a header row: name,role,email)", path=path)
    return text


def _column_index(reader: Iterator[list[str]], path: Path) -> dict[str, int]:
    """Column name -> its position in the header row; refused when a required column is missing."""
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ProfileError(f"line 1: not readable as CSV: {exc}", path=path) from None
    columns = [_clean(cell).lower() for cell in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise ProfileError(
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(the first row must name the columns {', '.join(COLUMNS)}; it has: {', '.join(columns) or 'nothing'})",
            path=path,
        )
    return {column: columns.index(column) for column in COLUMNS if column in columns}


def _check_values(values: dict[str, str], line: int, path: Path) -> None:
    """Required columns filled, none too long."""
    for column in COLUMNS:
        if not values[column] and column in REQUIRED_COLUMNS:
            raise ProfileError(f"line {line}: {column} is empty", path=path)
        if len(values[column]) > _MAX_TEXT:
            raise ProfileError(f"line {line}: {column} is too long (at most {_MAX_TEXT} characters)", path=path)


def _check_email(email: str, line: int, path: Path, seen_emails: dict[str, int]) -> None:
    """An email, when given, looks like one and is not listed twice (``seen_emails`` records it)."""
    if not email:
        return
    if not _EMAIL.match(email):
        raise ProfileError(f"line {line}: email '{email}' is not an email address", path=path)
    key = email.lower()
    if key in seen_emails:
        raise ProfileError(f"line {line}: email '{email}' is listed twice (first on line {seen_emails[key]})",
                           path=path)
    seen_emails[key] = line
