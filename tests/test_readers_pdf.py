"""The PDF reader on small PDFs drawn in the test (Courier: every character 6pt wide at 10pt).

Body text starts at x=72 and full lines are 70 characters, so the right edge is
x=492; a line that stops short of it ends its paragraph.
"""

from __future__ import annotations

from _pdf_build import layout_pdf

from toolkit.model import FurnitureKind
from toolkit.readers import read_blocks
from toolkit.structure.blocks import BlockKind

WIDTH = 70


def full(text: str, width: int = WIDTH) -> str:
    """``text`` padded with words to exactly ``width`` characters: a line that wrapped."""
    filler = " staff must keep personal and professional lives apart online"
    while len(text) < width:
        text += filler
    text = text[:width]
    return text if not text.endswith(" ") else text[:-1] + "s"


def _write(tmp_path, pages, name="doc.pdf"):
    path = tmp_path / name
    path.write_bytes(layout_pdf(pages))
    return read_blocks(path)


def _margins(page: int, total: int) -> list[tuple]:
    return [
        (72, 810, "Oak Tree School | Social Media Policy"),
        (250, 25, f"Page {page} of {total}"),
    ]


def test_running_header_footer_and_page_numbers_become_furniture(tmp_path):
    pages = []
    for number in range(1, 4):
        pages.append(_margins(number, 3) + [(72, 700, f"Paragraph on page {number}.")])
    stream = _write(tmp_path, pages)
    assert [(b.text, b.page) for b in stream.blocks] == [
        ("Paragraph on page 1.", 1), ("Paragraph on page 2.", 2), ("Paragraph on page 3.", 3)
    ]
    kinds = [(f.kind, f.page) for f in stream.furniture]
    assert kinds.count((FurnitureKind.HEADER, 2)) == 1
    assert [f.text for f in stream.furniture if f.kind is FurnitureKind.PAGE_NUMBER] == [
        "Page 1 of 3", "Page 2 of 3", "Page 3 of 3"
    ]
    assert stream.detect_running_lines is False
    # The builder reads every format's margins in one place.
    from toolkit.readers import read_document

    assert read_document(tmp_path / "doc.pdf").metadata.school.value == "Oak Tree School"


def test_clause_number_drawn_apart_on_the_same_baseline(tmp_path):
    first = full("Staff must not", WIDTH - 6)
    pages = [[
        (72, 700, "1.1"), (108, 700, first),
        (108, 686, "share passwords."),
        (72, 660, "1.2"), (108, 660.4, "Report concerns."),  # a baseline a hair off still joins
    ]]
    stream = _write(tmp_path, pages)
    assert [(b.number, b.text) for b in stream.blocks] == [
        ("1.1", first + " share passwords."),
        ("1.2", "Report concerns."),
    ]


def test_paragraph_continues_across_a_page_break(tmp_path):
    last = full("Staff must keep")
    pages = [
        _margins(1, 2) + [(72, 700, "Opening paragraph."), (72, 100, last)],
        _margins(2, 2) + [(72, 760, "their accounts private."), (72, 730, "Next paragraph.")],
    ]
    stream = _write(tmp_path, pages)
    assert [(b.text, b.page) for b in stream.blocks] == [
        ("Opening paragraph.", 1),
        (last + " their accounts private.", 1),
        ("Next paragraph.", 2),
    ]


def test_hyphenated_line_breaks_are_joined(tmp_path):
    one = full("Safeguarding matters.", WIDTH - 5) + " safe-"
    two = full("Use on-line tools with care", WIDTH - 4) + " on-"
    pages = [[
        (72, 700, one), (72, 686, "guarding is everyone's job."),
        (72, 650, two), (72, 636, "line tools need care."),
    ]]
    stream = _write(tmp_path, pages)
    texts = [b.text for b in stream.blocks]
    # "safeguarding" is spelt whole elsewhere: the hyphen was a line break.
    assert texts[0].endswith(" safeguarding is everyone's job.")
    # "on-line" is how this document spells it: the hyphen stays.
    assert texts[1].endswith(" on-line tools need care.")


def test_headings_from_bold_and_larger_fonts(tmp_path):
    pages = [[
        (72, 760, "Social Media Policy", "F2", 16),
        (72, 720, "Monitoring", "F2", 10),
        (72, 700, "Staff use is monitored."),
        (72, 670, "1.1"), (108, 670, "Numbered bold text stays a clause", "F2", 10),
    ]]
    stream = _write(tmp_path, pages)
    assert [(b.kind, b.heading_level, b.text) for b in stream.blocks[:3]] == [
        (BlockKind.HEADING, 1, "Social Media Policy"),
        (BlockKind.HEADING, 2, "Monitoring"),
        (BlockKind.PARAGRAPH, None, "Staff use is monitored."),
    ]
    assert stream.blocks[3].kind is BlockKind.PARAGRAPH and stream.blocks[3].number == "1.1"


def test_bullets_become_list_items_with_levels_and_no_marker(tmp_path):
    pages = [[
        (72, 700, "Staff must not:"),
        (90, 686, "\u2022"), (108, 686, "post photographs of pupils;"),
        (108, 672, "o"), (126, 672, "including in school uniform;"),
        (90, 658, "-"), (108, 658, "share passwords."),
        (72, 630, full("A dash that wraps - like this one - is not a bullet at all", WIDTH - 4) + " and"),
        (72, 616, "- it runs on."),
    ]]
    stream = _write(tmp_path, pages)
    items = [(b.kind, b.bullet, b.list_level, b.text) for b in stream.blocks]
    assert items[1:4] == [
        (BlockKind.LIST_ITEM, True, 0, "post photographs of pupils;"),
        (BlockKind.LIST_ITEM, True, 1, "including in school uniform;"),
        (BlockKind.LIST_ITEM, True, 0, "share passwords."),
    ]
    assert items[4][0] is BlockKind.PARAGRAPH and items[4][3].endswith("and - it runs on.")


def test_table_of_contents_is_dropped_into_furniture(tmp_path):
    pages = [[
        (72, 760, "Contents", "F2", 14),
        (72, 740, "1 Introduction ........................ 2"),
        (72, 726, "2 Scope ............................... 3"),
        (72, 712, "3 Monitoring 4"),
        (72, 680, "Introduction", "F2", 14),
        (72, 660, "The policy covers all staff."),
    ]]
    stream = _write(tmp_path, pages)
    assert [b.text for b in stream.blocks] == ["Introduction", "The policy covers all staff."]
    contents = [f.text for f in stream.furniture if f.kind is FurnitureKind.CONTENTS]
    assert contents[0] == "Contents" and len(contents) == 4


def test_word_comment_balloons_are_left_out(tmp_path):
    opening = full("Word shrinks the page to make room for balloons", 54)
    pages = [[
        (72, 740, opening), (72, 726, opening), (72, 712, "so lines are shorter."),
        (72, 690, "Staff must be careful online."),
        (400, 690, "Commented [DL1]: Too vague?"),
        (400, 676, "Say what careful means."),
        (72, 662, "Staff must report concerns."),
    ]]
    stream = _write(tmp_path, pages)
    assert [b.text for b in stream.blocks][1:] == ["Staff must be careful online.", "Staff must report concerns."]
    assert [f.text for f in stream.furniture if f.kind is FurnitureKind.COMMENT] == [
        "Commented [DL1]: Too vague?", "Say what careful means."
    ]


def test_tagged_pdf_artifacts_are_honoured(tmp_path):
    pages = [[
        (72, 700, "Body text a reader sees.", "F1", 10, "P"),
        (72, 400, "DRAFT watermark", "F1", 10, "Artifact"),
        (72, 380, "More body text.", "F1", 10, "P"),
    ]]
    stream = _write(tmp_path, pages)
    assert [b.text for b in stream.blocks] == ["Body text a reader sees.", "More body text."]
    assert [(f.text, f.kind) for f in stream.furniture] == [("DRAFT watermark", FurnitureKind.ARTIFACT)]


def test_a_title_that_repeats_the_running_header_stays_on_the_page(tmp_path):
    header = "Oak Tree School | Social Media Policy"
    pages = [
        [(72, 810, header), (72, 770, header, "F2", 16), (72, 700, "First page text."), (250, 25, "Page 1 of 2")],
        [(72, 810, header), (72, 700, "Second page text."), (250, 25, "Page 2 of 2")],
    ]
    stream = _write(tmp_path, pages)
    assert [(b.kind, b.text) for b in stream.blocks][0] == (BlockKind.HEADING, header)
    assert [f.page for f in stream.furniture if f.kind is FurnitureKind.HEADER] == [1, 2]
