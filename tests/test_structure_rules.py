"""The builder's block rules one by one, and the ordered list (``Ruler``) that runs them.

Each rule has a folder of cases under ``fixtures/structure/rules/<rule name>/`` in the
style of ``fixtures/structure/cases``: an input, a line ``=== expected``, and the
outline a person reading the input expects. ``.txt`` cases are read as a text
extraction (one block per line), ``.md`` cases as Markdown (headings, tables and
list numbers the format marks). Tabs between table cells show as `` | ``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from toolkit.readers.markdown import markdown_to_blocks
from toolkit.readers.text import lines_to_blocks
from toolkit.structure import build_document
from toolkit.structure.block_rules import default_rules
from toolkit.structure.block_rules import paragraph as paragraph_rule
from toolkit.structure.blocks import BlockStream
from toolkit.structure.ruler import RuleNotFound, Ruler

RULES_DIR = FIXTURES / "structure" / "rules"
CASES = sorted(path for path in RULES_DIR.glob("*/*") if path.suffix in (".txt", ".md"))

# The order the rules are tried in; changing it changes what documents become.
EXPECTED_ORDER = [
    "table",
    "tabbed_rows",
    "declaration",
    "appendix",
    "styled_section",
    "list_continuation",
    "decimal",
    "list_start",
    "given_number",
    "bullet",
    "drafting_note",
    "part",
    "heading",
    "colon_item",
    "paragraph",
]


def _stream(case: Path, source: str) -> BlockStream:
    if case.suffix == ".md":
        # As the Markdown reader hands it over: the format marks its headings.
        return BlockStream(blocks=markdown_to_blocks(source), styled=True, detect_running_lines=False)
    return BlockStream(blocks=lines_to_blocks(source))


def outline(case: Path, rules: Ruler | None = None) -> tuple[str, str]:
    """(the outline built from the case's input, the outline it expects)."""
    source, expected = case.read_text(encoding="utf-8").split("=== expected\n")
    document = build_document(_stream(case, source), source=case.name, format="text", rules=rules)
    lines = []
    for clause in document.walk():
        body = clause.full_text.replace("\t", " | ").replace("\n", " / ")
        lines.append(f"{'  ' * (clause.level - 1)}{clause.number or '-'} [{clause.kind.value}] {body}")
    return "\n".join(lines), expected.rstrip("\n")


@pytest.mark.parametrize("case", CASES, ids=[f"{case.parent.name}/{case.stem}" for case in CASES])
def test_rule_case(case):
    built, expected = outline(case)
    assert built == expected


def test_rules_are_listed_in_order():
    assert default_rules().names() == EXPECTED_ORDER


def test_every_rule_has_a_fixture_folder():
    folders = {path.name for path in RULES_DIR.iterdir() if path.is_dir() and any(path.iterdir())}
    assert folders == set(EXPECTED_ORDER)


@pytest.mark.parametrize("name", [name for name in EXPECTED_ORDER if name != "paragraph"])
def test_disabling_a_rule_changes_one_of_its_cases(name):
    """Each folder really exercises its rule: without the rule, some case comes out otherwise."""
    rules = default_rules()
    rules.disable(name)
    assert name not in rules.enabled_names()
    cases = sorted((RULES_DIR / name).glob("*.*"))
    changed = [case.name for case in cases if outline(case, rules)[0] != outline(case)[1]]
    assert changed, f"disabling {name!r} changed none of its cases"


def test_disabled_rule_is_not_tried_but_keeps_its_place():
    rules = default_rules()
    rules.disable(["part", "heading"])
    assert rules.names() == EXPECTED_ORDER
    assert "heading" not in rules.enabled_names() and "part" not in rules.enabled_names()
    assert len(rules.get_rules()) == len(EXPECTED_ORDER) - 2
    rules.enable("heading")
    assert rules.enabled_names().index("heading") == rules.enabled_names().index("drafting_note") + 1


def test_disabling_the_heading_rule_makes_headings_paragraphs():
    rules = default_rules()
    rules.disable("heading")
    built, _ = outline(RULES_DIR / "heading" / "unnumbered-headings.txt", rules)
    assert built.splitlines() == [
        "1 [section] Trips",
        "  - [clause] Planning a trip",
        "  - [clause] Staff must plan every trip.",
        "  - [clause] Paying for a trip",
        "  - [clause] Parents pay in advance.",
    ]


def test_a_rule_inserted_before_another_runs_first():
    rules = default_rules()
    # A rule that takes every unnumbered line as a paragraph, tried before headings.
    def plain_lines(state, cursor):
        return cursor.number is None and paragraph_rule.rule(state, cursor)

    rules.before("heading", "plain_lines", plain_lines)
    assert rules.names().index("plain_lines") == rules.names().index("heading") - 1
    built, _ = outline(RULES_DIR / "heading" / "heading-after-heading.txt", rules)
    assert "[section] Residential visits" not in built
    assert "  - [clause] Residential visits" in built.splitlines()


def test_after_and_at_place_and_replace_rules():
    calls = []

    def first(state, cursor):
        calls.append("first")
        return False

    rules: Ruler = Ruler([("a", first)])
    rules.after("a", "b", first)
    rules.push("c", first)
    rules.before("a", "z", first)
    assert rules.names() == ["z", "a", "b", "c"]
    replacement = object()
    rules.at("b", replacement)
    assert rules.get_rules()[2] is replacement
    rules.disable("b")
    rules.at("b", first)
    assert "b" not in rules.enabled_names()  # replacing keeps the switch
    rules.enable_only(["c"])
    assert rules.enabled_names() == ["c"]


def test_unknown_and_duplicate_names_are_refused():
    rules = default_rules()
    with pytest.raises(RuleNotFound, match="headings"):
        rules.disable("headings")
    with pytest.raises(RuleNotFound):
        rules.before("no_such_rule", "x", paragraph_rule.rule)
    with pytest.raises(ValueError, match="already"):
        rules.push("heading", paragraph_rule.rule)
    # A bad name among good ones switches nothing.
    with pytest.raises(RuleNotFound):
        rules.disable(["heading", "nope"])
    assert "heading" in rules.enabled_names()


def test_default_rules_are_a_fresh_copy_each_time():
    changed = default_rules()
    changed.disable("heading")
    assert "heading" in default_rules().enabled_names()
    twin = changed.copy()
    twin.enable("heading")
    assert "heading" not in changed.enabled_names()


def test_with_every_rule_disabled_no_words_are_lost():
    rules = default_rules()
    rules.enable_only([])
    built, _ = outline(RULES_DIR / "bullet" / "nested-under-lead-in.txt", rules)
    # Each block is kept as a paragraph (the builder's fallback), less its bullet marker.
    assert built.splitlines() == [
        "- [clause] 1. Trips",
        "- [clause] Staff must:",
        "- [clause] plan the route, including:",
        "- [clause] rest stops;",
        "- [clause] fuel;",
        "- [clause] carry a phone.",
    ]
