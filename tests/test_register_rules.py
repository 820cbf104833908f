"""The register's rules, one at a time: overdue by next review or by the type's cycle,
school names that match their folder or not, the mapping file's checks."""

from __future__ import annotations

import datetime as dt

import pytest

from toolkit.dates import parse_date
from toolkit.errors import InputError
from toolkit.model import Clause, ClauseKind, Document, Metadata, MetaValue
from toolkit.trust import compare_policies, governance_of, load_mapping
from toolkit.trust.report import review_status
from toolkit.trust.schools import SchoolInfo, same_school

AS_OF = dt.date(2024, 9, 1)


def document(title: str, **dates: str) -> Document:
    fields = {"title": MetaValue(title, title)}
    for name, raw in dates.items():
        fields[name] = MetaValue(raw, parse_date(raw))
    clause = Clause("c1", "1", None, "Text.", 1, ClauseKind.CLAUSE)
    return Document("x/policy.txt", "text", Metadata(**fields), (clause,))


@pytest.mark.parametrize(
    "type_id, dates, overdue, words",
    [
        ("complaints", {"next_review": "July 2024"}, True, "next review July 2024 passed"),
        ("complaints", {"next_review": "September 2024"}, False, "not yet due"),  # the latest day is 30 Sept
        ("complaints", {"approved": "1 June 2023"}, True, "older than the 12-month review cycle"),
        ("complaints", {"approved": "1 October 2023"}, False, "newer than the 12-month"),
        ("accessibility_plan", {"approved": "1 October 2022"}, False, "36-month"),  # every three years
        ("accessibility_plan", {"approved": "1 June 2021"}, True, "36-month"),
        ("complaints", {"approved": "1 June 2020", "last_review": "1 January 2024"}, False, "last reviewed"),
        ("complaints", {}, None, "no review or approval date"),
        # A year at the calendar's end (fuzz case 1108 of seed 47 crashed adding 12 months).
        ("complaints", {"approved": "1 December 9999"}, False, "newer than the 12-month"),
    ],
)
def test_overdue_by_next_review_or_by_the_types_review_cycle(type_id, dates, overdue, words):
    doc = document("Policy", **dates)
    status = review_status(governance_of(doc, AS_OF), doc, type_id, AS_OF)
    assert status.overdue is overdue and words in status.reason, status


def test_register_cell_takes_the_newest_document_of_a_type():
    old = document("Complaints Procedure", approved="1 March 2019", next_review="March 2020")
    new = document("Complaints Procedure", approved="1 March 2024", next_review="March 2025")
    old = Document("trust/a/complaints-2019.txt", "text", old.metadata, old.clauses)
    new = Document("trust/a/complaints-2024.txt", "text", new.metadata, new.clauses)
    report = compare_policies([old, new], as_of=AS_OF)
    row = report.schools[0]
    cell = report.cell(row.id, "complaints")
    assert cell.current.id == "complaints-2024.txt" and cell.status == "present" and len(cell.documents) == 2


@pytest.mark.parametrize(
    "printed, same",
    [
        ("Oakfield Primary School", True),
        ("Oakfield Primary Academy", True),
        ("OAKFIELD", True),
        ("The School", True),  # says nothing either way
        ("Riverside Junior School", False),
        ("Decoy Community Primary School", False),
    ],
)
def test_document_school_names_against_the_folder_school(printed, same):
    school = SchoolInfo("oakfield", "Oakfield Primary School", "academy", "trust/oakfield")
    assert same_school(printed, school) is same


def test_aliases_in_the_mapping_count_as_the_same_school():
    school = SchoolInfo("st-marys", "St Mary's C of E Primary", "maintained", None, ("Marygate Federation",))
    assert same_school("Marygate Federation", school)


@pytest.mark.parametrize(
    "body, message",
    [
        ('[schools.a]\nname = "A"\ncolour = "red"\n', "unknown key 'colour'"),
        ('[schools.a]\ntype = "free"\n', "must be 'academy' or 'maintained'"),
        ('[school.a]\nname = "A"\n', "unknown table 'school'"),
        ('[schools.a]\naliases = "A"\n', "aliases must be a list"),
        ("[schools.a\n", "not valid TOML"),
    ],
)
def test_mapping_file_mistakes_name_the_file_and_the_key(tmp_path, body, message):
    path = tmp_path / "schools.toml"
    path.write_text(body, "utf-8")
    with pytest.raises(InputError) as caught:
        load_mapping(path)
    assert message in str(caught.value) and str(path) in str(caught.value)
