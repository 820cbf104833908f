"""Cover pages of real school PDFs: title, school and approval read from what the page shows.

Expectations come from looking at page 1 of each PDF (pdftoppm) and its footer.
Skips when ../shared/corpus is absent.
"""

from __future__ import annotations

import pytest
from conftest import corpus_dir

from toolkit.readers import read_document

CASES = {
    # Cover: school name, then the title; footer: "Agreed L&WC 19 September 2016",
    # "Ratified BoG 17 October 2016".
    "Complaints-Procedure-2016.pdf": {
        "title": "Complaints Procedure",
        "school": "Decoy Community Primary School",
        "approved": "2016-10-17",
        "approved_by": "BoG",
    },
    # A cover table: title row, then DATE OF REVIEW / DATE OF NEXT REVIEW / TO BE REVIEWED BY.
    "2020-whistleblowing-policy.pdf": {
        "title": "Whistleblowing Policy",
        "last_review": "2020-03",
        "next_review": "2021-03",
    },
    "Anti-Bullying-Policy-2018.pdf": {
        "title": "Anti-Bullying Policy",
        "approved": "2018-09",
        "next_review": "2019-09",
        "approved_by": "Full Governing Board",
    },
    # School name as the top heading, the title under it in a smaller size.
    "Whistleblowing-Policy.pdf": {"title": "Whistleblowing Policy", "school": "Decoy Community Primary School"},
    "Online-Safety-Policy-2016.pdf": {"title": "Online Safety Policy", "last_review": "2016-01"},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_cover_page_metadata(name):
    document = read_document(corpus_dir("decoy-primary") / name)
    for field, expected in CASES[name].items():
        value = document.metadata.get(field)
        assert value is not None and value.json_value == expected, (field, value)


def test_contents_page_without_page_numbers_is_furniture():
    document = read_document(corpus_dir("decoy-primary") / "2018-online-safety-policy.pdf")
    contents = [item.text for item in document.furniture if item.kind.value == "contents"]
    assert contents[0] == "Contents" and "Glossary of Terms" in contents
    headings = [clause.heading for clause in document.walk() if clause.heading]
    assert "Contents" not in headings
