"""PDF paragraphing as a reader of the printed page sees it (Courier: 6pt a character at 10pt).

Lines 14pt apart are one paragraph's lines; the "spaced" pages below set their
paragraphs 28pt apart, as Word does with "space after", so a short line followed
at line spacing is a line break inside a paragraph, not a new one.
"""

from __future__ import annotations

from _pdf_build import layout_pdf
from test_readers_pdf import WIDTH, _write, full

from toolkit.model import FurnitureKind
from toolkit.readers import read_blocks
from toolkit.structure.blocks import BlockKind

# A full line sets the right edge (x=492); then paragraphs ending in sentences,
# 28pt apart: the page spaces its paragraphs.
OPENING_LINE = full("Staff must keep")
SPACED_OPENING = [
    (72, 774, OPENING_LINE),
    (72, 760, "their accounts private."),
    (72, 732, "Staff must not befriend pupils."),
    (72, 704, "Staff must report concerns."),
    (72, 676, "Staff must read this policy."),
]


def test_a_line_break_inside_a_spaced_paragraph_does_not_split_it(tmp_path):
    pages = [SPACED_OPENING + [
        (72, 648, "There are different ways of dealing with a concern using"),
        (72, 634, "the school's resolution process. These include:"),
        (72, 606, "Staff must read this policy again."),
    ]]
    texts = [b.text for b in _write(tmp_path, pages).blocks]
    assert texts[4] == (
        "There are different ways of dealing with a concern using the school's resolution process. These include:"
    )
    assert texts[5] == "Staff must read this policy again."


def test_a_bullet_continued_after_a_line_break_stays_one_item(tmp_path):
    pages = [SPACED_OPENING + [
        (72, 648, "Outcomes include:"),
        (90, 634, "\u2022"), (108, 634, "information given face-to-face"),
        (108, 620, "or by telephone, as you choose"),
        (90, 606, "\u2022"), (108, 606, "a letter from the school."),
    ]]
    items = [(b.kind, b.text) for b in _write(tmp_path, pages).blocks[5:]]
    assert items == [
        (BlockKind.LIST_ITEM, "information given face-to-face or by telephone, as you choose"),
        (BlockKind.LIST_ITEM, "a letter from the school."),
    ]


def test_without_paragraph_spacing_a_short_line_still_ends_its_paragraph(tmp_path):
    # Paragraphs set line after line (no space between them): only the wrap tells them apart.
    pages = [[
        (72, 774, OPENING_LINE),
        (72, 760, "their accounts private."),
        (72, 746, "Staff must not befriend pupils."),
        (72, 732, "Monitoring"),
        (72, 718, "The school may monitor use."),
    ]]
    assert [b.text for b in _write(tmp_path, pages).blocks] == [
        OPENING_LINE + " their accounts private.",
        "Staff must not befriend pupils.",
        "Monitoring",
        "The school may monitor use.",
    ]


def test_run_in_bold_labels_start_their_own_paragraphs(tmp_path):
    # "Visual Graffiti" has no full stop, but the next line opens with a bold label.
    pages = [SPACED_OPENING + [
        (72, 648, "Bullying can take many forms including:"),
        (72, 634, "Visual", "F2"), (114, 634, "Graffiti"),
        (72, 620, "Cyber", "F2"), (108, 620, "Using technology such as text messages."),
    ]]
    texts = [b.text for b in _write(tmp_path, pages).blocks[4:]]
    assert texts == ["Bullying can take many forms including:", "Visual Graffiti", "Cyber Using technology such as text messages."]


def test_a_bare_number_wrapped_to_the_line_start_is_not_a_clause_number(tmp_path):
    pages = [[
        (72, 760, full("The clerk will aim to convene a meeting within twenty days of Stage")[:WIDTH - 6] + " Stage"),
        (72, 746, "2 request. If this is not possible, the clerk will say so."),
    ]]
    blocks = _write(tmp_path, pages).blocks
    assert len(blocks) == 1 and blocks[0].number is None
    assert blocks[0].text.endswith(" Stage 2 request. If this is not possible, the clerk will say so.")


def test_a_superscript_rejoins_its_line(tmp_path):
    pages = [[
        (72, 760, "Write to:"),
        (72, 746, "2"), (78, 750, "nd", "F1", 6), (90, 746, "Floor, Piccadilly Gate"),
    ]]
    texts = [b.text for b in _write(tmp_path, pages).blocks]
    assert "2nd Floor, Piccadilly Gate" in " ".join(texts)
    assert "nd" not in texts


def test_text_drawn_off_the_page_is_not_read(tmp_path):
    pages = [[
        (-60, 700, "11", "F1", 30),
        (72, 700, "Children need the help of the school to recognise risks."),
    ]]
    blocks = _write(tmp_path, pages).blocks
    assert [(b.number, b.text) for b in blocks] == [(None, "Children need the help of the school to recognise risks.")]


def test_a_contents_list_without_page_numbers_is_furniture(tmp_path):
    # Entries name the headings that follow (one reworded, one with a colon), two columns of bullets on a line.
    pages = [
        [
            (72, 760, "Contents", "F2", 20),
            (72, 730, "Scope of the Policy", "F2", 10),
            (72, 716, "Roles and Responsibilities", "F2", 10),
            (90, 702, "\u2022"), (108, 702, "Governors"), (290, 702, "\u2022"), (308, 702, "Pupils"),
            (90, 688, "\u2022"), (108, 688, "Acceptable Use Agreement for Year 5"),
        ],
        [
            (72, 760, "Scope of the Policy", "F2", 14),
            (72, 740, "This policy applies to all staff."),
            (72, 710, "Roles and Responsibilities", "F2", 14),
            (72, 690, "Governors:", "F2", 10),
            (72, 676, "Governors approve the policy."),
            (72, 650, "Pupils", "F2", 10),
            (72, 636, "Pupils follow the agreement."),
            (72, 610, "Pupil Acceptable Use Agreement - Year 5", "F2", 14),
        ],
    ]
    stream = _write(tmp_path, pages)
    assert all(b.page == 2 for b in stream.blocks)
    assert stream.blocks[0].text == "Scope of the Policy"
    contents = [f.text for f in stream.furniture if f.kind is FurnitureKind.CONTENTS]
    assert contents[0] == "Contents" and len(contents) == 5


def test_a_contents_heading_over_ordinary_text_stays(tmp_path):
    pages = [[
        (72, 760, "Contents", "F2", 20),
        (72, 730, "This box lists what the pack contains."),
        (72, 700, "A policy and a declaration."),
        (72, 670, "Scope", "F2", 14),
        (72, 650, "This policy applies to all staff."),
    ]]
    texts = [b.text for b in _write(tmp_path, pages).blocks]
    assert texts[:3] == ["Contents", "This box lists what the pack contains.", "A policy and a declaration."]


def test_in_a_spaced_document_fields_and_numbered_headings_keep_their_own_lines(tmp_path):
    pages = [SPACED_OPENING + [
        (72, 648, "Reviewed: January 2016"),
        (72, 634, "Review Cycle: 2 Years"),
        (72, 606, "3.1 Harassment or Victimisation"),
        (72, 592, "The school recognises that reporting a concern is hard."),
        (72, 564, "It is good practice to log all access. (E-safety lead)"),
        (72, 550, "The logs are kept as evidence."),
    ]]
    texts = [b.text if b.number is None else f"{b.number} {b.text}" for b in _write(tmp_path, pages).blocks[4:]]
    assert texts == [
        "Reviewed: January 2016",
        "Review Cycle: 2 Years",
        "3.1 Harassment or Victimisation",
        "The school recognises that reporting a concern is hard.",
        "It is good practice to log all access. (E-safety lead)",
        "The logs are kept as evidence.",
    ]


def test_a_numbered_contents_list_without_heading_or_page_numbers_is_furniture(tmp_path):
    sections = ["Introduction", "Aims and Scope", "Safeguards", "How to Raise a Concern", "Detriment"]
    listing = [(72, 760 - 14 * k, f"{k + 1}.0 {name}") for k, name in enumerate(sections)]
    body = []
    for k, name in enumerate(sections):
        body += [(72, 700 - 60 * k, f"{k + 1}.0 {name}", "F2", 10), (72, 680 - 60 * k, "Staff are protected.")]
    stream = _write(tmp_path, [listing, body])
    assert all(b.page == 2 for b in stream.blocks)
    assert len([f for f in stream.furniture if f.kind is FurnitureKind.CONTENTS]) == 5
    # Four numbered lines are not enough to call a list contents.
    stream = _write(tmp_path, [listing[:4], body], name="short.pdf")
    assert [b.page for b in stream.blocks][:4] == [1, 1, 1, 1]


def _grid(xs: list[float], ys: list[float]) -> list[tuple]:
    return [(xs[0], y, xs[-1], y) for y in ys] + [(x, ys[-1], x, ys[0]) for x in xs]


def test_a_ruled_table_running_over_a_page_break_is_one_table(tmp_path):
    xs = [72, 250, 480]
    first = [(80, 708, "Exceptions"), (258, 708, "Who to contact"),
             (80, 686, "Whistleblowing"), (258, 686, "We have an internal procedure;")]
    second = [(258, 764, "see the website."),
              (80, 742, "Staff conduct"), (258, 742, "The headteacher deals with it.")]
    path = tmp_path / "table.pdf"
    path.write_bytes(layout_pdf([first, second], rules=[_grid(xs, [720, 698, 676]), _grid(xs, [776, 754, 732])]))
    tables = [b for b in read_blocks(path).blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    assert tables[0].rows == (
        ("Exceptions", "Who to contact"),
        ("Whistleblowing", "We have an internal procedure; see the website."),
        ("Staff conduct", "The headteacher deals with it."),
    )


def test_an_o_bullet_in_its_own_font_is_a_bullet_even_set_close(tmp_path):
    # Word's second-level "o" bullet in another face, a single space from its text.
    pages = [[
        (72, 760, "The investigator will:"),
        (90, 746, "\u2022"), (108, 746, "consider the complaint through:"),
        (108, 732, "o", "F3"), (120, 732, "interviews with the complainant"),
        (108, 718, "o", "F3"), (120, 718, "records and other information"),
        (90, 704, "\u2022"), (108, 704, "liaise with the complainant."),
        (72, 676, "An o in the text font at a line start is a word:"),
        (72, 662, "o"), (84, 662, "is a letter here."),
    ]]
    items = [(b.kind, b.list_level, b.text) for b in _write(tmp_path, pages).blocks]
    assert items[1:5] == [
        (BlockKind.LIST_ITEM, 0, "consider the complaint through:"),
        (BlockKind.LIST_ITEM, 1, "interviews with the complainant"),
        (BlockKind.LIST_ITEM, 1, "records and other information"),
        (BlockKind.LIST_ITEM, 0, "liaise with the complainant."),
    ]
    assert items[-1][0] is BlockKind.PARAGRAPH and items[-1][2].endswith(" o is a letter here.")


def test_a_first_page_copyright_footer_in_small_type_is_furniture(tmp_path):
    pages = [
        [(72, 700, "Whistleblowing Policy", "F2", 16),
         (72, 60, "Policy - January 2016. \u00a9 County Council. All rights reserved.", "F1", 7),
         (72, 50, "No part of this publication may be reproduced.", "F1", 7)],
        [(72, 700, "1.0 Introduction", "F2", 10), (72, 680, "Staff may raise concerns."),
         (72, 660, "Concerns are taken seriously."), (72, 640, "The school will respond."),
         (72, 60, "Note: staff may also call the helpline.", "F1", 7)],
    ]
    stream = _write(tmp_path, pages)
    texts = [b.text for b in stream.blocks]
    assert not any("rights reserved" in text or "reproduced" in text for text in texts)
    assert [f.text for f in stream.furniture if f.kind is FurnitureKind.FOOTER][:2] == [
        "Policy - January 2016. \u00a9 County Council. All rights reserved.", "No part of this publication may be reproduced."
    ]
    # Small print at the foot of a page without a copyright notice stays text.
    assert any(text.startswith("Note: staff may also call") for text in texts)
