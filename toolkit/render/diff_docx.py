"""A Word document with native tracked changes, built from the new document.

Open it in Word or LibreOffice and the changes are ordinary revisions:
"Accept all" gives the new policy's text and "Reject all" the old one. Word
edits are ``w:ins``/``w:del`` runs; added and removed clauses also revise
their paragraph marks (so rejecting an added clause leaves no empty paragraph);
a moved clause is a named move (``w:moveFrom`` where it stood, ``w:moveTo``
where it stands now); a split or merge revises the mark between its parts.
Clause numbers are plain text at the start of each paragraph, so the numbers
that Word shows are exactly the policy's.
"""

from __future__ import annotations

from ..diff.changes import (
    DELETE,
    EQUAL,
    INSERT,
    ClauseChange,
    DocumentDiff,
    MatchedBy,
    Placement,
    Status,
)
from ..model import Clause, ClauseKind
from ..ooxml.revisions import DELETED, INSERTED, MOVED_FROM, MOVED_TO, TrackedDocument, TrackedParagraph
from ._diff_common import title_of

_INDENT_TWIPS = 425  # 0.75 cm a level


def _style_for(clause: Clause) -> str:
    if clause.kind is ClauseKind.SECTION:
        return f"Heading {min(max(clause.level, 1), 3)}"
    if clause.kind is ClauseKind.LIST_ITEM:
        return "List Bullet"
    return "Normal"


def render_docx(diff: DocumentDiff, *, author: str | None = None, date: str | None = None) -> bytes:
    document = TrackedDocument(author or diff.options.author, date)
    _DiffWriter(diff, document).write()
    return document.to_bytes(
        title=title_of(diff),
        description=f"Tracked changes from {diff.old.source} to {diff.new.source}, made by policykit",
    )


class _DiffWriter:
    """Lays out one paragraph per row of ``diff.layout``, each change a tracked revision."""

    def __init__(self, diff: DocumentDiff, document: TrackedDocument) -> None:
        self.diff = diff
        self.document = document
        self.move_names: dict[int, str] = {}
        self.seen_old: set[str] = set()
        self.seen_new: set[str] = set()

    def write(self) -> None:
        title = self._title()
        if title is not None:
            self._cover_details(title)
        last: str | None = None
        for position, (placement, index) in enumerate(self.diff.layout):
            change = self.diff.changes[index]
            if placement in (Placement.MOVED_FROM, Placement.MOVED_TO):
                last = self._moved(placement, index, change)
            else:
                last = self._in_place(position, change)
        if last in (DELETED, MOVED_FROM):
            # A removed last paragraph joins the one after it when accepted: give it one.
            self.document.paragraph()

    def _paragraph(self, clause: Clause) -> tuple[TrackedParagraph, bool]:
        """The clause's paragraph, and whether its text is bold (a section heading)."""
        section = clause.kind is ClauseKind.SECTION
        indent = 0 if section else _INDENT_TWIPS * (clause.level - 1)
        return self.document.paragraph(_style_for(clause), indent), section

    def _moved(self, placement: Placement, index: int, change: ClauseChange) -> str:
        """One end of a moved clause: where it stood (moveFrom) or where it stands (moveTo)."""
        kind = MOVED_FROM if placement is Placement.MOVED_FROM else MOVED_TO
        old, new = change.old, change.new
        assert old is not None and new is not None  # a move has both ends
        p, bold = self._paragraph(old if kind == MOVED_FROM else new)
        name = self.move_names.setdefault(index, self.document.new_move_name())
        range_id = p.start_move(kind, name)
        if kind == MOVED_FROM:
            text = _numbered(old.number, old.full_text)
            if text:
                p.revised(MOVED_FROM, text, bold=bold)
        else:
            if new.number:
                p.revised(MOVED_TO, new.number + " ", bold=bold)
            for op, chunk in change.words:
                if op == EQUAL:
                    p.revised(MOVED_TO, chunk, bold=bold)
                elif op == INSERT:
                    p.revised(INSERTED, chunk, bold=bold)
                # deleted words stay in the moveFrom text where the clause stood
        p.end_move(kind, range_id)
        p.mark(kind)
        return kind

    def _in_place(self, position: int, change: ClauseChange) -> str | None:
        """A clause kept, added, removed, reworded, split or merged where it stands."""
        clause = change.new or change.old
        assert clause is not None  # every change has at least one side
        p, bold = self._paragraph(clause)
        first_of_split, first_of_merge = self._numbers(p, change, bold)
        for op, chunk in change.words:
            if op == EQUAL:
                p.text(chunk, bold=bold)
            else:
                p.revised(DELETED if op == DELETE else INSERTED, chunk, bold=bold)
        layout_break = _layout_break(self.diff, position, change)
        if change.status is Status.ADDED or first_of_split:
            p.mark(INSERTED)
            return INSERTED
        if layout_break is not None:
            # The same words cut differently: the paragraph break is the only revision,
            # and the space that joins the two halves again goes with it.
            p.text(" ", bold=bold)
            p.mark(layout_break)
            return layout_break
        if change.status is Status.REMOVED or first_of_merge:
            p.mark(DELETED)
            return DELETED
        return None

    def _numbers(self, p: TrackedParagraph, change: ClauseChange, bold: bool) -> tuple[bool, bool]:
        """The clause number, once per clause (a split or merge repeats a clause over rows);
        returns whether this row is the first of a split and the first of a merge."""
        old, new = change.old, change.new
        old_number = old.number if old is not None and old.id not in self.seen_old else None
        new_number = new.number if new is not None and new.id not in self.seen_new else None
        first_of_split = change.matched_by is MatchedBy.SPLIT and old is not None and old.id not in self.seen_old
        first_of_merge = change.matched_by is MatchedBy.MERGE and new is not None and new.id not in self.seen_new
        if old is not None:
            self.seen_old.add(old.id)
        if new is not None:
            self.seen_new.add(new.id)
        if old_number == new_number:
            if new_number:
                p.text(new_number + " ", bold=bold)
            return first_of_split, first_of_merge
        if old_number:
            p.revised(DELETED, old_number + " ", bold=bold)
        if new_number:
            p.revised(INSERTED, new_number + " ", bold=bold)
        return first_of_split, first_of_merge

    def _title(self) -> TrackedParagraph | None:
        old, new = self.diff.old.title, self.diff.new.title
        if not old and not new:
            return None
        p = self.document.paragraph("Title")
        if old == new:
            p.text(new or "")
            return p
        from ..diff.words import word_diff

        for op, chunk in word_diff(old or "", new or "", self.diff.options):
            if op == EQUAL:
                p.text(chunk)
            else:
                p.revised(DELETED if op == DELETE else INSERTED, chunk)
        if not new:
            p.mark(DELETED)
        elif not old:
            p.mark(INSERTED)
        return p

    def _cover_details(self, title: TrackedParagraph) -> None:
        """Cover details that changed: a comment on the title ("Next review: Jan 2023 → Jan 2024").

        A comment, not paragraphs, so that accepting every change still gives exactly the
        new policy's text."""
        lines = [f"{change.field.replace('_', ' ')}: {change.old or '(none)'} → {change.new or '(none)'}"
                 for change in self.diff.metadata_changes]
        if lines:
            self.document.comment(title, "Cover details changed:\n" + "\n".join(lines))


def _layout_break(diff: DocumentDiff, position: int, change: ClauseChange) -> str | None:
    """For re-flowed text: INSERTED where one old paragraph is cut in two after this row,
    DELETED where two old paragraphs are joined after it, None elsewhere."""
    if change.matched_by is not MatchedBy.LAYOUT or position + 1 >= len(diff.layout):
        return None
    following = diff.changes[diff.layout[position + 1][1]]
    if following.matched_by is not MatchedBy.LAYOUT:
        return None
    if following.old is change.old and following.new is not change.new:
        return INSERTED
    if following.new is change.new and following.old is not change.old:
        return DELETED
    return None


def _numbered(number: str | None, text: str) -> str:
    return f"{number} {text}" if number else text
