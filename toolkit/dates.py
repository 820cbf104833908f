"""Dates as policies print them: full, month-only, term-only, or not a date at all.

English school documents write "21/03/2024" (always day first), "2 March 2022",
"Jan 2022", "Spring Term 2023" or "When necessary". We keep what is known and no
more: a month-only date stays partial rather than being pinned to the 1st.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name.lower(): index
    for index in range(1, 13)
    for name in (calendar.month_name[index], calendar.month_abbr[index])
}
_MONTHS["sept"] = 9

# The last month of each English school term, used to decide when a
# term-only review date has passed.
_TERM_LAST_MONTH = {"autumn": 12, "spring": 4, "summer": 7}


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to year, month or day precision (or to a school term)."""

    year: int
    month: int | None = None
    day: int | None = None
    term: str | None = None

    @property
    def is_complete(self) -> bool:
        return self.month is not None and self.day is not None

    @property
    def iso(self) -> str:
        """ISO 8601 at the precision known: ``2024-03-21``, ``2024-03`` or ``2024``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.is_complete else None  # type: ignore[arg-type]

    def latest_day(self) -> dt.date:
        """The last day this date could mean; a review 'due March 2024' is overdue from April."""
        if self.is_complete:
            return dt.date(self.year, self.month, self.day)  # type: ignore[arg-type]
        month = self.month or _TERM_LAST_MONTH.get(self.term or "", 12)
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return self.iso


_DAY_FIRST = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,\s*(\d{4})\b")
_MONTH_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?(?:[\s\-]+(\d{4}|\d{2})|(\d{4}))\b")  # "September2018" too
_TERM_YEAR = re.compile(r"\b(autumn|spring|summer)(?:\s+term)?\s+(\d{4})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def parse_date(text: str) -> PartialDate | None:
    """The first date in ``text``, at the precision it was written; None when there is none.

    Numeric dates are read day first, as English documents write them.
    """
    if not text:
        return None
    if m := _ISO.search(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        if _valid(year, month, day):
            return PartialDate(year, month, day)
    if m := _DAY_FIRST.search(text):
        day, month, year = int(m[1]), int(m[2]), _full_year(m[3])
        if _valid(year, month, day):
            return PartialDate(year, month, day)
    if m := _DAY_MONTH_YEAR.search(text):
        named = _MONTHS.get(m[2].lower())
        if named and _valid(int(m[3]), named, int(m[1])):
            return PartialDate(int(m[3]), named, int(m[1]))
    if m := _MONTH_DAY_YEAR.search(text):
        named = _MONTHS.get(m[1].lower())
        if named and _valid(int(m[3]), named, int(m[2])):
            return PartialDate(int(m[3]), named, int(m[2]))
    if m := _TERM_YEAR.search(text):
        return PartialDate(int(m[2]), term=m[1].lower())
    for m in _MONTH_YEAR.finditer(text):
        named = _MONTHS.get(m[1].lower())
        if named:
            return PartialDate(_full_year(m[2] or m[3]), named)
    if m := _YEAR.search(text):
        return PartialDate(int(m[1]))
    return None


def uk_long_date(value: dt.date) -> str:
    """``21 March 2024``: the form English school documents print."""
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"
