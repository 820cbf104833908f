"""Wording shared by the diff renderers, so every format describes a change the same way."""

from __future__ import annotations

from ..diff.model import ClauseChange, DocumentDiff, MatchedBy, Status

STATUS_LABELS = {
    Status.UNCHANGED: "Unchanged",
    Status.RENUMBERED: "Renumbered",
    Status.MODIFIED: "Modified",
    Status.ADDED: "Added",
    Status.REMOVED: "Removed",
    Status.MOVED: "Moved",
}

PASS_EXPLANATIONS = {
    MatchedBy.IDENTICAL: "same text",
    MatchedBy.NUMBER: "same number, similar text",
    MatchedBy.FUZZY: "similar text",
    MatchedBy.MOVE: "similar text found elsewhere",
    MatchedBy.SPLIT: "split into two clauses",
    MatchedBy.MERGE: "merged from two clauses",
    MatchedBy.PLACE: "rewritten in place between unchanged neighbours",
    MatchedBy.LAYOUT: "same words, cut into paragraphs differently",
}


def number_of(clause) -> str:
    return clause.number if clause is not None and clause.number else ""


def clause_label(change: ClauseChange) -> str:
    """"6.1.2", "6.1.3 → 6.1.2", or the opening words of an unnumbered clause."""
    old, new = number_of(change.old), number_of(change.new)
    if old and new and old.rstrip(".") != new.rstrip("."):
        return f"{old} → {new}"
    if new or old:
        return new or old
    clause = change.new or change.old
    words = clause.full_text.split()
    opening = " ".join(words[:8])
    return f"“{opening}{'…' if len(words) > 8 else ''}”"


def describe(change: ClauseChange) -> str:
    """One line a governor can read: what happened to this clause."""
    status = change.status
    if status is Status.MOVED:
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
    notes = []
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
