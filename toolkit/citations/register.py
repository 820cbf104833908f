"""The register of legislation and statutory guidance: ``toolkit/data/legislation.toml``.

Each instrument has editions with the first (and, when it ended, the last) day they
applied. The file is data a trust edits each September, so it is checked strictly on
load: an unknown key, a missing date or an edition out of order is one clear error
naming the file, never a silent mistake in every judgement made from it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..dates import uk_long_date
from ..errors import ToolkitError


class RegisterError(ToolkitError):
    """The legislation register is malformed (names the file, the instrument and the problem)."""


_INSTRUMENT_KEYS = frozenset({
    "id", "title", "short", "kind", "names", "case_names", "abbreviations", "year_required_names",
    "year_required_abbreviations", "replaces_editions", "withdrawn", "replaced_by", "withdrawn_source", "edition",
})
_EDITION_KEYS = frozenset({"year", "from", "until", "source", "confidence", "note", "name"})
_KINDS = frozenset({"guidance", "act", "regulation"})
_CONFIDENCE = frozenset({"high", "medium", "low"})


@dataclass(frozen=True, slots=True)
class Edition:
    instrument: str
    year: int
    start: dt.date  # the first day it applied
    end: dt.date | None  # the last day it applied; None while it still applies
    label: str  # "KCSIE 2019", "Data Protection Act 1998"
    source: str
    confidence: str
    note: str = ""

    def applies_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def describe(self) -> str:
        """``KCSIE 2021, in force since 1 September 2021``."""
        return f"{self.label}, in force since {uk_long_date(self.start)}"


@dataclass(frozen=True, slots=True)
class Instrument:
    id: str
    title: str
    kind: str
    names: tuple[str, ...]  # matched ignoring case
    case_names: tuple[str, ...]  # matched as written
    abbreviations: tuple[str, ...]  # matched as written
    year_required: frozenset[str]  # names and abbreviations that only count with a year beside them
    replaces_editions: bool
    editions: tuple[Edition, ...]
    short: str | None = None
    withdrawn: dt.date | None = None  # the first day it no longer applied (repeal, withdrawal)
    replaced_by: str | None = None  # "instrument" or "instrument:year"
    withdrawn_source: str | None = None

    def edition(self, year: int | None) -> Edition | None:
        for edition in self.editions:
            if edition.year == year:
                return edition
        return None

    def in_force(self, day: dt.date) -> Edition | None:
        """The edition that applied on ``day`` (for a family that replaces editions), else None."""
        if self.withdrawn is not None and day >= self.withdrawn:
            return None
        current = [edition for edition in self.editions if edition.applies_on(day)]
        return current[-1] if current else None

    @property
    def display(self) -> str:
        return self.short or self.title


@dataclass(frozen=True)
class Register:
    instruments: tuple[Instrument, ...]
    path: str

    def get(self, instrument_id: str) -> Instrument:
        for instrument in self.instruments:
            if instrument.id == instrument_id:
                return instrument
        raise KeyError(instrument_id)

    def successor(self, instrument: Instrument, day: dt.date) -> Edition | None:
        """What took over from a withdrawn or repealed instrument, as it stood on ``day``."""
        if not instrument.replaced_by:
            return None
        target_id, _, year = instrument.replaced_by.partition(":")
        target = self.get(target_id)
        return target.in_force(day) or (target.edition(int(year)) if year else None)


def _label(raw: dict, instrument: dict, year: int) -> str:
    if raw.get("name"):
        return raw["name"]
    if instrument.get("short"):
        return f"{instrument['short']} {year}"
    return f"{instrument['title']} {year}"


def _strings(value, where: str, path: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise RegisterError(f"{where}: expected a list of names", path=path)
    return tuple(value)


def _date(value, where: str, path: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise RegisterError(f"{where}: expected a date written as YYYY-MM-DD, got {value!r}", path=path)
    return value


def _instrument(raw: dict, path: str) -> Instrument:
    ident = raw.get("id")
    if not isinstance(ident, str) or not ident:
        raise RegisterError("an [[instrument]] has no id", path=path)
    where = f"instrument {ident!r}"
    _check_keys(raw, where, path)
    names = _strings(raw.get("names", []), f"{where} names", path)
    case_names = _strings(raw.get("case_names", []), f"{where} case_names", path)
    abbreviations = _strings(raw.get("abbreviations", []), f"{where} abbreviations", path)
    year_required = frozenset(_strings(raw.get("year_required_names", []), where, path)
                              + _strings(raw.get("year_required_abbreviations", []), where, path))
    if not (names or case_names or abbreviations):
        raise RegisterError(f"{where}: no names to find it by", path=path)
    withdrawn = _date(raw["withdrawn"], f"{where} withdrawn", path) if "withdrawn" in raw else None
    replaces = raw.get("replaces_editions", True)
    if not isinstance(replaces, bool):
        raise RegisterError(f"{where}: replaces_editions must be true or false", path=path)
    starts = _edition_starts(raw.get("edition"), where, path)
    editions = []
    for index, (edition, year, start) in enumerate(starts):
        following = starts[index + 1][2] if replaces and index + 1 < len(starts) else None
        end = _edition_end(edition, following, withdrawn, f"{where} {year}", path)
        if end is not None and end < start:
            raise RegisterError(f"{where} {year}: ends before it starts", path=path)
        editions.append(Edition(ident, year, start, end, _label(edition, raw, year), edition["source"],
                                edition.get("confidence", "high"), edition.get("note", "")))
    return Instrument(ident, raw["title"], raw["kind"], names, case_names, abbreviations, year_required, replaces,
                      tuple(editions), raw.get("short"), withdrawn, raw.get("replaced_by"), raw.get("withdrawn_source"))


def _check_keys(raw: dict, where: str, path: str) -> None:
    """No unknown keys; a title and a known kind."""
    unknown = set(raw) - _INSTRUMENT_KEYS
    if unknown:
        raise RegisterError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}", path=path)
    for key in ("title", "kind"):
        if not isinstance(raw.get(key), str):
            raise RegisterError(f"{where}: missing {key}", path=path)
    if raw["kind"] not in _KINDS:
        raise RegisterError(f"{where}: kind must be one of {', '.join(sorted(_KINDS))}", path=path)


def _edition_starts(editions_raw: object, where: str, path: str) -> list[tuple[dict, int, dt.date]]:
    """Each edition table with its year and first day, checked and in order (oldest first, one per year)."""
    if not isinstance(editions_raw, list) or not editions_raw:
        raise RegisterError(f"{where}: needs at least one [[instrument.edition]]", path=path)
    starts: list[tuple[dict, int, dt.date]] = []
    for edition in editions_raw:
        unknown = set(edition) - _EDITION_KEYS
        if unknown:
            raise RegisterError(f"{where}: edition has unknown key(s) {', '.join(sorted(unknown))}", path=path)
        year = edition.get("year")
        if not isinstance(year, int) or not 1800 <= year <= 2200:
            raise RegisterError(f"{where}: edition without a valid year", path=path)
        if "from" not in edition or not edition.get("source"):
            raise RegisterError(f"{where} {year}: every edition needs 'from' and 'source'", path=path)
        if edition.get("confidence", "high") not in _CONFIDENCE:
            raise RegisterError(f"{where} {year}: confidence must be high, medium or low", path=path)
        starts.append((edition, year, _date(edition["from"], f"{where} {year} from", path)))
    if [s for _, _, s in starts] != sorted(s for _, _, s in starts):
        raise RegisterError(f"{where}: editions must be listed oldest first", path=path)
    if len({year for _, year, _ in starts}) != len(starts):
        raise RegisterError(f"{where}: two editions have the same year", path=path)
    return starts


def _edition_end(edition: dict, following: dt.date | None, withdrawn: dt.date | None, where: str,
                 path: str) -> dt.date | None:
    """The last day an edition applied: as written, else the day before the next edition (in a family
    that replaces editions) or before the instrument's withdrawal; None while it still applies."""
    if "until" in edition:
        return _date(edition["until"], f"{where} until", path)
    if following is not None:
        return following - dt.timedelta(days=1)
    if withdrawn is not None:
        return withdrawn - dt.timedelta(days=1)
    return None


def load_register(path: str | Path | None = None) -> Register:
    """Read and check a register; the packaged one when ``path`` is None."""
    if path is None:
        return _packaged()
    return _load(Path(path))


def _load(path: Path) -> Register:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegisterError("no such file", path=path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RegisterError(f"not valid TOML: {exc}", path=path) from None
    unknown = set(data) - {"instrument"}
    if unknown:
        raise RegisterError(f"unknown top-level key(s) {', '.join(sorted(unknown))}", path=path)
    instruments = tuple(_instrument(raw, str(path)) for raw in data.get("instrument", []))
    ids = [instrument.id for instrument in instruments]
    if len(set(ids)) != len(ids):
        raise RegisterError("two instruments share an id", path=path)
    for instrument in instruments:
        if instrument.replaced_by:
            target, _, year = instrument.replaced_by.partition(":")
            if target not in ids or (year and not year.isdigit()):
                raise RegisterError(f"instrument {instrument.id!r}: replaced_by {instrument.replaced_by!r} "
                                    "names no instrument in the register", path=path)
    return Register(instruments, str(path))


@lru_cache(maxsize=1)
def _packaged() -> Register:
    with resources.as_file(resources.files("toolkit") / "data" / "legislation.toml") as path:
        return _load(Path(path))
