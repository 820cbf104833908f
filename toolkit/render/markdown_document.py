"""Any ``Document`` as Markdown: numbers printed as text, one paragraph per clause.

The output is for reading and for version control (a policy's history diffs
well as Markdown); Word and HTML renditions come from the same Document.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Clause, ClauseKind, Document


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(rows: tuple[tuple[str, ...], ...] | list[tuple[str, str]], *, header: bool) -> list[str]:
    if not rows:
        return []
    width = max(len(row) for row in rows)
    padded = [tuple(row) + ("",) * (width - len(row)) for row in rows]
    if header:
        head, body = padded[0], padded[1:]
    else:
        head, body = ("",) * width, padded
    lines = ["| " + " | ".join(_cell(c) for c in head) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in body]
    return lines


def printed_number(clause: Clause) -> str | None:
    """A top-level decimal label prints with its full stop ("6" -> "6."), as in Word."""
    if clause.number and clause.level == 1 and clause.number.isdigit():
        return f"{clause.number}."
    return clause.number


def _section(clause: Clause, number: str, list_depth: int, out: list[str]) -> None:
    hashes = "#" * min(clause.level + 1, 6)
    out += [f"{hashes} {number}{clause.heading or clause.text}".rstrip(), ""]
    if clause.heading and clause.text:
        out += [clause.text, ""]


def _body_table(clause: Clause, number: str, list_depth: int, out: list[str]) -> None:
    if number or clause.heading:
        out += [f"{number}{clause.heading or ''}".strip(), ""]
    out += _table(clause.rows, header=True) or [clause.text]
    out.append("")


def _declaration(clause: Clause, number: str, list_depth: int, out: list[str]) -> None:
    lines = [f"{number}{line}" if i == 0 else line for i, line in enumerate(clause.full_text.split("\n"))]
    out += ["  \n".join(lines), ""]


def _drafting_note(clause: Clause, number: str, list_depth: int, out: list[str]) -> None:
    out += [f"> {number}{clause.full_text}", ""]


def _paragraph(clause: Clause, number: str, list_depth: int, out: list[str]) -> None:
    if clause.kind is ClauseKind.LIST_ITEM and clause.number is None:
        if len(out) >= 2 and out[-1] == "" and out[-2].lstrip().startswith("- "):
            out.pop()  # consecutive bullets form one tight list
        out += ["  " * list_depth + f"- {clause.full_text}", ""]
        return
    indent = "  " * list_depth if clause.kind is ClauseKind.LIST_ITEM else ""
    heading = f"**{clause.heading}** " if clause.heading else ""
    out += [f"{indent}{number}{heading}{clause.text}".rstrip(), ""]


# How each kind of clause is written; list items and plain clauses are paragraphs.
_WRITERS: dict[ClauseKind, Callable[[Clause, str, int, list[str]], None]] = {
    ClauseKind.SECTION: _section,
    ClauseKind.TABLE: _body_table,
    ClauseKind.DECLARATION: _declaration,
    ClauseKind.DRAFTING_NOTE: _drafting_note,
}


def _clause(clause: Clause, list_depth: int, out: list[str]) -> None:
    number = f"{printed_number(clause)} " if clause.number else ""
    _WRITERS.get(clause.kind, _paragraph)(clause, number, list_depth, out)
    depth = list_depth + 1 if clause.kind is ClauseKind.LIST_ITEM else list_depth
    for child in clause.children:
        _clause(child, depth, out)


def document_to_markdown(document: Document, *, cover_rows: tuple[tuple[str, str], ...] = (),
                         title: str | None = None) -> str:
    out: list[str] = []
    heading = title if title is not None else document.title
    if heading:
        out += [f"# {heading}", ""]
    if cover_rows:
        out += _table(list(cover_rows), header=False)
        out.append("")
    for clause in document.clauses:
        _clause(clause, 0, out)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
