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


def _shift(clause: Clause, delta: int) -> Clause:
    """Renumber a clause by ``delta`` in its last component, and its descendants with it."""
    match = re.fullmatch(r"((?:\d+\.)*)(\d+)(\.?)", clause.number or "")
    if not match or not delta:
        return clause
    head, last, dot = match.groups()
    old_prefix = clause.number.rstrip(".")
    new_number = f"{head}{int(last) + delta}{dot}"
    return _reprefix(clause, old_prefix, new_number.rstrip("."), new_number)


def _reprefix(clause: Clause, old_prefix: str, new_prefix: str, own: str | None = None) -> Clause:
    number = own
    if number is None and clause.number and clause.number.startswith(old_prefix + "."):
        number = new_prefix + clause.number[len(old_prefix):]
    children = tuple(_reprefix(child, old_prefix, new_prefix) for child in clause.children)
    return replace(clause, number=number if number is not None else clause.number, children=children)


def renumber_as(clause: Clause, number: str) -> Clause:
    """The clause (and its descendants) under a new number, as when it moves."""
    return _reprefix(clause, (clause.number or "").rstrip("."), number.rstrip("."), number)


def _map_parent(doc: Document, parent_id: str | None, fn) -> Document:
    """Apply ``fn`` to the sibling list under ``parent_id`` (top level when None)."""

    def visit(clauses: tuple[Clause, ...], here: str | None) -> tuple[Clause, ...]:
        if here == parent_id:
            return tuple(fn(list(clauses)))
        return tuple(replace(clause, children=visit(clause.children, clause.id)) for clause in clauses)

    return replace_doc(doc, clauses=visit(doc.clauses, None))


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
    """Remove a clause; its numbered siblings after it move up one number."""

    def fn(items):
        at = [c.id for c in items].index(clause_id)
        shift = -1 if items[at].number else 0
        return items[:at] + [_shift(c, shift) for c in items[at + 1 :]]

    return _map_parent(doc, doc.parent_id(clause_id), fn)


def insert_after(doc: Document, sibling_id: str, clause: Clause) -> Document:
    """Insert ``clause`` after a sibling, numbered after it; later siblings move down one."""

    def fn(items):
        at = [c.id for c in items].index(sibling_id) + 1
        new = clause
        previous = items[at - 1]
        if clause.number is not None and previous.number:
            new = renumber_as(clause, _shift(previous, 1).number)
        shift = 1 if new.number else 0
        return items[:at] + [new] + [_shift(c, shift) for c in items[at:]]

    return _map_parent(doc, doc.parent_id(sibling_id), fn)


def move(doc: Document, clause_id: str, after_id: str) -> Document:
    """Move a clause to just after another (usually in another section); both places renumber."""
    moving = doc.clause(clause_id)
    doc = delete(doc, clause_id)
    return insert_after(doc, after_id, moving)


def moved_and_reworded() -> tuple[Document, Document]:
    """Clause 1.2 moves into section 2 (as 2.2) and is reworded on the way."""
    old = outline("""
# 1 Scope
1.1 This policy applies to all staff employed by the school and to its governors.
1.2 Staff must never share their passwords for school systems with anyone else.
# 2 Conduct
2.1 Staff must not befriend pupils on social media.
2.2 Breaches may lead to disciplinary action.
""")
    new = outline("""
# 1 Scope
1.1 This policy applies to all staff employed by the school and to its governors.
# 2 Conduct
2.1 Staff must not befriend pupils on social media.
2.2 Staff must never share their passwords for school systems with any other person.
2.3 Breaches may lead to disciplinary action.
""")
    return old, new
