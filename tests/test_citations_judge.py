"""Judging citations against a date: stale, current, historical, boundary days, the date used."""

from __future__ import annotations

import datetime as dt

import pytest
from _citations_util import document

from toolkit.citations import (
    CURRENT,
    HISTORICAL,
    NOT_STATED,
    NOT_YET,
    STALE,
    approval_date,
    citation_updates,
    has_stale,
    judge,
)

TODAY = dt.date(2026, 11, 29)


def only(doc, as_of=None):
    findings = judge(doc, as_of, today=TODAY)
    assert len(findings) == 1, findings
    return findings[0]


@pytest.mark.parametrize(("day", "status"), [
    (dt.date(2021, 8, 31), CURRENT),  # the last day KCSIE 2020 applied
    (dt.date(2021, 9, 1), STALE),  # KCSIE 2021 in force from this day
])
def test_kcsie_edition_change_on_the_boundary_day(day: dt.date, status: str) -> None:
    finding = only(document("Staff follow KCSIE 2020."), day)
    assert finding.status == status
    if status == STALE:
        assert finding.applied_then is not None and finding.applied_then.label == "KCSIE 2021"
        assert finding.applied_then.start == dt.date(2021, 9, 1)
        assert "1 September 2021" in finding.reason
    else:
        assert finding.applied_then is not None and finding.applied_then.label == "KCSIE 2020"


@pytest.mark.parametrize(("day", "status"), [(dt.date(2018, 5, 24), CURRENT), (dt.date(2018, 5, 25), STALE)])
def test_repeal_of_the_data_protection_act_1998_on_the_boundary_day(day: dt.date, status: str) -> None:
    finding = only(document("Records are kept under the Data Protection Act 1998."), day)
    assert finding.status == status
    assert finding.applies_now is not None and finding.applies_now.label == "Data Protection Act 2018"


def test_a_stale_finding_names_what_applied_then_and_since_when_and_what_applies_now() -> None:
    finding = only(document("See Working Together to Safeguard Children 2015.", approved="May 2019"))
    assert finding.status == STALE
    assert finding.as_of.basis == "approval" and finding.as_of.date == dt.date(2019, 5, 31)
    assert finding.applied_then.describe() == "Working Together 2018, in force since 4 July 2018"
    assert finding.applies_now.label == "Working Together 2023"


def test_a_historical_mention_is_never_stale() -> None:
    doc = document("This policy replaces the version written for KCSIE 2018.",
                   "Changes since KCSIE 2019 are listed below.", approved="1 October 2023")
    findings = judge(doc, today=TODAY)
    assert [f.status for f in findings] == [HISTORICAL, HISTORICAL]
    assert not has_stale(doc, today=TODAY)


def test_a_citation_without_a_year_is_not_stale() -> None:
    finding = only(document("Staff follow Keeping Children Safe in Education.", approved="1 October 2023"))
    assert finding.status == NOT_STATED
    assert finding.applied_then.label == "KCSIE 2023"


def test_a_citation_without_a_year_of_withdrawn_guidance_is_stale() -> None:
    finding = only(document("See Sexual violence and sexual harassment between children in schools and colleges.",
                            approved="1 October 2022"))
    assert finding.status == STALE
    assert finding.applied_then.label == "KCSIE 2022"


def test_a_repealed_act_is_stale_and_names_its_replacement() -> None:
    finding = only(document("We comply with the Race Relations (Amendment) Act 2000."), dt.date(2012, 1, 1))
    assert finding.status == STALE
    assert finding.applied_then.label == "Equality Act 2010"


def test_an_edition_not_yet_in_force_on_the_approval_day_is_not_stale() -> None:
    finding = only(document("Staff have read KCSIE 2018."), dt.date(2018, 6, 1))
    assert finding.status == NOT_YET


def test_current_then_but_superseded_since_is_flagged_separately() -> None:
    finding = only(document("Staff follow KCSIE 2019."), dt.date(2019, 10, 1))
    assert finding.status == CURRENT and finding.superseded_since
    assert finding.applies_now.label == "KCSIE 2025"


def test_the_date_used_falls_back_from_approval_to_review_to_today() -> None:
    assert approval_date(document("x", approved="12/03/2021", last_review="2020"), TODAY).basis == "approval"
    review = approval_date(document("x", last_review="March 2020"), TODAY)
    assert (review.basis, review.date) == ("last review", dt.date(2020, 3, 31))
    assert approval_date(document("x"), TODAY) == approval_date(document("x"), TODAY)
    fallback = approval_date(document("Nothing dated here."), TODAY)
    assert (fallback.basis, fallback.date) == ("today", TODAY)
    assert "no approval or review date" in fallback.describe()


def test_a_labelled_date_on_the_cover_is_used_when_there_is_no_metadata() -> None:
    found = approval_date(document("Child Protection Policy", "Review Date: 1st January 2024", "Text."), TODAY)
    assert (found.basis, found.date) == ("review", dt.date(2024, 1, 1))


def test_has_stale() -> None:
    assert has_stale(document("Records are kept under the DPA 1998.", approved="October 2020"), today=TODAY)
    assert not has_stale(document("Records are kept under the DPA 2018.", approved="October 2020"), today=TODAY)


def test_citation_updates_for_the_governors_diff() -> None:
    old = document("Staff read KCSIE 2019.", "Data is kept under the Data Protection Act 1998.",
                   "We comply with the Race Relations (Amendment) Act 2000.")
    new = document("Staff read KCSIE 2020.", "Data is kept under the Data Protection Act 2018.",
                   "We comply with the Equality Act 2010.")
    assert citation_updates(old, new) == [
        "KCSIE 2019 → KCSIE 2020",
        "Data Protection Act 1998 → Data Protection Act 2018",
        "Race Relations (Amendment) Act 2000 → Equality Act 2010",
    ]
    assert citation_updates(new, new) == []
    assert citation_updates(new, old) == []  # going back is not an update
