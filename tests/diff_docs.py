"""Documents for the diff tests, and the edits the tests make to them.

``outline()`` turns a small outline ("6.1.2 Text", "# 6 Heading", "- bullet")
into a Document without the structure builder, so the diff engine can be
tested on its own; the edit helpers work on any Document (the real samples
included) and return a new Document with clauses renumbered as a drafter would.
"""

from __future__ import annotations

import re

from toolkit.model import Clause, ClauseKind, Document, Metadata, MetaValue, replace

_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\s+(.*)$")


def outline(text: str, source: str = "outline.txt", **metadata: str) -> Document:
    """Build a Document from an outline: ``# N Heading`` opens a section,
    ``N.N text`` is a clause at depth len(N.N), ``- text`` a list item."""
    roots: list[dict] = []
    stack: list[dict] = []
    counter = 0
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        counter += 1
        if line.startswith("# "):
            number, _, heading = line[2:].partition(" ")
            node = dict(number=number, heading=heading, text="", level=1, kind=ClauseKind.SECTION)
        elif line.startswith("- "):
            parent_level = stack[-1]["level"] if stack else 0
            node = dict(number=None, heading=None, text=line[2:], level=parent_level + 1, kind=ClauseKind.LIST_ITEM)
        else:
            match = _NUMBERED.match(line)
            if match:
                number, body = match.groups()
                node = dict(number=number, heading=None, text=body, level=number.count(".") + 1, kind=ClauseKind.CLAUSE)
            else:
                node = dict(number=None, heading=None, text=line, level=(stack[-1]["level"] + 1) if stack else 1,
                            kind=ClauseKind.CLAUSE)
        node["id"] = f"c{counter}"
        node["children"] = []
        while stack and stack[-1]["level"] >= node["level"]:
            stack.pop()
        if node["kind"] is ClauseKind.LIST_ITEM and stack and stack[-1]["kind"] is ClauseKind.LIST_ITEM:
            stack.pop()
        node["level"] = len(stack) + 1
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)

    def freeze(node: dict) -> Clause:
        return Clause(id=node["id"], number=node["number"], heading=node["heading"] or None, text=node["text"],
                      level=node["level"], kind=node["kind"], children=tuple(freeze(c) for c in node["children"]))

    meta = Metadata(**{k: MetaValue(v, v) for k, v in metadata.items()})
    return Document(source=source, format="text", metadata=meta, clauses=tuple(freeze(n) for n in roots))


# -- edits -------------------------------------------------------------------------------


def _renumber(clauses: tuple[Clause, ...], prefix: str, old_prefix: str | None = None) -> tuple[Clause, ...]:
    """Number numbered siblings 1, 2, 3... under ``prefix``, fixing descendants too."""
    out = []
    position = 0
    for clause in clauses:
        if clause.number and re.fullmatch(r"\d+(?:\.\d+)*\.?", clause.number):
            position += 1
            trailing = "." if clause.number.endswith(".") else ""
            number = f"{prefix}{position}{trailing}"
            children = _renumber(clause.children, number.rstrip(".") + ".")
            out.append(replace(clause, number=number, children=children))
        else:
            out.append(replace(clause, children=_renumber(clause.children, prefix)) if clause.children else clause)
    return tuple(out)


def _map_parent(doc: Document, parent_id: str | None, fn) -> Document:
    """Apply ``fn`` to the children of ``parent_id`` (the top level when None) and renumber them."""

    def visit(clauses: tuple[Clause, ...], prefix: str, here: str | None) -> tuple[Clause, ...]:
        if here == parent_id:
            return _renumber(tuple(fn(list(clauses))), prefix)
        out = []
        for clause in clauses:
            child_prefix = (clause.number.rstrip(".") + ".") if clause.number else prefix
            out.append(replace(clause, children=visit(clause.children, child_prefix, clause.id)))
        return tuple(out)

    return replace_doc(doc, clauses=visit(doc.clauses, "", None))


def replace_doc(doc: Document, **changes) -> Document:
    values = dict(source=doc.source, format=doc.format, metadata=doc.metadata, clauses=doc.clauses,
                  furniture=doc.furniture, warnings=doc.warnings)
    values.update(changes)
    return Document(**values)


def by_number(doc: Document, number: str) -> Clause:
    for clause in doc.walk():
        if clause.number and clause.number.rstrip(".") == number:
            return clause
    raise KeyError(number)


def reword(doc: Document, clause_id: str, old: str, new: str) -> Document:
    def visit(clauses):
        return tuple(
            replace(c, text=c.text.replace(old, new, 1), children=visit(c.children)) if c.id == clause_id
            else replace(c, children=visit(c.children))
            for c in clauses
        )

    target = doc.clause(clause_id)
    assert old in target.text, (old, target.text)
    return replace_doc(doc, clauses=visit(doc.clauses))


def delete(doc: Document, clause_id: str) -> Document:
    parent = doc.parent_id(clause_id)
    return _map_parent(doc, parent, lambda items: [c for c in items if c.id != clause_id])


def insert_after(doc: Document, sibling_id: str, clause: Clause) -> Document:
    parent = doc.parent_id(sibling_id)

    def fn(items):
        at = [c.id for c in items].index(sibling_id) + 1
        return items[:at] + [clause] + items[at:]

    return _map_parent(doc, parent, fn)


def move(doc: Document, clause_id: str, after_id: str) -> Document:
    """Move a clause to just after another (usually in another section); both places renumber."""
    moving = doc.clause(clause_id)
    doc = delete(doc, clause_id)
    return insert_after(doc, after_id, moving)
