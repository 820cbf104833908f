"""A change is a change of words a reader would see, not of layout (issue 11).

One test per fault a governor met on real version pairs: text cut by a page
break, form fields re-flowed, footnotes, a heading run into its paragraph, a
cover note, a handbook of several policies, and the report's readability.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from conftest import FIXTURES, SAMPLE_NAMES, SAMPLES
from diff_docs import outline

from toolkit.dates import PartialDate
from toolkit.diff import MatchedBy, Status, diff_documents
from toolkit.model import (
    Clause,
    ClauseKind,
    Document,
    Furniture,
    FurnitureKind,
    Metadata,
    MetaValue,
    replace,
)
from toolkit.readers import read_document
from toolkit.render import render_diff
from toolkit.render._diff_common import summary_sentence

RENDITIONS = FIXTURES / "diff_pairs" / "renditions"


def _changed(diff):
    return [c for c in diff.changes if c.status is not Status.UNCHANGED]


def _doc(*clauses: Clause, source: str = "doc.pdf", metadata: Metadata | None = None) -> Document:
    return Document(source=source, format="pdf", metadata=metadata or Metadata(), clauses=tuple(clauses))


def _clause(cid: str, text: str, *, kind=ClauseKind.CLAUSE, page=None, number=None, heading=None, level=1,
            children=()) -> Clause:
    return Clause(id=cid, number=number, heading=heading, text=text, level=level, kind=kind, page=page,
                  children=tuple(children))


# -- the "no change" guarantee -------------------------------------------------------------------


@pytest.mark.parametrize("key", ["hampshire", "mowbray"])
def test_two_pdf_exports_of_one_word_file_differ_in_no_clause(key):
    # The A4 PDF in source_policies/ and a US Letter export with wider margins (made by
    # renditions/make_letter.py) break every page in a different place.
    name = SAMPLE_NAMES[key]
    a4 = read_document(SAMPLES / f"{name}.pdf")
    letter = read_document(RENDITIONS / f"{name}-letter.pdf")
    diff = diff_documents(a4, letter)
    assert _changed(diff) == [], [(c.status.value, (c.new or c.old).full_text[:50]) for c in _changed(diff)]
    assert diff.identical


@pytest.mark.parametrize("key", ["hampshire", "mowbray"])
def test_word_and_pdf_of_the_same_text_differ_in_no_clause(key):
    name = SAMPLE_NAMES[key]
    diff = diff_documents(read_document(SAMPLES / f"{name}.docx"), read_document(RENDITIONS / f"{name}-letter.pdf"))
    assert _changed(diff) == []


# -- layout faults ---------------------------------------------------------------------------------


def test_a_paragraph_split_by_a_page_break_is_not_removed_or_modified():
    old = outline("""
# 1 Scope
1.1 This policy applies to all staff employed by the school and to governors and volunteers when they act for it.
1.2 Staff must report concerns to the headteacher.
""")
    new = outline("""
# 1 Scope
1.1 This policy applies to all staff employed by the school and to
Governors and volunteers when they act for it.
1.2 Staff must report concerns to the headteacher.
""")
    new = replace(new, clauses=tuple(new.clauses))
    # "Governors" capitalised by the break would be a real change: keep the words equal.
    new_text = [c.full_text for c in new.walk()]
    assert "Governors and volunteers when they act for it." in new_text
    old = outline(old_text := """
# 1 Scope
1.1 This policy applies to all staff employed by the school and to Governors and volunteers when they act for it.
1.2 Staff must report concerns to the headteacher.
""")
    assert old_text
    diff = diff_documents(old, new)
    assert _changed(diff) == []
    assert {c.matched_by for c in diff.changes if c.old and c.old.number == "1.1"} == {MatchedBy.LAYOUT}


def _form(*, reflowed: bool) -> Document:
    body = _clause("1", "", number="1", heading="Complaint form", kind=ClauseKind.SECTION, children=(
        _clause("1/p1", "Please complete and return to the headteacher.", level=2),
    ))
    if not reflowed:
        fields = (
            _clause("d1", "Signature: ..................\nDate: ..................", kind=ClauseKind.DECLARATION),
            _clause("h1", "", heading="Official use", kind=ClauseKind.SECTION, children=(
                _clause("h1/p1", "Date acknowledgement sent:", level=2),
                _clause("h1/p2", "By who:", level=2),
            )),
        )
    else:  # the next export lays the same fields out as separate lines and a table
        fields = (
            _clause("d1", "Signature: ..................", kind=ClauseKind.DECLARATION),
            _clause("d2", "Date: ..................", kind=ClauseKind.DECLARATION),
            _clause("t1", "Official use\tDate acknowledgement sent:\nBy who:", kind=ClauseKind.TABLE),
        )
    return _doc(body, *fields)


def test_form_fields_laid_out_differently_are_not_removed():
    diff = diff_documents(_form(reflowed=False), _form(reflowed=True))
    assert _changed(diff) == []


def test_form_fields_laid_out_differently_appear_once_in_the_tracked_word_file():
    data = render_diff(diff_documents(_form(reflowed=False), _form(reflowed=True)), "docx")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "w:delText" not in xml and not _revised_runs(xml)  # at most a paragraph break is revised
    assert xml.count("Official use") == 1 and xml.count("By who:") == 1


def _revised_runs(xml: str) -> int:
    """Runs of text inside w:ins or w:del (a revised paragraph mark holds no run)."""
    from lxml import etree

    from toolkit.ooxml import qn

    root = etree.fromstring(xml.encode("utf-8"))
    return sum(len(node.findall(qn("w:r"))) for tag in ("w:ins", "w:del") for node in root.iter(qn(tag)))


_GOVERNORS = ("The governing body monitors incidents of bullying that do occur, and reviews the effectiveness of "
              "this policy regularly. The governing board will review procedures and incidents termly, and the "
              "governors will deal with complaints from parents relating to behaviour or bullying through an "
              "appropriate committee of impartial governors who have had no previous dealings with the matter")


def test_a_heading_run_into_its_paragraph_is_not_removed():
    old = _doc(
        _clause("p1", "Monitoring and Review", kind=ClauseKind.SECTION),
        _clause("p2", "The role of the Governing Body"),
        _clause("p3", _GOVERNORS),
    )
    new = _doc(
        _clause("p1", "Monitoring and Review", kind=ClauseKind.SECTION),
        _clause("p2", "The role of the Governing Body " + _GOVERNORS + "."),
    )
    diff = diff_documents(old, new)
    assert Status.REMOVED not in {c.status for c in diff.changes}
    merged = _changed(diff)
    assert {c.matched_by for c in merged} == {MatchedBy.MERGE}
    inserted = [text for c in merged for op, text in c.words if op == "insert"]
    assert inserted == ["."]  # the one real change: a full stop


# -- footnotes -------------------------------------------------------------------------------------


def test_a_footnote_mark_run_into_a_word_is_not_a_change():
    old = outline("# 5 Safe School, Safe Staff\n5.1 Use the online safety Tool.")
    new = outline("# 5 Safe School, Safe Staff\n5.1 Use the online safety Tool9.")
    assert diff_documents(old, new).identical
    # Digits that are part of a name still count.
    assert not diff_documents(outline("5.1 Pupils in KS1 use it."), outline("5.1 Pupils in KS2 use it.")).identical


def test_a_footnote_at_another_page_foot_has_not_moved():
    note = "9 Toolkit for schools, published by the Department for Education in 2019."
    old = _doc(
        _clause("5", "", number="5", heading="Safe School, Safe Staff", kind=ClauseKind.SECTION, page=1),
        _clause("p1", "Staff follow the online safety toolkit in every lesson that uses devices.", page=1),
        _clause("p2", "The online safety lead reviews the filtering reports every half term.", page=1),
        _clause("p3", note, page=1),
        _clause("p4", "Parents are told about the toolkit at the start of each year.", page=2),
    )
    new = _doc(
        _clause("5", "", number="5", heading="Safe School, Safe Staff", kind=ClauseKind.SECTION, page=1),
        _clause("p1", "Staff follow the online safety toolkit in every lesson that uses devices.", page=1),
        _clause("p3", note, page=1),
        _clause("p2", "The online safety lead reviews the filtering reports every half term.", page=2),
        _clause("p4", "Parents are told about the toolkit at the start of each year.", page=2),
    )
    diff = diff_documents(old, new)
    assert diff.summary.moved == 0 and _changed(diff) == []


def test_a_move_inside_one_section_says_so():
    from toolkit.render._diff_common import describe

    old = outline("# 5 Safe Staff\n5.1 Alpha rule for staff phones.\n5.2 Beta rule for staff cameras.\n"
                  "5.3 Gamma rule for staff laptops.\n5.4 Delta rule for staff tablets.")
    new = outline("# 5 Safe Staff\n5.1 Beta rule for staff cameras.\n5.2 Gamma rule for staff laptops.\n"
                  "5.3 Delta rule for staff tablets.\n5.4 Alpha rule for staff phones.")
    moved = [c for c in diff_documents(old, new).changes if c.status is Status.MOVED]
    assert moved and describe(moved[0]) == "moved within 5 Safe Staff"


# -- cover details -----------------------------------------------------------------------------------


def _dated(raw: str) -> Document:
    meta = Metadata(title=MetaValue("Whistleblowing Policy", "Whistleblowing Policy"),
                    approved=MetaValue(raw, PartialDate(2020, 11), label="Approved:"))
    return replace(outline("# 1 Introduction\n1.1 Staff are protected."), metadata=meta)


def test_an_amended_note_on_the_cover_date_is_reported_first_in_every_report():
    diff = diff_documents(_dated("November 2020"), _dated("November 2020 Amended Feb 2021"))
    assert [(m.field, m.old, m.new) for m in diff.metadata_changes] == [
        ("approved", "November 2020", "November 2020 Amended Feb 2021")]
    assert not diff.identical
    for fmt, first_clause_marker in (("text", "Unchanged"), ("md", "## Summary"), ("html", "<h2>Summary of changes")):
        report = render_diff(diff, fmt)
        assert "Amended Feb 2021" in report
        assert report.index("Amended Feb 2021") < report.index(first_clause_marker), fmt
    assert summary_sentence(diff) == "Dates updated; no clause changed."
    # Spacing alone is no change ("September2018" on one cover, "September 2018" on the next).
    assert diff_documents(_dated("November2020"), _dated("November 2020")).identical


def test_a_cover_line_one_reader_kept_as_a_clause_is_compared_with_the_field(tmp_path):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    body = "\n\n1. Introduction\n1.1 Staff who raise a concern in good faith are protected from any detriment.\n"
    old.write_text("Whistleblowing Policy\n\nNovember 2020" + body, encoding="utf-8")
    new.write_text("Whistleblowing Policy\n\nNovember 2020 Amended Feb 2021" + body, encoding="utf-8")
    diff = diff_documents(read_document(old), read_document(new))
    assert _changed(diff) == []
    assert [(m.old, m.new) for m in diff.metadata_changes] == [("November 2020", "November 2020 Amended Feb 2021")]


# -- several policies in one document ------------------------------------------------------------------

_HANDBOOK = """Staff Handbook

Anti-Bullying Policy

1. Purpose
1.1 This policy sets out how the school prevents and responds to bullying between pupils.
1.2 It applies to all pupils, staff and volunteers during the school day and on trips.
2. Responsibilities
2.1 The headteacher makes sure that every report of bullying is recorded and followed up.
2.2 Class teachers talk to the pupils involved and tell their parents on the same day.
3. Review
3.1 The governing board reviews this policy every year and checks the records each term.

Whistleblowing Policy

1. Introduction
1.1 Staff who raise a concern in good faith about wrongdoing at the school are protected.
2. How to raise a concern
2.1 Raise the concern first with the headteacher, or with the chair of governors.
{inserted}2.{a} Put the concern in writing as early as you can, with names, dates and places.
2.{b} You may ask your trade union representative for advice before you raise it.
2.{c} An anonymous concern is harder to investigate but will still be considered.
3. How the school responds
3.1 The school writes to you within ten working days to say how it will deal with the concern.
3.2 You will be told the outcome of any investigation, within the limits of the law.
"""


@pytest.fixture()
def handbooks(tmp_path):
    old = tmp_path / "handbook-2023.txt"
    new = tmp_path / "handbook-2024.txt"
    old.write_text(_HANDBOOK.format(inserted="", a=2, b=3, c=4), encoding="utf-8")
    new.write_text(_HANDBOOK.format(
        inserted="2.2 You may telephone the safeguarding lead if the concern is about a child.\n", a=3, b=4, c=5),
        encoding="utf-8")
    return read_document(old), read_document(new)


def test_a_handbooks_second_policy_is_a_part_with_its_own_numbers(handbooks):
    old, _ = handbooks
    part = next(c for c in old.clauses if c.heading == "Whistleblowing Policy")
    numbers = [c.number for c in part.walk() if c.number]
    assert numbers == ["1", "1.1", "2", "2.1", "2.2", "2.3", "2.4", "3", "3.1", "3.2"]
    assert not any(re.match(r"\d\.\d ", c.text) for c in old.walk())  # no number left inside the text


def test_a_renumbering_in_a_handbooks_second_policy_is_reported_as_exactly_that(handbooks):
    diff = diff_documents(*handbooks)
    changed = [(c.status, c.old.number if c.old else None, c.new.number if c.new else None) for c in _changed(diff)]
    assert changed == [
        (Status.ADDED, None, "2.2"),
        (Status.RENUMBERED, "2.2", "2.3"),
        (Status.RENUMBERED, "2.3", "2.4"),
        (Status.RENUMBERED, "2.4", "2.5"),
    ]
    assert {c.new_section for c in _changed(diff)} == {"Whistleblowing Policy"}
    assert summary_sentence(diff) == "1 clause added; 3 renumbered only, the rest unchanged."


# -- the governors' view --------------------------------------------------------------------------------


def _long_renumbering():
    clauses = "\n".join(f"4.{n} Rule number {n} about staff use of devices in school." for n in range(2, 10))
    old = outline(f"# 4 Devices\n4.1 Staff keep devices locked.\n{clauses}")
    shifted = "\n".join(f"4.{n + 1} Rule number {n} about staff use of devices in school." for n in range(2, 10))
    new = outline(f"# 4 Devices\n4.1 Staff keep devices locked.\n4.2 Staff never lend a device to a pupil.\n{shifted}")
    return diff_documents(old, new)


def test_a_run_of_renumberings_is_one_line_in_text_markdown_and_html():
    diff = _long_renumbering()
    assert diff.summary.renumbered == 8
    text = render_diff(diff, "text")
    assert "4.2–4.9 renumbered 4.3–4.10" in text
    assert "4.5 → 4.6" not in text  # folded, not listed one by one
    md = render_diff(diff, "md")
    assert "4.2–4.9 renumbered 4.3–4.10" in md and "4.5 → 4.6" not in md
    html = render_diff(diff, "html")
    folded = re.search(r'<details class="run"><summary>.*?4\.2–4\.9 renumbered 4\.3–4\.10.*?</details>', html, re.DOTALL)
    assert folded, "the run is one expandable line"
    # Behind the control, every clause with both numbers and its opening words.
    assert "4.5 → 4.6" in folded.group() and "Rule number 5 about" in folded.group()


def test_every_entry_shows_old_and_new_numbers_and_an_excerpt():
    old = outline("# 4 Devices\n4 Staff keep devices locked at all times.\n4.1 Staff never lend a device.")
    new = outline("# 4 Devices\nStaff keep devices locked at all times.\n4.1 Staff never lend a device.")
    text = render_diff(diff_documents(old, new), "text")
    assert "4 → unnumbered" in text
    assert "Staff keep devices locked" in text
    assert re.search(r"^Renumbered 4\s*$", text, re.MULTILINE) is None  # the old bare "Renumbered 4"


def test_a_merge_is_one_entry_marked_up_against_the_joined_text():
    old = outline("# 1 Scope\n1.1 This policy applies to all staff employed by the school.\n"
                  "1.2 It covers personal and professional use of social media by staff.")
    new = outline("# 1 Scope\n1.1 This policy applies to all staff employed by the school; it covers personal "
                  "and professional use of social media by staff and governors.")
    diff = diff_documents(old, new)
    assert {c.matched_by for c in _changed(diff)} == {MatchedBy.MERGE}
    text = render_diff(diff, "text")
    assert text.count("merged into") == 1
    # One entry, its markup against the two old clauses joined: the full stop and
    # capital that joined them, and the words added at the end.
    assert "[-. It-]{+; it+}" in text and "{+ and governors+}" in text
    md = render_diff(diff, "md")
    assert md.count("merged into") == 1 and "{++" in md


def test_the_summary_says_in_one_sentence_what_kind_of_change_this_is():
    old = outline("# 1 Rules\n1.1 Staff lock devices.\n1.2 Staff report loss at once to the office.\n"
                  "1.3 Staff use school email for parents.\n1.4 Staff never post pupil photos online.")
    new = outline("# 1 Rules\n1.1 Staff must check devices daily.\n1.2 Staff lock devices.\n"
                  "1.3 Staff report loss at once to the school office.\n1.4 Staff use school email for all parents.\n"
                  "1.5 Staff never post any pupil photos online.")
    old = replace(old, metadata=Metadata(next_review=MetaValue("Jan 2024", PartialDate(2024, 1))))
    new = replace(new, metadata=Metadata(next_review=MetaValue("Jan 2025", PartialDate(2025, 1))))
    diff = diff_documents(old, new)
    assert summary_sentence(diff) == "3 clauses reworded, 1 added, dates updated; the rest renumbered."


def test_re_flowed_text_in_the_tracked_word_file_revises_only_paragraph_breaks():
    from toolkit.ooxml.revisions import resolve_paragraphs

    name = SAMPLE_NAMES["mowbray"]
    a4 = read_document(SAMPLES / f"{name}.pdf")
    letter = read_document(RENDITIONS / f"{name}-letter.pdf")
    data = render_diff(diff_documents(a4, letter), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml")
    from lxml import etree

    from toolkit.ooxml import qn

    body = etree.fromstring(xml).find(qn("w:body"))

    def paragraphs(document):
        lines = [document.title] if document.title else []
        lines += [f"{c.number} {c.full_text}" if c.number else c.full_text for c in document.walk()]
        return [" ".join(line.split()) for line in lines]

    def resolved(accept):
        return [" ".join(text.split()) for text in resolve_paragraphs(body, accept) if text.strip()]

    # Accepting gives the new export's paragraphs, rejecting the old one's; the words
    # are the new export's, so a hyphen the old export's reader closed up ("ex-students"
    # against "ex- students" at a line end) is the one spacing difference allowed.
    def closed(lines):
        return [re.sub(r"-\s+", "-", line) for line in lines]

    assert resolved(True) == paragraphs(letter)
    assert closed(resolved(False)) == closed(paragraphs(a4))
    assert _revised_runs(xml.decode("utf-8")) == 0  # only paragraph breaks are revised


def test_page_numbers_of_a_contents_list_are_layout_but_counted_items_keep_theirs():
    contents_old = "\n".join(f"- {title} {page}" for title, page in
                             (("Pupil agreement", 22), ("Class charter", 23), ("Reporting log", 28), ("Training audit", 29)))
    contents_new = "\n".join(f"- {title} {page}" for title, page in
                             (("Pupil agreement", 22), ("Class charter", 23), ("Reporting log", 27), ("Training audit", 28)))
    lead = "# 9 Appendices\nThe appendices are listed below with their pages:\n"
    assert diff_documents(outline(lead + contents_old), outline(lead + contents_new)).identical
    years_old = "# 3 Groups\nThe groups meet as follows:\n- Pupils in Year 1\n- Pupils in Year 2\n- Pupils in Year 3"
    years_new = "# 3 Groups\nThe groups meet as follows:\n- Pupils in Year 1\n- Pupils in Year 2\n- Pupils in Year 4"
    assert not diff_documents(outline(years_old), outline(years_new)).identical


def test_a_markdown_handbook_with_policies_under_its_title_is_compared_policy_by_policy(tmp_path):
    def markdown(text: str) -> str:
        return (text.replace("Staff Handbook\n", "# Staff Handbook\n")
                .replace("Anti-Bullying Policy\n", "## Anti-Bullying Policy\n")
                .replace("Whistleblowing Policy\n", "## Whistleblowing Policy\n"))

    old, new = tmp_path / "handbook-2023.md", tmp_path / "handbook-2024.md"
    old.write_text(markdown(_HANDBOOK.format(inserted="", a=2, b=3, c=4)), encoding="utf-8")
    new.write_text(markdown(_HANDBOOK.format(
        inserted="2.2 You may telephone the safeguarding lead if the concern is about a child.\n", a=3, b=4, c=5)),
        encoding="utf-8")
    diff = diff_documents(read_document(old), read_document(new))
    assert [(c.status, c.old.number if c.old else None) for c in _changed(diff)] == [
        (Status.ADDED, None), (Status.RENUMBERED, "2.2"), (Status.RENUMBERED, "2.3"), (Status.RENUMBERED, "2.4")]


def _table(cid: str, rows) -> Clause:
    rows = tuple(tuple(row) for row in rows)
    return Clause(id=cid, number=None, heading=None, text="\n".join("\t".join(row) for row in rows), level=1,
                  kind=ClauseKind.TABLE, rows=rows)


def test_a_table_broken_over_two_pages_with_its_header_repeated_is_unchanged():
    head = ("Stage", "Consequence")
    rows = [("1", "See the response to bullying listed above"), ("2", "Meeting between the children involved"),
            ("3", "The parents of both children are told"), ("4", "Privileges are lost for a week")]
    old = _doc(_clause("h", "", heading="Consequences", kind=ClauseKind.SECTION), _table("t1", [head, *rows]))
    new = _doc(_clause("h", "", heading="Consequences", kind=ClauseKind.SECTION),
               _table("t1", [head, *rows[:2]]), _table("t2", [head, *rows[2:]]))
    assert _changed(diff_documents(old, new)) == []
    # A row really reworded is still a change.
    edited = _doc(_clause("h", "", heading="Consequences", kind=ClauseKind.SECTION),
                  _table("t1", [head, *rows[:2]]), _table("t2", [head, rows[2], ("4", "Privileges are lost for a term")]))
    assert _changed(diff_documents(old, edited))


# -- one Word file against its own PDF export (real documents) --------------------------------------

_WORD_CEILINGS = {  # false changes left today (0 before is the goal); see the closing note of issue 11
    "pp_esafety": 0, "pp_smoking_alcohol_drugs": 0, "pp_tuition_terms": 0,
    "pp_procedures_manual": 3, "pp_code_of_conduct": 3,
}


@pytest.fixture(scope="module")
def word_and_pdf(tmp_path_factory):
    import shutil
    import subprocess

    from conftest import corpus_dir

    folder = corpus_dir("positive-progress-docx")
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("pdf-exports")
    sources = [folder / f"{name}.docx" for name in _WORD_CEILINGS]
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, sources)],
                   check=True, capture_output=True, timeout=300)
    return {source.stem: (source, out / f"{source.stem}.pdf") for source in sources}


@pytest.mark.parametrize("name", sorted(_WORD_CEILINGS))
def test_a_real_word_file_and_its_pdf_export_differ_in_almost_no_clause(word_and_pdf, name):
    docx_path, pdf_path = word_and_pdf[name]
    diff = diff_documents(read_document(docx_path), read_document(pdf_path))
    # 335 false changes over the twelve positive-progress files before issue 11; these five
    # had 100 (procedures manual 47, code of conduct 34, e-safety 21, smoking 11, tuition 1).
    assert diff.summary.changed <= _WORD_CEILINGS[name], [
        (c.status.value, (c.old or c.new).full_text[:60]) for c in _changed(diff)]


def test_a_list_label_printed_as_text_is_the_items_number():
    numbered = _doc(_clause("p", "We recognise these characteristics:", children=(
        Clause(id="p/d", number="d", heading=None, text="Marital or civil partnership status", level=2,
               kind=ClauseKind.LIST_ITEM),
        Clause(id="p/e", number="(e)", heading=None, text="Pregnancy or maternity", level=2, kind=ClauseKind.LIST_ITEM),
    )))
    printed = _doc(_clause("p", "We recognise these characteristics:", children=(
        _clause("p/p1", "d. Marital or civil partnership status", level=2),
        _clause("p/p2", "e) Pregnancy or maternity", level=2),
    )))
    assert _changed(diff_documents(numbered, printed)) == []
    relabelled = _doc(_clause("p", "We recognise these characteristics:", children=(
        _clause("p/p1", "c. Marital or civil partnership status", level=2),
        _clause("p/p2", "e) Pregnancy or maternity", level=2),
    )))
    assert [c.status for c in _changed(diff_documents(numbered, relabelled))] == [Status.RENUMBERED]


def test_blanks_on_a_form_and_running_lines_kept_as_text_are_layout():
    footer = Furniture("Positive Progress Tuition T: 0151 226 2749", FurnitureKind.FOOTER)
    word = replace(_doc(_clause("p1", "Signed:______________________Date:______________")), furniture=(footer,))
    pdf = _doc(_clause("p1", "Signed:_________________________Date:___________ ___"),
               _clause("p2", "Positive Progress Tuition T: 0151 226 2749"), _clause("p3", "2"))
    assert _changed(diff_documents(word, pdf)) == []
    # A blank that became words is a change.
    assert _changed(diff_documents(word, _doc(_clause("p1", "Signed: by the headteacher Date:______________"))))


def test_a_title_one_reader_missed_is_the_title_line_not_a_clause_added():
    # Word gives the title; its PDF export prints a slogan above it, so the PDF reader
    # keeps the title as the heading of the first section.
    body = _clause("b1", "A registration form must be completed for every child.")
    word = _doc(body, source="p.docx",
                metadata=Metadata(title=MetaValue("Registration Forms Policy", "Registration Forms Policy")))
    pdf = _doc(_clause("s0", "Unlock your potential"),
               _clause("s1", "", heading="Registration Forms Policy", kind=ClauseKind.SECTION,
                       children=(_clause("s1/b1", body.text, level=2),)))
    changed = _changed(diff_documents(word, pdf))
    assert [(c.status, (c.new or c.old).full_text) for c in changed] == [(Status.ADDED, "Unlock your potential")]


def test_text_read_letter_by_letter_is_compared_by_its_letters_not_their_order():
    # A table heading set sideways comes out as single letters whose order depends on
    # the export; the same letters in another order are not a change, other letters are.
    letters = " ".join("Date reviewed Training Guidance Notes Position Name".replace(" ", ""))
    shuffled = letters.replace("a t e", "t a e", 1)
    changed_letter = letters.replace("D a t e", "D o t e", 1)
    old = _doc(_clause("t", letters, kind=ClauseKind.TABLE))
    assert _changed(diff_documents(old, _doc(_clause("t", shuffled, kind=ClauseKind.TABLE)))) == []
    assert [c.status for c in _changed(diff_documents(old, _doc(_clause("t", changed_letter, kind=ClauseKind.TABLE))))] == [
        Status.MODIFIED]
