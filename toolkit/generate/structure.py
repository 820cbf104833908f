"""From rendered template Markdown to a numbered ``Document``: the source of truth for numbers.

Templates never print clause numbers. Jinja first resolves the optional parts;
this module then reads the Markdown that is left and numbers what remains, so
a switched-off section leaves no gap. Cross-references are written in a
template as ``{{ ref('images') }}``, which renders as a placeholder; once
every clause has its number the placeholders are replaced by the number of
the clause labelled ``images`` (a second pass, so a reference may point
forwards).

The Markdown dialect (one construct per line)::

    # Title                          the document title (once, first)
    ## Heading {:#label}              a section: 1, 2, ... (printed "1.", as labels drop the full stop)
    1. Text {:#label}                 a clause: 1.1, 1.2 (nested by indenting: 1.1.1)
    a. Text                          a lettered item: (a), (b) under its parent
    - Text                           a bullet (unnumbered list item)
    Plain text                       an unnumbered paragraph
    | cell | cell |                  a table row (a |---| row is skipped)
    ::: declaration ... :::          a signature block (lines kept)
    ::: note ... :::                 a drafting note

A line that follows an item without a blank line continues it (wrapped text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import TemplateError
from ..model import Clause, ClauseKind, Document, Metadata, MetaValue, replace
from ..ooxml.number_formats import to_letters, to_roman

REF_OPEN = "\x00ref:"
REF_CLOSE = "\x00"
_REF = re.compile(re.escape(REF_OPEN) + r"([^\x00]*)" + re.escape(REF_CLOSE))
_LABEL = re.compile(r"\s*\{:#([A-Za-z0-9][A-Za-z0-9_-]*)\}\s*$")
_ITEM = re.compile(r"^(?P<indent>[ ]*)(?P<marker>\d+\.|[a-z]\.|[-*])[ ]+(?P<text>.*)$")
_MAX_DECIMAL_DEPTH = 2  # clause (1.1) and sub-clause (1.1.1) under a section


def ref_placeholder(label: str) -> str:
    """What ``ref(label)`` renders as until numbers are known."""
    return f"{REF_OPEN}{label}{REF_CLOSE}"


@dataclass
class _Node:
    kind: str  # "section", "decimal", "letter", "bullet", "para", "table", "declaration", "note"
    text: str
    line: int
    indent: int = -1
    label: str | None = None
    children: list[_Node] = field(default_factory=list)
    rows: list[tuple[str, ...]] = field(default_factory=list)
    open: bool = True  # a following non-blank line continues this node


@dataclass(frozen=True, slots=True)
class BuiltDocument:
    document: Document
    labels: dict[str, str]  # label -> clause id
    # (clause id holding the reference, label referred to, number printed)
    references: tuple[tuple[str, str, str], ...]
    # Where each printed reference sits, so a Word writer can make it a live field:
    # (clause id holding it, "text" or "heading", start, end, clause id referred to)
    reference_spans: tuple[tuple[str, str, int, int, str], ...] = ()


def _split_label(text: str) -> tuple[str, str | None]:
    m = _LABEL.search(text)
    if not m:
        return text.strip(), None
    return text[: m.start()].strip(), m[1]


def _parse(markdown: str, where: str) -> tuple[str | None, list[_Node]]:
    title: str | None = None
    sections: list[_Node] = []
    preamble = _Node("section", "", 0)  # holds anything before the first heading
    current_section = preamble
    stack: list[_Node] = []  # open list items, outermost first
    last: _Node | None = None
    block: _Node | None = None
    table: _Node | None = None

    for number, raw in enumerate(markdown.splitlines(), start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if block is not None:
            if stripped == ":::":
                block.text = "\n".join(part for part in block.text.split("\n")).strip("\n")
                block = None
            else:
                block.text += ("\n" if block.text else "") + stripped
            continue
        if not stripped:
            if last is not None:
                last.open = False
            table = None
            continue
        if stripped.startswith("|"):
            cells = tuple(cell.strip() for cell in stripped.strip("|").split("|"))
            if table is None:
                table = _Node("table", "", number)
                current_section.children.append(table)
                stack = []
            if not all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
                table.rows.append(cells)
            last = None
            continue
        table = None
        if stripped.startswith(":::"):
            kind = stripped[3:].strip()
            if kind not in ("declaration", "note"):
                raise TemplateError(f"line {number}: unknown block '::: {kind}' (use declaration or note)", path=where)
            block = _Node(kind, "", number)
            current_section.children.append(block)
            stack, last = [], None
            continue
        if line.startswith("# "):
            if title is not None or sections:
                raise TemplateError(f"line {number}: only one '# title', before the first section", path=where)
            title = stripped[2:].strip()
            last = None
            continue
        if line.startswith("## "):
            text, label = _split_label(stripped[3:])
            current_section = _Node("section", text, number, label=label)
            sections.append(current_section)
            stack, last = [], None
            continue
        if line.startswith("#"):
            raise TemplateError(f"line {number}: only '#' (title) and '##' (section) headings are supported", path=where)
        item = _ITEM.match(line)
        if item:
            marker = item["marker"]
            kind = "bullet" if marker in ("-", "*") else ("decimal" if marker[0].isdigit() else "letter")
            indent = len(item["indent"])
            text, label = _split_label(item["text"])
            node = _Node(kind, text, number, indent=indent, label=label)
            while stack and stack[-1].indent >= indent:
                stack.pop()
            (stack[-1].children if stack else current_section.children).append(node)
            stack.append(node)
            last = node
            continue
        if last is not None and last.open:
            last.text = f"{last.text} {stripped}"
            if last.kind != "para":
                text, label = _split_label(last.text)
                last.text, last.label = text, label or last.label
            continue
        text, label = _split_label(stripped)
        node = _Node("para", text, number, label=label)
        current_section.children.append(node)
        stack, last = [], node
    if block is not None:
        raise TemplateError(f"line {block.line}: '::: {block.kind}' is never closed with ':::'", path=where)
    if preamble.children:
        raise TemplateError(
            f"line {preamble.children[0].line}: text before the first '##' section heading", path=where
        )
    return title, sections


_KINDS = {
    "section": ClauseKind.SECTION,
    "decimal": ClauseKind.CLAUSE,
    "letter": ClauseKind.LIST_ITEM,
    "bullet": ClauseKind.LIST_ITEM,
    "para": ClauseKind.CLAUSE,
    "table": ClauseKind.TABLE,
    "declaration": ClauseKind.DECLARATION,
    "note": ClauseKind.DRAFTING_NOTE,
}


def build_numbered_document(
    markdown: str,
    *,
    where: str,
    source: str,
    metadata: Metadata,
    ref_lines: dict[str, int] | None = None,
    numbered_sections: bool = True,
) -> BuiltDocument:
    """Number the rendered Markdown's clauses, then resolve its cross-references."""
    title, sections = _parse(markdown, where)
    labels: dict[str, str] = {}
    numbers: dict[str, str] = {}
    label_lines: dict[str, int] = {}

    def register(node: _Node, clause_id: str, number: str | None) -> None:
        if node.label is None:
            return
        if node.label in labels:
            raise TemplateError(
                f"line {node.line}: label '{node.label}' is used twice (first on line {label_lines[node.label]})",
                path=where,
            )
        labels[node.label] = clause_id
        label_lines[node.label] = node.line
        if number is not None:
            numbers[node.label] = number.rstrip(".")

    def convert(node: _Node, parent_id: str, number: str | None, decimal_base: str | None, decimal_depth: int,
                level: int, index: int) -> Clause:
        """``decimal_base``: the number a numbered child extends ("6" for 6.1), None where none may appear."""
        clause_id = node.label or f"{parent_id}.{index}"
        register(node, clause_id, number)
        children = []
        decimals = letters = 0
        for child_index, child in enumerate(node.children, start=1):
            if child.kind == "decimal":
                if decimal_base is None or decimal_depth >= _MAX_DECIMAL_DEPTH:
                    raise TemplateError(
                        f"line {child.line}: a numbered item must sit under a section or a numbered item, "
                        "at most two deep", path=where)
                decimals += 1
                child_number = f"{decimal_base}.{decimals}"
                children.append(convert(child, clause_id, child_number, child_number, decimal_depth + 1,
                                        level + 1, child_index))
            elif child.kind == "letter":
                letters += 1
                # A lettered list inside a lettered item counts in roman numerals, as legal drafting does.
                marker = to_roman(letters) if node.kind == "letter" else to_letters(letters)
                children.append(convert(child, clause_id, f"({marker})", None, decimal_depth, level + 1,
                                        child_index))
            else:
                children.append(convert(child, clause_id, None, None, decimal_depth, level + 1, child_index))
        text = node.text if node.kind != "section" else ""
        heading = node.text if node.kind == "section" else None
        return Clause(
            id=clause_id,
            number=number,
            heading=heading,
            text=text,
            level=level,
            kind=_KINDS[node.kind],
            children=tuple(children),
            line=node.line,
            rows=tuple(node.rows),
        )

    clauses = []
    for index, section in enumerate(sections, start=1):
        number = str(index) if numbered_sections else None
        base = str(index) if numbered_sections else None
        clauses.append(convert(section, "s", number, base, 0, 1, index))

    references: list[tuple[str, str, str]] = []
    spans: list[tuple[str, str, int, int, str]] = []

    def substitute(m: re.Match[str], clause_id: str) -> str:
        label = m[1]
        if label not in labels:
            line = (ref_lines or {}).get(label)
            where_line = f"line {line}: " if line else ""
            raise TemplateError(
                f"{where_line}ref('{label}'): no clause is labelled '{label}' in this rendering "
                "(is it in a section switched off by an option?)",
                path=where,
            )
        if label not in numbers:
            raise TemplateError(f"ref('{label}'): the clause labelled '{label}' has no number", path=where)
        references.append((clause_id, label, numbers[label]))
        return numbers[label]

    def resolve(text: str, clause_id: str, part: str | None = None) -> str:
        """``text`` with its references printed; ``part`` ("text", "heading") records their spans."""
        pieces: list[str] = []
        length = 0
        last = 0
        for m in _REF.finditer(text):
            pieces.append(text[last:m.start()])
            length += m.start() - last
            printed = substitute(m, clause_id)
            if part is not None:
                spans.append((clause_id, part, length, length + len(printed), labels[m[1]]))
            pieces.append(printed)
            length += len(printed)
            last = m.end()
        pieces.append(text[last:])
        return "".join(pieces)

    def finish(clause: Clause) -> Clause:
        children = tuple(finish(child) for child in clause.children)
        rows = tuple(tuple(resolve(cell, clause.id) for cell in row) for row in clause.rows)
        return Clause(
            id=clause.id,
            number=clause.number,
            heading=resolve(clause.heading, clause.id, "heading") if clause.heading is not None else None,
            text=resolve(clause.text, clause.id, "text"),
            level=clause.level,
            kind=clause.kind,
            children=children,
            line=clause.line,
            rows=rows,
        )

    resolved = tuple(finish(clause) for clause in clauses)
    if title is not None and metadata.title is None:
        metadata = replace(metadata, title=MetaValue(title, title))
    document = Document(source=source, format="template", metadata=metadata, clauses=resolved)
    return BuiltDocument(document, labels, tuple(references), tuple(spans))
