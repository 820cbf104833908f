"""The model -> DOCX writer: automatic numbering, header/footer fields, properties, determinism."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from toolkit.model import Clause, ClauseKind, Document, Metadata, MetaValue, replace
from toolkit.ooxml import qn
from toolkit.ooxml.fields import field_instructions, xml_safe
from toolkit.ooxml.numbering import infer_scheme, plan_numbering
from toolkit.render.docx_document import DocxWriteOptions, document_to_docx
from toolkit.render.pdf import docx_to_pdf

K = ClauseKind
STAMP = dt.datetime(2025, 3, 21, 9, 30, tzinfo=dt.UTC)


def C(cid, number, text, level, kind=K.CLAUSE, children=(), heading=None, rows=()):
    return Clause(cid, number, heading, text, level, kind, tuple(children), rows=rows)


def sample_document() -> Document:
    sections = []
    for n in range(1, 7):
        children = [C(f"c{n}.1", f"{n}.1", f"First clause of section {n}.", 2)]
        if n == 6:
            children.append(
                C("c6.2", "6.2", "Staff must:", 2, children=[
                    C("c6.2.1", "6.2.1", "keep personal accounts private;", 3),
                    C("c6.2.2", "6.2.2", "never contact pupils <online> & offline;", 3, children=[
                        C("la", "(a)", "by message;", 4, K.LIST_ITEM),
                        C("lb", "(b)", "by comment.", 4, K.LIST_ITEM, children=[
                            C("ri", "(i)", "including replies", 5, K.LIST_ITEM),
                        ]),
                    ]),
                ])
            )
        sections.append(C(f"s{n}", f"{n}.", "", 1, K.SECTION, children, heading=f"Section {n}"))
    extras = [
        C("dup", "6.2", "A repeated number stays typed.", 2),
        C("bul", None, "an unnumbered bullet", 3, K.LIST_ITEM),
        C("tab", None, "", 2, K.TABLE, rows=(("Role", "Name"), ("DSL", "A. Example"))),
        C("note", None, "[Include this only if the school runs accounts]", 2, K.DRAFTING_NOTE),
        C("plain", None, "An unnumbered paragraph.", 2),
    ]
    sections[-1] = replace(sections[-1], children=sections[-1].children + tuple(extras))
    sections.append(C("app", "Appendix A", "", 1, K.SECTION, [C("app1", "A.1", "The Equality Act 2010.", 2)],
                      heading="Legislation"))
    sections.append(C("roman", "I", "", 1, K.SECTION, [C("decl", None, "I have read this policy.", 2, K.DECLARATION)],
                      heading="Declaration"))
    metadata = Metadata(
        title=MetaValue("Staff Social Media Policy", "Staff Social Media Policy"),
        school=MetaValue("Oak & Ash Primary School", "Oak & Ash Primary School"),
        version=MetaValue("2.1", "2.1"),
    )
    return Document("model", "model", metadata, tuple(sections))


OPTIONS = DocxWriteOptions(
    cover_rows=(("Approved by", "Full governing board"), ("Next review", "21 March 2026")),
    author="Oak & Ash Primary School",
    keywords="social media; staff",
    custom_properties=(("Template", "social_media 1.0"),),
    timestamp=STAMP,
)


@pytest.fixture(scope="module")
def written() -> bytes:
    return document_to_docx(sample_document(), OPTIONS)


def _part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def _paragraph_number_ids(paragraph) -> tuple[str | None, str | None]:
    num_pr = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if num_pr is None:
        return None, None
    ilvl = num_pr.find(qn("w:ilvl"))
    return num_pr.find(qn("w:numId")).get(qn("w:val")), None if ilvl is None else ilvl.get(qn("w:val"))


def test_python_docx_opens_it_and_reads_text_and_styles(written):
    document = docx.Document(io.BytesIO(written))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", "Staff Social Media Policy") in texts
    assert ("Heading 1", "Section 6") in texts
    assert ("Clause 3", "keep personal accounts private;") in texts
    # Text is stored as text, not markup: the angle brackets and ampersand survive.
    assert ("Clause 3", "never contact pupils <online> & offline;") in texts
    # Numbers Word cannot count to are typed, followed by a tab.
    assert ("Body Text", "6.2\tA repeated number stays typed.") in texts
    assert ("Heading 1", "Appendix A\tLegislation") in texts
    assert ("Heading 1", "I\tDeclaration") in texts
    assert ("Declaration", "I have read this policy.") in texts


def test_auto_numbered_paragraphs_carry_no_typed_number(written):
    document = docx.Document(io.BytesIO(written))
    by_text = {p.text: p for p in document.paragraphs}
    assert _paragraph_number_ids(by_text["keep personal accounts private;"]) == ("1", "2")
    assert _paragraph_number_ids(by_text["Section 6"]) == ("1", "0")
    assert _paragraph_number_ids(by_text["by comment."]) == ("1", "3")
    assert _paragraph_number_ids(by_text["including replies"]) == ("1", "4")
    assert _paragraph_number_ids(by_text["an unnumbered bullet"]) == ("2", "0")
    # A typed-number heading switches its style's numbering off.
    assert _paragraph_number_ids(by_text["Appendix A\tLegislation"]) == ("0", None)


def test_numbering_definitions_are_multilevel_and_linked_to_styles(written):
    numbering = _part(written, "word/numbering.xml")
    levels = numbering.findall(f"{qn('w:abstractNum')}/{qn('w:lvl')}")
    clause_levels = [lvl for lvl in levels if lvl.getparent().get(qn("w:abstractNumId")) == "0"]
    texts = [lvl.find(qn("w:lvlText")).get(qn("w:val")) for lvl in clause_levels]
    formats = [lvl.find(qn("w:numFmt")).get(qn("w:val")) for lvl in clause_levels]
    assert texts == ["%1.", "%1.%2", "%1.%2.%3", "(%4)", "(%5)"]
    assert formats == ["decimal", "decimal", "decimal", "lowerLetter", "lowerRoman"]
    linked = [lvl.find(qn("w:pStyle")).get(qn("w:val")) for lvl in clause_levels]
    assert linked == ["Heading1", "Clause2", "Clause3", "ListLetter", "ListRoman"]

    styles = _part(written, "word/styles.xml")
    for style_id, ilvl in (("Heading1", "0"), ("Heading2", "1"), ("Clause2", "1"), ("Clause3", "2")):
        style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        assert num_pr.find(qn("w:numId")).get(qn("w:val")) == "1"
        assert num_pr.find(qn("w:ilvl")).get(qn("w:val")) == ilvl


def test_header_and_page_x_of_y_footer_fields(written):
    document = docx.Document(io.BytesIO(written))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Oak & Ash Primary School"
    footer = section.footer._element
    assert field_instructions(footer) == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[-1].text == "Page 1 of 1"  # the cached results


def test_core_and_custom_properties(written):
    properties = docx.Document(io.BytesIO(written)).core_properties
    assert properties.title == "Staff Social Media Policy"
    assert properties.author == "Oak & Ash Primary School"
    assert properties.version == "2.1"
    assert properties.keywords == "social media; staff"
    assert properties.created == STAMP.replace(tzinfo=None) or properties.created == STAMP
    assert properties.modified.replace(tzinfo=None) == STAMP.replace(tzinfo=None)
    custom = _part(written, "docProps/custom.xml")
    assert [p.get("name") for p in custom] == ["Template"]


def test_cover_table_and_body_table_are_word_tables(written):
    tables = docx.Document(io.BytesIO(written)).tables
    assert [[c.text for c in row.cells] for row in tables[0].rows] == [
        ["Approved by", "Full governing board"],
        ["Next review", "21 March 2026"],
    ]
    assert [[c.text for c in row.cells] for row in tables[1].rows] == [["Role", "Name"], ["DSL", "A. Example"]]


def test_same_input_and_timestamp_give_identical_bytes(written):
    again = document_to_docx(sample_document(), OPTIONS)
    assert again == written
    later = document_to_docx(sample_document(), DocxWriteOptions(timestamp=STAMP + dt.timedelta(days=1)))
    assert later != document_to_docx(sample_document(), DocxWriteOptions(timestamp=STAMP))
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(2025, 3, 21, 9, 30, 0)}


def test_source_date_epoch_is_the_default_timestamp(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(STAMP.timestamp())))
    assert document_to_docx(sample_document(), DocxWriteOptions()) == document_to_docx(
        sample_document(), DocxWriteOptions(timestamp=STAMP)
    )


def test_page_break_between_top_level_clauses():
    data = document_to_docx(sample_document(), DocxWriteOptions(page_break_between_top_level=True, timestamp=STAMP))
    body = _part(data, "word/document.xml")
    breaks = body.findall(f".//{qn('w:pageBreakBefore')}")
    assert len(breaks) == len(sample_document().clauses) - 1


# --- the numbering plan ------------------------------------------------------------


def _plan(numbers, scheme=None):
    items = [(str(i), n) for i, n in enumerate(numbers)]
    scheme = scheme or infer_scheme([n for n in numbers if n])
    plan = plan_numbering(items, scheme)
    return [plan.level_of(str(i)) for i in range(len(numbers))]


def test_plan_numbers_what_fits_and_types_the_rest():
    assert _plan(["1.", "1.1", "1.2", "1.2.1", "(a)", "(b)", "(i)", "2.", "2.1"]) == [0, 1, 1, 2, 3, 3, 4, 0, 1]
    # A gap, a repeat, a letter-numbered appendix and a roman section are typed.
    assert _plan(["1.", "1.1", "1.3", "1.1", "Appendix A", "I", "2."]) == [0, 1, None, None, None, None, 0]
    # A sub-clause before any clause of its parent cannot be counted to.
    assert _plan(["1.2", "1.", "1.1"]) == [None, 0, 1]


def test_scheme_follows_the_documents_own_punctuation():
    scheme = infer_scheme(["1", "1.1", "2", "2.1", "2.1.1", "a)", "b)", "ii."])
    # Top-level numbers always print "1."; a label without the full stop still fits.
    assert scheme.level_texts == ("%1.", "%1.%2", "%1.%2.%3", "%4)", "%5.")
    assert _plan(["1", "1.1", "a)", "b)"], scheme) == [0, 1, 3, 3]
    dotted = infer_scheme(["1.", "1.1.", "1.2.", "1.2.1."])
    assert dotted.level_texts[:3] == ("%1.", "%1.%2.", "%1.%2.%3.")


def test_letter_counter_restarts_under_each_clause_but_not_across_plain_paragraphs():
    # Lists under two numbered clauses both start at (a).
    assert _plan(["1.", "1.1", "(a)", "(b)", "1.2", "(a)"]) == [0, 1, 3, 3, 1, 3]
    # Word would continue a list after an unnumbered paragraph, so a restart is typed.
    assert _plan(["1.", "(a)", "(b)", None, "(a)"]) == [0, 3, 3, None, None]


# An independent reading of what Word prints: counters per level of numId 1, each
# level restarting after any shallower one, formatted through the level texts.
def _word_numbers(data: bytes) -> list[str | None]:
    numbering = _part(data, "word/numbering.xml")
    texts = {}
    for lvl in numbering.find(qn("w:abstractNum")).findall(qn("w:lvl")):
        texts[int(lvl.get(qn("w:ilvl")))] = (lvl.find(qn("w:lvlText")).get(qn("w:val")),
                                              lvl.find(qn("w:numFmt")).get(qn("w:val")))
    counters = [0] * 9
    out = []
    body = _part(data, "word/document.xml").find(qn("w:body"))
    for p in body.iter(qn("w:p")):
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None or num_pr.find(qn("w:numId")).get(qn("w:val")) != "1":
            # A typed number is the text before the paragraph's first tab.
            text = "".join("\t" if e.tag == qn("w:tab") else (e.text or "") for e in p.iter(qn("w:t"), qn("w:tab")))
            out.append(text.split("\t")[0] if "\t" in text else None)
            continue
        ilvl = int(num_pr.find(qn("w:ilvl")).get(qn("w:val")))
        counters[ilvl] += 1
        counters[ilvl + 1:] = [0] * (8 - ilvl)
        label, _ = texts[ilvl]
        for i in range(ilvl + 1):
            fmt = texts[i][1]
            value = counters[i]
            rendered = {"lowerLetter": chr(96 + value) if value else "?",
                        "lowerRoman": ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][value]
                        if value <= 10 else "?"}.get(fmt, str(value))
            label = label.replace(f"%{i + 1}", rendered)
        out.append(label)
    return out


_number_lists = st.lists(
    st.sampled_from(["1.", "2.", "3.", "1", "2", "1.1", "1.2", "2.1", "2.2", "1.1.1", "1.1.2", "2.1.1", "(a)", "(b)",
                     "(c)", "(i)", "(ii)", "Appendix A", None]),
    min_size=1,
    max_size=14,
)


@settings(max_examples=40, deadline=None)
@given(_number_lists)
def test_word_prints_exactly_the_model_numbers(numbers):
    clauses = tuple(C(f"k{i}", n, f"text {i}", 1) for i, n in enumerate(numbers))
    document = Document("p", "model", Metadata(), clauses)
    data = document_to_docx(document, DocxWriteOptions(title="", timestamp=STAMP, page_numbers=False))
    # What Word prints, less the full stop that ends a decimal label, is the model's number.
    def label(number):
        return number.rstrip(".") if number and number[0].isdigit() else number

    assert [label(n) for n in _word_numbers(data)] == [label(n) for n in numbers]


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) and poppler (pdftotext) are needed to lay the document out")
def test_libreoffice_lays_out_the_automatic_numbers(written):
    pdf = docx_to_pdf(written, name="policy")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    text = text.decode("utf-8")
    for number in ("6.", "6.2", "6.2.1", "6.2.2", "(a)", "(b)", "(i)", "Appendix A", "Page 1 of"):
        assert number in text, number
    assert "6.2.1" in text and "keep personal accounts private;" in text.split("6.2.1", 1)[1][:80]
    assert "Oak & Ash Primary School" in text


# --- any Document at all ---------------------------------------------------------------

_texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_numbers = st.one_of(st.none(), st.sampled_from(["1", "1.", "2", "1.1", "1.2", "2.1", "1.1.1", "(a)", "(b)", "a)",
                                                  "(i)", "(ii)", "I", "Appendix A", "A.1", "7.3.2.1"]))


@st.composite
def _clause_trees(draw, depth: int = 1):
    counter = draw(st.integers(0, 10**9))
    kind = draw(st.sampled_from(list(ClauseKind)))
    children = ()
    if depth < 4:
        children = tuple(draw(st.lists(_clause_trees(depth + 1), max_size=3)))
    rows = ()
    if kind is ClauseKind.TABLE:
        rows = tuple(tuple(draw(st.lists(_texts, min_size=1, max_size=3))) for _ in range(draw(st.integers(0, 3))))
    return Clause(f"k{depth}-{counter}", draw(_numbers), draw(st.one_of(st.none(), _texts)), draw(_texts), depth,
                  kind, children, rows=rows)


def _unique_ids(clauses):
    seen = iter(range(10**6))

    def renumber(clause):
        return replace(clause, id=f"u{next(seen)}", children=tuple(renumber(c) for c in clause.children))

    return tuple(renumber(c) for c in clauses)


@settings(max_examples=40, deadline=None)
@given(st.lists(_clause_trees(), min_size=0, max_size=4), _texts)
def test_any_document_writes_a_file_python_docx_opens(clauses, school):
    document = Document("fuzz", "model", Metadata(school=MetaValue(school, school)), _unique_ids(clauses))
    data = document_to_docx(document, DocxWriteOptions(timestamp=STAMP, cover_rows=((school, school),),
                                                       footer_text=school))
    opened = docx.Document(io.BytesIO(data))
    assert len(opened.paragraphs) >= 1
    # Every clause's words are in the file, less the characters XML cannot hold.
    body = "\n".join(p.text for p in opened.paragraphs) + "\n".join(
        cell.text for table in opened.tables for row in table.rows for cell in row.cells)
    for clause in document.walk():
        # A table's text is its cells flattened; the cells themselves are written.
        source = " ".join(" ".join(row) for row in clause.rows) if clause.rows else clause.text
        for word in source.split():
            clean = xml_safe(word)
            if clean:
                assert clean in body
