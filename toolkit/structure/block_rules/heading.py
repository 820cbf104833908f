"""``heading``: an unnumbered heading ("Roles and responsibilities").

The format may say so (a heading style, a '#'); where fonts are lost, a short,
capitalised, unpunctuated line is a heading, except inside a colon list, where it
is an item unless body text follows it. A heading with a level closes headings of
the same or a deeper level; one without closes the running content and a heading
like itself.
"""

from __future__ import annotations

from ...model import ClauseKind
from ..blocks import Block, BlockKind
from ..front import is_body
from ..roles import CONTENT, LEVELLED_SECTIONS, Role
from ..rules import clean_heading, looks_like_heading, parse_number, split_drafting_note, strip_markers
from ..tree import Cursor, Node, TreeState

NAME = "heading"


def rule(state: TreeState, cursor: Cursor) -> bool:
    if not is_heading(state, cursor):
        return False
    add_heading(state, cursor.block, cursor.text)
    return True


def is_heading(state: TreeState, cursor: Cursor) -> bool:
    if cursor.heading is None:
        cursor.heading = _reads_as_heading(state, cursor.block, cursor.text, cursor.following)
    return cursor.heading


def _reads_as_heading(state: TreeState, block: Block, text: str, following: Block | None) -> bool:
    if block.kind is BlockKind.HEADING:
        return True
    if state.styled and not block.bold:
        return False  # the format marks its headings; this one is not marked
    if block.kind is not BlockKind.PARAGRAPH or not looks_like_heading(text, max_words=10):
        return False
    heading_text, _ = split_drafting_note(text)
    if not heading_text:
        return False
    last = state.last
    if last is not None and (last.lead_in or (last.role is Role.LIST and last.list_style == "plain")):
        # Inside a colon list, a short line is an item unless real body follows it.
        if last.lead_in or following is None or following.kind is not BlockKind.PARAGRAPH:
            return False
        follow = strip_markers(following.text)
        return not follow.bullets and not parse_number(follow.text) and is_body(following)
    return True


def add_heading(state: TreeState, block: Block, text: str) -> None:
    heading, note = split_drafting_note(text)
    heading = clean_heading(heading)
    last = state.last
    if last is not None and last.role is Role.APPENDIX and not last.heading and not last.children:
        last.heading = heading  # "Appendix 2" on one line, its title on the next
        return
    level = block.heading_level
    node = Node(Role.HEADING, ClauseKind.SECTION, heading=heading, line=block.line, page=block.page, heading_level=level)
    if level is not None:
        state.pop_while(lambda n: _closed_by_level(n, level))
    elif not (last is not None and last.role is Role.HEADING and not last.children):
        # (A heading straight after a heading is its sub-heading: nothing closes.)
        _close_for_unlevelled(state)
    node.inferred_heading = level is None
    state.attach(node, state.top)
    if note:
        state.attach_note(note, block, node)


def _closed_by_level(node: Node, level: int) -> bool:
    return (
        node.role in CONTENT
        or (node.role is Role.DECIMAL and node.kind is ClauseKind.CLAUSE)
        or (node.role is Role.HEADING and node.heading_level is None)
        or (node.role in LEVELLED_SECTIONS and node.heading_level is not None and node.heading_level >= level)
    )


def _close_for_unlevelled(state: TreeState) -> None:
    state.pop_while(lambda n: n.role in CONTENT or (n.role is Role.DECIMAL and n.kind is ClauseKind.CLAUSE))
    if state.top.role is Role.HEADING and state.top.heading_level is None:
        state.stack.pop()
