"""The builder's block rules, in the order they are tried.

Each rule is a function ``rule(state, cursor) -> bool`` in a module of its own: it
looks at the block under the cursor (and the tree built so far) and either takes
it, changing the tree and returning True, or leaves it for the next rule. A rule
that takes several blocks (a run of table rows) moves ``cursor.end`` past them.
The first rule that takes a block wins, so the order below is the behaviour:

  table              a table the format marked                      table.py
  tabbed_rows        lines of tab-separated cells                   tabbed_rows.py
  declaration        "Signed: / Date: / Print name:"                declaration.py
  appendix           "Appendix A", "Annex 2", "Schedule 1"          appendix.py
  styled_section     "2." in a heading style after section 1        styled_section.py
  list_continuation  the next item of an open list                  list_continuation.py
  decimal            a numbered section or clause that fits         decimal.py
  list_start         "1.", "a)", "(i)" opening a list               list_start.py
  given_number       a format's number nothing else placed          given_number.py
  bullet             a bulleted line                                bullet.py
  drafting_note      "[include this only if ...]"                   drafting_note.py
  part               the next policy's title in a handbook          part.py
  heading            an unnumbered heading                          heading.py
  colon_item         a short line after "... must:"                 colon_item.py
  paragraph          anything else                                  paragraph.py

``default_rules()`` returns a fresh ``Ruler`` of them to change (``disable``,
``before``, ``after``, ``at``) and pass to ``build_document(..., rules=...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..blocks import Block
from ..ruler import Ruler
from ..tree import Cursor, TreeState
from . import (
    appendix,
    bullet,
    colon_item,
    decimal,
    declaration,
    drafting_note,
    given_number,
    heading,
    list_continuation,
    list_start,
    paragraph,
    part,
    styled_section,
    tabbed_rows,
    table,
)

BlockRule = Callable[[TreeState, Cursor], bool]

# Spelled out pair by pair so the type checker holds every rule to BlockRule.
_IN_ORDER: tuple[tuple[str, BlockRule], ...] = (
    (table.NAME, table.rule),
    (tabbed_rows.NAME, tabbed_rows.rule),
    (declaration.NAME, declaration.rule),
    (appendix.NAME, appendix.rule),
    (styled_section.NAME, styled_section.rule),
    (list_continuation.NAME, list_continuation.rule),
    (decimal.NAME, decimal.rule),
    (list_start.NAME, list_start.rule),
    (given_number.NAME, given_number.rule),
    (bullet.NAME, bullet.rule),
    (drafting_note.NAME, drafting_note.rule),
    (part.NAME, part.rule),
    (heading.NAME, heading.rule),
    (colon_item.NAME, colon_item.rule),
    (paragraph.NAME, paragraph.rule),
)


def default_rules() -> Ruler[BlockRule]:
    """A new list of the builder's rules in their standard order."""
    return Ruler(_IN_ORDER)


def run_rules(state: TreeState, blocks: Sequence[Block], rules: Ruler[BlockRule]) -> None:
    """Hand every block to the first enabled rule that takes it."""
    active = rules.get_rules()
    index = 0
    while index < len(blocks):
        cursor = Cursor(blocks, index)
        for rule in active:
            if rule(state, cursor):
                break
        else:
            paragraph.rule(state, cursor)  # no enabled rule took it: its words are kept all the same
        index = max(cursor.end, index + 1)


__all__ = ["BlockRule", "default_rules", "run_rules"]
