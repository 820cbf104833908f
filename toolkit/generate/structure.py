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
    parser = _Parser(where)
    for number, raw in enumerate(markdown.splitlines(), start=1):
        parser.feed(number, raw)
    return parser.finish()


class _Parser:
    """Reads the dialect one line at a time into sections of nodes.

    Each kind of line has its own method; ``feed`` tries them in the order that
    decides what a line is (inside a ::: block, blank, table row, block start,
    heading, list item, continuation of the item before, plain paragraph).
    """

    def __init__(self, where: str) -> None:
        self.where = where
        self.title: str | None = None
        self.sections: list[_Node] = []
        self.preamble = _Node("section", "", 0)  # holds anything before the first heading
        self.current_section = self.preamble
        self.stack: list[_Node] = []  # open list items, outermost first
        self.last: _Node | None = None
        self.block: _Node | None = None
        self.table: _Node | None = None

    def feed(self, number: int, raw: str) -> None:
        line = raw.rstrip()
        stripped = line.strip()
        if self.block is not None:
            self._block_line(self.block, stripped)
        elif not stripped:
            if self.last is not None:
                self.last.open = False
            self.table = None
        elif stripped.startswith("|"):
            self._table_row(number, stripped)
        else:
            self.table = None
            for rule in (self._block_start, self._heading, self._item, self._continuation):
                if rule(number, line, stripped):
                    return
            self._paragraph(number, stripped)

    def finish(self) -> tuple[str | None, list[_Node]]:
        if self.block is not None:
            raise TemplateError(f"line {self.block.line}: '::: {self.block.kind}' is never closed with ':::'",
                                path=self.where)
        if self.preamble.children:
            raise TemplateError(
                f"line {self.preamble.children[0].line}: text before the first '##' section heading", path=self.where
            )
        return self.title, self.sections

    def _block_line(self, block: _Node, stripped: str) -> None:
        if stripped == ":::":
            block.text = "\n".join(part for part in block.text.split("\n")).strip("\n")
            self.block = None
        else:
            block.text += ("\n" if block.text else "") + stripped

    def _table_row(self, number: int, stripped: str) -> None:
        cells = tuple(cell.strip() for cell in stripped.strip("|").split("|"))
        if self.table is None:
            self.table = _Node("table", "", number)
            self.current_section.children.append(self.table)
            self.stack = []
        if not all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
            self.table.rows.append(cells)
        self.last = None

    def _block_start(self, number: int, line: str, stripped: str) -> bool:
        if not stripped.startswith(":::"):
            return False
        kind = stripped[3:].strip()
        if kind not in ("declaration", "note"):
            raise TemplateError(f"line {number}: unknown block '::: {kind}' (use declaration or note)", path=self.where)
        self.block = _Node(kind, "", number)
        self.current_section.children.append(self.block)
        self.stack, self.last = [], None
        return True

    def _heading(self, number: int, line: str, stripped: str) -> bool:
        if line.startswith("# "):
            if self.title is not None or self.sections:
                raise TemplateError(f"line {number}: only one '# title', before the first section", path=self.where)
            self.title = stripped[2:].strip()
            self.last = None
            return True
        if line.startswith("## "):
            text, label = _split_label(stripped[3:])
            self.current_section = _Node("section", text, number, label=label)
            self.sections.append(self.current_section)
            self.stack, self.last = [], None
            return True
        if line.startswith("#"):
            raise TemplateError(f"line {number}: only '#' (title) and '##' (section) headings are supported",
                                path=self.where)
        return False

    def _item(self, number: int, line: str, stripped: str) -> bool:
        item = _ITEM.match(line)
        if not item:
            return False
        marker = item["marker"]
        kind = "bullet" if marker in ("-", "*") else ("decimal" if marker[0].isdigit() else "letter")
        indent = len(item["indent"])
        text, label = _split_label(item["text"])
        node = _Node(kind, text, number, indent=indent, label=label)
        while self.stack and self.stack[-1].indent >= indent:
            self.stack.pop()
        (self.stack[-1].children if self.stack else self.current_section.children).append(node)
        self.stack.append(node)
        self.last = node
        return True

    def _continuation(self, number: int, line: str, stripped: str) -> bool:
        last = self.last
        if last is None or not last.open:
            return False
        last.text = f"{last.text} {stripped}"
        if last.kind != "para":
            text, label = _split_label(last.text)
            last.text, last.label = text, label or last.label
        return True

    def _paragraph(self, number: int, stripped: str) -> None:
        text, label = _split_label(stripped)
        node = _Node("para", text, number, label=label)
        self.current_section.children.append(node)
        self.stack, self.last = [], node


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
    numbering = _Numbering(where)
    clauses = []
    for index, section in enumerate(sections, start=1):
        number = str(index) if numbered_sections else None
        base = str(index) if numbered_sections else None
        clauses.append(numbering.convert(section, "s", number, base, 0, 1, index))

    references = _References(where, numbering.labels, numbering.numbers, ref_lines or {})
    resolved = tuple(references.finish(clause) for clause in clauses)
    if title is not None and metadata.title is None:
        metadata = replace(metadata, title=MetaValue(title, title))
    document = Document(source=source, format="template", metadata=metadata, clauses=resolved)
    return BuiltDocument(document, numbering.labels, tuple(references.found), tuple(references.spans))


class _Numbering:
    """First pass: nodes become numbered clauses, and each label is noted with its clause and number."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.labels: dict[str, str] = {}  # label -> clause id
        self.numbers: dict[str, str] = {}  # label -> number printed ("6.1")
        self.label_lines: dict[str, int] = {}

    def register(self, node: _Node, clause_id: str, number: str | None) -> None:
        if node.label is None:
            return
        if node.label in self.labels:
            raise TemplateError(
                f"line {node.line}: label '{node.label}' is used twice (first on line {self.label_lines[node.label]})",
                path=self.where,
            )
        self.labels[node.label] = clause_id
        self.label_lines[node.label] = node.line
        if number is not None:
            self.numbers[node.label] = number.rstrip(".")

    def convert(self, node: _Node, parent_id: str, number: str | None, decimal_base: str | None, decimal_depth: int,
                level: int, index: int) -> Clause:
        """``decimal_base``: the number a numbered child extends ("6" for 6.1), None where none may appear."""
        clause_id = node.label or f"{parent_id}.{index}"
        self.register(node, clause_id, number)
        children = []
        decimals = letters = 0
        for child_index, child in enumerate(node.children, start=1):
            if child.kind == "decimal":
                if decimal_base is None or decimal_depth >= _MAX_DECIMAL_DEPTH:
                    raise TemplateError(
                        f"line {child.line}: a numbered item must sit under a section or a numbered item, "
                        "at most two deep", path=self.where)
                decimals += 1
                child_number = f"{decimal_base}.{decimals}"
                children.append(self.convert(child, clause_id, child_number, child_number, decimal_depth + 1,
                                             level + 1, child_index))
            elif child.kind == "letter":
                letters += 1
                # A lettered list inside a lettered item counts in roman numerals, as legal drafting does.
                marker = to_roman(letters) if node.kind == "letter" else to_letters(letters)
                children.append(self.convert(child, clause_id, f"({marker})", None, decimal_depth, level + 1,
                                             child_index))
            else:
                children.append(self.convert(child, clause_id, None, None, decimal_depth, level + 1, child_index))
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


class _References:
    """Second pass: each ``ref()`` placeholder is replaced by the number of the clause it names."""

    def __init__(self, where: str, labels: dict[str, str], numbers: dict[str, str], ref_lines: dict[str, int]) -> None:
        self.where = where
        self.labels = labels
        self.numbers = numbers
        self.ref_lines = ref_lines
        # (clause id holding the reference, label referred to, number printed)
        self.found: list[tuple[str, str, str]] = []
        self.spans: list[tuple[str, str, int, int, str]] = []

    def substitute(self, m: re.Match[str], clause_id: str) -> str:
        label = m[1]
        if label not in self.labels:
            line = self.ref_lines.get(label)
            where_line = f"line {line}: " if line else ""
            raise TemplateError(
                f"{where_line}ref('{label}'): no clause is labelled '{label}' in this rendering "
                "(is it in a section switched off by an option?)",
                path=self.where,
            )
        if label not in self.numbers:
            raise TemplateError(f"ref('{label}'): the clause labelled '{label}' has no number", path=self.where)
        self.found.append((clause_id, label, self.numbers[label]))
        return self.numbers[label]

    def resolve(self, text: str, clause_id: str, part: str | None = None) -> str:
        """``text`` with its references printed; ``part`` ("text", "heading") records their spans."""
        pieces: list[str] = []
        length = 0
        last = 0
        for m in _REF.finditer(text):
            pieces.append(text[last:m.start()])
            length += m.start() - last
            printed = self.substitute(m, clause_id)
            if part is not None:
                self.spans.append((clause_id, part, length, length + len(printed), self.labels[m[1]]))
            pieces.append(printed)
            length += len(printed)
            last = m.end()
        pieces.append(text[last:])
        return "".join(pieces)

    def finish(self, clause: Clause) -> Clause:
        children = tuple(self.finish(child) for child in clause.children)
        rows = tuple(tuple(self.resolve(cell, clause.id) for cell in row) for row in clause.rows)
        return Clause(
            id=clause.id,
            number=clause.number,
            heading=self.resolve(clause.heading, clause.id, "heading") if clause.heading is not None else None,
            text=self.resolve(clause.text, clause.id, "text"),
            level=clause.level,
            kind=clause.kind,
            children=children,
            line=clause.line,
            rows=rows,
        )
