"""Metadata hints from running headers and footers (DOCX margins, PDF bands).

Schools put their name and the review dates in the page margins
("Oak Tree Primary School | Social Media Policy", "Next review: September 2025").
The words stay in furniture; these hints only point the builder at values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..dates import parse_date

_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s*\|\s*|\t")
_SCHOOL_WORDS = re.compile(
    r"\b(school|academy|college|trust|federation|nursery|infants?|juniors?|primary|high school)\b", re.IGNORECASE
)
_POLICY_WORDS = re.compile(r"\b(policy|procedure|guidance|code of conduct)\b", re.IGNORECASE)
_DATE = r"((?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Za-z]{3,9}\.?,?\s+\d{4}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:spring|summer|autumn|winter)\s+(?:term\s+)?\d{4}|\d{4})"
_DATE_PATTERNS = (
    ("next_review", re.compile(
        r"\b(?:next\s+review(?:\s+date)?|review\s+date|date\s+of\s+next\s+review|due\s+for\s+review|for\s+review|to\s+be\s+reviewed)"
        r"\s*(?:on|by|in|due)?\s*[:\-–]?\s*" + _DATE, re.IGNORECASE)),
    ("last_review", re.compile(
        r"\b(?:last\s+reviewed?|reviewed|date\s+of\s+review)\s*(?:on|in)?\s*[:\-–]?\s*" + _DATE, re.IGNORECASE)),
    ("approved", re.compile(
        r"\b(?:approved|adopted|ratified)(?:\s+by\s+[A-Za-z ]{3,40}?)?\s*(?:on|in)?\s*[:\-–]?\s*" + _DATE, re.IGNORECASE)),
)
_VERSION = re.compile(r"\bversion\s*(?:no\.?|number)?\s*[:\-]?\s*(v?\d+(?:\.\d+)*)\b", re.IGNORECASE)


def margin_hints(lines: Iterable[str]) -> list[tuple[str, str]]:
    hints: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(key: str, raw: str) -> None:
        raw = raw.strip(" .,:;")
        if raw and (key, raw) not in seen and not any(k == key for k, _ in hints):
            seen.add((key, raw))
            hints.append((key, raw))

    for line in lines:
        for key, pattern in _DATE_PATTERNS:
            match = pattern.search(line)
            if match and parse_date(match.group(1)) is not None:
                add(key, match.group(1))
        version = _VERSION.search(line)
        if version:
            add("version", version.group(1))
        for part in _SEPARATORS.split(line):
            part = part.strip()
            if not part or len(part) > 90 or re.search(r"\d", part):
                continue
            if _SCHOOL_WORDS.search(part) and not _POLICY_WORDS.search(part):
                add("school", part)
            elif _POLICY_WORDS.search(part):
                add("title", part)
    return hints
