"""Markdown (CommonMark + tables, via markdown-it-py) into the neutral block stream.

markdown-it sees ``1.1 Scope`` inside a paragraph as plain text, so lines of a
paragraph that begin with a multi-level clause number are split into blocks of
their own; ordered-list markers travel as ``Block.number`` so the builder can
tell section "2." from item "2.". YAML front matter becomes metadata.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import TooLargeError
from ..structure.blocks import Block, BlockKind, BlockStream
from ..structure.lexicon import OUTLINE_NUMBER_START
from .options import ReadOptions
from ._textfile import load_text

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


def markdown_to_blocks(text: str) -> tuple[Block, ...]:
    md = MarkdownIt("commonmark").enable("table")
    # markdown-it stops at 20 levels (ten nested lists) and silently drops what is deeper;
    # allow more, and refuse a file that still reaches the cap rather than lose its words.
    md.options["maxNesting"] = _MAX_NESTING
    tokens = md.parse(text)
    if tokens and max(token.level for token in tokens) >= _MAX_NESTING - 1:
        raise TooLargeError(f"lists or quotes nest more than {_MAX_NESTING // 2} deep (the limit for Markdown)")
    blocks: list[Block] = []
    lists: list[dict] = []  # open lists: {"ordered": bool}
    pending_item: dict | None = None  # the list item whose first paragraph is next
    heading_level: int | None = None
    table_rows: list[list[str]] | None = None
    table_line: int | None = None

    for token in tokens:
        line = token.map[0] + 1 if token.map else None
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append({"ordered": kind == "ordered_list_open"})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            ordered = lists[-1]["ordered"] if lists else False
            pending_item = {
                "kind": BlockKind.LIST_ITEM,
                "list_level": len(lists) - 1,
                "bullet": not ordered,
                "number": f"{token.info}{token.markup}" if ordered and token.info else None,
            }
        elif kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "inline" and heading_level is not None:
            content = " ".join(_inline_text(token).split())
            if content:
                blocks.append(Block(text=content, kind=BlockKind.HEADING, heading_level=heading_level, line=line))
        elif kind == "heading_close":
            heading_level = None
        elif kind == "inline" and table_rows is not None:
            table_rows[-1].append(" ".join(_inline_text(token).split()))
        elif kind == "inline":
            fields = pending_item or {"bold": _all_strong(token)}
            pending_item = None
            blocks.extend(_paragraph_blocks(_inline_text(token), line, **fields))
        elif kind == "table_open":
            table_rows, table_line = [], line
        elif kind == "tr_open" and table_rows is not None:
            table_rows.append([])
        elif kind == "table_close" and table_rows is not None:
            rows = tuple(tuple(row) for row in table_rows if any(cell for cell in row))
            blocks.append(Block(text="\n".join("\t".join(r) for r in rows), kind=BlockKind.TABLE, rows=rows, line=table_line))
            table_rows = None
        elif kind in ("code_block", "fence", "html_block"):
            content = re.sub(r"<[^>]+>", " ", token.content) if kind == "html_block" else token.content
            for offset, raw in enumerate(content.split("\n")):
                if raw.strip():
                    blocks.append(Block(text=raw.rstrip(), line=None if line is None else line + offset + (kind == "fence")))
    return tuple(blocks)


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
