"""Placing a list item: shared by every rule that makes one (numbered, bulleted, plain)."""

from __future__ import annotations

from ...model import ClauseKind
from ..blocks import Block
from ..roles import PROSE, Role
from ..rules import Marked, Number, clean_label
from ..tree import Cursor, Node, TreeState

# Number styles a list can be numbered in ("roman-section" and "appendix" never are).
LIST_STYLES = ("decimal", "alpha", "roman", "letter-number")


def list_number(state: TreeState, cursor: Cursor, number: Number, *, continuation_only: bool = False) -> bool:
    """A number that is not the next clause: continue or start a list, if it can."""
    if number.style == "decimal":
        if len(number.key) != 1 or not (number.label.endswith((".", ")")) or cursor.given):
            return False
        value, style = number.key[0], "decimal"
    elif number.style == "letter-number":
        value, style = number.value, "letter-" + number.label[0]  # A1, A2... one list per letter
    else:
        value, style = number.value, number.style
    if _continue_open_list(state, cursor, number, style, value):
        return True
    if value == 1 and not continuation_only:
        list_item(state, cursor.block, clean_label(number.label), number.rest, cursor.marked, cursor.explicit_level,
                  style, value, new_list=True)
        return True
    return False


def _continue_open_list(state: TreeState, cursor: Cursor, number: Number, style: str, value: int) -> bool:
    """The next item of a list still open, innermost first."""
    label = clean_label(number.label)
    for node in reversed(state.open_lists()):
        if node.list_style == style and value == node.list_value + 1:
            list_item(state, cursor.block, label, number.rest, cursor.marked, node.list_level, style, value, sibling_of=node)
            return True
        # "(i)" after "(h)" is the ninth letter, not roman one.
        if style == "roman" and node.list_style == "alpha" and number.label.strip("()") in ("i", "v", "x"):
            alpha_value = ord(number.label.strip("()")[0]) - ord("a") + 1
            if alpha_value == node.list_value + 1:
                list_item(state, cursor.block, label, number.rest, cursor.marked, node.list_level, "alpha", alpha_value,
                          sibling_of=node)
                return True
    return False


def list_item(
    state: TreeState,
    block: Block,
    label: str | None,
    text: str,
    marked: Marked,
    explicit_level: int | None,
    style: str,
    value: int,
    *,
    sibling_of: Node | None = None,
    new_list: bool = False,
    colon_item: bool = False,
) -> None:
    node = Node(
        Role.LIST,
        ClauseKind.LIST_ITEM,
        number=label,
        text=text,
        line=block.line,
        page=block.page,
        list_style=style,
        list_value=value,
    )
    if sibling_of is not None:
        _next_sibling(state, node, sibling_of)
    elif colon_item:
        _under_lead_in(state, node)
    else:
        _at_level(state, node, _item_level(state, marked, explicit_level, new_list=new_list))


def _next_sibling(state: TreeState, node: Node, sibling: Node) -> None:
    node.list_level = sibling.list_level
    state.pop_while(lambda n: n is not sibling)
    state.stack.pop()
    state.attach(node, state.top)


def _under_lead_in(state: TreeState, node: Node) -> None:
    parent = state.last if state.last is not None and state.last.lead_in else _colon_parent(state)
    node.list_level = parent.list_level + 1 if parent.role is Role.LIST else 0
    state.pop_while(lambda n: n is not parent)
    state.attach(node, parent)


def _colon_parent(state: TreeState) -> Node:
    # The lead-in of the list the previous plain item belongs to.
    for node in reversed(state.stack[:-1]):
        if node.lead_in:
            return node
    return state.top


def _item_level(state: TreeState, marked: Marked, explicit_level: int | None, *, new_list: bool) -> int:
    if explicit_level is not None:
        return explicit_level
    level = (1 if marked.indent else 0) + max(marked.bullets - 1, 0)
    if new_list:
        lists = state.open_lists()
        level = max(level, lists[-1].list_level + 1) if lists and lists[-1].lead_in else level
    if level > 0:
        # Indentation in text extractions is unreliable: nest only under a lead-in.
        shallower = [n for n in state.open_lists() if n.list_level < level]
        if shallower and not shallower[-1].lead_in:
            level = shallower[-1].list_level
    return level


def _at_level(state: TreeState, node: Node, level: int) -> None:
    node.list_level = level
    state.pop_while(lambda n: n.role is Role.LIST and n.list_level >= level)
    state.pop_while(lambda n: n.role in PROSE and not n.lead_in)
    if state.top.role is Role.LIST and state.top.list_level >= level:
        state.stack.pop()
    state.attach(node, state.top)
