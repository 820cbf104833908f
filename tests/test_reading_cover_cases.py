"""Cover-page metadata as a person reads it: one fixture per fault the issue reports.

Each case is a small document written here in the shape of the real cover it
stands for (boxed tables, label/value cells, page-header columns, wrapped titles).
"""

from __future__ import annotations

from _readers_build import new_document, save_with_parts
from docx.shared import Pt

from toolkit.readers import read_document


def _text(tmp_path, text: str, name: str = "policy.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def _first_clause_words(document) -> str:
    first = next(document.walk())
    return first.full_text


def _docx(tmp_path, build, name="policy.docx"):
    document = new_document()
    build(document)
    path = save_with_parts(document, tmp_path / name)
    return read_document(path)


def test_boxed_cover_with_adoption_review_and_ratifying_body(tmp_path):
    def build(document):
        # One box: the title, then three lines in the same cell.
        table = document.add_table(rows=1, cols=1)
        cell = table.cell(0, 0)
        cell.text = "Anti-Bullying Policy"
        for line in ("DATE OF ADOPTION: July 2021", "DATE OF NEXT REVIEW: July 2022", "TO BE RATIFIED BY: Full Governing Board"):
            cell.add_paragraph(line)
        document.add_paragraph("Bullying is never tolerated at our school and every report is taken seriously.")

    document = _docx(tmp_path, build)
    assert document.metadata.approved.json_value == "2021-07"
    assert document.metadata.next_review.json_value == "2022-07"
    assert document.metadata.approved_by.json_value == "Full Governing Board"
    assert document.metadata.title.json_value == "Anti-Bullying Policy"
    assert "ADOPTION" not in _first_clause_words(document)


def test_label_and_value_in_adjacent_cells_without_colons(tmp_path):
    def build(document):
        document.add_paragraph("Complaints Policy", style="Title")
        table = document.add_table(rows=1, cols=4)
        for index, text in enumerate(["Date Approved by Governors", "23/07/2020", "Date of Review", "January 2021"]):
            table.cell(0, index).text = text
        document.add_paragraph("Anyone may raise a concern or complaint with the school at any time.")

    document = _docx(tmp_path, build)
    assert document.metadata.approved.json_value == "2020-07-23"
    assert document.metadata.approved_by.json_value == "Governors"
    assert document.metadata.next_review.json_value == "2021-01"
    assert "Governors" not in _first_clause_words(document)


def test_cover_wins_over_footer_and_the_document_says_both(tmp_path):
    def build(document):
        document.sections[0].footer.paragraphs[0].text = "Approved by the FGB July 2020"
        document.add_paragraph("Online Safety Policy", style="Title")
        document.add_paragraph("DATE OF ADOPTION: July 2021")
        document.add_paragraph("Pupils are taught how to stay safe online in every year group.")

    document = _docx(tmp_path, build)
    assert document.metadata.approved.json_value == "2021-07"
    warning = " ".join(document.warnings)
    assert "July 2021" in warning and "July 2020" in warning


def test_approval_in_the_right_hand_column_of_a_page_header_is_not_title_or_school(tmp_path):
    def build(document):
        document.sections[0].header.paragraphs[0].text = "Oak Tree Primary School\tApproved by Governors 13/09/2017"
        document.add_paragraph("Behaviour Policy", style="Title")
        document.add_paragraph("We expect every pupil to be kind, to work hard and to keep others safe.")

    document = _docx(tmp_path, build)
    assert document.metadata.title.json_value == "Behaviour Policy"
    assert document.metadata.school.json_value == "Oak Tree Primary School"
    assert document.metadata.approved.json_value == "2017-09-13"


def test_title_that_wraps_onto_a_second_line(tmp_path):
    text = (
        "Oak Tree Primary School\n\nChild Protection and\nSafeguarding Policy\n\nDate of next review: September 2025\n\n"
        "1. Introduction\n\nEvery member of staff has a duty to keep children safe from harm and abuse.\n"
    )
    document = _text(tmp_path, text)
    assert document.metadata.title.json_value == "Child Protection and Safeguarding Policy"
    assert document.metadata.next_review.json_value == "2025-09"


def test_title_that_wraps_in_a_word_cover_page(tmp_path):
    def build(document):
        document.add_paragraph("Oak Tree Primary School")
        for line in ("Child Protection and", "Safeguarding Policy"):
            run = document.add_paragraph().add_run(line)
            run.bold, run.font.size = True, Pt(24)
        document.add_paragraph("Review date: 1st September 2025")
        document.add_page_break()
        document.add_paragraph("Every member of staff has a duty to keep children safe from harm and abuse.")

    document = _docx(tmp_path, build)
    assert document.metadata.title.json_value == "Child Protection and Safeguarding Policy"
    assert document.metadata.school.json_value == "Oak Tree Primary School"
    assert document.metadata.next_review.json_value == "2025-09-01"


def test_school_is_never_read_from_a_contents_entry(tmp_path):
    text = (
        "Safeguarding Policy\n\nContents\n\n1. Introduction\n2. Roles\n3. Safe School, Safe Staff\n\n"
        "1. Introduction\n\nThis policy applies to every adult working in or for the school.\n\n"
        "2. Roles\n\nThe designated safeguarding lead coordinates the work.\n\n"
        "3. Safe School, Safe Staff\n\nWe follow safer recruitment for every post.\n"
    )
    document = _text(tmp_path, text)
    assert document.metadata.school is None, document.metadata.school
    # The entries are printed again as headings, so the list is a contents list.
    assert "3. Safe School, Safe Staff" in [item.text for item in document.furniture if item.kind.value == "contents"]
    assert [clause.number for clause in document.clauses] == ["1", "2", "3"]


def test_a_contract_table_cell_is_not_a_title_and_a_word_cover_gives_one(tmp_path):
    def build(document):
        # The contract's first box: a heading cell over key/value rows.
        table = document.add_table(rows=3, cols=2)
        table.cell(0, 0).merge(table.cell(0, 1)).text = "BUYER"
        table.cell(1, 0).text, table.cell(1, 1).text = "School", "Oak Tree Primary School"
        table.cell(2, 0).text, table.cell(2, 1).text = "Date issued", "1 April 2024"
        document.add_paragraph("The supplier delivers produce to the school kitchen every weekday morning.")

    document = _docx(tmp_path, build)
    assert document.metadata.title is None or document.metadata.title.json_value != "BUYER"


def test_word_cover_lines_give_title_school_and_sign_off_not_clause_1(tmp_path):
    def build(document):
        document.add_paragraph("Oak Tree Tuition")
        document.add_paragraph("(“Study Centre”)")
        document.add_paragraph().add_run("Data Protection").bold = True
        document.add_paragraph().add_run("And GDPR Policy").bold = True
        document.add_paragraph("Jane A Smith")
        document.add_paragraph("01.01.23")
        document.add_paragraph("Review Date: 1st January 2024")
        document.add_paragraph("Signed:____________ Date:__________")
        document.add_page_break()
        document.add_paragraph("We hold personal data only for as long as we need it for the purpose we gave.")

    document = _docx(tmp_path, build)
    meta = document.metadata
    assert meta.title.json_value == "Data Protection And GDPR Policy"
    assert meta.school.json_value == "Oak Tree Tuition"
    assert (meta.approved_by.json_value, meta.approved.json_value) == ("Jane A Smith", "2023-01-01")
    assert meta.next_review.json_value == "2024-01-01"
    assert _first_clause_words(document).startswith("We hold personal data")


def test_reviewed_and_next_review_on_one_line_and_a_review_cycle(tmp_path):
    document = _text(tmp_path, "Whistleblowing Policy\n\nReviewed: May 2023 Next review: May 2024\n\nStaff may raise concerns.\n")
    assert (document.metadata.last_review.json_value, document.metadata.next_review.json_value) == ("2023-05", "2024-05")
    document = _text(tmp_path, "Online Safety Policy\n\nReviewed: January 2016\nReview Cycle: 2 Years\n\nPupils learn.\n", "b.txt")
    assert document.metadata.next_review.json_value == "2018-01"


def test_approved_by_body_on_a_date(tmp_path):
    document = _text(tmp_path, "Behaviour Policy\n\nApproved by the Governing Board on 3/2/2024\n\nPupils are kind.\n")
    assert document.metadata.approved_by.json_value == "Governing Board"
    assert document.metadata.approved.json_value == "2024-02-03"


def test_change_log_gives_the_last_revision_and_the_cover_wins_when_they_disagree(tmp_path):
    log = "Version\tDate\tChange\nV1.0\tMarch 2021\tFirst issue\nV1.1\tJune 2022\tNew contacts\n"
    document = _text(tmp_path, f"Behaviour Policy\n\nPupils are kind to each other.\n\n{log}")
    assert document.metadata.last_review.json_value == "2022-06"
    assert document.metadata.version.json_value == "V1.1"
    document = _text(tmp_path, f"Behaviour Policy\n\nLast reviewed: May 2023\n\nPupils are kind to each other.\n\n{log}", "b.txt")
    assert document.metadata.last_review.json_value == "2023-05"
    warning = " ".join(document.warnings)
    assert "May 2023" in warning and "June 2022" in warning and "change log" in warning


def test_two_column_page_header_in_a_pdf_is_read_column_by_column(tmp_path):
    from _pdf_build import layout_pdf

    pages = []
    for number in range(1, 4):
        pages.append([
            (40, 810, "Oak Tree Primary School", "F1", 9),
            (330, 810, "Approved by Governors 13/09/2017", "F1", 9),
            (72, 700, "Behaviour Policy" if number == 1 else f"Part {number}", "F2", 14),
            (72, 670, f"Pupils are kind and respectful to each other on page {number}.", "F1", 10),
        ])
    path = tmp_path / "policy.pdf"
    path.write_bytes(layout_pdf(pages))
    meta = read_document(path).metadata
    assert meta.title.json_value == "Behaviour Policy"
    assert meta.school.json_value == "Oak Tree Primary School"
    assert (meta.approved_by.json_value, meta.approved.json_value) == ("Governors", "2017-09-13")
