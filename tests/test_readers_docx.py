"""The DOCX reader: what Word displays, built from small files made here.

Every expected label below was worked out by hand from the numbering rules
(ECMA-376 17.9 as Word applies them), not copied from the reader's output.
"""

from __future__ import annotations

from _readers_build import W_NS, abstract, lvl, new_document, num, numbering_xml, save_with_parts, set_numbering
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from toolkit.model import FurnitureKind
from toolkit.ooxml.number_formats import format_number, to_letters, to_roman
from toolkit.readers import read_blocks
from toolkit.structure.blocks import BlockKind

THREE_LEVELS = abstract(0, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2"), lvl(2, "decimal", "%1.%2.%3"))


def _read(tmp_path, build, numbering: bytes | None = None, name="t.docx"):
    document = new_document()
    build(document)
    parts = {"word/numbering.xml": numbering} if numbering else {}
    path = save_with_parts(document, tmp_path / name, parts)
    return read_blocks(path)


def _numbered(document, items):
    """items: (text, numId, ilvl)"""
    for text, num_id, ilvl in items:
        set_numbering(document.add_paragraph(text), num_id, ilvl)


def _labels(stream):
    return [(block.number, block.text) for block in stream.blocks]


def test_multilevel_decimal_labels_and_reset_of_deeper_levels(tmp_path):
    items = [("A", 1, 0), ("B", 1, 1), ("C", 1, 1), ("D", 1, 2), ("E", 1, 2), ("F", 1, 0), ("G", 1, 1), ("H", 1, 2)]
    stream = _read(tmp_path, lambda d: _numbered(d, items), numbering_xml(THREE_LEVELS, num(1, 0)))
    assert _labels(stream) == [
        ("1.", "A"), ("1.1", "B"), ("1.2", "C"), ("1.2.1", "D"), ("1.2.2", "E"),
        ("2.", "F"), ("2.1", "G"), ("2.1.1", "H"),
    ]
    assert [block.list_level for block in stream.blocks] == [0, 1, 1, 2, 2, 0, 1, 2]


def test_number_formats(tmp_path):
    abstracts = "".join([
        abstract(0, lvl(0, "lowerLetter", "(%1)")),
        abstract(1, lvl(0, "upperLetter", "%1.")),
        abstract(2, lvl(0, "lowerRoman", "%1)", start=4)),
        abstract(3, lvl(0, "upperRoman", "%1")),
        abstract(4, lvl(0, "decimalZero", "%1.", start=9)),
    ])
    nums = "".join(num(i + 1, i) for i in range(5))
    items = [("a1", 1, 0), ("a2", 1, 0), ("b1", 2, 0), ("b2", 2, 0), ("r1", 3, 0), ("r2", 3, 0),
             ("R1", 4, 0), ("z1", 5, 0), ("z2", 5, 0)]
    stream = _read(tmp_path, lambda d: _numbered(d, items), numbering_xml(abstracts, nums))
    assert [block.number for block in stream.blocks] == ["(a)", "(b)", "A.", "B.", "iv)", "v)", "I", "09.", "10."]


def test_format_helpers_follow_word_sequences():
    assert [to_letters(n) for n in (1, 26, 27, 28, 53)] == ["a", "z", "aa", "bb", "aaa"]
    assert [to_roman(n) for n in (1, 4, 9, 14, 40, 1999)] == ["i", "iv", "ix", "xiv", "xl", "mcmxcix"]
    assert format_number(3, "none") == ""
    assert format_number(7, "decimalZero") == "07"
    assert format_number(2, "ordinal") == "2nd"


def test_bullets_become_list_items_without_a_number(tmp_path):
    numbering = numbering_xml(
        abstract(0, lvl(0, "bullet", "\u2022"), lvl(1, "bullet", "o")), num(1, 0)
    )
    stream = _read(tmp_path, lambda d: _numbered(d, [("one", 1, 0), ("two", 1, 1)]), numbering)
    assert [(b.kind, b.bullet, b.number, b.list_level, b.text) for b in stream.blocks] == [
        (BlockKind.LIST_ITEM, True, None, 0, "one"),
        (BlockKind.LIST_ITEM, True, None, 1, "two"),
    ]


def test_none_format_shows_no_number(tmp_path):
    numbering = numbering_xml(abstract(0, lvl(0, "none", "")), num(1, 0))
    stream = _read(tmp_path, lambda d: _numbered(d, [("plain", 1, 0)]), numbering)
    assert stream.blocks[0].number is None and stream.blocks[0].text == "plain"


def test_counters_are_shared_by_instances_of_one_definition_and_start_override_restarts(tmp_path):
    nums = num(1, 0) + num(2, 0) + num(
        3, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    ) + num(4, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>')
    items = [("a", 1, 0), ("b", 1, 0), ("c", 2, 0), ("d", 3, 0), ("e", 3, 0), ("f", 1, 0), ("g", 4, 0)]
    stream = _read(tmp_path, lambda d: _numbered(d, items), numbering_xml(THREE_LEVELS, nums))
    # num 2 continues num 1 (3.); num 3 restarts at 1; num 1 then continues the shared counter.
    assert [block.number for block in stream.blocks] == ["1.", "2.", "3.", "1.", "2.", "3.", "5."]


def test_lvl_restart_limits_which_levels_reset_a_deeper_level(tmp_path):
    # Level 2 restarts only after level 1 (ilvl 0); level 1 of the second list never restarts.
    first = abstract(
        0, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2"),
        lvl(2, "decimal", "(%3)", extra='<w:lvlRestart w:val="1"/>'),
    )
    second = abstract(1, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2", extra='<w:lvlRestart w:val="0"/>'))
    items = [("a", 1, 0), ("b", 1, 2), ("c", 1, 1), ("d", 1, 2), ("e", 1, 0), ("f", 1, 2),
             ("g", 2, 0), ("h", 2, 1), ("i", 2, 0), ("j", 2, 1)]
    stream = _read(tmp_path, lambda d: _numbered(d, items), numbering_xml(first + second, num(1, 0) + num(2, 1)))
    assert [block.number for block in stream.blocks] == [
        "1.", "(1)", "1.1", "(2)", "2.", "(1)",
        "1.", "1.1", "2.", "2.2",
    ]


def test_is_lgl_shows_every_level_in_decimal(tmp_path):
    legal = abstract(
        0, lvl(0, "upperRoman", "Article %1."), lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>"),
    )
    plain = abstract(1, lvl(0, "upperRoman", "Article %1."), lvl(1, "decimal", "%1.%2"))
    items = [("a", 1, 0), ("b", 1, 1), ("c", 1, 1), ("d", 1, 0), ("e", 1, 1), ("f", 2, 0), ("g", 2, 1)]
    stream = _read(tmp_path, lambda d: _numbered(d, items), numbering_xml(legal + plain, num(1, 0) + num(2, 1)))
    assert [block.number for block in stream.blocks] == [
        "Article I.", "1.1", "1.2", "Article II.", "2.1", "Article I.", "I.1",
    ]


def _numbered_style(document, name, num_id=None, ilvl=None, base=None):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base is not None:
        style.base_style = document.styles[base]
    if num_id is not None or ilvl is not None:
        ppr = style.element.get_or_add_pPr()
        parts = []
        if ilvl is not None:
            parts.append(f'<w:ilvl w:val="{ilvl}"/>')
        if num_id is not None:
            parts.append(f'<w:numId w:val="{num_id}"/>')
        ppr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}">{"".join(parts)}</w:numPr>'))
    return style


def test_numbering_inherited_from_paragraph_styles_through_based_on(tmp_path):
    def build(document):
        _numbered_style(document, "Clause One", num_id=1, ilvl=0)
        # Based on Clause One: inherits its list, sets only the level.
        _numbered_style(document, "Clause Two", ilvl=1, base="Clause One")
        for text, style in [("a", "Clause One"), ("b", "Clause Two"), ("c", "Clause Two"), ("d", "Clause One")]:
            document.add_paragraph(text, style=style)
        unnumbered = document.add_paragraph("e", style="Clause One")
        set_numbering(unnumbered, 0)  # numId 0 switches the style's numbering off

    stream = _read(tmp_path, build, numbering_xml(THREE_LEVELS, num(1, 0)))
    assert _labels(stream) == [("1.", "a"), ("1.1", "b"), ("1.2", "c"), ("2.", "d"), (None, "e")]


def test_level_found_from_the_style_a_level_is_bound_to(tmp_path):
    bound = abstract(0, lvl(0, "decimal", "%1", extra='<w:pStyle w:val="PartA"/>'),
                     lvl(1, "lowerLetter", "%2)", extra='<w:pStyle w:val="PartB"/>'))

    def build(document):
        document.styles.add_style("PartA", WD_STYLE_TYPE.PARAGRAPH)
        _numbered_style(document, "PartB", num_id=1)
        a = document.add_paragraph("top")
        set_numbering(a, 1, 0)
        document.add_paragraph("sub one", style="PartB")
        document.add_paragraph("sub two", style="PartB")

    stream = _read(tmp_path, build, numbering_xml(bound, num(1, 0)))
    assert _labels(stream) == [("1", "top"), ("a)", "sub one"), ("b)", "sub two")]


def test_headings_from_styles_outline_level_and_inheritance(tmp_path):
    def build(document):
        document.add_heading("Purpose", level=1)
        document.add_heading("Scope", level=2)
        custom = document.styles.add_style("Policy Heading", WD_STYLE_TYPE.PARAGRAPH)
        custom.base_style = document.styles["Heading 1"]
        document.add_paragraph("Roles", style="Policy Heading")
        outlined = document.add_paragraph("Definitions")
        outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{W_NS}" w:val="2"/>'))
        document.add_paragraph("Body text.")

    stream = _read(tmp_path, build)
    assert [(b.kind, b.heading_level, b.text) for b in stream.blocks] == [
        (BlockKind.HEADING, 1, "Purpose"),
        (BlockKind.HEADING, 2, "Scope"),
        (BlockKind.HEADING, 1, "Roles"),
        (BlockKind.HEADING, 3, "Definitions"),
        (BlockKind.PARAGRAPH, None, "Body text."),
    ]


def test_typed_numbers_stay_in_the_text_unless_set_off_by_a_tab(tmp_path):
    def build(document):
        document.add_paragraph("6.2.1 Staff must not post.")
        document.add_paragraph("(b)\tStaff must report it.")  # a hand-made list label
        document.add_paragraph("2016\tPolicy adopted")  # a year is no label

    stream = _read(tmp_path, build)
    assert [(b.number, b.text) for b in stream.blocks] == [
        (None, "6.2.1 Staff must not post."),
        ("(b)", "Staff must report it."),
        (None, "2016 Policy adopted"),
    ]


def test_tables_in_body_order_with_cell_text(tmp_path):
    def build(document):
        document.add_paragraph("Before")
        table = document.add_table(rows=2, cols=2)
        for r, row in enumerate([("Version", "3"), ("Next review", "September 2025")]):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        document.add_paragraph("After")

    stream = _read(tmp_path, build)
    assert [b.kind for b in stream.blocks] == [BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.PARAGRAPH]
    assert stream.blocks[1].rows == (("Version", "3"), ("Next review", "September 2025"))


def test_headers_and_footers_become_furniture_and_hints(tmp_path):
    def build(document):
        section = document.sections[0]
        section.header.paragraphs[0].text = "Oak Tree Primary School | Social Media Policy"
        section.footer.paragraphs[0].text = "Next review: September 2025"
        document.add_paragraph("Body.")

    stream = _read(tmp_path, build)
    assert [b.text for b in stream.blocks] == ["Body."]
    assert ("Oak Tree Primary School | Social Media Policy", FurnitureKind.HEADER) in [
        (f.text, f.kind) for f in stream.furniture
    ]
    assert stream.detect_running_lines is False
    # The builder reads every format's margins in one place.
    from toolkit.readers import read_document

    metadata = read_document(tmp_path / "t.docx").metadata
    assert metadata.school.value == "Oak Tree Primary School"
    assert metadata.next_review.value.iso == "2025-09"


def _raw_paragraph(document, inner: str, ppr: str = ""):
    element = parse_xml(f'<w:p xmlns:w="{W_NS}">{ppr}{inner}</w:p>')
    document.element.body.insert(len(document.element.body) - 1, element)


def test_tracked_changes_read_as_accepted_with_a_warning(tmp_path):
    def build(document):
        _raw_paragraph(
            document,
            '<w:r><w:t xml:space="preserve">Staff </w:t></w:r>'
            '<w:del w:id="1" w:author="x"><w:r><w:delText>must never</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="x"><w:r><w:t>should not</w:t></w:r></w:ins>'
            '<w:r><w:t xml:space="preserve"> post</w:t></w:r>'
            '<w:moveFrom w:id="3" w:author="x"><w:r><w:t>old place</w:t></w:r></w:moveFrom>'
            '<w:moveTo w:id="4" w:author="x"><w:r><w:t xml:space="preserve"> online.</w:t></w:r></w:moveTo>',
        )
        # A paragraph whose mark was deleted runs on into the next one.
        _raw_paragraph(
            document, '<w:r><w:t>Joined</w:t></w:r>',
            ppr='<w:pPr><w:rPr><w:del w:id="5" w:author="x"/></w:rPr></w:pPr>',
        )
        _raw_paragraph(document, '<w:r><w:t>together.</w:t></w:r>')
        _raw_paragraph(document, '<w:del w:id="6" w:author="x"><w:r><w:delText>Gone entirely.</w:delText></w:r></w:del>')

    stream = _read(tmp_path, build)
    assert [b.text for b in stream.blocks] == ["Staff should not post online.", "Joined together."]
    assert any("tracked changes" in warning for warning in stream.warnings)


def test_comments_are_ignored(tmp_path):
    def build(document):
        paragraph = document.add_paragraph("Staff must be careful.")
        document.add_comment(paragraph.runs, text="Is this strong enough?", author="DL", initials="DL")

    stream = _read(tmp_path, build)
    assert [b.text for b in stream.blocks] == ["Staff must be careful."]


def test_contents_lines_go_to_furniture(tmp_path):
    def build(document):
        document.add_paragraph("Introduction\t1", style=document.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH))
        document.add_paragraph("Introduction", style="Heading 1")

    stream = _read(tmp_path, build)
    assert [b.text for b in stream.blocks] == ["Introduction"]
    assert [(f.text, f.kind) for f in stream.furniture if f.kind == FurnitureKind.CONTENTS] == [
        ("Introduction 1", FurnitureKind.CONTENTS)
    ]


def test_bold_paragraph_is_marked_bold(tmp_path):
    def build(document):
        document.add_paragraph().add_run("Monitoring").bold = True
        paragraph = document.add_paragraph()
        paragraph.add_run("Half ").bold = True
        paragraph.add_run("bold")

    stream = _read(tmp_path, build)
    assert [b.bold for b in stream.blocks] == [True, False]


def test_docm_reads_like_docx_and_header_hints_reach_the_metadata(tmp_path):
    from toolkit.readers import read_document

    def build(document):
        document.sections[0].header.paragraphs[0].text = "Oak Tree Primary School"
        document.sections[0].footer.paragraphs[0].text = "Next review: September 2025"
        document.add_paragraph("Staff Social Media Policy", style="Title")
        document.add_paragraph("Staff must not post about pupils.")

    stream = _read(tmp_path, build, name="policy.docm")
    assert [b.kind for b in stream.blocks] == [BlockKind.HEADING, BlockKind.PARAGRAPH]
    document = read_document(tmp_path / "policy.docm")
    assert document.format == "docx"
    assert document.metadata.school.value == "Oak Tree Primary School"
    assert document.metadata.next_review.value.iso == "2025-09"


def test_pages_come_from_the_page_breaks_word_recorded(tmp_path):
    def build(document):
        _raw_paragraph(document, "<w:r><w:t>First page.</w:t></w:r>")
        _raw_paragraph(document, "<w:r><w:lastRenderedPageBreak/><w:t>Second page.</w:t></w:r>")
        _raw_paragraph(document, '<w:r><w:t xml:space="preserve">Runs over </w:t><w:lastRenderedPageBreak/><w:t>the break.</w:t></w:r>')
        _raw_paragraph(document, "<w:r><w:t>Third page.</w:t></w:r>")

    stream = _read(tmp_path, build)
    assert [(b.text, b.page) for b in stream.blocks] == [
        ("First page.", 1), ("Second page.", 2), ("Runs over the break.", 2), ("Third page.", 3)
    ]


def test_documents_without_recorded_pages_leave_pages_unknown(tmp_path):
    stream = _read(tmp_path, lambda d: d.add_paragraph("Only text."))
    assert stream.blocks[0].page is None
