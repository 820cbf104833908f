"""Format invariance: a sample's .txt, .docx and .pdf renditions parse to the same clauses.

The DOCX and PDF renditions are checked in (scripts/make_renditions.py), so this
runs without LibreOffice. Texts are compared as punctuation-insensitive word
sequences: the PDF joins and spaces words as drawn, the text file as typed.
"""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLE_NAMES, sample

from toolkit.readers import read_document

_WORD = re.compile(r"\w+")


def _cases():
    for key in sorted(SAMPLE_NAMES):
        for ext in ("docx", "pdf"):
            yield pytest.param(key, ext, id=f"{key}-{ext}")


def _clauses(path):
    document = read_document(path)
    return [(clause.number, _WORD.findall(clause.full_text.lower())) for clause in document.walk()]


@pytest.mark.parametrize(("key", "ext"), list(_cases()))
def test_rendition_parses_to_the_same_clauses_as_the_text(key, ext):
    expected = _clauses(sample(key, "txt"))
    got = _clauses(sample(key, ext))
    assert [number for number, _ in got] == [number for number, _ in expected]
    for (number, words), (_, expected_words) in zip(got, expected):
        assert words == expected_words, f"clause {number}"
    assert len(expected) > 50  # the sample really was parsed into clauses


@pytest.mark.parametrize("key", sorted(SAMPLE_NAMES))
def test_pdf_rendition_keeps_margins_out_and_pages_on_every_clause(key):
    document = read_document(sample(key, "pdf"))
    kinds = {str(item.kind) for item in document.furniture}
    assert "page-number" in kinds  # "Page X of Y" footers went to furniture
    for clause in document.walk():
        assert clause.page is not None and clause.page >= 1
        assert not re.search(r"\bPage \d+ of \d+\b", clause.full_text)


@pytest.mark.parametrize("key", sorted(SAMPLE_NAMES))
def test_docx_rendition_uses_automatic_numbering(key):
    # The rendition must exercise Word numbering, not typed numbers.
    from toolkit.readers import read_blocks

    numbered = [c for c in read_document(sample(key, "txt")).walk() if c.number and c.number[0].isdigit()]
    stream = read_blocks(sample(key, "docx"))
    if len(numbered) >= 5:
        assert sum(1 for block in stream.blocks if block.number) >= 5
    assert any(item.kind.value == "header" for item in stream.furniture)


@pytest.mark.parametrize(("key", "ext"), list(_cases()))
def test_rendition_carries_the_same_metadata_as_the_text(key, ext):
    # School is left out: the builder also reads it from the running header,
    # which the renditions print and the text extractions do not all have.
    def facts(path):
        return {name: value.json_value for name, value in read_document(path).metadata.items() if name != "school"}

    expected = facts(sample(key, "txt"))
    assert expected.get("title")
    assert facts(sample(key, ext)) == expected
