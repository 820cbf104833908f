"""Fixture cases for the structure builder, markdown-it style: each file holds an
input, a line ``=== expected``, and the outline a person reading the input expects."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from toolkit.readers.text import lines_to_blocks
from toolkit.structure import build_document
from toolkit.structure.blocks import BlockStream

CASES = sorted((FIXTURES / "structure" / "cases").glob("*.txt"))


def outline(text: str) -> str:
    document = build_document(BlockStream(blocks=lines_to_blocks(text)), source="case.txt", format="text")
    lines = []
    for clause in document.walk():
        label = clause.number or "-"
        body = clause.full_text.replace("\n", " / ")
        lines.append(f"{'  ' * (clause.level - 1)}{label} [{clause.kind.value}] {body}")
    return "\n".join(lines)


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_structure_case(case):
    source, expected = case.read_text(encoding="utf-8").split("=== expected\n")
    assert outline(source) == expected.rstrip("\n")
