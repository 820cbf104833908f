"""The structure builder: one neutral block stream in, one clause tree out.

Every reader feeds this module, so a clause number means the same thing whether
it came from a text extraction, Markdown, a Word list or a PDF line.

The passes, in order:
1. furniture: running headers/footers (by repetition) and contents lists out;
2. wrapped lines that a page break split are joined again;
3. the cover or front page (title, metadata lines and tables) is taken off the
   top (``cover.py``, ``front.py``);
4. the tree: each block goes through the block rules (``block_rules/``), an
   ordered, named list: the first rule that takes the block (numbered clause,
   list item, heading, paragraph, table, declaration, drafting note) attaches it
   to the open clause it belongs to. Numbers are checked against the numbering
   so far, so "3.5 hours" or a wrapped "1952 and 1996" never become clauses, and
   "9." after "8." is section 9 while "2." after "1. When posting ..." is the
   next list item;
5. ids and levels are assigned and everything is frozen.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace as dc_replace

from ..model import Clause, Document, Furniture
from .block_rules import BlockRule, default_rules, run_rules
from .blocks import Block, BlockKind, BlockStream
from .cover import take_cover
from .front import take_front_matter
from .furniture import find_contents, find_running_lines
from .lexicon import LABEL_THEN_TAB
from .metadata import MetadataCollector
from .roles import ID_PREFIX, Role
from .ruler import Ruler
from .rules import looks_like_heading, strip_markers
from .tree import MAX_DEPTH, BuildOptions, Node, TreeState

_TERMINAL = (".", "!", "?", ":", ";", ":-")
_HAS_WORD = re.compile(r"\w")


# --- pass 2: joining wrapped lines ------------------------------------------------

# Word's "Save as Plain Text" writes "1.1<TAB>Text": that tab is not a cell boundary.
_NUMBER_TAB = LABEL_THEN_TAB


def _untab_number(block: Block) -> Block:
    if block.kind is BlockKind.TABLE or "\t" not in block.text:
        return block
    match = _NUMBER_TAB.match(block.text)
    if not match or "\t" in block.text[match.end():]:
        return block  # more tabs follow: a real table row ("1.<TAB>Inis<TAB>...")
    return dc_replace(block, text=f"{match[1]} {block.text[match.end():]}")


def _join_wrapped(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if out and _continues(out[-1], block):
            previous = out[-1]
            out[-1] = dc_replace(previous, text=previous.text.rstrip() + " " + block.text.strip())
            continue
        out.append(block)
    return out


def _continues(previous: Block, block: Block) -> bool:
    if BlockKind.TABLE in (previous.kind, block.kind) or BlockKind.HEADING in (previous.kind, block.kind):
        return False
    if block.number or block.bullet or block.kind is BlockKind.LIST_ITEM and block.gap_before:
        return False
    marked = strip_markers(block.text)
    if marked.bullets or not marked.text or not marked.text[0].islower():
        return False
    before = previous.text.rstrip()
    if "\t" in before or "\t" in block.text.strip():
        return False
    return len(before) >= 50 and not before.endswith(_TERMINAL)


# --- pass 5: ids and freezing -------------------------------------------------------


def _local_id(node: Node, counters: Counter[str]) -> str:
    if node.role is Role.DECIMAL:
        return ".".join(str(part) for part in node.key)
    if node.role is Role.APPENDIX:
        return "appendix-" + (node.number or "").split()[-1].lower()
    if node.role is Role.PART:
        counters["part"] += 1
        return f"part-{counters['part'] + 1}"  # the document's first policy is part 1
    if node.number:
        return node.number.strip("().").lower() or "x"
    prefix = ID_PREFIX[node.role]
    counters[prefix] += 1
    return f"{prefix}{counters[prefix]}"


def _freeze_children(parent: Node, parent_id: str | None, level: int, used: set[str]) -> tuple[Clause, ...]:
    counters: Counter[str] = Counter()
    frozen: list[Clause] = []
    for node in parent.children:
        local = _local_id(node, counters)
        if node.role is Role.DECIMAL:
            # Decimal ids are document-wide ("6.1.2"); an appendix restarts numbering,
            # so its clauses are "appendix-a/1.1".
            base = f"{parent_id.split('/')[0]}/{local}" if parent_id and _inside_appendix(parent_id) else local
        else:
            base = f"{parent_id}/{local}" if parent_id else local
        clause_id = base
        suffix = 2
        while clause_id in used:
            clause_id = f"{base}~{suffix}"
            suffix += 1
        used.add(clause_id)
        children = _freeze_children(node, clause_id, level + 1, used)
        frozen.append(
            Clause(
                id=clause_id,
                number=node.number,
                heading=node.heading,
                text=node.text,
                level=level,
                kind=node.kind,
                children=children,
                line=node.line,
                page=node.page,
                rows=node.rows,
            )
        )
    return tuple(frozen)


def _inside_appendix(parent_id: str) -> bool:
    # Appendices and a handbook's later policies restart the numbering: "part-2/1.1".
    return parent_id.startswith(("appendix-", "part-"))


# --- entry point ---------------------------------------------------------------------


def build_document(
    stream: BlockStream,
    *,
    source: str,
    format: str,
    options: BuildOptions | None = None,
    rules: Ruler[BlockRule] | None = None,
) -> Document:
    """Turn a reader's block stream into a Document.

    ``rules`` replaces the standard block rules (``block_rules.default_rules()``),
    e.g. with one of them disabled.
    """
    options = options or BuildOptions()
    blocks, furniture = _prepare(stream, options)
    meta = MetadataCollector()
    for key, raw in stream.front_matter:
        if not meta.key_value(key, raw):
            meta.extra(key, raw)
    blocks, covered = take_cover(blocks, meta)
    if not covered:
        blocks = take_front_matter(blocks, meta, styled=stream.styled)
    state = TreeState(meta, options, styled=stream.styled)
    run_rules(state, blocks, rules if rules is not None else _DEFAULT_RULES)
    _read_outside_body(stream, furniture, meta)

    clauses = _freeze_children(state.root, None, 1, set())
    # Only running text names the school; a heading ("5. Safe School, Safe Staff") never does.
    meta.infer_school_from_body([clause.text for top in clauses for clause in top.walk() if clause.text][:40])
    return Document(
        source=source,
        format=format,
        metadata=meta.build(),
        clauses=clauses,
        furniture=tuple(furniture),
        warnings=stream.warnings + tuple(f"{source}: {warning}" for warning in meta.warnings),
    )


# Built once: the rules are plain functions and the list is only read.
_DEFAULT_RULES = default_rules()


def _prepare(stream: BlockStream, options: BuildOptions) -> tuple[list[Block], list[Furniture]]:
    """Passes 1 and 2: the blocks that hold words, less furniture, wrapped lines joined."""
    # A block without a single letter or digit ("\\", "* * *") holds no words to keep.
    blocks = [block for block in stream.blocks if _HAS_WORD.search(f"{block.number or ''}{block.text}") or block.rows]
    furniture: list[Furniture] = list(stream.furniture)
    detect = stream.detect_running_lines if options.detect_running_lines is None else options.detect_running_lines
    if detect:
        blocks, found = find_running_lines(blocks)
        furniture.extend(found)
    blocks, contents = find_contents(blocks)
    furniture.extend(contents)
    blocks = [_untab_number(block) for block in blocks]
    if options.join_wrapped_lines:
        blocks = _join_wrapped(blocks)
    return blocks, furniture


def _read_outside_body(stream: BlockStream, furniture: list[Furniture], meta: MetadataCollector) -> None:
    """The reader's hints and the running headers, whose words stay in the furniture
    (so consumed=False)."""
    for key, raw in stream.hints:
        if key in ("school", "title"):
            # A margin line naming the policy in a sentence is not its title.
            if not meta.has(key) and looks_like_heading(raw, max_words=10):
                meta.set(key, raw, consumed=False)
        elif not meta.key_value(key, raw, consumed=False):
            meta.extra(key, raw, consumed=False)
    seen: set[str] = set()
    for item in furniture:
        if item.kind.value in ("header", "footer", "artifact") and item.text not in seen:
            seen.add(item.text)
            meta.margin_line(item.text, "header" if item.kind.value == "header" else "footer")


__all__ = ["MAX_DEPTH", "BuildOptions", "build_document"]
