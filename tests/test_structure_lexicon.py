"""The shared lexicon: positive and negative cases for every pattern readers share,
and the same answer from every format for the same printed line."""

from __future__ import annotations

import pytest
from _readers_build import new_document, save_with_parts

from toolkit.model import FurnitureKind
from toolkit.readers import read_document
from toolkit.structure import lexicon

PAGE_NUMBERS = ["7", "- 3 -", "– 12 –", "Page 2", "Page 2 of 9", "page 10 of 12", "2/9", "iv", "XII", " 4 "]
NOT_PAGE_NUMBERS = ["", "Civil", "mix", "Page", "12 pupils", "3.1", "iiii", "Version 2", "vi.", "2022-2023"]


@pytest.mark.parametrize("text", PAGE_NUMBERS)
def test_page_numbers(text):
    assert lexicon.is_page_number(text)


@pytest.mark.parametrize("text", NOT_PAGE_NUMBERS)
def test_not_page_numbers(text):
    assert not lexicon.is_page_number(text)


@pytest.mark.parametrize("glyph", ["•", "-", "▪", "o", "\uf0b7", "\uf0a7", "➢", "✓", "○", "*"])
def test_bullet_glyphs(glyph):
    assert lexicon.is_bullet_glyph(glyph)
    assert lexicon.BULLET_PREFIX.match(f"{glyph} Staff must")


@pytest.mark.parametrize("text", ["a", "O", "1", "oak", "(", "••"])
def test_not_bullet_glyphs(text):
    assert not lexicon.is_bullet_glyph(text)
    assert not lexicon.BULLET_PREFIX.match(f"{text}Staff")


@pytest.mark.parametrize("token", ["4.2", "7.", "1.2.3.4", "a)", "(b)", "c.", "iv.", "(xi)", "(12)", "IX)"])
def test_label_tokens(token):
    assert lexicon.LABEL_TOKEN.match(token)


@pytest.mark.parametrize("token", ["4.2a", "civil.", "(abc)", "1,000", "2022-23", "mix)"])
def test_not_label_tokens(token):
    assert not lexicon.LABEL_TOKEN.match(token)


@pytest.mark.parametrize("text", ["v. Staff", "(vi) Staff", "A1. Overview", "B12 Scope", "A.3 Roles"])
def test_typed_labels(text):
    assert lexicon.TYPED_LABEL.match(text)


@pytest.mark.parametrize("text", ["Very well", "vi Staff", "AB1. x", "The School"])
def test_not_typed_labels(text):
    assert not lexicon.TYPED_LABEL.match(text)


@pytest.mark.parametrize(
    "label, field",
    [
        ("Date of next review", "next_review"), ("DATE OF ADOPTION", "approved"), ("Ratified", "approved"),
        ("To be ratified by", "approved_by"), ("Date Approved by Governors", "approved"), ("Review date", "review"),
        ("Review Cycle", "review_cycle"), ("adpoted_date", "approved"), ("lastUpdated", "last_review"),
        ("signed-by-name", "approved_by"), ("Next Review:", "next_review"),
    ],
)
def test_metadata_keys(label, field):
    assert lexicon.field_for_key(label) == field


@pytest.mark.parametrize("label", ["Purpose", "Date", "Signed", "Scope of this policy", "Dates of term"])
def test_not_metadata_keys(label):
    assert lexicon.field_for_key(label) is None


@pytest.mark.parametrize("text", ["Online Safety Policy", "Complaints Procedure", "Code of Conduct for staff", "Policies Handbook"])
def test_title_words(text):
    assert lexicon.TITLE_WORDS.search(text)


@pytest.mark.parametrize("text", ["Oak Tree Primary School", "Newstead Road Pre-School", "Decoy Academy Trust", "Wholistic Fostering"])
def test_organisation_words(text):
    assert lexicon.ORG_WORDS.search(text) and not lexicon.TITLE_WORDS.search(text)


@pytest.mark.parametrize(
    "text", ["17 October 2016", "4th February 2013", "23/07/2020", "01.01.23", "2023-01-01", "September 2018", "September2018", "Spring Term 2023"]
)
def test_dates(text):
    assert lexicon.DATE.fullmatch(text)


@pytest.mark.parametrize("text", ["2 Years", "Section 3.1", "Mayor 2020s", "12 pupils"])
def test_not_dates(text):
    assert not lexicon.DATE.fullmatch(text)


@pytest.mark.parametrize("text, years", [("2 Years", 2), ("annually", 1), ("every three years", 3), ("Termly", None)])
def test_review_cycles(text, years):
    assert lexicon.cycle_years(text) == years


@pytest.mark.parametrize("page_line", ["- 3 -", "iv"])
def test_page_number_lines_are_page_numbers_in_every_format(tmp_path, page_line):
    body = "Staff must keep pupils safe at all times and report every concern to the lead."
    text_file = tmp_path / "policy.txt"
    text_file.write_text(f"Safety Policy\n\n{body}\n\n{page_line}\n\n{body}\n", encoding="utf-8")
    kinds = {item.text: item.kind for item in read_document(text_file).furniture}
    assert kinds.get(page_line) is FurnitureKind.PAGE_NUMBER

    word = new_document()
    word.sections[0].footer.paragraphs[0].text = page_line
    word.add_paragraph(body)
    path = save_with_parts(word, tmp_path / "policy.docx")
    kinds = {item.text: item.kind for item in read_document(path).furniture}
    assert kinds.get(page_line) is FurnitureKind.PAGE_NUMBER
