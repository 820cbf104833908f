"""Word documents (.docx, .docm): the clauses a person sees in Word.

The first stage only: ``toolkit.ooxml`` reads the package (numbering rendered
as Word draws it, tracked changes accepted, headers and footers apart) and this
module maps what it found onto blocks, furniture and metadata hints.

Limits, refused with one clear error line: a file over ``ReadOptions.max_file_bytes``
(50 MB), a package that would unpack past ``ReadOptions.max_unpacked_bytes``
(200 MB) or holds a part compressed more than 200 to 1 (zip bombs).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..errors import EmptyInputError
from ..model import Furniture, FurnitureKind
from ..ooxml.document import Paragraph, Table, read_word
from ..ooxml.package import WordPackage
from ..structure.blocks import Block, BlockKind, BlockStream
from ..structure.lexicon import PAGE_NUMBER
from .options import ReadOptions

_PAGE_LINE = PAGE_NUMBER


def read_docx(path: Path, options: ReadOptions) -> BlockStream:
    package = WordPackage(path, options.max_unpacked_bytes, options.max_file_bytes)
    try:
        content = read_word(package)
    finally:
        package.close()

    blocks: list[Block] = []
    furniture: list[Furniture] = []
    sentence_headings = _sentence_headings(content.body)
    for item in content.body:
        if isinstance(item, Table):
            if item.rows:
                blocks.append(_table_block(item))
            continue
        if item.contents:
            furniture.append(Furniture(_labelled(item), FurnitureKind.CONTENTS, item.page, item.ordinal))
            continue
        if item in sentence_headings:
            # A document set entirely in one heading style: its sentences are paragraphs.
            item = dataclasses.replace(item, heading_level=None)
        blocks.append(_paragraph_block(item))
    if not blocks:
        raise EmptyInputError("the document holds no text", path=path)

    for margin in content.margins:
        kind = FurnitureKind.HEADER if margin.kind == "header" else FurnitureKind.FOOTER
        if _PAGE_LINE.match(margin.text):
            kind = FurnitureKind.PAGE_NUMBER
        furniture.append(Furniture(margin.text, kind))

    # Margin lines are read for metadata by the builder, as every format's are.
    hints = []
    if content.core_title and not _looks_like_file_name(content.core_title):
        hints.append(("title", content.core_title))

    warnings = []
    if content.tracked_changes:
        warnings.append(f"{path}: the document holds tracked changes; read as if every change were accepted")
    return BlockStream(
        styled=True,
        blocks=tuple(blocks),
        furniture=tuple(furniture),
        hints=tuple(hints),
        warnings=tuple(warnings),
        detect_running_lines=False,
    )


def _sentence_headings(body: Sequence[Paragraph | Table]) -> set[Paragraph]:
    """Paragraphs in a heading style that read as sentences, when one heading style holds
    most of the document: styling everything as "Heading 2" does not make every
    paragraph a section. Short lines in that style stay headings."""
    paragraphs = [item for item in body if isinstance(item, Paragraph) and not item.title and item.text]
    styled = [item for item in paragraphs if item.heading_level is not None]
    if len(paragraphs) < 4 or len(styled) < 0.6 * len(paragraphs):
        return set()
    common = Counter(item.style_name for item in styled).most_common(1)[0][0]
    sentences = {
        item for item in styled
        if item.style_name == common and (len(item.text.split()) > 12 or item.text.rstrip().endswith((".", ";", ":")))
    }
    return sentences if len(sentences) >= 2 else set()


def _paragraph_block(item: Paragraph) -> Block:
    label = item.label
    common = Block(text=item.text, line=item.ordinal, page=item.page, bold=item.bold, break_before=item.break_before)
    if item.heading_level is not None or item.title:
        return dataclasses.replace(
            common,
            kind=BlockKind.HEADING,
            heading_level=item.heading_level or 1,
            number=label.text if label and not label.bullet else item.typed_label,
        )
    if label is None:
        return dataclasses.replace(common, number=item.typed_label) if item.typed_label else common
    if label.bullet:
        return dataclasses.replace(common, kind=BlockKind.LIST_ITEM, bullet=True, list_level=label.ilvl)
    return dataclasses.replace(common, number=label.text, list_level=label.ilvl)


def _table_block(item: Table) -> Block:
    text = "\n".join(" | ".join(cell.replace("\n", " ") for cell in row) for row in item.rows)
    return Block(text=text, kind=BlockKind.TABLE, rows=item.rows, line=item.ordinal, page=item.page)


def _labelled(item: Paragraph) -> str:
    label = item.label.text if item.label and not item.label.bullet else item.typed_label
    return f"{label} {item.text}" if label else item.text


def _looks_like_file_name(title: str) -> bool:
    lowered = title.lower()
    return lowered.endswith((".doc", ".docx", ".pdf")) or lowered.startswith("microsoft word")
