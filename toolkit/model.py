"""The document model every reader produces and every renderer consumes.

A ``Document`` is a tree of ``Clause`` objects plus what is not body text: the
title and metadata, and the furniture (running headers, footers, page numbers,
contents lists) that a reader removed. All of it is immutable, so a parsed
document can be cached, shared between threads and compared safely.

Word accounting: every word of the source is in exactly one of these places:
the title's or a metadata value's ``raw`` string (when ``consumed``), a
furniture item, or a clause's ``number``, ``heading`` or ``text``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .dates import PartialDate

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_D = TypeVar("_D", bound="DataclassInstance")


class ClauseKind(str, enum.Enum):
    """What a clause is: a section heading, a paragraph, a list item, a table, a declaration or a drafting note."""

    SECTION = "section"  # a heading that opens a section; its text is usually empty
    CLAUSE = "clause"  # a paragraph of policy text, numbered or not
    LIST_ITEM = "list_item"  # a bullet or a numbered item inside a clause
    TABLE = "table"  # a table that is body content (not a metadata table)
    DECLARATION = "declaration"  # the staff declaration's signature block
    DRAFTING_NOTE = "drafting_note"  # "[include this section only if ...]"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Clause:
    """One numbered or unnumbered unit of policy text, with its sub-clauses as ``children``.

    ``number`` is the label as printed, ``heading`` and ``text`` the words; ``id`` is unique in its
    document and stable across re-reads of the same file, so a diff or a report can point at it."""

    id: str  # unique in its document, stable across re-reads of the same file
    number: str | None  # as printed: "6.1.2", "5.1.1.", "(iv)", "Appendix A"; None if unnumbered
    heading: str | None
    text: str
    level: int  # depth in the tree, 1 for top level
    kind: ClauseKind
    children: tuple[Clause, ...] = ()
    line: int | None = None  # 1-based line in the source (text formats)
    page: int | None = None  # 1-based page (PDF, and DOCX where known)
    rows: tuple[tuple[str, ...], ...] = ()  # table cells, for kind TABLE

    @property
    def full_text(self) -> str:
        """Heading and text together, the words a reader sees for this clause."""
        return " ".join(part for part in (self.heading, self.text) if part)

    def walk(self) -> Iterator[Clause]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class MetaValue:
    """A metadata value: the string as printed, and its typed reading."""

    raw: str
    value: str | PartialDate | None
    # The key as printed beside the value ("Approved on:"), when there was one.
    label: str | None = None
    # False when the value was inferred from text that stays elsewhere (a running
    # header, a clause): then its words are accounted for there, not here.
    consumed: bool = True

    @property
    def json_value(self) -> str | None:
        if isinstance(self.value, PartialDate):
            return self.value.iso
        return self.value


METADATA_FIELDS = (
    "school",
    "title",
    "version",
    "approved",
    "approved_by",
    "last_review",
    "next_review",
    "owner",
)
DATE_FIELDS = frozenset({"approved", "last_review", "next_review"})


@dataclass(frozen=True, slots=True)
class Metadata:
    """The cover details of a policy: the usual fields by name, anything else in ``extra``.

    Each value is a ``MetaValue`` (the text as printed and its typed reading) or None."""

    school: MetaValue | None = None
    title: MetaValue | None = None
    version: MetaValue | None = None
    approved: MetaValue | None = None  # approval or adoption date
    approved_by: MetaValue | None = None
    last_review: MetaValue | None = None
    next_review: MetaValue | None = None
    owner: MetaValue | None = None
    # Anything else a metadata table held, in document order, keyed as printed.
    extra: tuple[tuple[str, MetaValue], ...] = ()

    def items(self) -> Iterator[tuple[str, MetaValue]]:
        for name in METADATA_FIELDS:
            value = getattr(self, name)
            if value is not None:
                yield name, value
        yield from self.extra

    def get(self, name: str) -> MetaValue | None:
        if name in METADATA_FIELDS:
            value: MetaValue | None = getattr(self, name)
            return value
        return dict(self.extra).get(name)


class FurnitureKind(str, enum.Enum):
    """Why a piece of text is furniture rather than policy: header, footer, page number, contents, comment, PDF artifact."""

    HEADER = "header"
    FOOTER = "footer"
    PAGE_NUMBER = "page-number"
    CONTENTS = "contents"  # a table of contents, dropped because the clauses say it all
    COMMENT = "comment"  # review comments and their balloons
    ARTIFACT = "artifact"  # marked as an artifact by a tagged PDF

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Furniture:
    """Text a reader set aside as not part of the policy (a running header, a page number), kept for accounting."""

    text: str
    kind: FurnitureKind
    page: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class Document:
    """A policy as read: metadata, a tree of clauses, and the furniture set aside.

    Made by ``toolkit.read_document(path)``; immutable, so it can be cached and shared.
    ``walk()`` gives every clause in document order; ``clause(id)`` finds one by id."""

    source: str
    format: str  # the reader's registry name: "text", "markdown", "docx", "pdf"
    metadata: Metadata
    clauses: tuple[Clause, ...]  # top-level clauses; children hold the rest
    furniture: tuple[Furniture, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def title(self) -> str | None:
        # The builder reads a title as text, never as a date.
        return cast("str | None", self.metadata.title.value) if self.metadata.title else None

    def walk(self) -> Iterator[Clause]:
        """Every clause, depth first, in document order."""
        for clause in self.clauses:
            yield from clause.walk()

    @cached_property
    def _index(self) -> dict[str, tuple[Clause, str | None]]:
        index: dict[str, tuple[Clause, str | None]] = {}

        def visit(clause: Clause, parent: str | None) -> None:
            index[clause.id] = (clause, parent)
            for child in clause.children:
                visit(child, clause.id)

        for clause in self.clauses:
            visit(clause, None)
        return index

    def clause(self, clause_id: str) -> Clause:
        return self._index[clause_id][0]

    def parent_id(self, clause_id: str) -> str | None:
        return self._index[clause_id][1]

    def flat(self) -> list[tuple[Clause, str | None]]:
        """(clause, parent id) pairs in document order."""
        return [self._index[clause.id] for clause in self.walk()]


def replace(obj: _D, **changes: Any) -> _D:
    """dataclasses.replace that also works with slots=True frozen classes."""
    values = {f.name: getattr(obj, f.name) for f in fields(obj)}
    values.update(changes)
    return type(obj)(**values)
