"""Markdown for a governors' meeting pack: summary tables, then each change in CriticMarkup."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..diff.changes import DELETE, INSERT, DocumentDiff, Status, WordOp
from ._diff_common import (
    STATUS_LABELS,
    Entry,
    excerpt,
    governor_entries,
    option_notes,
    summary_sentence,
    title_of,
)

_SPECIAL = re.compile(r"([\\`*_\[\]#|~{}])")


def escape(text: str) -> str:
    """Document text as literal Markdown: no emphasis, links, raw HTML or CriticMarkup from it."""
    text = _SPECIAL.sub(r"\\\1", text)
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def critic(words: Iterable[WordOp]) -> str:
    out: list[str] = []
    for op, chunk in words:
        if op == DELETE:
            out.append(_wrap("{--", chunk, "--}"))
        elif op == INSERT:
            out.append(_wrap("{++", chunk, "++}"))
        else:
            out.append(escape(chunk))
    return "".join(out)


def _wrap(opening: str, chunk: str, closing: str) -> str:
    # Keep the space outside the markup so "{++word++} next" reads naturally.
    core = chunk.strip()
    if not core:
        return chunk
    lead = chunk[: len(chunk) - len(chunk.lstrip())]
    trail = chunk[len(chunk.rstrip()) :]
    return f"{lead}{opening}{escape(core)}{closing}{trail}"


def render_markdown(diff: DocumentDiff) -> str:
    lines = [f"# Changes to {escape(title_of(diff))}", ""]
    lines.append(f"Comparing `{diff.old.source}` (old) with `{diff.new.source}` (new).")
    notes = option_notes(diff)
    if notes:
        lines.append(f"Compared {', '.join(notes)}.")
    # Cover details first: a new date or approver is what a governor checks first.
    lines += _details(diff)
    lines += _summary(diff)
    lines += ["", "## Changes", ""]
    if diff.identical:
        lines.append("No differences.")
    entries = governor_entries(diff)
    for entry in entries:
        if entry.kind != "renumbered":
            lines += _change(entry)
    lines += _renumbered([entry for entry in entries if entry.kind == "renumbered"])
    lines += [
        "",
        "*Key: `{++inserted++}` text was added, `{--deleted--}` text was removed (CriticMarkup).*",
        "",
    ]
    return "\n".join(lines)


def _details(diff: DocumentDiff) -> list[str]:
    if not diff.metadata_changes:
        return []
    lines = ["", "## Details", "", "| Field | Old | New |", "|---|---|---|"]
    for change in diff.metadata_changes:
        lines.append(f"| {escape(change.field.replace('_', ' '))} | {escape(change.old or '—')} | {escape(change.new or '—')} |")
    return lines


def _summary(diff: DocumentDiff) -> list[str]:
    lines = ["", "## Summary", "", f"**{escape(summary_sentence(diff))}**", ""]
    lines += ["| Status | Clauses |", "|---|---:|"]
    lines += [f"| {STATUS_LABELS[s]} | {diff.summary[s]} |" for s in Status]
    if diff.summary.sections:
        lines += ["", "### By section", ""]
        header = "| Section | " + " | ".join(STATUS_LABELS[s] for s in Status) + " |"
        lines += [header, "|---|" + "---:|" * len(Status)]
        for label, counts in diff.summary.sections:
            lines.append(f"| {escape(label)} | " + " | ".join(str(counts[s]) for s in Status) + " |")
    return lines


def _change(entry: Entry) -> list[str]:
    lines = [f"### {escape(entry.label)} — {STATUS_LABELS[entry.status]}"]
    lines += ["", f"*{escape(entry.description)}*", ""]
    if entry.shows_words:
        return lines + [critic(entry.words) or "*(no text)*", ""]
    return lines + [escape(excerpt(entry.change.new or entry.change.old, 12)), ""]


def _renumbered(runs: list[Entry]) -> list[str]:
    if not runs:
        return []
    lines = ["## Renumbered only", "", "The wording of these clauses is unchanged.", ""]
    for run in runs:
        count = len(run.changes)
        first = run.change.new or run.change.old
        detail = f"{count} clauses, from {excerpt(first, 6)}" if count > 1 else ""
        lines.append(f"- {escape(run.label)}" + (f" ({escape(detail)})" if detail else ""))
    lines.append("")
    return lines
