"""Terminal output: a summary table and every change, coloured with rich."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..diff.changes import DELETE, INSERT, DocumentDiff, Status, WordOp
from ._diff_common import (
    STATUS_LABELS,
    excerpt,
    governor_entries,
    option_notes,
    summary_sentence,
    title_of,
)

STYLES = {
    Status.UNCHANGED: "dim",
    Status.RENUMBERED: "cyan",
    Status.MODIFIED: "yellow",
    Status.ADDED: "blue",
    Status.REMOVED: "red",
    Status.MOVED: "green",
}


def _words(words: Iterable[WordOp], markers: bool) -> Text:
    """Word edits: colours in a terminal, wdiff-style [-old-]{+new+} markers in plain text."""
    text = Text()
    for op, chunk in words:
        if op == DELETE:
            text.append(f"[-{chunk}-]" if markers else chunk, style="red strike")
        elif op == INSERT:
            text.append(f"{{+{chunk}+}}" if markers else chunk, style="blue underline")
        else:
            text.append(chunk)
    return text


def print_diff(diff: DocumentDiff, console: Console) -> None:
    console.print(Text(f"Changes to {title_of(diff)}", style="bold"))
    console.print(Text(f"  old: {diff.old.source}\n  new: {diff.new.source}", style="dim"))
    notes = option_notes(diff)
    if notes:
        console.print(Text("  " + ", ".join(notes), style="dim"))
    # Cover details first: a new date or approver is what a governor checks first.
    if diff.metadata_changes:
        console.print(Text("Details", style="bold"))
        for field in diff.metadata_changes:
            line = Text(f"  {field.field.replace('_', ' ')}: ")
            line.append(field.old or "(none)", style="red strike")
            line.append(" → ")
            line.append(field.new or "(none)", style="blue underline")
            console.print(line)
    if not diff.identical:
        console.print(Text(summary_sentence(diff), style="bold"))
    summary = Table(title=None, show_edge=False, box=None, padding=(0, 2))
    for status in Status:
        summary.add_column(STATUS_LABELS[status], justify="right", style=STYLES[status])
    summary.add_row(*(str(diff.summary[status]) for status in Status))
    console.print(summary)
    if diff.identical:
        console.print(Text("No differences.", style="bold green"))
        return
    console.print()
    for entry in governor_entries(diff):
        change = entry.change
        head = Text()
        label = "Numbering" if entry.kind == "renumbered" else STATUS_LABELS[entry.status]
        head.append(f"{label:<10} ", style=f"bold {STYLES[entry.status]}")
        head.append(entry.label, style="bold")
        head.append(f"  {entry.description}", style="dim")
        console.print(head)
        if entry.shows_words:
            console.print(Padding(_words(entry.words, markers=not console.is_terminal), (0, 0, 1, 11), expand=False))
        elif entry.kind == "change":
            # A move or a number lost: the opening words say which clause it is.
            console.print(Padding(Text(excerpt(change.new or change.old, 12), style="dim"), (0, 0, 1, 11), expand=False))


def render_text(diff: DocumentDiff, *, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width,
                      color_system="standard" if color else None, highlight=False, emoji=False)
    print_diff(diff, console)
    text = buffer.getvalue()
    if not color:
        # rich pads every line to the width; plain text should not carry that.
        text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    return text
