"""The trust report as data: coverage, governance and drift for a set of policies.

Renderers (``toolkit.trust.render``) read only these classes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..dates import PartialDate
from ..model import Document, MetaValue
from ..topics import DocumentTopics, TopicCoverage

SCHEMA = "policykit.compare/1"


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


@dataclass(frozen=True)
class DocumentEntry:
    id: str  # the file name, unique in the report
    source: str
    document: Document = field(repr=False)
    topics: DocumentTopics = field(repr=False)
    governance: Governance
    divergence: Divergence | None = None
    diff: object | None = field(default=None, repr=False)  # toolkit.diff.DocumentDiff against the model

    @property
    def title(self) -> str | None:
        return self.governance.title

    @property
    def label(self) -> str:
        """What a trust lead calls this document: the school, else the title, else the file."""
        return self.governance.school or self.governance.title or self.id

    def coverage(self, topic_id: str) -> TopicCoverage:
        return self.topics[topic_id]


@dataclass(frozen=True, slots=True)
class TopicInfo:
    id: str
    label: str
    description: str


@dataclass(frozen=True)
class TrustReport:
    as_of: dt.date
    catalogue: str  # catalogue name
    topics: tuple[TopicInfo, ...]
    documents: tuple[DocumentEntry, ...]
    baseline: DocumentEntry | None = None

    def document(self, document_id: str) -> DocumentEntry:
        for entry in self.documents:
            if entry.id == document_id:
                return entry
        raise KeyError(document_id)

    @property
    def overdue(self) -> list[DocumentEntry]:
        return [entry for entry in self.documents if entry.governance.overdue]

    def gaps(self) -> dict[str, list[str]]:
        """Per document id, the topic ids not found."""
        return {entry.id: entry.topics.missing for entry in self.documents}

    def topic_count(self, topic_id: str) -> int:
        return sum(entry.coverage(topic_id).covered for entry in self.documents)


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


def divergence_of(diff) -> Divergence:
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
