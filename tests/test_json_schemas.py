"""The shipped JSON Schemas (``toolkit/schemas/``) against real outputs of the CLI.

Every sample in every rendition, a corpus file of each format, diffs between renditions
and between corpus versions, and trust registers are validated; each schema also has
negative cases (a wrong type, a missing required key, an unknown nested key) so these
tests fail when a schema stops constraining anything. The enums in the schemas are
checked against the code's own registries, so a new clause kind, diff status or policy
type cannot reach the JSON without the schema saying so.
"""

from __future__ import annotations

import copy
import json
import shutil
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, SAMPLE_NAMES, SAMPLES, corpus_dir, sample
from jsonschema import Draft202012Validator  # the test extra in pyproject.toml

from toolkit.cli import main
from toolkit.schemas import SCHEMAS, load_schema, schema_path

DOCUMENT, DIFF, COMPARE = "policykit.document/1", "policykit.diff/1", "policykit.compare/2"
SAMPLE_FILES = sorted(path for path in SAMPLES.iterdir() if path.suffix in (".txt", ".docx", ".pdf"))
# One real file per corpus folder, so every reader (PDF, Word, Markdown, plain text) is covered
# on documents nobody here wrote; chosen for citations, tables and cover pages.
CORPUS_FILES = [
    ("decoy-primary", "Online-Safety-Policy-2016.pdf"),
    ("positive-progress-docx", "pp_child_protection.docx"),
    ("newstead-preschool", "safeguarding_children_2013-09-02.md"),
    ("wholistic-fostering", "social-media.md"),
    ("eegg-nursery", "safeguarding.rst.txt"),
]
DIFF_PAIRS = sorted(FIXTURES.glob("diff_pairs/*.json"))


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(name))


def problems(name: str, data) -> list[str]:
    """Every validation error as ``path: message``, so a failure shows them all at once."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message[:300]}"
        for error in validator(name).iter_errors(data)
    ]


def cli(*args: str, codes=(0,)):
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exit_code in codes, (result.exit_code, result.output, result.exception)
    return result


def parsed(path: Path) -> dict:
    return json.loads(cli("parse", path, "--format", "json").stdout)


def diffed(old: Path, new: Path, tmp_path: Path) -> dict:
    out = tmp_path / f"{old.name}--{new.name}.json"
    cli("diff", old, new, "-o", out, codes=(0, 1))
    return json.loads(out.read_text("utf-8"))


# -- the schema files themselves ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_valid_draft_2020_12_and_names_its_contract(name):
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == name
    assert schema["properties"]["schema"] == {"const": name}
    # Additive at the top level (README: new keys go last), closed below it.
    assert schema["additionalProperties"] is True
    assert set(schema["required"]) == set(schema["properties"])


def test_schema_path_accepts_both_spellings_and_rejects_others():
    assert schema_path("policykit.diff/1").name == "policykit.diff-1.schema.json"
    assert schema_path("policykit.diff-1").read_bytes() == schema_path("policykit.diff/1").read_bytes()
    with pytest.raises(KeyError, match="policykit.document/1"):
        schema_path("policykit.diff/9")
    with pytest.raises(TypeError):
        schema_path(1)  # type: ignore[arg-type]


def test_schemas_ship_beside_the_package():
    folder = resources.files("toolkit") / "schemas"
    assert sorted(SCHEMAS.values()) == sorted(p.name for p in folder.iterdir() if p.name.endswith(".schema.json"))
    assert (resources.files("toolkit") / "py.typed").is_file()


# -- enums follow the code's registries ------------------------------------------------------


def test_enums_match_the_code():
    from toolkit import citations
    from toolkit.diff.changes import Status
    from toolkit.model import METADATA_FIELDS, ClauseKind

    document, diff, compare = load_schema(DOCUMENT), load_schema(DIFF), load_schema(COMPARE)
    assert document["$defs"]["clause"]["properties"]["kind"]["enum"] == [kind.value for kind in ClauseKind]
    assert diff["$defs"]["change"]["properties"]["status"]["enum"] == [status.value for status in Status]
    assert list(diff["properties"]["summary"]["properties"]) == [status.value for status in Status]
    catalogue = tomllib.loads((resources.files("toolkit") / "data" / "policy_types.toml").read_text("utf-8"))
    type_ids = [item["id"] for item in catalogue["types"]]
    for schema in (document, compare):
        assert schema["$defs"]["policy_type_id"]["enum"] == type_ids
        statuses = schema["$defs"]["finding"]["properties"]["status"]["enum"]
        assert set(statuses) == {citations.STALE, citations.CURRENT, citations.HISTORICAL, citations.NOT_STATED,
                                 citations.NOT_RECOGNISED, citations.NOT_YET}
    fields = document["properties"]["metadata"]["properties"]
    assert list(fields) == [*METADATA_FIELDS, "extra", "raw"]


# -- policykit.document/1 ----------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_sample_parse_validates(path):
    data = parsed(path)
    assert problems(DOCUMENT, data) == []
    assert data["clauses"], path  # the clause items were really checked


@pytest.mark.parametrize(("folder", "name"), CORPUS_FILES, ids=[name for _, name in CORPUS_FILES])
def test_corpus_parse_validates(folder, name):
    path = corpus_dir(folder) / name
    if not path.is_file():
        pytest.skip(f"{name} is not in the corpus")
    data = parsed(path)
    assert problems(DOCUMENT, data) == []
    assert data["clauses"]


def test_sample_outputs_exercise_the_nested_parts_of_the_schema():
    """Validation of an empty list proves nothing: the samples hold citations, evidence, extra rows."""
    outputs = [parsed(sample(key)) for key in ("westhaven", "hampshire", "mowbray")]
    assert any(doc["citations"] and doc["citations"][0]["applied_then"] for doc in outputs)
    assert all(doc["policy_type"]["evidence"] for doc in outputs)
    assert any(doc["metadata"]["extra"] for doc in outputs)
    assert {clause["kind"] for doc in outputs for clause in doc["clauses"]} >= {"section", "clause", "list_item"}


def test_document_schema_rejects_wrong_types_and_missing_keys():
    good = parsed(sample("westhaven"))
    assert problems(DOCUMENT, good) == []

    bad_level = copy.deepcopy(good)
    bad_level["clauses"][0]["level"] = "1"
    assert any("clauses/0/level" in p for p in problems(DOCUMENT, bad_level))

    no_clauses = copy.deepcopy(good)
    del no_clauses["clauses"]
    assert any("'clauses' is a required property" in p for p in problems(DOCUMENT, no_clauses))

    bad_kind = copy.deepcopy(good)
    bad_kind["clauses"][0]["kind"] = "paragraph"
    assert problems(DOCUMENT, bad_kind)

    no_approved = copy.deepcopy(good)
    del no_approved["metadata"]["approved"]  # fields are always present, null when unknown
    assert problems(DOCUMENT, no_approved)

    bad_citation = copy.deepcopy(good)
    bad_citation["citations"][0]["as_of"] = "21/03/2024"
    assert problems(DOCUMENT, bad_citation)

    wrong_contract = copy.deepcopy(good)
    wrong_contract["schema"] = "policykit.document/2"
    assert problems(DOCUMENT, wrong_contract)


def test_document_schema_is_additive_at_the_top_only():
    good = parsed(sample("cherry-trees"))
    later = {**good, "a_key_added_later": [1, 2]}
    assert problems(DOCUMENT, later) == []
    nested = copy.deepcopy(good)
    nested["clauses"][0]["colour"] = "red"
    assert any("colour" in p for p in problems(DOCUMENT, nested))


# -- policykit.diff/1 --------------------------------------------------------------------------


def _rendition_pairs():
    for key in sorted(SAMPLE_NAMES):
        yield pytest.param(sample(key, "txt"), sample(key, "docx"), id=f"{key}-txt-docx")
        yield pytest.param(sample(key, "docx"), sample(key, "pdf"), id=f"{key}-docx-pdf")
    yield pytest.param(sample("hampshire"), sample("south-end"), id="model-vs-school")
    for letter in sorted(FIXTURES.glob("diff_pairs/renditions/*-letter.pdf")):
        original = SAMPLES / letter.name.replace("-letter.pdf", ".pdf")
        yield pytest.param(original, letter, id=f"letter-{letter.stem}")


@pytest.mark.parametrize(("old", "new"), list(_rendition_pairs()))
def test_rendition_diffs_validate(old, new, tmp_path):
    data = diffed(old, new, tmp_path)
    assert problems(DIFF, data) == []
    assert data["changes"]


@pytest.mark.parametrize("pair", DIFF_PAIRS, ids=lambda p: p.stem)
def test_corpus_version_diffs_validate(pair, tmp_path):
    spec = json.loads(pair.read_text("utf-8"))
    folder = corpus_dir(spec["folder"])
    old, new = folder / spec["old"], folder / spec["new"]
    if not (old.is_file() and new.is_file()):
        pytest.skip(f"{pair.name}: the pair is not in the corpus")
    data = diffed(old, new, tmp_path)
    assert problems(DIFF, data) == []
    statuses = {change["status"] for change in data["changes"]}
    assert statuses - {"unchanged"}, "a real pair of versions differs somewhere"


def _perturbed_pair(tmp_path: Path) -> tuple[Path, Path]:
    """A small policy and its next version: new review date, an edition update, every kind of change."""
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(
        "Safeguarding Policy\n\nApproved: 1 September 2019\nNext review: September 2020\n\n"
        "1. Purpose\n\n1.1 Staff follow Keeping Children Safe in Education 2019 at all times.\n\n"
        "1.2 The designated safeguarding lead keeps records securely.\n\n"
        "2. Training\n\n2.1 All staff are trained every year by the local authority.\n\n"
        "2.2 Visitors sign in at the office.\n", encoding="utf-8")
    new.write_text(
        "Safeguarding Policy\n\nApproved: 1 September 2020\nNext review: September 2021\n\n"
        "1. Purpose\n\n1.1 Staff follow Keeping Children Safe in Education 2020 at all times.\n\n"
        "1.2 Volunteers are checked before they start.\n\n"
        "1.3 The designated safeguarding lead keeps records securely.\n\n"
        "2. Training\n\n2.1 All staff are trained every two years by the local authority.\n", encoding="utf-8")
    return old, new


def test_perturbed_diff_validates_with_every_part_filled(tmp_path):
    data = diffed(*_perturbed_pair(tmp_path), tmp_path)
    assert problems(DIFF, data) == []
    assert data["metadata_changes"] and data["citation_updates"]
    assert {"added", "removed", "modified", "renumbered"} <= {change["status"] for change in data["changes"]}


def test_diff_schema_rejects_wrong_types_and_missing_keys(tmp_path):
    good = diffed(*_perturbed_pair(tmp_path), tmp_path)
    assert problems(DIFF, good) == []

    bad_status = copy.deepcopy(good)
    bad_status["changes"][0]["status"] = "changed"
    assert any("changes/0/status" in p for p in problems(DIFF, bad_status))

    no_summary = copy.deepcopy(good)
    del no_summary["summary"]
    assert any("'summary' is a required property" in p for p in problems(DIFF, no_summary))

    bad_words = copy.deepcopy(good)
    bad_words["changes"][0]["words"] = [["replace", "x"]]
    assert problems(DIFF, bad_words)

    bad_count = copy.deepcopy(good)
    bad_count["summary"]["added"] = "2"
    assert problems(DIFF, bad_count)

    bad_update = copy.deepcopy(good)
    bad_update["citation_updates"] = [{"from": "KCSIE 2019", "to": "KCSIE 2020"}]
    assert problems(DIFF, bad_update)

    assert problems(DIFF, {**good, "a_key_added_later": True}) == []


# -- policykit.compare/2 -----------------------------------------------------------------------


def compared(tmp_path: Path, *args, codes=(0,)) -> dict:
    out = tmp_path / "register.json"
    cli("compare", *args, "-o", out, "--no-cache", codes=codes)
    return json.loads(out.read_text("utf-8"))


def test_compare_of_the_samples_validates(tmp_path):
    data = compared(tmp_path, SAMPLES)
    assert problems(COMPARE, data) == []
    assert len(data["documents"]) == len(SAMPLE_FILES)
    assert data["register"] and data["topics"]


@pytest.fixture
def trust_folder(tmp_path) -> Path:
    """Two schools in subfolders (one nested deeper), a schools.toml, a stale citation and a damaged file."""
    trust = tmp_path / "trust"
    (trust / "oakfield" / "2022").mkdir(parents=True)
    (trust / "riverside").mkdir()
    shutil.copy(sample("cherry-trees", "docx"), trust / "oakfield")
    shutil.copy(sample("westhaven", "pdf"), trust / "oakfield" / "2022")
    shutil.copy(sample("south-end", "txt"), trust / "riverside")
    (trust / "riverside" / "safeguarding.txt").write_text(
        "Riverside School\nChild Protection and Safeguarding Policy\n\nApproved: 1 October 2022\n"
        "Next review: October 2023\n\n1. Introduction\n\n1.1 This policy follows Keeping Children Safe "
        "in Education 2018 and Working Together to Safeguard Children.\n", encoding="utf-8")
    (trust / "riverside" / "broken.docx").write_bytes(b"PK\x03\x04 this is not a Word file")
    (trust / "schools.toml").write_text(
        '[schools.oakfield]\nname = "Oakfield Primary School"\ntype = "maintained"\n'
        '[schools.riverside]\nname = "Riverside School"\ntype = "academy"\n', encoding="utf-8")
    return trust


def test_compare_of_a_trust_folder_validates_with_every_part_filled(tmp_path, trust_folder):
    data = compared(tmp_path, trust_folder, "--baseline", sample("hampshire"), "--as-of", "2024-09-01", codes=(3,))
    assert problems(COMPARE, data) == []
    assert {school["id"] for school in data["schools"]} == {"oakfield", "riverside"}
    assert data["not_read"] and data["models"] and data["divergence"]
    assert any(doc["stale_citations"] for doc in data["documents"])
    assert any(doc["topics"] for doc in data["documents"])


def test_compare_with_a_forced_catalogue_validates(tmp_path, trust_folder):
    data = compared(tmp_path, trust_folder, "--topics", "social_media", codes=(3,))
    assert problems(COMPARE, data) == []
    assert data["catalogue"] != "by policy type"


def test_compare_schema_rejects_wrong_types_and_missing_keys(tmp_path):
    good = compared(tmp_path, SAMPLES)
    assert problems(COMPARE, good) == []

    no_register = copy.deepcopy(good)
    del no_register["register"]
    assert any("'register' is a required property" in p for p in problems(COMPARE, no_register))

    bad_status = copy.deepcopy(good)
    bad_status["register"][0]["status"] = "absent"
    assert any("register/0/status" in p for p in problems(COMPARE, bad_status))

    bad_overdue = copy.deepcopy(good)
    bad_overdue["documents"][0]["overdue"] = "yes"
    assert problems(COMPARE, bad_overdue)

    no_stale = copy.deepcopy(good)
    del no_stale["documents"][0]["stale_citations"]
    assert problems(COMPARE, no_stale)

    bad_school_type = copy.deepcopy(good)
    bad_school_type["schools"][0]["type"] = "free school"
    assert problems(COMPARE, bad_school_type)

    assert problems(COMPARE, {**good, "a_key_added_later": {}}) == []
