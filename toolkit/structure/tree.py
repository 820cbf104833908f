"""The clause tree under construction, and the block the rules are looking at.

``TreeState`` is what every block rule reads and changes: the open nodes (a
stack from the root to the node last opened) and what the numbering has seen so
far. ``Cursor`` is the block in hand with what the rules ask about it (its text
without markers, its clause number, the block after it), each worked out once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from ..model import ClauseKind
from .blocks import Block, BlockKind
from .metadata import MetadataCollector
from .roles import CONTENT, Role
from .rules import Marked, Number, parse_number, strip_markers

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How the builder turns a block stream into clauses; the defaults suit every reader."""

    # None: do as the stream says (text extractions yes, PDF/DOCX readers no).
    detect_running_lines: bool | None = None
    # Join a line that a page break split from its sentence.
    join_wrapped_lines: bool = True
    # Unnumbered lines of at most this many words after a lead-in ending in ':'
    # are items of that list even without a bullet.
    list_item_max_words: int = 25


@dataclass(eq=False)
class Node:
    role: Role
    kind: ClauseKind = ClauseKind.CLAUSE
    number: str | None = None
    heading: str | None = None
    text: str = ""
    line: int | None = None
    page: int | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    children: list[Node] = field(default_factory=list)
    key: tuple[int, ...] = ()
    list_level: int = 0
    list_style: str | None = None  # decimal, alpha, roman, bullet, plain
    list_value: int = 0
    heading_level: int | None = None  # explicit, from the format
    inferred_heading: bool = False

    @property
    def lead_in(self) -> bool:
        return (self.text or self.heading or "").rstrip().endswith((":", ":-"))


# Clauses nest at most this deep (real policies reach 5 or 6); the tree is walked by
# recursion here and in renderers, so the bound also keeps those safe.
MAX_DEPTH = 32


class TreeState:
    """The open clauses and the numbering so far; block rules change it."""

    def __init__(self, meta: MetadataCollector, options: BuildOptions, *, styled: bool = False) -> None:
        self.meta = meta
        self.options = options
        self.styled = styled
        self.root = Node(Role.ROOT)
        self.stack: list[Node] = [self.root]
        self.last: Node | None = None  # the node created most recently
        self.last_top = 0  # highest top-level number seen in this numbering context
        self.seen_decimal = False
        self.last_key: tuple[int, ...] = ()

    @property
    def top(self) -> Node:
        return self.stack[-1]

    def pop_while(self, predicate: Callable[[Node], bool]) -> None:
        while len(self.stack) > 1 and predicate(self.top):
            self.stack.pop()

    def attach(self, node: Node, parent: Node) -> Node:
        while self.stack[-1] is not parent:
            self.stack.pop()
        if len(self.stack) > MAX_DEPTH:
            # Depth comes from the document (a text file of short "Rule N:" lines nests
            # each under the one before): past MAX_DEPTH, items become siblings.
            del self.stack[MAX_DEPTH:]
            parent = self.stack[-1]
        parent.children.append(node)
        self.stack.append(node)
        self.last = node
        return node

    def attach_note(self, note: str, block: Block, parent: Node) -> None:
        """A drafting note printed after a heading: a child of it, leaving the heading open."""
        self.attach(Node(Role.NOTE, ClauseKind.DRAFTING_NOTE, text=note, line=block.line, page=block.page), parent)
        self.stack.pop()

    def paragraph_like(self, node: Node) -> None:
        """Running content closes the content open before it and joins the open section."""
        self.pop_while(lambda n: n.role in CONTENT)
        self.attach(node, self.top)

    def restart_numbering(self) -> None:
        """An appendix or a handbook's next policy: back to the root, numbering from 1."""
        self.pop_while(lambda node: True)
        self.last_top = 0
        self.seen_decimal = False
        self.last_key = ()

    def decimal_path(self) -> list[tuple[int, ...]]:
        return [node.key for node in self.stack if node.role is Role.DECIMAL]

    def open_lists(self) -> list[Node]:
        return [node for node in self.stack if node.role is Role.LIST]


class Cursor:
    """The block in hand; a rule that takes more than one block moves ``end`` past them."""

    def __init__(self, blocks: Sequence[Block], index: int) -> None:
        self.blocks = blocks
        self.index = index
        self.end = index + 1
        self.block = blocks[index]
        # Every rule after the first reads the text without its markers: work it out once.
        self.marked: Marked = strip_markers(self.block.text)
        self.text = self.marked.text
        # Its clause number, the format's own or one printed in the text (most rules ask).
        self.number: Number | None = (
            (parse_number(f"{self.block.number} {self.text}") or Number(self.block.number, "plain", rest=self.text))
            if self.block.number
            else parse_number(self.text)
        )
        # Whether the block reads as a heading here: asked by two rules in a row (part,
        # heading), so the heading rule keeps its answer.
        self.heading: bool | None = None

    def run(self, first: T, read: Callable[[Block, str], T | None]) -> list[T]:
        """``first`` (what the rule made of this block), then what ``read`` makes of each
        following block and its text without markers, up to the first it refuses."""
        found = [first]
        for block in self.blocks[self.index + 1:]:
            item = read(block, strip_markers(block.text).text)
            if item is None:
                break
            found.append(item)
        return found

    @property
    def following(self) -> Block | None:
        return self.blocks[self.index + 1] if self.index + 1 < len(self.blocks) else None

    @property
    def given(self) -> bool:
        """The format printed a number outside the text (a Word list, a Markdown '1.')."""
        return bool(self.block.number)

    @property
    def bullet(self) -> bool:
        return self.block.bullet or (self.marked.bullets > 0 and self.block.kind is not BlockKind.HEADING)

    @property
    def explicit_level(self) -> int | None:
        """The list level the format gave, for its own list items."""
        block = self.block
        return block.list_level if (block.kind is BlockKind.LIST_ITEM or block.bullet) else None


__all__ = ["MAX_DEPTH", "BuildOptions", "Cursor", "Node", "TreeState"]
