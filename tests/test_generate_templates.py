"""Templates: optional parts leave no numbering gaps, references follow, strictness and the sandbox."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
from pathlib import Path

import pytest

from toolkit.errors import TemplateError
from toolkit.generate.api import model_profile, render_declarations, render_policy
from toolkit.generate.structure import build_numbered_document, ref_placeholder
from toolkit.generate.templates import builtin_templates_root, load_template_set, uk_date_filter
from toolkit.model import ClauseKind, Metadata

CATALOGUE_TOPICS = (
    "purpose", "scope", "legal-framework", "roles", "pupil-contact", "former-pupils-parents",
    "professional-conduct", "privacy-settings", "identifying-employer", "confidentiality", "data-protection",
    "images", "official-accounts", "safeguarding", "online-abuse-of-staff", "discrimination-harassment",
    "defamation-copyright", "political-views", "use-at-work", "monitoring", "media-contact", "breaches",
    "related-policies", "declaration", "review",
)
OPTIONS = ("official_accounts", "personal_devices_at_break", "all_pupils_under_13", "legislation_appendix")


def profile_with(**options: bool):
    return model_profile(options=options)


def built_with(**options: bool):
    return render_policy(profile_with(**options), load_template_set())


def assert_numbering_has_no_gaps(document) -> None:
    sections = [clause.number for clause in document.clauses]
    assert sections == [str(i) for i in range(1, len(sections) + 1)]

    def check_children(parent_number: str, children) -> None:
        decimals = [c.number for c in children if c.number and c.number[0].isdigit()]
        assert decimals == [f"{parent_number}.{i}" for i in range(1, len(decimals) + 1)], (parent_number, decimals)
        for child in children:
            if child.number and child.number[0].isdigit():
                check_children(child.number, child.children)

    for section in document.clauses:
        check_children(section.number, section.children)


def test_every_catalogue_topic_is_a_labelled_section_with_default_options():
    built = built_with()
    labels = [clause.id for clause in built.document.clauses]
    assert [topic for topic in CATALOGUE_TOPICS if topic not in labels] == []
    assert labels[-1] == "legislation"


def test_template_cites_what_an_english_school_would_cite_in_2025():
    text = " ".join(clause.full_text for clause in built_with().document.walk())
    for citation in ("Keeping Children Safe in Education (2025)", "Guidance for Safer Working Practice",
                     "UK GDPR", "Data Protection Act 2018", "Equality Act 2010", "Online Safety Act 2023"):
        assert citation in text, citation


def test_switching_off_official_accounts_renumbers_without_gaps_and_references_follow():
    on = built_with(official_accounts=True).document
    off_built = built_with(official_accounts=False)
    off = off_built.document
    assert on.clause("official-accounts").number == "13"
    assert on.clause("safeguarding").number == "14"
    assert "official-accounts" not in [c.id for c in off.clauses]
    # Every later section moves up by one, with no gap.
    assert off.clause("safeguarding").number == "13"
    assert off.clause("breaches").number == "21"
    assert_numbering_has_no_gaps(off)
    # The breaches clause refers to safeguarding by its new number.
    breaches_first = off.clause("breaches").children[0]
    assert "the procedures in section 13 are followed first" in breaches_first.text
    assert "section 14" not in breaches_first.text
    # The replacement clause about not creating accounts appears instead.
    conduct = " ".join(c.text for c in off.clause("professional-conduct").children)
    assert "does not run official social media accounts" in conduct


def test_switching_off_the_appendix_removes_its_reference():
    document = built_with(legislation_appendix=False).document
    assert "legislation" not in [c.id for c in document.clauses]
    assert not any("lists the legislation" in c.text for c in document.walk())


@pytest.mark.parametrize("values", list(itertools.product((True, False), repeat=4)),
                         ids=lambda v: "".join("1" if x else "0" for x in v))
def test_every_combination_of_options_numbers_without_gaps_and_resolves_references(values):
    built = built_with(**dict(zip(OPTIONS, values)))
    document = built.document
    assert_numbering_has_no_gaps(document)
    by_id = {clause.id: clause for clause in document.walk()}
    assert built.references, "the template uses cross-references"
    for holder, label, printed in built.references:
        target = by_id[built.labels[label]]
        assert printed == target.number
        assert printed in by_id[holder].text
    # No placeholder survives.
    assert not any("\x00" in clause.full_text for clause in document.walk())


def test_under_13_option_changes_the_pupil_contact_clause():
    under = built_with(all_pupils_under_13=True).document.clause("pupil-contact")
    over = built_with(all_pupils_under_13=False).document.clause("pupil-contact")
    assert "under 13" in under.children[-1].text
    # The older-pupils clause refers back to the no-personal-contact clause by number.
    assert "clause 5.1" in over.children[-1].text


def test_school_details_are_filled_in_and_dates_are_uk_long_dates():
    text = " ".join(c.full_text for c in built_with().document.walk())
    assert "[Headteacher]" in text and "[Designated safeguarding lead]" in text
    assert "approved by the full governing board on 1 September 2025" in text
    assert "The next review is due by 1 September 2026" in text


def test_uk_date_filter():
    assert uk_date_filter(dt.date(2024, 3, 21)) == "21 March 2024"
    assert uk_date_filter("2024-03-01") == "1 March 2024"
    with pytest.raises(TemplateError):
        uk_date_filter("soon")


# --- strictness and the sandbox ------------------------------------------------------


@pytest.fixture
def user_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    shutil.copytree(builtin_templates_root() / "social_media", folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(folder: Path, name: str, needle: str) -> int:
    for number, line in enumerate((folder / name).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_user_folder_renders_like_the_builtin_when_unchanged(user_templates):
    mine = load_template_set(user_templates)
    assert mine.sandboxed
    ours = render_policy(model_profile(), load_template_set()).document
    theirs = render_policy(model_profile(), mine).document
    assert [(c.number, c.full_text) for c in theirs.walk()] == [(c.number, c.full_text) for c in ours.walk()]


def test_unknown_variable_is_an_error_naming_template_and_line(user_templates):
    edit(user_templates, "policy.md.jinja", "This policy sets out what {{ school.name }}",
         "This policy sets out what {{ schol.name }}")
    line = line_of(user_templates, "policy.md.jinja", "schol.name")
    with pytest.raises(TemplateError) as caught:
        render_policy(model_profile(), load_template_set(user_templates))
    assert str(caught.value).startswith(f"policy.md.jinja: line {line}: unknown variable 'schol'")


def test_unknown_attribute_is_an_error_naming_template_and_line(user_templates):
    edit(user_templates, "policy.md.jinja", "The headteacher, {{ school.headteacher }}",
         "The headteacher, {{ school.headteachr }}")
    line = line_of(user_templates, "policy.md.jinja", "school.headteachr")
    with pytest.raises(TemplateError) as caught:
        render_policy(model_profile(), load_template_set(user_templates))
    message = str(caught.value)
    assert message.startswith(f"policy.md.jinja: line {line}: undefined value")
    assert "headteachr" in message


def test_syntax_error_names_template_and_line(user_templates):
    edit(user_templates, "declaration.md.jinja", "{{ staff.name or blank }}", "{{ staff.name or blank }")
    line = line_of(user_templates, "declaration.md.jinja", "{{ staff.name or blank }")
    with pytest.raises(TemplateError, match=rf"^declaration.md.jinja: line {line}: "):
        render_declarations(model_profile(), load_template_set(user_templates), None)


@pytest.mark.parametrize("expression", [
    "''.__class__.__mro__",
    "''.__class__.__mro__[1].__subclasses__()",
    "school.__class__",
    "uk_date.__globals__",
    "ref.__globals__",
])
def test_sandbox_blocks_access_to_python_internals(user_templates, expression):
    edit(user_templates, "policy.md.jinja", "## Purpose {:#purpose}", f"## Purpose {{{{ {expression} }}}} {{:#purpose}}")
    with pytest.raises(TemplateError) as caught:
        render_policy(model_profile(), load_template_set(user_templates))
    message = str(caught.value)
    assert message.startswith("policy.md.jinja: line ")
    assert "sandbox" in message or "unknown variable 'uk_date'" in message or "undefined value" in message
    assert "object" not in message.split(":", 1)[0]


def test_sandbox_message_is_clear_for_the_classic_escape(user_templates):
    edit(user_templates, "policy.md.jinja", "## Scope {:#scope}", "## Scope {{ ''.__class__.__mro__ }} {:#scope}")
    line = line_of(user_templates, "policy.md.jinja", "__mro__")
    with pytest.raises(TemplateError) as caught:
        render_policy(model_profile(), load_template_set(user_templates))
    assert str(caught.value).startswith(f"policy.md.jinja: line {line}: blocked by the template sandbox: ")
    assert "__class__" in str(caught.value)


def test_reference_to_a_switched_off_section_names_the_line(user_templates):
    edit(user_templates, "policy.md.jinja", "in line with section {{ ref('images') }}.",
         "in line with section {{ ref('official-accounts') }}.")
    line = line_of(user_templates, "policy.md.jinja", "ref('official-accounts')")
    with pytest.raises(TemplateError) as caught:
        render_policy(model_profile(options={"official_accounts": False}), load_template_set(user_templates))
    assert str(caught.value).startswith(
        f"policy.md.jinja: line {line}: ref('official-accounts'): no clause is labelled 'official-accounts'"
    )


def test_template_set_needs_its_manifest(tmp_path):
    with pytest.raises(TemplateError, match="no template.toml"):
        load_template_set(tmp_path)
    with pytest.raises(TemplateError, match="no such template folder"):
        load_template_set(tmp_path / "absent")


# --- the Markdown structure -----------------------------------------------------------


def build(markdown: str):
    return build_numbered_document(markdown, where="t.md", source="t", metadata=Metadata())


def test_structure_numbers_nesting_letters_bullets_and_forward_references():
    built = build(
        "# Title\n\n"
        "## First {:#first}\n\n"
        f"1. See clause {ref_placeholder('later')}.\n"
        "    1. Nested one\n"
        "    2. Nested two\n"
        "        a. letter a\n"
        "        b. letter b\n"
        "            a. roman one\n"
        "    - a bullet\n"
        "2. Wrapped over\n"
        "   two lines {:#wrapped}\n\n"
        "## Second\n\n"
        "1. Later {:#later}\n\n"
        "::: declaration\nName: ____\nDate: ____\n:::\n"
    )
    document = built.document
    rows = [(c.number, c.text, c.kind) for c in document.walk()]
    assert rows == [
        ("1", "", ClauseKind.SECTION),
        ("1.1", "See clause 2.1.", ClauseKind.CLAUSE),
        ("1.1.1", "Nested one", ClauseKind.CLAUSE),
        ("1.1.2", "Nested two", ClauseKind.CLAUSE),
        ("(a)", "letter a", ClauseKind.LIST_ITEM),
        ("(b)", "letter b", ClauseKind.LIST_ITEM),
        ("(i)", "roman one", ClauseKind.LIST_ITEM),
        (None, "a bullet", ClauseKind.LIST_ITEM),
        ("1.2", "Wrapped over two lines", ClauseKind.CLAUSE),
        ("2", "", ClauseKind.SECTION),
        ("2.1", "Later", ClauseKind.CLAUSE),
        (None, "Name: ____\nDate: ____", ClauseKind.DECLARATION),
    ]
    assert document.title == "Title"
    assert built.labels["wrapped"] == "wrapped"
    assert document.clause("wrapped").number == "1.2"


@pytest.mark.parametrize(("markdown", "message"), [
    ("## A {:#x}\n\n1. one {:#x}\n", "t.md: line 3: label 'x' is used twice (first on line 1)"),
    ("## A\n\n1. one\n    1. two\n        1. three\n",
     "t.md: line 5: a numbered item must sit under a section or a numbered item, at most two deep"),
    ("Intro text\n\n## A\n", "t.md: line 1: text before the first '##' section heading"),
    ("## A\n\n### B\n", "t.md: line 3: only '#' (title) and '##' (section) headings are supported"),
    ("## A\n\n::: declaration\nName\n", "t.md: line 3: '::: declaration' is never closed with ':::'"),
    (f"## A\n\n1. see {ref_placeholder('nowhere')}\n",
     "t.md: ref('nowhere'): no clause is labelled 'nowhere' in this rendering "
     "(is it in a section switched off by an option?)"),
])
def test_structure_errors(markdown, message):
    with pytest.raises(TemplateError) as caught:
        build(markdown)
    assert str(caught.value) == message


def test_declarations_one_per_person_with_names_filled_in():
    from toolkit.generate.staff import StaffMember

    staff = [StaffMember("Ann Example", "Teacher", "ann@example.org", 2),
             StaffMember("Bo Example", "Cook", "bo@example.org", 3)]
    document, page_starts = render_declarations(model_profile(), load_template_set(), staff)
    sections = [c for c in document.clauses if c.kind is ClauseKind.SECTION]
    assert len(sections) == 2
    blocks = [c.text for c in document.walk() if c.kind is ClauseKind.DECLARATION]
    assert [re.search(r"Name: (.*)", b)[1] for b in blocks] == ["Ann Example", "Bo Example"]
    assert page_starts == {sections[1].id}
    assert len({c.id for c in document.walk()}) == len(list(document.walk()))
