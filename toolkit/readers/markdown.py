"""Markdown (CommonMark + tables, via markdown-it-py) into the neutral block stream.

markdown-it sees ``1.1 Scope`` inside a paragraph as plain text, so lines of a
paragraph that begin with a multi-level clause number are split into blocks of
their own; ordered-list markers travel as ``Block.number`` so the builder can
tell section "2." from item "2.". YAML front matter becomes metadata.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import TooLargeError
from ..structure.blocks import Block, BlockKind, BlockStream
from ..structure.lexicon import OUTLINE_NUMBER_START
from ._textfile import load_text
from .options import ReadOptions

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_CLAUSE_LINE = OUTLINE_NUMBER_START


def split_front_matter(text: str) -> tuple[list[tuple[str, str]], str, int]:
    """(key/value pairs, the rest of the text, lines consumed) for simple YAML front matter."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return [], text, 0
    pairs = []
    for line in match[1].split("\n"):
        if ":" in line and not line.startswith((" ", "\t", "-", "#")):
            key, _, value = line.partition(":")
            value = value.strip().strip("\"'")
            if value:
                pairs.append((key.strip(), value))
    consumed = match.group(0).count("\n")
    # Keep line numbers true to the file by leaving blank lines in place.
    return pairs, "\n" * consumed + text[match.end():], consumed


def _inline_text(token: Token) -> str:
    """Plain text of an inline token: emphasis dropped, links and images by their text."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(re.sub(r"<[^>]+>", "", child.content) if child.type == "html_inline" else child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content or "".join(c.content for c in child.children or []))
    return "".join(parts)


def _all_strong(token: Token) -> bool:
    """A paragraph that is bold from end to end: how Markdown writers often set a sub-heading."""
    children = [child for child in token.children or [] if not (child.type == "text" and not child.content.strip())]
    return len(children) >= 3 and children[0].type == "strong_open" and children[-1].type == "strong_close" and not any(
        child.type in ("strong_open", "strong_close") for child in children[1:-1]
    )


def _paragraph_blocks(text: str, first_line: int | None, **fields) -> list[Block]:
    """One block per paragraph, split where a line starts with a clause number."""
    pieces: list[tuple[int, str]] = []
    for offset, line in enumerate(text.split("\n")):
        if not pieces or _CLAUSE_LINE.match(line):
            pieces.append((offset, line.strip()))
        else:
            start, previous = pieces[-1]
            pieces[-1] = (start, f"{previous} {line.strip()}".strip())
    blocks = []
    for index, (offset, piece) in enumerate(pieces):
        if not piece:
            continue
        extra = fields if index == 0 else {}
        blocks.append(Block(text=piece, line=None if first_line is None else first_line + offset, **extra))
    return blocks


_MAX_NESTING = 100


class _BlockWalker:
    """Turns markdown-it's token stream into blocks; one handler per token type.

    State is what the flat token stream leaves open: the lists we are inside, the
    list item whose first paragraph comes next, a heading, a table being filled.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lists: list[bool] = []  # open lists, innermost last: is it ordered?
        self.pending_item: dict[str, Any] | None = None
        self.heading_level: int | None = None
        self.table_rows: list[list[str]] | None = None
        self.table_line: int | None = None
        self.handlers: dict[str, Callable[[Token, int | None], None]] = {
            "bullet_list_open": self.list_open,
            "ordered_list_open": self.list_open,
            "bullet_list_close": self.list_close,
            "ordered_list_close": self.list_close,
            "list_item_open": self.list_item,
            "heading_open": self.heading_open,
            "heading_close": self.heading_close,
            "inline": self.inline,
            "table_open": self.table_open,
            "tr_open": self.row_open,
            "table_close": self.table_close,
            "code_block": self.verbatim,
            "fence": self.verbatim,
            "html_block": self.verbatim,
        }

    def walk(self, tokens: list[Token]) -> tuple[Block, ...]:
        for token in tokens:
            handler = self.handlers.get(token.type)
            if handler is not None:
                handler(token, token.map[0] + 1 if token.map else None)
        return tuple(self.blocks)

    def list_open(self, token: Token, line: int | None) -> None:
        self.lists.append(token.type == "ordered_list_open")

    def list_close(self, token: Token, line: int | None) -> None:
        self.lists.pop()

    def list_item(self, token: Token, line: int | None) -> None:
        ordered = self.lists[-1] if self.lists else False
        self.pending_item = {
            "kind": BlockKind.LIST_ITEM,
            "list_level": len(self.lists) - 1,
            "bullet": not ordered,
            "number": f"{token.info}{token.markup}" if ordered and token.info else None,
        }

    def heading_open(self, token: Token, line: int | None) -> None:
        self.heading_level = int(token.tag[1])

    def heading_close(self, token: Token, line: int | None) -> None:
        self.heading_level = None

    def inline(self, token: Token, line: int | None) -> None:
        if self.heading_level is not None:
            content = " ".join(_inline_text(token).split())
            if content:
                self.blocks.append(Block(text=content, kind=BlockKind.HEADING, heading_level=self.heading_level,
                                         line=line))
        elif self.table_rows is not None:
            self.table_rows[-1].append(" ".join(_inline_text(token).split()))
        else:
            fields = self.pending_item or {"bold": _all_strong(token)}
            self.pending_item = None
            self.blocks.extend(_paragraph_blocks(_inline_text(token), line, **fields))

    def table_open(self, token: Token, line: int | None) -> None:
        self.table_rows, self.table_line = [], line

    def row_open(self, token: Token, line: int | None) -> None:
        if self.table_rows is not None:
            self.table_rows.append([])

    def table_close(self, token: Token, line: int | None) -> None:
        if self.table_rows is None:
            return
        rows = tuple(tuple(row) for row in self.table_rows if any(cell for cell in row))
        self.blocks.append(Block(text="\n".join("\t".join(r) for r in rows), kind=BlockKind.TABLE, rows=rows,
                                 line=self.table_line))
        self.table_rows = None

    def verbatim(self, token: Token, line: int | None) -> None:
        """Code and raw HTML: kept line by line as plain paragraphs (tags dropped), never lost."""
        html = token.type == "html_block"
        content = re.sub(r"<[^>]+>", " ", token.content) if html else token.content
        for offset, raw in enumerate(content.split("\n")):
            if raw.strip():
                at = None if line is None else line + offset + (token.type == "fence")
                self.blocks.append(Block(text=raw.rstrip(), line=at))


def markdown_to_blocks(text: str) -> tuple[Block, ...]:
    md = MarkdownIt("commonmark").enable("table")
    # markdown-it stops at 20 levels (ten nested lists) and silently drops what is deeper;
    # allow more, and refuse a file that still reaches the cap rather than lose its words.
    md.options["maxNesting"] = _MAX_NESTING
    tokens = md.parse(text)
    if tokens and max(token.level for token in tokens) >= _MAX_NESTING - 1:
        raise TooLargeError(f"lists or quotes nest more than {_MAX_NESTING // 2} deep (the limit for Markdown)")
    return _BlockWalker().walk(tokens)


def read_markdown(path: Path, options: ReadOptions) -> BlockStream:
    loaded = load_text(path, options)
    pairs, body, _ = split_front_matter(loaded.text)
    return BlockStream(
        styled=True,
        blocks=markdown_to_blocks(body),
        front_matter=tuple(pairs),
        warnings=(loaded.warning,) if loaded.warning else (),
        detect_running_lines=False,
    )
