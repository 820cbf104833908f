"""Property-based tests: any text in, a Document out, with every word accounted for."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import accounting
from toolkit.errors import ToolkitError
from toolkit.readers.text import lines_to_blocks
from toolkit.structure import build_document
from toolkit.structure.blocks import BlockStream
from toolkit.structure.rules import strip_markers

# Lines built from the pieces real policies are made of, so the builder's
# interesting paths (numbers, bullets, headings, tables, signatures) are hit.
_piece = st.sampled_from(
    [
        "1.", "1.1", "2.3", "6.1.2", "5.1.1.", "1.0", "I", "II", "a)", "(a)", "(iv)", "-", "•", "o",
        "Appendix A", "Appendix 2", "SIGNED:", "DATE:", "PRINT NAME:", "Contents", "Page 1 of 3",
        "Version\t1", "Approved on:\t21/03/2024", "Next review:", "3.5 hours", "1952 and 1996",
        "[include this section only if relevant]", "Purpose", "Scope", "staff", "must", "not",
        "The school", "policy.", "review", ":", "\t", "**Bold**", "Social Media Policy",
    ]
)
_word = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=12)
_line = st.lists(st.one_of(_piece, _word), min_size=0, max_size=8).map(" ".join)
_document = st.lists(st.one_of(_line, st.just("")), min_size=1, max_size=40).map("\n".join)


def _source_words(text: str) -> Counter:
    # The text reader drops trailing spaces, so "o \t" is the word "o", not a bare bullet.
    return Counter(w for line in text.split("\n") for w in accounting.words(strip_markers(line.rstrip()).text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document)
def test_builder_never_loses_or_invents_words(text):
    stream = BlockStream(blocks=lines_to_blocks(text))
    try:
        document = build_document(stream, source="generated.txt", format="text")
    except ToolkitError:
        return
    lost, invented = accounting.unaccounted(_source_words(text), document)
    assert not lost and not invented, (lost, invented)
    ids = [clause.id for clause in document.walk()]
    assert len(ids) == len(set(ids))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises_anything_but_toolkit_error(text):
    stream = BlockStream(blocks=lines_to_blocks(text))
    try:
        build_document(stream, source="arbitrary.txt", format="text")
    except ToolkitError:
        pass


_label = st.one_of(
    _piece,
    st.sampled_from(["A.", "Article I.", "Part 2", "§3", "1.a", "i.", "*", "(1)", "1)", ""]),
    st.text(max_size=6),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_label, _line, st.booleans(), st.integers(0, 3)), max_size=25))
def test_numbers_a_format_supplies_never_break_the_builder(items):
    """DOCX and Markdown hand over labels Word or the author printed ("A.", "Article I.");
    whatever they are, the builder places them and keeps every word."""
    from toolkit.structure.blocks import Block, BlockKind

    blocks = tuple(
        Block(text=text, number=label or None, kind=BlockKind.LIST_ITEM if listed else BlockKind.PARAGRAPH,
              list_level=level, line=index + 1)
        for index, (label, text, listed, level) in enumerate(items)
    )
    document = build_document(BlockStream(blocks=blocks), source="generated.docx", format="docx")
    source = Counter(w for b in blocks for w in accounting.words(f"{b.number or ''} {strip_markers(b.text).text}"))
    held = accounting.document_words(document)
    assert held == source
