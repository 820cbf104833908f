"""Topic catalogue validation and the explainable classifier, including accuracy on the samples."""

from __future__ import annotations

import tomllib

import pytest
from conftest import FIXTURES, SAMPLES

from toolkit.dates import PartialDate
from toolkit.errors import FileMissingError
from toolkit.model import Clause, ClauseKind, Document, Metadata, MetaValue
from toolkit.topics import (
    CatalogueError,
    TopicClassifier,
    builtin_catalogue,
    builtin_catalogues,
    load_catalogue,
    load_catalogue_file,
)

ISSUE_TOPIC_IDS = [
    "purpose", "scope", "legal-framework", "roles", "pupil-contact", "former-pupils-parents",
    "professional-conduct", "privacy-settings", "identifying-employer", "confidentiality",
    "data-protection", "images", "official-accounts", "safeguarding", "online-abuse-of-staff",
    "discrimination-harassment", "defamation-copyright", "political-views", "use-at-work",
    "monitoring", "media-contact", "breaches", "related-policies", "declaration", "review",
]


def clause(cid, text, *, number=None, heading=None, kind=ClauseKind.CLAUSE, children=(), level=1):
    return Clause(cid, number, heading, text, level, kind, tuple(children))


def doc(*clauses, metadata=None, source="policy.txt"):
    return Document(source, "text", metadata or Metadata(), tuple(clauses))


# -- the catalogue -------------------------------------------------------------------


def test_builtin_catalogue_has_exactly_the_issue_topics():
    catalogue = builtin_catalogue("social_media")
    assert catalogue.ids == ISSUE_TOPIC_IDS
    assert "social_media" in builtin_catalogues()
    for topic in catalogue.topics:
        assert topic.label and topic.description, topic.id
        assert len(topic.examples) >= 3 and topic.phrases and topic.keywords, topic.id


def test_catalogue_examples_are_not_sample_prose():
    """Text we ship is ours: no example sentence appears in a sample policy."""
    samples = " ".join(" ".join(path.read_text("utf-8").split()).lower() for path in SAMPLES.glob("*.txt"))
    for topic in builtin_catalogue().topics:
        for example in topic.examples:
            assert " ".join(example.split()).lower() not in samples, (topic.id, example)


def test_load_catalogue_by_name_path_or_default():
    assert load_catalogue().name == "social_media"
    assert load_catalogue("social_media").name == "social_media"
    custom = load_catalogue(FIXTURES / "topics" / "custom_catalogue.toml")
    assert custom.name == "complaints" and custom.ids == ["timescales", "review"]


@pytest.mark.parametrize(
    "body, expected",
    [
        ('[catalogue]\nname="x"\nlabel="X"\n[[topics]]\nid="Bad Id"\nlabel="L"\nphrases=["a"]\n', "topics[0] (Bad Id).id: must be lower-case"),
        ('[catalogue]\nname="x"\nlabel="X"\n[[topics]]\nid="a"\nlabel="L"\nphrases=["p"]\n[[topics]]\nid="a"\nlabel="M"\nphrases=["q"]\n', "appears twice"),
        ('[catalogue]\nname="x"\nlabel="X"\n[[topics]]\nid="a"\nlabel="L"\nmetadata=["reviewed"]\n', "topics[0] (a).metadata"),
        ('[catalogue]\nname="x"\nlabel="X"\n[[topics]]\nid="a"\nlabel="L"\n', "at least one of"),
        ('[catalogue]\nname="x"\nlabel="X"\n[[topics]]\nid="a"\nlabel="L"\nphrases=["ok", " "]\n', "topics[0] (a).phrases"),
        ('[catalogue]\nname="x"\nlabel="X"\n[[topics]]\nid="a"\nlabel="L"\nphrases=["p"]\nweight=3\n', "topics[0] (a).weight"),
        ('[catalogue]\nname="x"\n', "catalogue.label"),
        ("this is = = not toml", "not valid TOML"),
    ],
)
def test_invalid_catalogue_names_file_and_field(tmp_path, body, expected):
    path = tmp_path / "mine.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue_file(path)
    message = str(info.value)
    assert message.startswith(str(path)) and expected in message, message
    assert "\n" not in message


def test_unknown_catalogue_name_and_missing_file(tmp_path):
    with pytest.raises(FileMissingError) as info:
        load_catalogue(tmp_path / "nope.toml")
    assert "nope.toml" in str(info.value)
    with pytest.raises(CatalogueError, match="no built-in topic catalogue 'nope'"):
        builtin_catalogue("nope")


# -- the classifier on hand-built documents -----------------------------------------


def test_clause_assignment_keeps_phrase_keyword_and_example_evidence():
    document = doc(
        clause("4", "", number="4", heading="Contact with pupils", kind=ClauseKind.SECTION, children=[
            clause("4.1", "Staff must not accept friend requests from pupils or message them privately.", number="4.1", level=2),
        ]),
    )
    coverage = TopicClassifier().classify(document)["pupil-contact"]
    assert coverage.covered
    assert coverage.references == ["4", "4.1"]
    match = next(m for m in coverage.matches if m.clause_id == "4.1")
    kinds = {evidence.kind for evidence in match.evidence}
    assert {"phrase", "keyword", "example", "section"} <= kinds
    phrase = next(e for e in match.evidence if e.kind == "phrase")
    assert phrase.text == "friend request*" and phrase.score > 0
    example = next(e for e in match.evidence if e.kind == "example")
    assert example.text in TopicClassifier().catalogue.topic("pupil-contact").examples
    assert match.score == pytest.approx(sum(e.score for e in match.evidence), abs=0.01)


def test_unrelated_clause_covers_nothing_much():
    document = doc(clause("1", "The weather was pleasant and the garden looked lovely in June."))
    assert TopicClassifier().classify(document).missing == ISSUE_TOPIC_IDS


def test_press_phrases_do_not_fire_on_the_words_social_media():
    document = doc(clause("1", "Users can have social media contact with relatives where the relationship is open."))
    assert not TopicClassifier().classify(document)["media-contact"].covered
    document = doc(clause("1", "If a journalist contacts you about a post, refer them to the headteacher."))
    assert TopicClassifier().classify(document)["media-contact"].covered


def test_declaration_by_clause_kind_and_review_by_metadata():
    metadata = Metadata(next_review=MetaValue("March 2025", PartialDate(2025, 3)))
    document = doc(clause("d", "Name ........ Date ........", kind=ClauseKind.DECLARATION), metadata=metadata)
    result = TopicClassifier().classify(document)
    declaration = result["declaration"]
    assert declaration.covered and declaration.matches[0].evidence[0].kind == "clause-kind"
    review = result["review"]
    assert review.covered and review.matches == ()
    assert review.document_evidence[0].kind == "metadata" and "March 2025" in review.document_evidence[0].text


def test_citation_lists_evidence_only_the_citation_topic():
    """An Act named in a legislation list is a citation, not a data protection provision."""
    document = doc(
        clause("3", "", number="3", heading="Relevant legislation", kind=ClauseKind.SECTION, children=[
            clause("3/i1", "Data Protection Act 2018", kind=ClauseKind.LIST_ITEM, level=2),
            clause("3/i2", "General Data Protection Regulation (GDPR)", kind=ClauseKind.LIST_ITEM, level=2),
        ]),
    )
    result = TopicClassifier().classify(document)
    assert result["legal-framework"].covered
    assert not result["data-protection"].covered
    # The same words as a provision do count.
    provision = doc(clause("5", "Staff must handle personal data in line with the GDPR and the Data Protection Act 2018."))
    assert TopicClassifier().classify(provision)["data-protection"].covered


def test_custom_catalogue_classifies_with_its_own_topics():
    classifier = TopicClassifier(FIXTURES / "topics" / "custom_catalogue.toml")
    result = classifier.classify(doc(clause("1", "We aim to respond within 10 school days.")))
    assert [c.topic_id for c in result.coverage] == ["timescales", "review"]
    assert result["timescales"].covered and not result["review"].covered


# -- accuracy against the hand labels ------------------------------------------------


def test_classifier_agrees_with_hand_labels_on_the_samples(capsys):
    from toolkit.readers import read_document

    expected = tomllib.loads((FIXTURES / "topics" / "expected_coverage.toml").read_text("utf-8"))
    assert len(expected) == 5
    classifier = TopicClassifier()
    agree = cells = absent = flagged = 0
    disagreements = []
    for file_name, labels in expected.items():
        assert sorted(labels) == sorted(ISSUE_TOPIC_IDS), file_name
        result = classifier.classify(read_document(SAMPLES / file_name))
        for topic_id, label in labels.items():
            cells += 1
            found = result[topic_id].covered
            if found == label["covered"]:
                agree += 1
            else:
                disagreements.append(f"{file_name}: {topic_id}: labelled {label['covered']}, classifier {found}")
            if not label["covered"]:
                absent += 1
                flagged += not found
    agreement, recall = agree / cells, flagged / absent
    present_found = (agree - flagged) / (cells - absent)
    with capsys.disabled():
        print(f"\ntopic coverage: agreement {agree}/{cells} = {agreement:.1%}; "
              f"present topics found {present_found:.1%}; absent topics flagged {flagged}/{absent} = {recall:.1%}")
        for line in disagreements:
            print("  disagrees:", line)
    assert cells == 125
    assert agreement >= 0.92, disagreements
    assert present_found >= 0.95, disagreements
    # The classifier now matches stems, synonyms and reordered phrases so that it works on
    # documents it was not tuned on (tests/test_compare_topics_corpus.py); the price is a few
    # bare mentions in the samples counted as coverage. Absent topics were flagged 22/23
    # by the exact-string classifier, which found 40% of present topics out of sample.
    assert recall >= 0.65, disagreements


def test_json_catalogue_file_is_accepted(tmp_path):
    import json

    path = tmp_path / "mine.json"
    path.write_text(json.dumps({
        "catalogue": {"name": "mine", "label": "Mine"},
        "topics": [{"id": "sign-off", "label": "Sign-off", "clause_kinds": ["declaration"]}],
    }), encoding="utf-8")
    catalogue = load_catalogue(path)
    assert catalogue.ids == ["sign-off"] and catalogue.topics[0].clause_kinds == (ClauseKind.DECLARATION,)
    path.write_text('{"catalogue": {"name": "mine", "label": "Mine"}, "topics": [{"id": "x", "label": "X", "clause_kinds": ["signature"]}]}')
    with pytest.raises(CatalogueError, match=r"topics\[0\] \(x\)\.clause_kinds\[0\]: Input should be .section."):
        load_catalogue(path)
