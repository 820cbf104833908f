"""The data a comparison produces. Renderers read only these classes.

A ``DocumentDiff`` is plain immutable data: one ``ClauseChange`` per aligned
clause pair (or unpaired clause), the metadata that changed, a summary, and a
``layout`` that places every change in reading order for redline renderers
(a moved clause appears twice there: where it was, and where it now is).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model import Clause

WordOp = tuple[str, str]  # ("equal" | "insert" | "delete", text)

EQUAL, INSERT, DELETE = "equal", "insert", "delete"


class Status(str, enum.Enum):
    """What happened to one clause between the old and the new version."""
    UNCHANGED = "unchanged"
    RENUMBERED = "renumbered"  # same text, new number
    MODIFIED = "modified"
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"  # out of its old order; may also be modified (see ClauseChange.modified)

    def __str__(self) -> str:
        return self.value


class MatchedBy(str, enum.Enum):
    """The alignment pass that paired two clauses, so every pairing can be explained."""

    IDENTICAL = "identical"  # same text (after the ignore options)
    NUMBER = "number"  # same clause number and similar text
    FUZZY = "fuzzy"  # similar text in the same stretch of both documents
    MOVE = "move"  # similar text found elsewhere in the document
    SPLIT = "split"  # one old clause whose text is two consecutive new clauses
    MERGE = "merge"  # two consecutive old clauses whose text is one new clause
    # the one clause that changed between the same two unchanged neighbours:
    # rewritten in place, though less alike than ``fuzzy`` requires
    PLACE = "place"
    # the same words cut into clauses differently (a page break, a re-flowed form or
    # table): unchanged text, however many clauses each side makes of it
    LAYOUT = "layout"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class DiffOptions:
    """How two documents are compared; every field has a sensible default."""

    ignore_case: bool = False
    # Runs of whitespace never count (readers wrap lines differently); this also
    # ignores whether there is any whitespace at all ("e-mail" vs "e - mail").
    ignore_whitespace: bool = False
    ignore_punctuation: bool = False
    # Ignore clause numbers (renumbered counts as unchanged) and number-like
    # cross-references inside the text ("see 6.2" vs "see 6.3").
    ignore_numbering: bool = False
    # Minimum similarity (0..1) for two clauses to be the same clause edited.
    similarity_threshold: float = 0.6
    # Two clauses with the same number need only this much similarity.
    number_threshold: float = 0.45
    # Nor does a clause rewritten in place: when exactly one old and one new
    # clause stand between the same two aligned neighbours, they are that clause
    # edited ("Keep a record ... on CPOMs" -> "Keep a record ... in class logs")
    # at this similarity (or similarity_threshold, if that is lower), or when both
    # open with the same words (unless this is set above 0.5).
    place_threshold: float = 0.35
    # Shown as the author of every tracked change in DOCX output.
    author: str = "policykit"

    def __post_init__(self) -> None:
        for name in ("similarity_threshold", "number_threshold", "place_threshold"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {value!r}")


@dataclass(frozen=True)
class ClauseChange:
    """One aligned clause: its old and new versions (either may be None), how it changed and the word edits."""
    status: Status
    old: Clause | None
    new: Clause | None
    similarity: float  # 0..1 between old and new text (1.0 unchanged, 0.0 added/removed)
    words: tuple[WordOp, ...]  # word-level operations from old text to new text
    matched_by: MatchedBy | None = None  # None for added and removed clauses
    modified: bool = False  # the text changed (a moved clause may also be modified)
    old_section: str | None = None  # label of the old top-level section
    new_section: str | None = None  # label of the new top-level section

    @property
    def section(self) -> str | None:
        return self.new_section if self.new_section is not None else self.old_section

    @property
    def renumbered(self) -> bool:
        return bool(self.old and self.new and _number_key(self.old.number) != _number_key(self.new.number))

    @property
    def anchor(self) -> str:
        """A stable id for links in reports: one per change, unique in a diff."""
        parts = [self.old.id if self.old else "", self.new.id if self.new else ""]
        return "c-" + "-".join(part or "none" for part in parts)

    @property
    def old_text(self) -> str:
        return "".join(text for op, text in self.words if op != INSERT)

    @property
    def new_text(self) -> str:
        return "".join(text for op, text in self.words if op != DELETE)


def _number_key(number: str | None) -> str | None:
    return number.strip().rstrip(".").lower() if number else None


class MetadataChange(NamedTuple):
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Counts:
    unchanged: int = 0
    renumbered: int = 0
    modified: int = 0
    added: int = 0
    removed: int = 0
    moved: int = 0

    @classmethod
    def of(cls, changes: Iterable[ClauseChange]) -> Counts:
        tally = {status.value: 0 for status in Status}
        for change in changes:
            tally[change.status.value] += 1
        return cls(**tally)

    def as_dict(self) -> dict[str, int]:
        return {status.value: getattr(self, status.value) for status in Status}

    def __getitem__(self, status: Status | str) -> int:
        count: int = getattr(self, Status(status).value)
        return count

    @property
    def total(self) -> int:
        return sum(self.as_dict().values())

    @property
    def changed(self) -> int:
        """Every entry that is not unchanged (renumbered counts: the number moved)."""
        return self.total - self.unchanged


@dataclass(frozen=True)
class Summary(Counts):
    # (top-level section label, counts) in the new document's order.
    sections: tuple[tuple[str, Counts], ...] = ()

    def section(self, label: str) -> Counts:
        return dict(self.sections)[label]


class Placement(str, enum.Enum):
    """Where a layout row sits relative to its change."""

    HERE = "here"  # the only place this change appears
    MOVED_FROM = "moved_from"  # a moved clause, shown where it stood in the old document
    MOVED_TO = "moved_to"  # a moved clause, shown where it now stands

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class DocumentInfo:
    source: str
    title: str | None
    format: str


@dataclass(frozen=True)
class DocumentDiff:
    """The diff of two versions of a policy, as data: every clause change, cover-detail changes and counts."""
    old: DocumentInfo
    new: DocumentInfo
    changes: tuple[ClauseChange, ...]  # new document order; removed clauses where they stood
    metadata_changes: tuple[MetadataChange, ...]
    summary: Summary
    options: DiffOptions = field(default_factory=DiffOptions)
    # Reading order for redlines: (placement, index into changes). A moved
    # change appears twice (MOVED_FROM at its old place, MOVED_TO at its new one).
    layout: tuple[tuple[Placement, int], ...] = ()
    # Editions of statutory guidance or Acts the new version cites in place of the
    # old one's ("KCSIE 2019 → KCSIE 2020"), for the governors' summary.
    citation_updates: tuple[str, ...] = ()

    @property
    def identical(self) -> bool:
        """No difference a reader of either document would notice."""
        return self.summary.changed == 0 and not self.metadata_changes

    def changed(self) -> Iterator[ClauseChange]:
        return (change for change in self.changes if change.status is not Status.UNCHANGED)

    def rows(self) -> Iterator[tuple[Placement, ClauseChange]]:
        for placement, index in self.layout:
            yield placement, self.changes[index]
