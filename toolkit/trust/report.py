"""The trust report as data: coverage, governance and drift for a set of policies.

Renderers (``toolkit.trust.render``) read only these classes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..dates import PartialDate
from ..model import Document, MetaValue
from ..policy_types import OTHER, PolicyType, policy_type_info, policy_types
from ..topics.classifier import DocumentTopics, TopicCoverage

if TYPE_CHECKING:
    from ..citations import Finding
    from ..diff import DocumentDiff

SCHEMA = "policykit.compare/2"


@dataclass(frozen=True, slots=True)
class Governance:
    """One row of the governance table; None where the document does not say."""

    title: str | None
    school: str | None
    version: str | None
    approved: str | None  # as printed
    approved_iso: str | None
    last_review: str | None  # as printed; shown beside approval, which many policies omit
    next_review: str | None  # as printed
    next_review_iso: str | None
    next_review_latest: dt.date | None  # the last day the next review date could mean
    approved_by: str | None
    # True when the next review's latest possible day is before the as-of date;
    # None when there is no dated next review ("When necessary", or nothing).
    overdue: bool | None


@dataclass(frozen=True, slots=True)
class Divergence:
    """How one document relates to the trust's model, counted in the model's clauses."""

    unchanged: int  # same text, perhaps renumbered or moved
    modified: int  # reworded, in place or moved
    missing: int  # model clauses with no counterpart
    extra: int  # local clauses the model does not have

    @property
    def model_clauses(self) -> int:
        return self.unchanged + self.modified + self.missing

    def share(self, name: str) -> float | None:
        total = self.model_clauses
        return getattr(self, name) / total if total else None

    def as_dict(self) -> dict[str, int]:
        return {"unchanged": self.unchanged, "modified": self.modified, "missing": self.missing, "extra": self.extra}


@dataclass(frozen=True, slots=True)
class ReviewStatus:
    """Whether a document is due for review, and why."""

    overdue: bool | None  # None: no date to judge by
    due: dt.date | None  # the last day it is in date
    reason: str  # "next review July 2023 passed", "approved 2019, older than the 12-month cycle", ...


@dataclass(frozen=True, slots=True)
class NotRead:
    """A file that could not be read, with the one-line reason; the register goes on without it."""

    file: str
    school: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class SchoolRow:
    id: str
    name: str
    school_type: str  # "academy" | "maintained"
    folder: str | None = None
    names_in_documents: tuple[str, ...] = ()  # as printed in its documents
    mismatched: tuple[str, ...] = ()  # ids of documents naming another school


@dataclass(frozen=True)
class DocumentEntry:
    id: str  # the file name, unique in the report
    source: str
    document: Document = field(repr=False)
    topics: DocumentTopics | None = field(repr=False)  # None: no catalogue for its type
    governance: Governance
    divergence: Divergence | None = None
    diff: object | None = field(default=None, repr=False)  # toolkit.diff.DocumentDiff against the model
    school: str | None = None  # SchoolRow id
    school_mismatch: bool = False  # the document names a school other than its folder's
    policy_type: PolicyType | None = None
    review: ReviewStatus | None = None
    model: str | None = None  # id of the trust model it was compared with
    # Citations of guidance superseded (or Acts repealed) by the policy's own date.
    stale_citations: tuple[Finding, ...] = field(default=(), repr=False)

    @property
    def title(self) -> str | None:
        return self.governance.title

    @property
    def label(self) -> str:
        """What a trust lead calls this document: the school, else the title, else the file."""
        return self.governance.school or self.governance.title or self.id

    @property
    def type_id(self) -> str:
        return self.policy_type.id if self.policy_type else OTHER

    @property
    def catalogue(self) -> str | None:
        return self.topics.catalogue if self.topics is not None else None

    def coverage(self, topic_id: str) -> TopicCoverage:
        if self.topics is None:
            return TopicCoverage(topic_id)
        return self.topics[topic_id]

    @property
    def overdue(self) -> bool | None:
        return self.review.overdue if self.review is not None else self.governance.overdue


@dataclass(frozen=True, slots=True)
class TopicInfo:
    id: str
    label: str
    description: str
    mandatory: bool = False
    source: str = ""


@dataclass(frozen=True, slots=True)
class RegisterCell:
    """One school and one policy type: what the register shows."""

    school: str
    policy_type: str
    status: str  # present | overdue | undated | missing | not-required
    documents: tuple[DocumentEntry, ...] = ()
    statutory: bool = False

    @property
    def current(self) -> DocumentEntry | None:
        """The document the school works to: the most recently approved or reviewed."""
        def key(entry: DocumentEntry) -> tuple[str, str]:
            g = entry.governance
            return (g.approved_iso or g.next_review_iso or "", entry.id)
        return max(self.documents, key=key, default=None)


@dataclass(frozen=True)
class TrustReport:
    """A trust comparison as data: every school's policies, their topic coverage, review dates and drift."""
    as_of: dt.date
    catalogue: str  # the forced catalogue's name, or "by policy type"
    topics: tuple[TopicInfo, ...]  # the forced catalogue's topics (empty when chosen by type)
    documents: tuple[DocumentEntry, ...]
    baseline: DocumentEntry | None = None  # a single model file, when one was given
    schools: tuple[SchoolRow, ...] = ()
    not_read: tuple[NotRead, ...] = ()
    baselines: tuple[DocumentEntry, ...] = ()  # every model, matched to documents by type
    catalogues: dict[str, tuple[TopicInfo, ...]] = field(default_factory=dict)

    def document(self, document_id: str) -> DocumentEntry:
        for entry in self.documents:
            if entry.id == document_id:
                return entry
        raise KeyError(document_id)

    @property
    def overdue(self) -> list[DocumentEntry]:
        return [entry for entry in self.documents if entry.overdue]

    def gaps(self) -> dict[str, list[str]]:
        """Per document id, the topic ids not found."""
        return {entry.id: entry.topics.missing for entry in self.documents if entry.topics is not None}

    def topic_count(self, topic_id: str) -> int:
        return sum(entry.coverage(topic_id).covered for entry in self.documents)

    def topics_of(self, entry: DocumentEntry) -> tuple[TopicInfo, ...]:
        return self.catalogues.get(entry.catalogue or "", ()) if entry.catalogue else ()

    def school(self, school_id: str | None) -> SchoolRow | None:
        for row in self.schools:
            if row.id == school_id:
                return row
        return None

    # -- the register: schools x policy types -------------------------------------

    @property
    def type_columns(self) -> list[str]:
        """Policy types shown: every type statutory for a school here, and every type found."""
        types = {entry.type_id for entry in self.documents}
        kinds = {row.school_type for row in self.schools}
        shown = []
        for info in policy_types():
            statutory = any(info.statutory_for(kind) for kind in kinds)
            if info.id in types or (statutory and self.schools):
                shown.append(info.id)
        return shown

    def cell(self, school_id: str, type_id: str) -> RegisterCell:
        row = self.school(school_id)
        school_type = row.school_type if row else "academy"
        statutory = policy_type_info(type_id).statutory_for(school_type)
        found = tuple(entry for entry in self.documents if entry.school == school_id and entry.type_id == type_id)
        if not found:
            return RegisterCell(school_id, type_id, "missing" if statutory else "not-required", (), statutory)
        current = RegisterCell(school_id, type_id, "present", found, statutory).current
        overdue = current.overdue if current is not None else None
        status = "overdue" if overdue else ("undated" if overdue is None else "present")
        return RegisterCell(school_id, type_id, status, found, statutory)

    def register(self) -> list[list[RegisterCell]]:
        columns = self.type_columns
        return [[self.cell(row.id, type_id) for type_id in columns] for row in self.schools]


def _text(value: MetaValue | None) -> str | None:
    if value is None:
        return None
    text = value.json_value if value.json_value is not None else value.raw
    return str(text).strip() or None


def governance_of(document: Document, as_of: dt.date) -> Governance:
    meta = document.metadata
    next_review = meta.next_review
    latest = next_review.value.latest_day() if next_review and isinstance(next_review.value, PartialDate) else None
    approved = meta.approved
    return Governance(
        title=document.title,
        school=_text(meta.school),
        version=_text(meta.version),
        approved=approved.raw.strip() if approved else None,
        approved_iso=approved.value.iso if approved and isinstance(approved.value, PartialDate) else None,
        last_review=meta.last_review.raw.strip() if meta.last_review else None,
        next_review=next_review.raw.strip() if next_review else None,
        next_review_iso=next_review.value.iso if next_review and isinstance(next_review.value, PartialDate) else None,
        next_review_latest=latest,
        approved_by=_text(meta.approved_by),
        overdue=(latest < as_of) if latest is not None else None,
    )


def divergence_of(diff: DocumentDiff) -> Divergence:
    """Drift counted from a ``toolkit.diff.DocumentDiff`` of model -> school.

    Renumbered, and moved without rewording, count as unchanged: the words the
    trust approved are still there. Moved and reworded counts as modified.
    """
    unchanged = modified = missing = extra = 0
    for change in diff.changes:
        status = str(getattr(change.status, "value", change.status))
        if status == "removed":
            missing += 1
        elif status == "added":
            extra += 1
        elif status == "modified" or (status == "moved" and change.modified):
            modified += 1
        else:  # unchanged, renumbered, moved but not reworded
            unchanged += 1
    return Divergence(unchanged, modified, missing, extra)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max  # a date printed as 9999 (a placeholder, or damage) is never due
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    return dt.date(year, month, 28)


def review_status(governance: Governance, document: Document, type_id: str, as_of: dt.date) -> ReviewStatus:
    """Overdue when the next review date has passed or, with no next review date, when
    the approval (or last review) is older than the DfE's recommended cycle for the type."""
    if governance.next_review_latest is not None:
        due = governance.next_review_latest
        passed = due < as_of
        return ReviewStatus(passed, due, f"next review {governance.next_review} {'passed' if passed else 'not yet due'}")
    months = policy_type_info(type_id).review_months
    for name in ("last_review", "approved"):
        value = document.metadata.get(name)
        if value is not None and isinstance(value.value, PartialDate):
            latest = value.value.latest_day()
            if latest is None:
                continue
            due = _add_months(latest, months)
            passed = due < as_of
            label = "last reviewed" if name == "last_review" else "approved"
            return ReviewStatus(passed, due, f"no next review date; {label} {value.raw.strip()}, "
                                             f"{'older' if passed else 'newer'} than the {months}-month review cycle")
    return ReviewStatus(None, None, "no review or approval date found")
