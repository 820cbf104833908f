"""Policy type: the catalogue, recognition on constructed documents, the samples and the corpus."""

from __future__ import annotations

import json
import tomllib
from importlib import resources

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, corpus_dir, shared_dir

from toolkit.cli import main
from toolkit.model import Clause, ClauseKind, Document, Metadata, MetaValue
from toolkit.policy_types import (
    OTHER,
    classify_policy_type,
    policy_type_ids,
    policy_type_info,
    policy_type_source,
)

ISSUE_TYPES = [
    "child_protection_safeguarding", "behaviour", "anti_bullying", "complaints", "online_safety", "acceptable_use",
    "social_media", "data_protection", "freedom_of_information", "whistleblowing", "staff_code_of_conduct",
    "attendance", "send", "accessibility_plan", "admissions", "charging_remissions", "equality", "health_safety",
    "first_aid", "medical_conditions", "rse_health", "suspensions_exclusions", "staff_discipline_grievance",
    "teachers_pay", "other",
]


def doc(source, title=None, *clauses):
    metadata = Metadata(title=MetaValue(title, title)) if title else Metadata()
    built = tuple(
        Clause(f"c{i}", str(i), heading, text, 1, ClauseKind.CLAUSE) for i, (heading, text) in enumerate(clauses, 1)
    )
    return Document(source, "text", metadata, built)


def test_catalogue_has_the_issue_types_with_statutory_flags_cycles_and_source():
    assert policy_type_ids() == ISSUE_TYPES
    data = tomllib.loads((resources.files("toolkit") / "data" / "policy_types.toml").read_text("utf-8"))
    assert all(isinstance(t["statutory_maintained"], bool) and isinstance(t["statutory_academy"], bool) for t in data["types"])
    assert policy_type_source()["url"].startswith("https://www.gov.uk/")
    assert policy_type_info("accessibility_plan").review_months == 36
    assert policy_type_info("teachers_pay").statutory_maintained and not policy_type_info("teachers_pay").statutory_academy
    assert not policy_type_info("social_media").statutory_academy and not policy_type_info(OTHER).statutory_maintained


@pytest.mark.parametrize(
    "title, clauses, expected",
    [
        ("Procedure for handling complaints", [("Stage 1", "Speak to the class teacher.")], "complaints"),
        ("Positive Behaviour Policy", [("Rewards", "House points."), ("Sanctions", "Loss of break.")], "behaviour"),
        ("Anti-bullying policy", [], "anti_bullying"),
        ("E-Safety Policy", [], "online_safety"),
        ("Safeguarding and Child Protection Policy", [], "child_protection_safeguarding"),
        ("Whistle-blowing procedure", [], "whistleblowing"),
        ("Policy for Supporting Pupils with Medical Conditions", [], "medical_conditions"),
        ("Relationships and Sex Education Policy", [], "rse_health"),
        ("Attendance and Punctuality Policy", [], "attendance"),
        ("Charging and Remissions Policy", [], "charging_remissions"),
        ("Accessibility Plan 2024-2027", [], "accessibility_plan"),
        ("Teachers' Pay Policy", [], "teachers_pay"),
        ("Staff Code of Conduct", [], "staff_code_of_conduct"),
        ("Garden maintenance rota", [("Tools", "Return the spades.")], OTHER),
    ],
)
def test_titles_name_the_type_whatever_the_word_order_or_inflection(title, clauses, expected):
    result = classify_policy_type(doc("policy.txt", title, *clauses))
    assert result.id == expected, result
    if expected != OTHER:
        assert result.evidence and result.evidence[0].kind == "title" and 0 < result.confidence <= 1


def test_without_a_title_the_file_name_then_headings_and_references_decide():
    assert classify_policy_type(doc("x/Complaints-Procedure-2019.pdf", None, (None, "Text."))).id == "complaints"
    body = [("Designated safeguarding lead", "The DSL is Ms A."), ("Types of abuse", "Neglect..."),
            (None, "We follow Keeping Children Safe in Education and the Children Act 1989."),
            ("Early help", "..."), ("Allegations against staff", "...")]
    result = classify_policy_type(doc("x/document.docx", None, *body))
    assert result.id == "child_protection_safeguarding"
    assert {e.kind for e in result.evidence} >= {"heading", "reference"}


def test_a_manual_touching_many_subjects_is_other():
    body = [("Personal data", "x"), ("Stage 1", "y"), ("Rewards", "z"), ("Fire safety", "w")]
    assert classify_policy_type(doc("manual.docx", "Procedures manual", *body)).id == OTHER


def test_every_sample_is_a_social_media_policy():
    from toolkit.readers import read_document

    for path in sorted(SAMPLES.glob("*.txt")):
        assert classify_policy_type(read_document(path)).id == "social_media", path.name


def test_parse_json_shows_policy_type_after_the_existing_keys(tmp_path):
    path = sorted(SAMPLES.glob("*.txt"))[0]
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # The original keys keep their order; added keys (citations, policy_type) follow them.
    assert list(data)[:6] == ["schema", "source", "title", "metadata", "furniture", "clauses"]
    assert "policy_type" in list(data)[6:]
    assert data["schema"] == "policykit.document/1"
    assert data["policy_type"]["id"] == "social_media" and data["policy_type"]["evidence"]
    assert set(data["policy_type"]) >= {"id", "label", "confidence", "evidence", "statutory_academy", "review_months"}


# Labelled by reading each document's title page and contents (not from the program's output).
CORPUS_TYPES = {
    "decoy-primary/2018-online-safety-policy.pdf": "online_safety",
    "decoy-primary/Online-Safety-Policy-2016.pdf": "online_safety",
    "decoy-primary/2019-anti-bullying-policy.pdf": "anti_bullying",
    "decoy-primary/Anti-Bullying-Policy-2018.pdf": "anti_bullying",
    "decoy-primary/Complaints-Procedure-2016.pdf": "complaints",
    "decoy-primary/Complaints-Procedure-2019.pdf": "complaints",
    "decoy-primary/2020-whistleblowing-policy.pdf": "whistleblowing",
    "decoy-primary/Whistleblowing-Policy.pdf": "whistleblowing",
    "eegg-nursery/safeguarding.rst.txt": "child_protection_safeguarding",
    "eegg-nursery/safeguarding_v2010-05-28.rst.txt": "child_protection_safeguarding",
    "eegg-nursery/staff-handbook-internet-access.rst.txt": "acceptable_use",
    "newstead-preschool/complaints_2013-08-22.md": "complaints",
    "newstead-preschool/complaints_2013-09-02.md": "complaints",
    "newstead-preschool/equal_opportunities.md": "equality",
    "newstead-preschool/managing_behaviours_2013-08-22.md": "behaviour",
    "newstead-preschool/managing_behaviours_2013-09-02.md": "behaviour",
    "newstead-preschool/managing_behaviours_2015-01-08.md": "behaviour",
    "newstead-preschool/mobile_phones_and_cameras.md": "acceptable_use",
    "newstead-preschool/safeguarding_children_2013-09-02.md": "child_protection_safeguarding",
    "newstead-preschool/safeguarding_children_2015-01-08.md": "child_protection_safeguarding",
    "newstead-preschool/special_educational_needs.md": "send",
    "newstead-preschool/whistleblowing.md": "whistleblowing",
    "positive-progress-docx/pp_behaviour_parents.docx": "behaviour",
    "positive-progress-docx/pp_child_protection.docx": "child_protection_safeguarding",
    "positive-progress-docx/pp_code_of_conduct.docx": "staff_code_of_conduct",
    "positive-progress-docx/pp_data_protection_gdpr.docx": "data_protection",
    "positive-progress-docx/pp_equal_opps.docx": "equality",
    "positive-progress-docx/pp_esafety.docx": "online_safety",
    "positive-progress-docx/pp_health_safety.docx": "health_safety",
    "positive-progress-docx/pp_operational.docx": OTHER,
    "positive-progress-docx/pp_procedures_manual.docx": OTHER,
    "positive-progress-docx/pp_safeguarding_cyp.docx": "child_protection_safeguarding",
    "positive-progress-docx/pp_smoking_alcohol_drugs.docx": OTHER,
    "positive-progress-docx/pp_tuition_terms.docx": OTHER,
    "wholistic-fostering/social-media.md": "social_media",
    "wholistic-fostering/social-media-use.md": "social_media",
}


def test_corpus_policy_types_agree_with_reading(capsys):
    if shared_dir() is None:
        pytest.skip("../shared/corpus is not here")
    from toolkit.readers import read_document

    agree, wrong = 0, []
    for relative, expected in CORPUS_TYPES.items():
        folder, name = relative.split("/")
        path = corpus_dir(folder) / name
        found = classify_policy_type(read_document(path)).id
        agree += found == expected
        if found != expected:
            wrong.append(f"{relative}: read {expected}, classifier {found}")
    with capsys.disabled():
        print(f"\npolicy type agreement on the corpus: {agree}/{len(CORPUS_TYPES)}", *wrong, sep="\n  ")
    assert agree / len(CORPUS_TYPES) >= 0.95, wrong
