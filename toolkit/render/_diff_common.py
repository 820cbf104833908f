"""Wording shared by the diff renderers, so every format describes a change the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..diff.changes import ClauseChange, DocumentDiff, MatchedBy, Placement, Status, WordOp
from ..model import DATE_FIELDS, Clause

STATUS_LABELS = {
    Status.UNCHANGED: "Unchanged",
    Status.RENUMBERED: "Renumbered",
    Status.MODIFIED: "Modified",
    Status.ADDED: "Added",
    Status.REMOVED: "Removed",
    Status.MOVED: "Moved",
}

def number_of(clause: Clause | None) -> str:
    return clause.number if clause is not None and clause.number else ""


def shown_clause(change: ClauseChange) -> Clause:
    """The clause a reader sees for a change: the new version, or the old one when it was removed."""
    clause = change.new or change.old
    if clause is None:
        raise ValueError("a clause change with neither an old nor a new clause")
    return clause


def clause_label(change: ClauseChange) -> str:
    """"6.1.2", "6.1.3 → 6.1.2", "4 → unnumbered", or the opening words of an unnumbered clause."""
    old, new = number_of(change.old), number_of(change.new)
    if old and new and old.rstrip(".") != new.rstrip("."):
        return f"{old} → {new}"
    if change.old is not None and change.new is not None and bool(old) != bool(new):
        return f"{old or 'unnumbered'} → {new or 'unnumbered'}"  # a number lost or gained
    if new or old:
        return new or old
    return excerpt(change.new or change.old)


def excerpt(clause: Clause | None, words: int = 8) -> str:
    """The opening words of a clause, quoted: enough to find it in either version."""
    if clause is None:
        return ""
    parts = clause.full_text.split()
    if not parts and clause.rows:
        parts = " ".join(cell for row in clause.rows for cell in row).split()
    opening = " ".join(parts[:words])
    return f"“{opening}{'…' if len(parts) > words else ''}”" if opening else "(no text)"


def labelled(change: ClauseChange) -> str:
    """The label with an excerpt when the label is only a number: "4.2 → 4.3 “Staff must…”"."""
    label = clause_label(change)
    if number_of(change.old) or number_of(change.new):
        return f"{label} {excerpt(change.new or change.old, 6)}"
    return label


def describe(change: ClauseChange) -> str:
    """One line a governor can read: what happened to this clause."""
    status = change.status
    if status is Status.MOVED:
        if change.old_section == change.new_section:
            where = f"moved within {change.new_section or 'the opening section'}"
        else:
            where = f"moved from {change.old_section or 'the start'} to {change.new_section or 'the start'}"
        return where + (" and reworded" if change.modified else "")
    if status is Status.RENUMBERED:
        return "renumbered, wording unchanged"
    if status is Status.MODIFIED:
        if change.matched_by is MatchedBy.SPLIT:
            return f"split from {number_of(change.old) or 'one clause'}"
        if change.matched_by is MatchedBy.MERGE:
            return f"merged into {number_of(change.new) or 'one clause'}"
        if change.old is not None and change.new is not None and (
            " ".join(change.old.full_text.split()).casefold() == " ".join(change.new.full_text.split()).casefold()
        ):
            return "capitalisation changed"  # "AIMS AND SCOPE" -> "Aims and Scope": not a rewording
        return f"reworded ({change.similarity:.0%} similar)"
    return STATUS_LABELS[status].lower()


def title_of(diff: DocumentDiff) -> str:
    return diff.new.title or diff.old.title or "Policy"


def option_notes(diff: DocumentDiff) -> list[str]:
    notes: list[str] = []
    options = diff.options
    for name, label in (
        ("ignore_case", "case"),
        ("ignore_whitespace", "whitespace"),
        ("ignore_punctuation", "punctuation"),
        ("ignore_numbering", "numbering"),
    ):
        if getattr(options, name):
            notes.append(f"ignoring {label}")
    return notes


# -- the governors' view: one entry per thing that happened ------------------------------


@dataclass(frozen=True)
class Entry:
    """One line of a governors' report: a change, a split or merge, or a run of renumberings."""

    kind: str  # "change", "split", "merge" or "renumbered"
    changes: tuple[ClauseChange, ...]
    placement: Placement = Placement.HERE

    @property
    def status(self) -> Status:
        return self.changes[0].status

    @property
    def change(self) -> ClauseChange:
        return self.changes[0]

    @property
    def words(self) -> tuple[WordOp, ...]:
        """Word operations; for a split or merge, against the whole joined text."""
        if self.kind not in ("split", "merge"):
            return self.change.words
        ops: list[WordOp] = []
        for change in self.changes:
            for op, text in change.words:
                if ops and ops[-1][0] == op:
                    ops[-1] = (op, ops[-1][1] + text)
                else:
                    ops.append((op, text))
        return tuple(ops)

    @property
    def label(self) -> str:
        if self.kind == "renumbered":
            return run_label(self.changes)
        if self.kind == "split":
            parts = [number_of(c.new) or excerpt(c.new, 5) for c in self.changes]
            return f"{number_of(self.change.old) or excerpt(self.change.old, 6)} split into {' and '.join(parts)}"
        if self.kind == "merge":
            parts = [number_of(c.old) or excerpt(c.old, 5) for c in self.changes]
            return f"{' and '.join(parts)} merged into {number_of(self.change.new) or excerpt(self.change.new, 6)}"
        return clause_label(self.change)

    @property
    def description(self) -> str:
        if self.kind == "renumbered":
            count = len(self.changes)
            return f"wording unchanged ({count} clause{'s' if count != 1 else ''})"
        if self.kind in ("split", "merge"):
            similar = self.change.similarity
            return f"{'split' if self.kind == 'split' else 'merged'}, {similar:.0%} similar to the joined text"
        return describe(self.change)

    @property
    def shows_words(self) -> bool:
        change = self.change
        return self.kind in ("split", "merge") or change.status in (Status.MODIFIED, Status.ADDED, Status.REMOVED) or (
            change.modified)

    @property
    def anchor(self) -> str:
        return self.change.anchor


def run_label(changes: Sequence[ClauseChange]) -> str:
    """ "4.2–4.9 renumbered 4.3–4.10"; a single clause: "4.2 renumbered 4.3 “opening words…”". """
    first, last = changes[0], changes[-1]
    if len(changes) == 1:
        label = clause_label(first)
        if number_of(first.old) and number_of(first.new):
            label = label.replace(" → ", " renumbered ")
        return f"{label} {excerpt(first.new or first.old, 6)}"

    def span(a: str, b: str) -> str:
        return a if a == b else f"{a}–{b}"

    old = span(number_of(first.old) or "unnumbered", number_of(last.old) or "unnumbered")
    new = span(number_of(first.new) or "unnumbered", number_of(last.new) or "unnumbered")
    return f"{old} renumbered {new}"


def governor_entries(diff: DocumentDiff) -> list[Entry]:
    """Every change once, in the new document's order: renumber-only runs folded into one
    entry, the parts of a split or merge into one entry with their joined word diff."""
    entries: list[Entry] = []
    run: list[ClauseChange] = []

    def flush() -> None:
        if run:
            entries.append(Entry("renumbered", tuple(run)))
            run.clear()

    for placement, change in diff.rows():
        if change.status is Status.UNCHANGED or placement is Placement.MOVED_FROM:
            continue
        if change.status is Status.RENUMBERED and placement is Placement.HERE:
            run.append(change)
            continue
        flush()
        by = change.matched_by
        if by in (MatchedBy.SPLIT, MatchedBy.MERGE) and entries and entries[-1].kind == by.value:
            previous = entries[-1].change
            same = previous.old is change.old if by is MatchedBy.SPLIT else previous.new is change.new
            if same:
                entries[-1] = Entry(by.value, entries[-1].changes + (change,), placement)
                continue
        kind = by.value if by in (MatchedBy.SPLIT, MatchedBy.MERGE) else "change"
        entries.append(Entry(kind, (change,), placement))
    flush()
    return entries


def summary_sentence(diff: DocumentDiff) -> str:
    """What kind of change this is, in one sentence:
    "3 clauses reworded, 1 added, dates updated; 12 renumbered only, the rest unchanged." """
    if diff.identical:
        return "No differences: the wording, numbering and cover details are the same."
    sentence = _change_sentence(diff)
    if diff.citation_updates:
        sentence += f" This version updates {', '.join(diff.citation_updates)}."
    return sentence


# The kinds of change the summary sentence counts, in the order it names them.
_TALLIED = ("reworded", "added", "removed", "moved", "split", "merged")
_TALLY_OF_KIND = {"split": "split", "merge": "merged"}
_TALLY_OF_STATUS = {Status.MODIFIED: "reworded", Status.MOVED: "moved", Status.ADDED: "added",
                    Status.REMOVED: "removed"}


def _change_sentence(diff: DocumentDiff) -> str:
    tally = dict.fromkeys(_TALLIED, 0)
    renumbered = 0
    for entry in governor_entries(diff):
        if entry.kind == "renumbered":
            renumbered += len(entry.changes)
            continue
        name = _TALLY_OF_KIND.get(entry.kind) or _TALLY_OF_STATUS.get(entry.status)
        if name is not None:
            tally[name] += 1
    parts = _counted(tally) + _cover_parts(diff)
    head = ", ".join(parts) if parts else "no wording changed"
    return f"{head[0].upper()}{head[1:]}; {_the_rest(diff, renumbered, any(tally.values()))}."


def _counted(tally: dict[str, int]) -> list[str]:
    """"3 clauses reworded", "1 added": the noun only on the first."""
    parts: list[str] = []
    for name, count in tally.items():
        if count:
            noun = "clause" if count == 1 else "clauses"
            parts.append(f"{count} {noun} {name}" if not parts else f"{count} {name}")
    return parts


def _cover_parts(diff: DocumentDiff) -> list[str]:
    """"dates updated", "owner updated" or "cover details updated" for the cover's changes."""
    fields = {change.field for change in diff.metadata_changes}
    parts: list[str] = []
    if fields & DATE_FIELDS or any("date" in field.lower() for field in fields):
        parts.append("dates updated")
    others = {field for field in fields if field not in DATE_FIELDS and "date" not in field.lower()}
    if others:
        parts.append("cover details updated" if len(others) > 1 else f"{others.pop().replace('_', ' ')} updated")
    return parts


def _the_rest(diff: DocumentDiff, renumbered: int, reworded: bool) -> str:
    """What the sentence says of the clauses it did not count."""
    if renumbered:
        # Headings that kept their place do not make "the rest" anything but renumbered.
        unchanged_body = sum(1 for change in diff.changes if change.status is Status.UNCHANGED
                             and shown_clause(change).kind.value != "section")
        return "the rest renumbered" if unchanged_body == 0 else f"{renumbered} renumbered only, the rest unchanged"
    return "the rest unchanged" if reworded else "no clause changed"
