"""The built-in topic catalogues: one per main policy type, 10-30 topics each, every topic
citing the guidance it follows, mandatory topics marked, and phrases that say something."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from toolkit.policy_types import policy_type_ids
from toolkit.topics import TopicClassifier, builtin_catalogue, builtin_catalogues
from toolkit.topics.catalogue import catalogue_for_type

REQUIRED = ["child_protection_safeguarding", "behaviour", "complaints", "anti_bullying", "online_safety",
            "data_protection", "whistleblowing", "send", "attendance", "social_media"]
# Words that only name who is involved: alone they are a mention, never a topic.
ROLE_WORDS = {"=parent", "=governor", "=headteacher", "=staff", "=pupil", "=phone", "=photo", "=socialmedia"}


def test_a_catalogue_for_each_main_policy_type():
    assert set(REQUIRED) <= set(builtin_catalogues())
    for name in REQUIRED:
        assert catalogue_for_type(name) == name
    assert catalogue_for_type("teachers_pay") is None  # no catalogue: listed as such, never another's


def test_the_builtin_table_and_the_data_files_agree():
    # The table is the list: a catalogue file added without a line (or a line whose
    # file is gone) fails here, and each line says what its file says.
    from toolkit.topics.catalogue import BUILTIN_CATALOGUES, SYNONYMS_FILE

    folder = resources.files("toolkit") / "data" / "topics"
    files = {entry.name for entry in folder.iterdir() if entry.name.endswith((".toml", ".json"))}
    listed = [entry.file for entry in BUILTIN_CATALOGUES]
    assert len(listed) == len(set(listed))
    assert files - {SYNONYMS_FILE} == set(listed)
    claimed = [policy_type for entry in BUILTIN_CATALOGUES for policy_type in entry.policy_types]
    assert len(claimed) == len(set(claimed)), "a policy type is checked by two built-in catalogues"
    for entry in BUILTIN_CATALOGUES:
        data = tomllib.loads((folder / entry.file).read_text("utf-8"))
        assert data["catalogue"]["name"] == entry.name, entry.file
        assert tuple(data["catalogue"].get("policy_types", ())) == entry.policy_types, entry.file
        assert set(entry.policy_types) <= set(policy_type_ids()), entry.name


@pytest.mark.parametrize("name", REQUIRED)
def test_catalogue_shape_sources_and_mandatory_topics(name):
    catalogue = builtin_catalogue(name)
    assert 10 <= len(catalogue.topics) <= 30, len(catalogue.topics)
    assert set(catalogue.catalogue.policy_types) <= set(policy_type_ids())
    text = (resources.files("toolkit") / "data" / "topics" / f"{name}.toml").read_text("utf-8")
    assert "https://www.gov.uk/" in text or "https://www.legislation.gov.uk/" in text
    assert any(topic.mandatory for topic in catalogue.topics)
    if name != "social_media":  # the older catalogue cites its sources once, in its header
        assert all(topic.source for topic in catalogue.topics), [t.id for t in catalogue.topics if not t.source]


@pytest.mark.parametrize("name", REQUIRED)
def test_no_phrase_is_a_bare_role_word(name):
    classifier = TopicClassifier(name)
    for compiled in classifier._topics:
        for phrase in compiled.phrases:
            assert not (len(phrase.terms) == 1 and phrase.terms[0] in ROLE_WORDS), (compiled.topic.id, phrase.text)


def test_phrases_match_regardless_of_inflection_and_order():
    from toolkit.topics.text import Phrase, Synonyms, tokens

    synonyms = Synonyms.build([["pupil", "pupils", "student", "children in placement"], ["photo", "photos", "photographs"]])

    def found(phrase: str, text: str) -> bool:
        stems = tokens(text, synonyms)
        return Phrase.compile(phrase, synonyms).find(stems, frozenset(stems), 1)

    assert found("political party", "members of political parties")
    assert found("copyright", "copyrighted music")
    assert found("photos or video", "videos and photos of the day")
    assert found("photos of pupils", "photographs of children in placement")
    assert not found("photos of pupils", "photographs of the building; later, pupils arrive at school")
    assert found("to monitor", "the right to monitor use") and not found("to monitor", "a monitor screen")


def test_topics_package_exports_every_lazy_name():
    import toolkit.topics as topics

    assert topics.__all__ == sorted(topics._EXPORTS)
    for name in topics.__all__:
        assert getattr(topics, name) is not None
