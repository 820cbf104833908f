"""Word numbering as Word displays it, and typed labels beside automatic ones:
one fixture per fault issue 10 reports (LibreOffice's text export agrees with each)."""

from __future__ import annotations

import re

from _readers_build import (
    W_NS,
    abstract,
    lvl,
    new_document,
    num,
    numbering_xml,
    save_with_parts,
    set_numbering,
)
from docx.oxml import parse_xml

from toolkit.readers import read_blocks, read_document

OUTLINE = abstract(0, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2."), lvl(2, "decimal", "%1.%2.%3."))


def _save(tmp_path, build, numbering: bytes | None = None, name="t.docx"):
    document = new_document()
    build(document)
    parts = {"word/numbering.xml": numbering} if numbering else {}
    return save_with_parts(document, tmp_path / name, parts)


def _numbered(document, items):
    for text, num_id, ilvl in items:
        paragraph = document.add_paragraph(text)
        if num_id is not None:
            set_numbering(paragraph, num_id, ilvl)


def test_a_level_shown_before_it_is_used_counts_with_its_start_value(tmp_path):
    # Section 4 is printed by a level-2 paragraph ("4.1.") before any level-1 paragraph
    # of its own: Word shows 4, and the next level-1 paragraph is 5, as the contents say.
    numbering = numbering_xml(
        abstract(0, lvl(0, "decimal", "%1.", start=4), lvl(1, "decimal", "%1.%2.")), num(1, 0)
    )
    items = [("Referral process", 1, 1), ("Timescales", 1, 1), ("Service delivery", 1, 0), ("Staffing", 1, 1)]
    stream = read_blocks(_save(tmp_path, lambda d: _numbered(d, items), numbering))
    assert [block.number for block in stream.blocks] == ["4.1.", "4.2.", "5.", "5.1."]


def test_a_new_instance_restarting_a_deeper_level_keeps_the_shallower_numbers(tmp_path):
    # 7.2.1-7.2.5 come from a second w:num on the same definition that restarts its
    # levels; used first at level 3, it restarts level 3 only, and 7.3 follows.
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="1"/></w:lvlOverride>' for i in range(3)
    )
    numbering = numbering_xml(OUTLINE, num(1, 0) + num(2, 0, overrides))
    items = [(f"Section {n}", 1, 0) for n in range(1, 8)] + [("Scope", 1, 1), ("Duties", 1, 1)]
    items += [(f"Duty {n}", 2, 2) for n in range(1, 6)] + [("Records", 2, 1)]
    stream = read_blocks(_save(tmp_path, lambda d: _numbered(d, items), numbering))
    assert [block.number for block in stream.blocks][7:] == [
        "7.1.", "7.2.", "7.2.1.", "7.2.2.", "7.2.3.", "7.2.4.", "7.2.5.", "7.3."
    ]


def test_a_typed_number_and_tab_in_a_table_cell_is_kept(tmp_path):
    def build(document):
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "9.\tDairy", "Daily"
        table.cell(1, 0).text, table.cell(1, 1).text = "10.\tSeasonal produce", "Weekly"
        document.add_paragraph("Deliveries are checked on arrival.")

    document = read_document(_save(tmp_path, build))
    table = next(clause for clause in document.walk() if clause.rows)
    assert table.rows[1][0] == "10. Seasonal produce"


def test_typed_roman_label_after_automatic_ones_numbers_the_item(tmp_path):
    numbering = numbering_xml(abstract(0, lvl(0, "lowerRoman", "%1.")), num(1, 0))

    def build(document):
        document.add_paragraph("Gross misconduct includes:")
        _numbered(document, [(text, 1, 0) for text in ("Theft;", "Fraud;", "Falsification of date of birth;", "Declaration of health;")])
        document.add_paragraph("v. \tFailure to disclose a criminal conviction.")

    document = read_document(_save(tmp_path, build, numbering))
    items = [(clause.number, clause.text) for clause in document.walk() if clause.kind.value == "list_item"]
    assert items[-1] == ("v", "Failure to disclose a criminal conviction.")
    assert len(items) == 5


def test_typed_checklist_labels_a1_to_a9_number_their_items(tmp_path):
    def build(document):
        document.add_paragraph("Appendix 2 Requirement checklists")
        for n, text in enumerate(["Safeguarding policy", "ICO certificate", "Insurance certificate"], start=1):
            document.add_paragraph(f"A{n}. {text}")

    document = read_document(_save(tmp_path, build))
    numbered = [(clause.number, clause.full_text) for clause in document.walk() if re.fullmatch(r"A\d+", clause.number or "")]
    assert [number for number, _ in numbered] == ["A1", "A2", "A3"]
    assert numbered[0][1].startswith("Safeguarding policy")


def test_typed_section_numbers_after_an_automatic_first_section(tmp_path):
    # "1 Introduction" is Word's numbering; "2." and "3." were typed, in the same heading
    # style, after a one-item automatic list inside section 1.
    numbering = numbering_xml(abstract(0, lvl(0, "decimal", "%1")) + abstract(1, lvl(0, "decimal", "%1.")), num(1, 0) + num(2, 1))

    def build(document):
        heading = document.add_paragraph("Introduction", style="Heading 1")
        set_numbering(heading, 1, 0)
        document.add_paragraph("This policy sets out how staff keep children safe:")
        set_numbering(document.add_paragraph("Staff read it every September."), 2, 0)
        document.add_paragraph("2. Duty of care", style="Heading 1")
        document.add_paragraph("Every adult has a duty of care to every pupil.")
        document.add_paragraph("3. Reporting", style="Heading 1")
        document.add_paragraph("Concerns are reported to the designated lead the same day.")

    document = read_document(_save(tmp_path, build, numbering))
    assert [(clause.number, clause.heading) for clause in document.clauses] == [
        ("1", "Introduction"), ("2", "Duty of care"), ("3", "Reporting")
    ]


def test_one_heading_style_for_every_paragraph_is_not_a_section_per_paragraph(tmp_path):
    def build(document):
        document.add_paragraph("Visitors Policy", style="Title")
        for text in (
            "Signing in",
            "All visitors sign in at the office and wear a badge while they are on the school site.",
            "Visitors are accompanied by a member of staff at all times when pupils are present.",
            "Leaving",
            "Visitors sign out and return their badge when they leave the school.",
            "Contractors follow the same rules and also read the site safety notes before starting work.",
        ):
            document.add_paragraph(text, style="Heading 2")

    document = read_document(_save(tmp_path, build))
    sections = [clause.heading for clause in document.walk() if clause.kind.value == "section"]
    assert sections == ["Signing in", "Leaving"]
    texts = [clause.text for clause in document.walk() if clause.kind.value == "clause"]
    assert texts[0].startswith("All visitors sign in")


def test_text_box_is_its_own_paragraph_not_glued_to_its_anchor(tmp_path):
    def build(document):
        paragraph = document.add_paragraph("Staff must report concerns.")
        run = parse_xml(
            f'<w:r xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>"
            "<w:p><w:r><w:t>Call 0800 123 456 for help.</w:t></w:r></w:p>"
            "</w:txbxContent></wps:txbx></w:drawing></mc:Choice></mc:AlternateContent></w:r>"
        )
        paragraph._p.append(run)

    stream = read_blocks(_save(tmp_path, build))
    assert [block.text for block in stream.blocks] == ["Staff must report concerns.", "Call 0800 123 456 for help."]
