"""Finding the legislation and guidance a policy cites, clause by clause.

A citation is a name from the register ("Keeping Children Safe in Education", "KCSiE",
"Data Protection Act") with, when the policy gives one, the edition year written beside
it: "KCSIE 2019", "Keeping Children Safe in Education (September 2019)", "Children Act
(1989 s47)", "Data Protection Act | 1998" across a table row, "the 2018 KCSIE". A later
"the 1998 Act" or "the 2015 guidance" points back to an instrument already cited.

Each citation keeps where it was found (clause id and number, page, or the furniture
line) and whether the sentence around it describes a past edition or a change
("replaces the 2015 guidance", "changes since KCSIE 2018"): those are historical
mentions, reported but never judged stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..model import Clause, ClauseKind, Document
from .register import Instrument, Register, load_register

_YEAR = r"(?:19|20)\d\d"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
# What may sit between a name and its year: brackets, punctuation, table rules, a
# publisher, a month, "updated". Nothing that could be the start of another sentence.
_GAP = r"""(?:\.(?=\s*\())?[\s(\[{,:;\-–—'"‘’“”*_`|]*"""
_QUALIFIER = (rf"(?:(?:HMG|HM\s+Government|DfE|DCSF|DfES|DoH|Home\s+Office|{_MONTH}|updated|revised|published"
              r"|edition|version|(?:statutory\s+)?guidance|Every\s+Child\s+Matters|[A-Z]{2,6}\))[\s,.()\[\]]*)*")
_YEAR_AFTER = re.compile(rf"{_GAP}{_QUALIFIER}({_YEAR})\b(?!\s*/\s*\d)")
# "Keeping Children Safe in Education: statutory guidance for schools and colleges (September 2019)"
_YEAR_AFTER_SUBTITLE = re.compile(rf"\s*:\s*[A-Za-z][A-Za-z ,'\-]{{0,70}}?{_GAP}{_QUALIFIER}({_YEAR})\b(?!\s*/\s*\d)")
_ABBREVIATION_ONLY = re.compile(r"[A-Z][A-Za-z]{1,6}\)?[\s(]*(?:19|20)\d\d")
_MORE_YEARS = re.compile(rf"\s*(?:,|and|&)\s*({_YEAR})\b(?!\s*/\s*\d)")
_YEAR_BEFORE = re.compile(rf"(?:\bthe\s+|\()({_YEAR})\)?\s+(?:edition\s+of\s+(?:the\s+)?)?$", re.IGNORECASE)
# "the 1998 Act", "the 2015 guidance", "the 2019 Code"
_BACK_REFERENCE = re.compile(rf"\bthe\s+({_YEAR})\s+(Act|guidance|edition|version|Code|code|advice|Regulations?)\b")

_CELL_RULE = re.compile(r"\s*\|\s*")  # a table cell boundary inside a citation: "Data Protection Act | 1998"
_URL = re.compile(r"(?:https?://|www\.)\S+")
_RST_TARGET = re.compile(r"^\s*\.\.\s+_")
_MARKUP = re.compile(r"`_{1,2}|[`*]")
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z(\"'‘“])|\n")

# A past edition or a change being described, just before the citation...
_HISTORICAL_BEFORE = re.compile(
    r"\b(?:replac(?:es|ed|ing)|supersed(?:es|ed|ing)|changes?\s+(?:since|from|made\s+to|to|in)|chang(?:ed|es)\s+from"
    r"|previous(?:ly)?|prior\s+to|former(?:ly)?|(?:earlier|old(?:er)?)\s+(?:edition|version|guidance)"
    r"|last\s+year'?s?|in\s+place\s+of|instead\s+of"
    r"|compared\s+(?:with|to)|differences?\s+(?:from|between)|updat(?:es|ed|ing)\s+(?:from|since)"
    r"|revis(?:es|ed|ing)\s+from|rather\s+than|withdrawn|repeal(?:s|ed|ing)|until|up\s+to)\b[^.;]{0,45}$",
    re.IGNORECASE)
# ... or just after it.
_HISTORICAL_AFTER = re.compile(
    r"^[\s)\]’'\",]*(?:\((?:now\s+)?(?:replaced|superseded|withdrawn|repealed)|(?:which|that)?\s*(?:has|have|had)\s+been\s+"
    r"(?:replaced|superseded|withdrawn|repealed|revoked|updated)|(?:which|that)?\s*(?:was|were|is|are)\s+"
    r"(?:replaced|superseded|withdrawn|repealed|revoked)|(?:no\s+longer|now\s+replaced|as\s+it\s+then\s+was)"
    r"|(?:applied|was\s+in\s+force)\s+until)",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Citation:
    """One mention of a registered instrument in a document."""

    instrument: str  # register id: "kcsie", "dpa"
    year: int | None  # the edition year written beside it; None when not stated
    text: str  # the words as printed (normalised spaces): "Keeping Children Safe in Education (September 2019)"
    clause_id: str | None  # None for furniture (running headers, footers)
    clause_number: str | None
    page: int | None
    line: int | None
    location: str  # "clause", "table" or "furniture"
    historical: bool = False  # the sentence describes a past edition or a change
    via: str = "name"  # "name", "abbreviation" or "back-reference"
    context: str = ""  # the sentence around it, for people
    section: str | None = None  # the heading of the nearest section above it, to find it by

    @property
    def where(self) -> str:
        """``clause 4.2 (page 3)``, ``an unnumbered clause``, ``the footer on page 2``."""
        page = f" (page {self.page})" if self.page else ""
        if self.location == "furniture":
            return f"a header/footer line{page}"
        if self.clause_number:
            return f"clause {self.clause_number}{page}"
        kind = "a table" if self.location == "table" else "an unnumbered clause"
        under = f" under '{_shorten(self.section)}'" if self.section else ""
        return f"{kind}{under}{page}"


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class _Pattern:
    regex: re.Pattern[str]
    instrument: Instrument
    year_required: frozenset[str]
    via: str


@lru_cache(maxsize=8)
def _patterns(register: Register) -> tuple[_Pattern, ...]:
    patterns = []
    for instrument in register.instruments:
        groups = (
            (instrument.names, re.IGNORECASE, "name"),
            (instrument.case_names, 0, "name"),
            (instrument.abbreviations, 0, "abbreviation"),
        )
        for names, flags, via in groups:
            if not names:
                continue
            # Longest first, so "Special Educational Needs and Disability Code" wins over "SEN Code".
            alternatives = "|".join(_name_regex(name) for name in sorted(names, key=len, reverse=True))
            regex = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)
            patterns.append(_Pattern(regex, instrument, instrument.year_required, via))
    return tuple(patterns)


_COMPILED: dict[int, tuple[Register, tuple[_Pattern, ...], frozenset[str]]] = {}
_WORD = re.compile(r"[a-z0-9]+")


def _compiled(register: Register) -> tuple[tuple[_Pattern, ...], frozenset[str]]:
    """The register's patterns, and the first word of every name they look for.

    A paragraph holding none of those words cannot hold a citation by name: one
    look-up in a set instead of one regular-expression scan per instrument, which
    was a third of a cached register run.
    """
    cached = _COMPILED.get(id(register))
    if cached is None or cached[0] is not register:
        triggers = set()
        for instrument in register.instruments:
            for name in (*instrument.names, *instrument.case_names, *instrument.abbreviations):
                first = _WORD.findall(name.lower())
                if first:
                    triggers.add(first[0])
        cached = (register, _patterns(register), frozenset(triggers))
        _COMPILED[id(register)] = cached
    return cached[1], cached[2]


def _name_regex(name: str) -> str:
    # Spaces match any run of whitespace (PDF lines), apostrophes either form.
    parts = [re.escape(word).replace("'", "['’]").replace("’", "['’]") for word in name.split()]
    return r"\s+".join(parts)


def _normalise(text: str) -> str:
    text = _URL.sub(" ", text)
    text = _MARKUP.sub("", text)
    return text


@dataclass(frozen=True, slots=True)
class _Unit:
    text: str
    clause: Clause | None
    location: str
    page: int | None
    line: int | None


def _section_of(document: Document, clause: Clause) -> str | None:
    """The heading of the nearest numbered or titled ancestor (or the clause's own heading)."""
    current: Clause | None = clause
    while current is not None:
        if current.heading and current is not clause or (current is clause and current.kind is ClauseKind.SECTION):
            label = " ".join(part for part in (current.number, current.heading) if part)
            return label or None
        parent = document.parent_id(current.id)
        current = document.clause(parent) if parent else None
    return None


def _units(document: Document) -> Iterator[_Unit]:
    for clause in document.walk():
        if clause.kind is ClauseKind.TABLE and clause.rows:
            if clause.heading:
                yield _Unit(clause.heading, clause, "table", clause.page, clause.line)
            for row in clause.rows:
                yield _Unit(" | ".join(row), clause, "table", clause.page, clause.line)
        else:
            yield _Unit(clause.full_text, clause, "clause", clause.page, clause.line)
    seen: set[str] = set()
    for item in document.furniture:
        key = " ".join(item.text.split())
        if key in seen:  # a running footer repeats on every page: one citation is enough
            continue
        seen.add(key)
        yield _Unit(item.text, None, "furniture", item.page, item.line)


@dataclass(slots=True)
class _Match:
    start: int
    end: int  # end of the name, or of the last year read with it
    instrument: Instrument
    years: list[int]
    via: str


def _years_after(text: str, end: int) -> tuple[list[int], int]:
    m = _YEAR_AFTER.match(text, end) or _YEAR_AFTER_SUBTITLE.match(text, end)
    if not m:
        return [], end
    years, stop = [int(m[1])], m.end()
    while more := _MORE_YEARS.match(text, stop):
        years.append(int(more[1]))
        stop = more.end()
    return years, stop


def _matches(text: str, patterns: tuple[_Pattern, ...]) -> list[_Match]:
    kept = _longest_names(text, patterns)
    result: list[_Match] = []
    reached = 0
    for index, match in enumerate(kept):
        if match.start < reached:
            continue  # inside the years of the one before: "Data Protection Act (DPA) 2018"
        limit = kept[index + 1].start if index + 1 < len(kept) else len(text)
        years, stop = _edition_years(text, match, limit)
        if years is None:
            continue
        if stop < len(text) and text[stop] == ")" and text.count("(", match.start, stop) > text.count(")", match.start, stop):
            stop += 1
        match.years = years
        match.end = max(match.end, stop)
        reached = match.end
        result.append(match)
    return result


def _longest_names(text: str, patterns: tuple[_Pattern, ...]) -> list[_Match]:
    """Every name found, in order; where two overlap, the longer one."""
    found: list[_Match] = []
    for pattern in patterns:
        for m in pattern.regex.finditer(text):
            found.append(_Match(m.start(), m.end(), pattern.instrument, [], pattern.via))
    # Overlaps: the longer name wins ("General Data Protection Regulation" over a bare "Data Protection").
    found.sort(key=lambda match: (match.start, -(match.end - match.start)))
    kept: list[_Match] = []
    for match in found:
        if kept and match.start < kept[-1].end:
            continue
        kept.append(match)
    return kept


def _edition_years(text: str, match: _Match, limit: int) -> tuple[list[int] | None, int]:
    """The years written with a name and where they stop (before ``limit``, the next name);
    None when the name is not a citation at all."""
    name = " ".join(text[match.start:match.end].split()).lower()
    years, stop = _years_after(text, match.end)
    if stop > limit and not _ABBREVIATION_ONLY.fullmatch(text[limit:stop].strip(" ()")):
        years, stop = [], match.end  # the year belongs to the next name
    if not years:
        before = _YEAR_BEFORE.search(text, max(0, match.start - 20), match.start)
        if before:
            years = [int(before[1])]
    required = any(name == " ".join(n.split()).lower() for n in match.instrument.year_required)
    if not match.instrument.replaces_editions:
        # A family of Acts that stand side by side (Children Acts): only the years we know.
        known = [year for year in years if match.instrument.edition(year) is not None]
        if years and not known:
            return None, stop  # "Education Act 2011", "Protection of Children Act 1978": not in the register
        years = known
    if not years and required:
        return None, stop  # "Working Together" without a year is a phrase, not a title
    return years, stop


def _sentence(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The sentence around a span: (text before it, the span, text after it)."""
    begin = 0
    for boundary in _SENTENCE_END.finditer(text, 0, start):
        begin = boundary.end()
    stop = len(text)
    if after := _SENTENCE_END.search(text, end):
        stop = after.start() + 1
    return text[begin:start], text[start:end], text[end:stop]


def _is_historical(before: str, after: str) -> bool:
    return bool(_HISTORICAL_BEFORE.search(before[-90:]) or _HISTORICAL_AFTER.match(after))


def _cite(document: Document, unit: _Unit, text: str, instrument_id: str, year: int | None,
          start: int, end: int, via: str) -> Citation:
    before, span, after = _sentence(text, start, end)
    clause = unit.clause
    return Citation(
        instrument=instrument_id, year=year, text=" ".join(_CELL_RULE.sub(" ", span).split()).strip(" (|:,"),
        clause_id=clause.id if clause else None, clause_number=clause.number if clause else None,
        page=unit.page, line=unit.line, location=unit.location,
        historical=_is_historical(before, after), via=via,
        context=" ".join((before + span + after).split())[:300],
        section=_section_of(document, clause) if clause else None)


def find_citations(document: Document, register: Register | None = None) -> tuple[Citation, ...]:
    """Every citation of a registered instrument in ``document``, in document order."""
    register = register or load_register()
    patterns, triggers = _compiled(register)
    citations: list[Citation] = []
    for unit in _units(document):
        if _RST_TARGET.match(unit.text):
            continue  # ".. _Data Protection Act: http://..." is a link target, not a citation
        text = _normalise(unit.text)
        if triggers.isdisjoint(_WORD.findall(text.lower())) and not (citations and _BACK_REFERENCE.search(text)):
            continue  # names no instrument, and points back to none found so far
        here: list[tuple[int, Citation]] = []
        spans: list[tuple[int, int]] = []
        for match in _matches(text, patterns):
            spans.append((match.start, match.end))
            years: list[int | None] = list(match.years) or [None]
            for year in years:
                here.append((match.start, _cite(document, unit, text, match.instrument.id, year,
                                                match.start, match.end, match.via)))
        for m in _BACK_REFERENCE.finditer(text):
            if any(start <= m.start() < end for start, end in spans):
                continue
            target = _resolve(int(m[1]), m[2], citations + [c for _, c in here], register)
            if target is not None:
                here.append((m.start(), _cite(document, unit, text, target, int(m[1]), m.start(), m.end(),
                                              "back-reference")))
        here.sort(key=lambda item: item[0])
        citations.extend(citation for _, citation in here)
    return tuple(citations)


def _resolve(year: int, noun: str, earlier: list[Citation], register: Register) -> str | None:
    """The instrument "the 1998 Act" points back to: the latest one cited that has a 1998 edition."""
    want_act = noun.lower() == "act"
    for citation in reversed(earlier):
        instrument = register.get(citation.instrument)
        if (instrument.kind == "act") != want_act:
            continue
        if instrument.edition(year) is not None:
            return instrument.id
    return None
