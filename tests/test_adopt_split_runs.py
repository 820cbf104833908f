"""However Word splits a paragraph into runs, the places in it are found and filled, and
each run keeps its own formatting."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from toolkit.ooxml import qn
from toolkit.ooxml.fill import fill_part

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT = "Contact [DSL name] at <<School>> today. [Note: delete if not needed.] Thank you."
VALUES = {"DSL name": "Mr Ben Example", "School": "Oakfield Primary School"}
EXPECTED = "Contact Mr Ben Example at Oakfield Primary School today. Thank you."


def _paragraph(cuts: list[int]):
    body = etree.Element(qn("w:body"), nsmap={"w": W})
    p = etree.SubElement(body, qn("w:p"))
    bounds = [0, *sorted(set(cuts)), len(TEXT)]
    for index, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
        if start == end:
            continue
        run = etree.SubElement(p, qn("w:r"))
        rpr = etree.SubElement(run, qn("w:rPr"))
        etree.SubElement(rpr, qn("w:sz")).set(qn("w:val"), str(20 + index))  # each run its own size
        t = etree.SubElement(run, qn("w:t"))
        t.text = TEXT[start:end]
        t.set(qn("xml:space"), "preserve")
    return body


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=len(TEXT) - 1), max_size=12))
def test_places_split_anywhere_are_filled(cuts):
    body = _paragraph(cuts)
    # Runs wholly before the first place, or between "today." and the note, are not touched.
    untouched_zone = [(0, TEXT.index("[")), (TEXT.index(" today."), TEXT.index("[Note"))]
    bounds = [0, *sorted(set(cuts)), len(TEXT)]
    spans = [(s, e) for s, e in zip(bounds, bounds[1:], strict=False) if s != e]
    runs = list(body.iter(qn("w:r")))
    untouched = [etree.tostring(run) for run, (start, end) in zip(runs, spans, strict=True)
                 if any(lo <= start and end <= hi for lo, hi in untouched_zone)]
    result = fill_part(body, "word/document.xml", decide=lambda place: VALUES.get(place.name), keep_notes=False)
    text = "".join(t.text or "" for t in body.iter(qn("w:t")))
    assert text == EXPECTED
    assert sorted(p.name for p, _ in result.filled) == ["DSL name", "School"]
    assert [p.name for p in result.notes_removed] == ["Note: delete if not needed."]
    after = [etree.tostring(r) for r in body.iter(qn("w:r"))]
    for run in untouched:
        assert run in after
