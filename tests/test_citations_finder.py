"""The citation finder: every alias form, years beside names, tables, footers, back-references."""

from __future__ import annotations

import pytest
from _citations_util import clause, document, footer

from toolkit.citations import find_citations
from toolkit.model import ClauseKind


def found(*texts: str) -> list[tuple[str, int | None]]:
    return [(c.instrument, c.year) for c in find_citations(document(*texts))]


@pytest.mark.parametrize(("text", "expected"), [
    ("Staff read Keeping Children Safe in Education 2019 every year.", ("kcsie", 2019)),
    ("Staff read keeping children safe in education 2019.", ("kcsie", 2019)),
    ("All staff have read KCSIE 2019.", ("kcsie", 2019)),
    ("All staff have read KCSiE 2019.", ("kcsie", 2019)),
    ("See Keeping Children Safe in Education (September 2019).", ("kcsie", 2019)),
    ("See Keeping Children Safe in Education: statutory guidance for schools and colleges (September 2019).",
     ("kcsie", 2019)),
    ("See DfE (2019) Keeping Children Safe in Education for the detail.", ("kcsie", 2019)),
    ("We follow the 2019 KCSIE guidance.", ("kcsie", 2019)),
    ("We follow WTSC 2018.", ("wtsc", 2018)),
    ("We follow Working Together 2018.", ("wtsc", 2018)),
    ("We follow Working Together to Safeguard Children (2018).", ("wtsc", 2018)),
    ("We follow Working Together to Safeguard Children (HM Government, July 2018).", ("wtsc", 2018)),
    ("Records are kept under the DPA 1998.", ("dpa", 1998)),
    ("Records are kept under the Data Protection Act (1998).", ("dpa", 1998)),
    ("Records are kept under the Data Protection Act (DPA) 2018.", ("dpa", 2018)),
    ("Pupils are protected by the Children Act (1989 s47).", ("children_act", 1989)),
    ("Referrals follow What to do if you’re worried a child is being abused (HMG 2006).", ("what_to_do", 2006)),
    ("The SEND Code of Practice 2015 applies.", ("send_code", 2015)),
    ("We have regard to the Prevent duty guidance (2023).", ("prevent", 2023)),
    ("Searching, screening and confiscation (July 2022) sets out the powers.", ("ssc", 2022)),
    ("See Behaviour in Schools 2024 for mobile phones.", ("behaviour", 2024)),
    ("We follow Working together to improve school attendance (2024).", ("attendance", 2024)),
    (("Teaching follows the Relationships Education, Relationships and Sex Education (RSE) and Health Education "
     "guidance 2019."), ("rse", 2019)),
    ("The Online Safety Act 2023 places duties on platforms.", ("online_safety_act", 2023)),
    ("Sexual violence and sexual harassment between children in schools and colleges (2018) applies.",
     ("svsh", 2018)),
    ("Guidance for Safer Working Practice (2019) sets the standard.", ("gswp", 2019)),
    ("The Education Act 2002 s.175 places a duty on governing bodies.", ("education_act", 2002)),
    ("Keeping Children Safe in Education (KCSIE) 2023 is read by all staff.", ("kcsie", 2023)),
    ("Keeping Children Safe in Education (DfE, 2023) is read by all staff.", ("kcsie", 2023)),
    ("Keeping Children Safe in Education – Sept 2023 is read by all staff.", ("kcsie", 2023)),
    ("See Working Together to Safeguard Children (HM Government 2018).", ("wtsc", 2018)),
    ("See the Education Act 1996, 2002 and 2011.", ("education_act", 2002)),
])
def test_each_alias_form_is_found_with_its_edition_year(text: str, expected: tuple[str, int]) -> None:
    assert expected in found(text)


def test_a_name_without_a_year_is_a_citation_with_no_edition() -> None:
    assert found("Staff follow Keeping Children Safe in Education.") == [("kcsie", None)]
    assert found("We comply with the GDPR.") == [("gdpr", None)]


def test_the_1998_act_after_a_full_citation_points_back_to_it() -> None:
    citations = find_citations(document(
        "Personal data is handled under the Data Protection Act 1998.",
        "Under the 1998 Act, pupils may ask to see their records.",
    ))
    assert [(c.instrument, c.year, c.via) for c in citations] == [
        ("dpa", 1998, "name"), ("dpa", 1998, "back-reference")]
    assert citations[1].clause_number == "2"


def test_the_1998_act_with_nothing_cited_before_is_not_a_citation() -> None:
    assert found("Under the 1998 Act, pupils may ask to see their records.") == []


def test_a_year_only_reference_to_guidance_points_back_to_the_guidance() -> None:
    assert found("KCSIE 2021 replaces the 2020 guidance.") == [("kcsie", 2021), ("kcsie", 2020)]


@pytest.mark.parametrize("text", [
    "Everybody has the responsibility of working together to stop bullying.",
    "Working Together is important to us.",  # capitalised phrase, no year: not the title
    "Part 2 of the Education Act 2011 gives staff powers to search.",  # an Act not in the register
    "Contrary to the Protection of Children Act 1978.",
    "a safe culture, including sexual violence and sexual harassment between children in school",
    "good behaviour in schools matters",
])
def test_phrases_that_are_not_citations_are_not_found(text: str) -> None:
    assert found(text) == []


def test_two_acts_of_one_name_listed_together() -> None:
    assert found("See the Children Act 1989, 2004.") == [("children_act", 1989), ("children_act", 2004)]


def test_a_year_beside_the_next_name_is_not_taken() -> None:
    assert found("We follow Working Together to Safeguard Children and KCSIE 2022.") == [
        ("wtsc", None), ("kcsie", 2022)]


def test_an_abbreviation_in_brackets_before_the_year_is_one_citation() -> None:
    assert found("We comply with the General Data Protection Regulations (GDPR) 2016.") == [("gdpr", 2016)]


def test_a_table_row_citation_takes_the_year_from_the_next_cell_and_keeps_clause_and_page() -> None:
    table = clause("", number="Appendix B", page=7, index=3, kind=ClauseKind.TABLE, rows=(
        ("Document", "Year"), ("Working Together to Safeguard Children", "2015"), ("Data Protection Act", "1998")))
    citations = find_citations(document(clauses=(table,)))
    assert [(c.instrument, c.year) for c in citations] == [("wtsc", 2015), ("dpa", 1998)]
    assert {(c.clause_id, c.clause_number, c.page, c.location) for c in citations} == {
        ("c3", "Appendix B", 7, "table")}


def test_a_footnote_citation_is_found_once_with_its_page() -> None:
    doc = document("Staff must follow the statutory guidance.¹",
                   furniture=(footer("¹ Keeping Children Safe in Education (September 2022), DfE", 3),
                              footer("¹ Keeping Children Safe in Education (September 2022), DfE", 4)))
    citations = find_citations(doc)
    assert [(c.instrument, c.year, c.location, c.page, c.clause_id) for c in citations] == [
        ("kcsie", 2022, "furniture", 3, None)]
    assert "page 3" in citations[0].where


def test_each_citation_keeps_its_clause_id_number_and_page() -> None:
    citations = find_citations(document("Intro text.", "Staff read KCSIE 2023 Part one."))
    assert [(c.clause_id, c.clause_number, c.page) for c in citations] == [("c1", "2", 1)]
    assert citations[0].where == "clause 2 (page 1)"


@pytest.mark.parametrize("text", [
    "This policy replaces the one written under KCSIE 2018.",
    "Changes since KCSIE 2018 are listed in the appendix.",
    "The previous edition, KCSIE 2019, has been withdrawn.",
    "KCSIE 2019 has been replaced by KCSIE 2020.",
    "The Data Protection Act 2018 replaced the Data Protection Act 1998.",
])
def test_a_sentence_about_a_past_edition_marks_it_historical(text: str) -> None:
    citations = find_citations(document(text))
    old = [c for c in citations if c.year in (2018, 2019, 1998) and not (c.instrument == "dpa" and c.year == 2018)]
    assert old and all(c.historical for c in old)


def test_an_unrelated_word_earlier_in_the_sentence_does_not_make_it_historical() -> None:
    citations = find_citations(document("Pupils who are 16 years old are covered by KCSIE 2019."))
    assert [c.historical for c in citations] == [False]


def test_a_plain_citation_is_not_historical() -> None:
    citations = find_citations(document("Staff must follow KCSIE 2019 and the Data Protection Act 1998 amended 2018."))
    assert [c.historical for c in citations] == [False, False]
