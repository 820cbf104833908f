"""Citations of legislation and statutory guidance: find them, and judge them against a date.

    >>> from toolkit.citations import find_citations, judge, has_stale, citation_updates
    >>> [f.cited for f in judge(document) if f.stale]          # doctest: +SKIP
    ['KCSIE 2018']

The register of instruments and editions is ``toolkit/data/legislation.toml``.
"""

from __future__ import annotations

import datetime as dt

from ..model import Document
from .finder import Citation, find_citations
from .judge import (
    CURRENT,
    HISTORICAL,
    NOT_RECOGNISED,
    NOT_STATED,
    NOT_YET,
    STALE,
    AsOf,
    Finding,
    approval_date,
    citation_updates,
    has_stale,
    judge,
    summarise,
)
from .register import Edition, Instrument, Register, RegisterError, load_register

__all__ = [
    "CURRENT",
    "HISTORICAL",
    "NOT_RECOGNISED",
    "NOT_STATED",
    "NOT_YET",
    "STALE",
    "AsOf",
    "Citation",
    "Edition",
    "Finding",
    "Instrument",
    "Register",
    "RegisterError",
    "approval_date",
    "citation_updates",
    "citations_json",
    "find_citations",
    "finding_json",
    "has_stale",
    "judge",
    "load_register",
    "summarise",
]


def _edition_json(edition: Edition | None) -> dict | None:
    if edition is None:
        return None
    return {"edition": edition.label, "since": edition.start.isoformat(),
            "until": edition.end.isoformat() if edition.end else None, "source": edition.source,
            "confidence": edition.confidence}


def finding_json(finding: Finding) -> dict:
    """One finding as JSON: the citation, where it is, and the judgement."""
    citation = finding.citation
    return {
        "instrument": citation.instrument,
        "year": citation.year,
        "cited": finding.cited,
        "text": citation.text,
        "clause": citation.clause_id,
        "number": citation.clause_number,
        "section": citation.section,
        "page": citation.page,
        "line": citation.line,
        "location": citation.location,
        "historical": citation.historical,
        "status": finding.status,
        "reason": finding.reason,
        "as_of": finding.as_of.date.isoformat(),
        "as_of_basis": finding.as_of.basis,
        "applied_then": _edition_json(finding.applied_then),
        "applies_now": _edition_json(finding.applies_now),
        "superseded_since": finding.superseded_since,
    }


def citations_json(document: Document, today: dt.date | None = None) -> list[dict]:
    """The ``citations`` list of ``policykit parse --format json``: each judged at the policy's own date."""
    return [finding_json(finding) for finding in judge(document, today=today)]
