"""The five real sample policies read as a person reads them.

Expectations here were written by reading each document, not by running the code.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from conftest import FIXTURES, SAMPLE_NAMES, sample

from toolkit import accounting
from toolkit.model import ClauseKind
from toolkit.readers import read_document
from toolkit.structure.rules import strip_markers

GOLDEN = FIXTURES / "structure"


def _golden(key: str) -> dict:
    return json.loads((GOLDEN / f"{key}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("key", sorted(SAMPLE_NAMES))
def test_clause_numbers_and_first_words_match_reading(key):
    document = read_document(sample(key))
    expected = _golden(key)
    got = [(clause.number, " ".join(accounting.words(clause.full_text)[:4])) for clause in document.walk()]
    want = [(number, first_words) for number, first_words in expected["clauses"]]
    assert got == want


@pytest.mark.parametrize("key", sorted(SAMPLE_NAMES))
def test_metadata_matches_reading(key):
    document = read_document(sample(key))
    expected = _golden(key)["metadata"]
    for field, value in expected.items():
        meta = document.metadata.get(field)
        assert meta is not None, field
        assert meta.json_value == value, field


@pytest.mark.parametrize("key", sorted(SAMPLE_NAMES))
def test_every_word_is_accounted_for_exactly_once(key):
    path = sample(key)
    document = read_document(path)
    # List markers ("-", "•", Word's "o") are formatting, not words.
    lines = path.read_text(encoding="utf-8").split("\n")
    source = Counter(word for line in lines for word in accounting.words(strip_markers(line).text))
    lost, invented = accounting.unaccounted(source, document)
    assert not lost, f"words lost: {dict(lost)}"
    assert not invented, f"words invented: {dict(invented)}"


@pytest.mark.parametrize("key", sorted(SAMPLE_NAMES))
def test_clause_ids_are_unique(key):
    ids = [clause.id for clause in read_document(sample(key)).walk()]
    assert len(ids) == len(set(ids))


def test_south_end_running_header_is_furniture_not_text():
    document = read_document(sample("south-end"))
    header_lines = {"Issued:", "Supersedes:", "SOCIAL MEDIA POLICY", "Page 3 of 7", "FULL GOVERNING BODY"}
    for clause in document.walk():
        for line in header_lines:
            assert line not in clause.full_text
    furniture = [item.text for item in document.furniture]
    assert sum("Page" in text and "of 7" in text for text in furniture) == 7
    # Clauses know the page their header announced.
    handling_abuse = next(c for c in document.walk() if c.heading == "Handling abuse")
    assert handling_abuse.page == 7


def test_mowbray_contents_list_is_not_clauses():
    document = read_document(sample("mowbray"))
    contents = [item.text for item in document.furniture if item.kind.value == "contents"]
    assert contents[0] == "Contents"
    assert len(contents) == 17  # the heading and its 16 entries (8 sections, 8 sub-sections)
    texts = [clause.full_text for clause in document.walk()]
    assert not any("\t" in text and text.endswith(("3", "4", "5", "6", "7")) for text in texts)
    assert sum(1 for clause in document.walk() if clause.number == "1") == 1


def test_westhaven_duplicate_2_3_keeps_label_with_distinct_ids():
    document = read_document(sample("westhaven"))
    twins = [clause for clause in document.walk() if clause.number == "2.3"]
    assert len(twins) == 2
    assert twins[0].id != twins[1].id
    assert twins[0].text.startswith("In this Policy 'pupil'")
    assert twins[1].text.startswith("This Policy will be part of the Induction")


def test_westhaven_numbered_items_sit_inside_4_1_with_sub_bullets():
    document = read_document(sample("westhaven"))
    clause_4_1 = next(clause for clause in document.walk() if clause.number == "4.1")
    items = [child for child in clause_4_1.children if child.kind is ClauseKind.LIST_ITEM]
    assert [item.number for item in items] == [str(n) for n in range(1, 16)]
    item_7 = items[6]
    assert [child.text.split()[0] for child in item_7.children] == ["he/she", "he/she", "he/she"]


def test_westhaven_drafting_note_kept_and_marked():
    document = read_document(sample("westhaven"))
    section_5 = next(clause for clause in document.walk() if clause.number == "5.0")
    assert section_5.heading == "USE OF SCHOOL SITES, PAGES AND SPACES"
    note = section_5.children[0]
    assert note.kind is ClauseKind.DRAFTING_NOTE
    assert note.text.startswith("[include this Section only if relevant")


def test_hampshire_declaration_block_and_appendices():
    document = read_document(sample("hampshire"))
    declaration = [clause for clause in document.walk() if clause.kind is ClauseKind.DECLARATION]
    assert len(declaration) == 1
    assert "SIGNED:" in declaration[0].text and "DATE:" in declaration[0].text
    appendices = [clause for clause in document.clauses if (clause.number or "").startswith("Appendix")]
    assert [(a.number, a.heading) for a in appendices] == [
        ("Appendix I", "Legal and Policy Framework"),
        ("Appendix 2", "Staff Declaration"),
    ]


def test_cherry_trees_list_inside_section_8_does_not_become_sections():
    document = read_document(sample("cherry-trees"))
    top = [clause.number for clause in document.clauses]
    assert top == [str(n) for n in range(1, 15)] + ["Appendix A"]
    section_8 = document.clauses[7]
    lead_in = section_8.children[0]
    assert [item.number for item in lead_in.children] == [str(n) for n in range(1, 10)]


def test_numbers_that_are_not_clause_numbers_stay_text():
    document = read_document(sample("south-end"))
    assert all(clause.number is None for clause in document.walk())
    assert any(clause.text == "Defamation Acts 1952 and 1996" for clause in document.walk())
