"""Judging citations against a date: was a newer edition in force, or the Act repealed?

The date is the policy's approval date when its cover says one, else a review or
'updated' date, else today: the question then is "is this policy, still in use, out of
date?". Every finding says which date was used and why, what the policy cites, what
applied on that date (and since when) and what applies today.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from ..dates import PartialDate, parse_date, uk_long_date
from ..model import Document, MetaValue
from .finder import Citation, find_citations
from .register import Edition, Instrument, Register, load_register

STALE = "stale"
CURRENT = "current"
HISTORICAL = "historical"
NOT_STATED = "edition not stated"
NOT_RECOGNISED = "edition not recognised"
NOT_YET = "not yet in force"


@dataclass(frozen=True, slots=True)
class AsOf:
    """The date citations are judged against, and where it came from."""

    date: dt.date
    basis: str  # "approval", "adoption", "last review", "review", "document", "given", "today"
    raw: str | None = None  # as printed: "April 2022"

    def describe(self) -> str:
        printed = f' ("{self.raw}")' if self.raw else ""
        if self.basis == "today":
            return f"today, {uk_long_date(self.date)} (no approval or review date found in the document)"
        if self.basis == "given":
            return f"{uk_long_date(self.date)} (given with --as-of)"
        return f"{uk_long_date(self.date)}, its {self.basis} date{printed}"


@dataclass(frozen=True, slots=True)
class Finding:
    citation: Citation
    status: str  # STALE, CURRENT, HISTORICAL, NOT_STATED, NOT_RECOGNISED, NOT_YET
    as_of: AsOf
    cited: str  # "KCSIE 2018", "Keeping children safe in education (edition not stated)"
    applied_then: Edition | None  # what applied on the as-of date, when the register knows
    applies_now: Edition | None  # what applies today
    reason: str  # one sentence for people
    superseded_since: bool = False  # current on the as-of date, superseded since then

    @property
    def stale(self) -> bool:
        return self.status == STALE


# Labels in a metadata table that name an approval-like date, best first.
_APPROVAL_LABELS = (
    ("approval", re.compile(r"approv|ratif", re.IGNORECASE)),
    ("adoption", re.compile(r"adopt|adpot|agreed|signed", re.IGNORECASE)),
    ("document", re.compile(r"version\s*date|^date$|date\s*of\s*issue|issued|updated", re.IGNORECASE)),
)
# A labelled date in the first lines of a document that has no metadata table.
_LABELLED_DATE = re.compile(
    r"\b(approved|adopted|agreed|ratified|date\s+of\s+adoption|review\s+date|date\s+of\s+review|reviewed"
    r"|last\s+reviewed|updated|date)\b\s*(?:on|by\s+[^:]{0,40})?\s*[:\-–]?\s*(.{4,40})",
    re.IGNORECASE)


def _day(value: PartialDate) -> dt.date:
    # A month-only date means its last day: a policy "approved September 2018" was in use by then.
    return value.latest_day()


def approval_date(document: Document, today: dt.date | None = None) -> AsOf:
    """The date a policy's citations should be judged against, and which date it is."""
    today = today or dt.date.today()
    meta = document.metadata

    def typed(value: MetaValue | None) -> PartialDate | None:
        if value is None:
            return None
        if isinstance(value.value, PartialDate):
            return value.value
        return parse_date(value.raw)

    if (value := typed(meta.approved)) is not None:
        return AsOf(_day(value), "approval", meta.approved.raw if meta.approved else None)
    for basis, label in _APPROVAL_LABELS:
        for key, extra in meta.extra:
            if label.search(key) and (value := typed(extra)) is not None:
                return AsOf(_day(value), basis, extra.raw)
    if (value := typed(meta.last_review)) is not None:
        return AsOf(_day(value), "last review", meta.last_review.raw if meta.last_review else None)
    # No metadata table: a labelled date on the cover ("Review Date: 1st January 2024", ":Date: 2009-01-11").
    for index, clause in enumerate(document.walk()):
        if index >= 12:
            break
        for m in _LABELLED_DATE.finditer(clause.full_text):
            value = parse_date(m[2])
            if value is not None and 1990 <= value.year <= today.year + 1:
                kind = m[1].lower()
                basis = ("review" if "review" in kind else "adoption" if "adopt" in kind
                         else "document" if kind in ("date", "updated") else "approval")
                return AsOf(_day(value), basis, " ".join(m[0].split())[:60])
    return AsOf(today, "today")


def _as_of(document: Document, as_of: dt.date | AsOf | None, today: dt.date) -> AsOf:
    if isinstance(as_of, AsOf):
        return as_of
    if isinstance(as_of, dt.date):
        return AsOf(as_of, "given")
    return approval_date(document, today)


@dataclass(frozen=True, slots=True)
class _Case:
    """What a citation is judged on: the instrument, the edition cited, and what applied when."""

    citation: Citation
    instrument: Instrument
    edition: Edition | None  # the edition cited, when the register knows its year
    as_of: dt.date
    today: dt.date
    then: Edition | None  # what applied on the as-of date
    now: Edition | None  # what applies today


# A rule's verdict: (status, reason, superseded since) or None when the rule does not apply.
_Verdict = tuple[str, str, bool] | None


def _historical(case: _Case) -> _Verdict:
    if case.citation.historical:
        return HISTORICAL, "describes a past edition or a change; not judged", False
    return None


def _instrument_withdrawn(case: _Case) -> _Verdict:
    instrument = case.instrument
    if instrument.withdrawn is None or case.as_of < instrument.withdrawn:
        return None
    what = "repealed" if instrument.kind == "act" else "withdrawn"
    instead = f" and replaced by {case.then.label}" if case.then else ""
    name = case.edition.label if case.edition else instrument.title
    return STALE, f"{name} was {what} on {uk_long_date(instrument.withdrawn)}{instead}", False


def _year_not_stated(case: _Case) -> _Verdict:
    if case.citation.year is not None:
        return None
    instrument = case.instrument
    if instrument.replaces_editions and case.then is None and instrument.editions[-1].end is not None \
            and case.as_of > instrument.editions[-1].end:
        return STALE, f"no edition of {instrument.title} applied on {uk_long_date(case.as_of)}", False
    return NOT_STATED, "no edition year is given, so the edition cannot be checked", False


def _edition_unknown(case: _Case) -> _Verdict:
    if case.edition is None:
        return NOT_RECOGNISED, f"the register has no {case.citation.year} edition of {case.instrument.title}", False
    return None


def _not_yet_in_force(case: _Case) -> _Verdict:
    edition = case.edition
    if edition is not None and case.as_of < edition.start:
        return NOT_YET, f"{edition.label} applied only from {uk_long_date(edition.start)}", False
    return None


def _edition_ended(case: _Case) -> _Verdict:
    edition = case.edition
    if edition is None or edition.end is None or case.as_of <= edition.end:
        return None
    following = [e for e in case.instrument.editions if e.start > edition.start]
    if case.instrument.replaces_editions and following:
        reason = f"{following[0].label} replaced it on {uk_long_date(following[0].start)}"
    else:
        what = "repealed" if case.instrument.kind == "act" else "withdrawn"
        reason = f"{edition.label} was {what} after {uk_long_date(edition.end)}"
    return STALE, reason, False


def _in_force(case: _Case) -> _Verdict:
    superseded = case.edition is not None and case.edition.end is not None and case.today > case.edition.end
    reason = "in force on that date" + (f"; since replaced by {case.now.describe()}" if superseded and case.now else "")
    return CURRENT, reason, superseded


# In order: the first rule with a verdict decides. The last always has one.
_RULES = (_historical, _instrument_withdrawn, _year_not_stated, _edition_unknown, _not_yet_in_force, _edition_ended,
          _in_force)


def judge_citation(citation: Citation, as_of: AsOf, today: dt.date, register: Register) -> Finding:
    instrument = register.get(citation.instrument)
    edition = instrument.edition(citation.year)
    cited = edition.label if edition else (
        f"{instrument.display} {citation.year}" if citation.year else f"{instrument.display} (edition not stated)")
    then = _applicable(instrument, as_of.date, register)
    now = _applicable(instrument, today, register)
    case = _Case(citation, instrument, edition, as_of.date, today, then, now)
    verdict = next(v for rule in _RULES if (v := rule(case)) is not None)
    status, reason, superseded = verdict
    return Finding(citation, status, as_of, cited, then, now, reason, superseded)


def _applicable(instrument: Instrument, day: dt.date, register: Register) -> Edition | None:
    """What applied on ``day`` in the place of this instrument."""
    if instrument.withdrawn is not None and day >= instrument.withdrawn:
        return register.successor(instrument, day)
    if not instrument.replaces_editions:
        return None
    return instrument.in_force(day)


def judge(document: Document, as_of: dt.date | AsOf | None = None, *, today: dt.date | None = None,
          register: Register | None = None, citations: tuple[Citation, ...] | None = None) -> tuple[Finding, ...]:
    """A finding for every citation in ``document``, judged at its approval date (or ``as_of``)."""
    register = register or load_register()
    today = today or dt.date.today()
    when = _as_of(document, as_of, today)
    if citations is None:
        citations = find_citations(document, register)
    return tuple(judge_citation(citation, when, today, register) for citation in citations)


def has_stale(document: Document, as_of: dt.date | AsOf | None = None, *, today: dt.date | None = None,
              register: Register | None = None) -> bool:
    """Whether the document cites guidance superseded, or an Act repealed, by its own date."""
    return any(finding.stale for finding in judge(document, as_of, today=today, register=register))


def _latest_cited(document: Document, register: Register) -> dict[str, Edition]:
    latest: dict[str, Edition] = {}
    for citation in find_citations(document, register):
        if citation.historical or citation.year is None:
            continue
        edition = register.get(citation.instrument).edition(citation.year)
        if edition is not None and (citation.instrument not in latest or edition.start > latest[citation.instrument].start):
            latest[citation.instrument] = edition
    return latest


def citation_updates(old: Document, new: Document, *, register: Register | None = None) -> list[str]:
    """Lines for a governors' diff: ``KCSIE 2019 → KCSIE 2020`` for each edition a new version updates.

    Compares the newest edition of each instrument the two versions cite (historical
    mentions aside); also an Act dropped for the one that replaced it
    (``Race Relations (Amendment) Act 2000 → Equality Act 2010``).
    """
    register = register or load_register()
    before, after = _latest_cited(old, register), _latest_cited(new, register)
    lines: list[str] = []
    for instrument_id, old_edition in before.items():
        new_edition = after.get(instrument_id)
        instrument = register.get(instrument_id)
        if new_edition is not None and new_edition.start > old_edition.start and instrument.replaces_editions:
            lines.append(f"{old_edition.label} → {new_edition.label}")
        elif new_edition is None and instrument.replaced_by:
            target = instrument.replaced_by.partition(":")[0]
            if target in after:
                lines.append(f"{old_edition.label} → {after[target].label}")
    return lines


def summarise(findings: tuple[Finding, ...]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for finding in findings:
        counts[finding.status] += 1
    return dict(counts)
