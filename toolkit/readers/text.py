"""Plain text: one block per non-blank line, as text extractions of policies come."""

from __future__ import annotations

from pathlib import Path

from ..structure.blocks import Block, BlockStream
from ._textfile import load_text
from .options import ReadOptions


def lines_to_blocks(text: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    gap = True
    for number, line in enumerate(text.split("\n"), start=1):
        # A form feed is a page break in text extractions; treat it as a gap.
        if not line.replace("\f", "").strip():
            gap = True
            continue
        blocks.append(Block(text=line.replace("\f", "").rstrip(), line=number, gap_before=gap))
        gap = False
    return tuple(blocks)


def read_text(path: Path, options: ReadOptions) -> BlockStream:
    loaded = load_text(path, options)
    return BlockStream(
        blocks=lines_to_blocks(loaded.text),
        warnings=(loaded.warning,) if loaded.warning else (),
    )
