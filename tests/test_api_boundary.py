"""The public API's boundary: per-format options that refuse unknown keys, argument types
checked with a TypeError that says what to do, and the diff/compare names."""

from __future__ import annotations

import datetime as dt
import pickle
import warnings
from pathlib import Path

import pytest
from diff_docs import outline

import toolkit
from toolkit.render import diff_renderer, render_diff
from toolkit.render.diff_html import render_html
from toolkit.render.diff_json import render_json
from toolkit.render.diff_markdown import render_markdown
from toolkit.render.diff_text import render_text
from toolkit.render.options import DocxOptions, HtmlOptions, JsonOptions, TextOptions

OLD = outline("# 1 Scope\n1.1 Staff must read this policy every year.\n1.2 Pupils are told of it.")
NEW = outline("# 1 Scope\n1.1 Staff must read this policy each term.\n1.2 Pupils are told of it.")


@pytest.fixture(scope="module")
def diff():
    return toolkit.diff_documents(OLD, NEW)


# -- options: one dataclass per format --------------------------------------------------


def test_an_unknown_option_is_refused_naming_it_and_the_valid_ones(diff):
    with pytest.raises(TypeError, match=r"unknown option 'nonsense' for the 'html' diff format; valid options: none"):
        render_diff(diff, "html", nonsense=1)
    with pytest.raises(TypeError, match=r"unknown option 'colour' for the 'text' diff format; valid options: color, width"):
        render_diff(diff, "text", colour=True)
    with pytest.raises(TypeError, match=r"unknown options 'a', 'b' for the 'json'"):
        render_diff(diff, "json", a=1, b=2)
    with pytest.raises(TypeError, match="valid options: author, date"):
        render_diff(diff, "docx", title="x")


def test_keywords_and_an_options_dataclass_give_the_same_output(diff):
    narrow = render_diff(diff, "text", width=40)
    assert narrow == render_diff(diff, "text", options=TextOptions(width=40))
    assert narrow != render_diff(diff, "text")  # the option is used, not dropped
    assert max(len(line) for line in narrow.splitlines()) <= 40
    assert render_diff(diff, "html", options=HtmlOptions()) == render_diff(diff, "html")
    assert render_diff(diff, "json", options=JsonOptions()) == render_json(diff)


def test_an_options_dataclass_of_another_format_or_with_keywords_is_refused(diff):
    with pytest.raises(TypeError, match="options must be a TextOptions, not HtmlOptions"):
        render_diff(diff, "text", options=HtmlOptions())
    with pytest.raises(TypeError, match="not both"):
        render_diff(diff, "text", options=TextOptions(), width=3)


def test_option_values_are_checked():
    with pytest.raises(TypeError, match="width must be an int, not str"):
        TextOptions(width="80")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="width must be an int, not bool"):
        TextOptions(width=True)
    with pytest.raises(ValueError, match="at least 1"):
        TextOptions(width=0)
    with pytest.raises(TypeError, match="author must be a str or None, not int"):
        DocxOptions(author=3)  # type: ignore[arg-type]


def test_options_are_frozen_and_list_their_names():
    options = TextOptions(color=True)
    with pytest.raises(AttributeError):
        options.width = 3  # type: ignore[misc]
    assert TextOptions.names() == ("color", "width")
    assert DocxOptions(author="Clerk").keywords() == {"author": "Clerk", "date": None}
    assert diff_renderer("docx").options is DocxOptions


def test_docx_options_reach_the_tracked_changes(diff):
    data = render_diff(diff, "docx", author="Clerk to Governors", date="2026-11-22T10:00:00Z")
    import io
    import zipfile

    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'w:author="Clerk to Governors"' in body and 'w:date="2026-11-22T10:00:00Z"' in body


@pytest.mark.parametrize("render", [render_json, render_markdown, render_html, render_text])
def test_the_renderers_themselves_refuse_unknown_keywords(diff, render):
    with pytest.raises(TypeError, match="nonsense"):
        render(diff, nonsense=1)


# -- argument types at the boundary -----------------------------------------------------


def test_diffing_file_names_says_to_read_them_first():
    with pytest.raises(TypeError, match=r"old must be a Document, not str \('a.txt'\); read the files first "
                                        r"with toolkit.read_document"):
        toolkit.diff_documents("a.txt", "b.txt")
    with pytest.raises(TypeError, match="new must be a Document, not PosixPath"):
        toolkit.diff_documents(OLD, Path("b.txt"))
    with pytest.raises(TypeError, match="options must be a DiffOptions, not dict"):
        toolkit.diff_documents(OLD, NEW, {"ignore_case": True})


def test_render_diff_wants_a_diff_and_a_format_name(diff):
    with pytest.raises(TypeError, match=r"diff must be a DocumentDiff, not Document; make one with "
                                        r"toolkit.diff_documents\(old, new\)"):
        render_diff(OLD, "html")
    with pytest.raises(TypeError, match="name must be a str, not TextOptions"):
        render_diff(diff, TextOptions())  # type: ignore[arg-type]


@pytest.mark.parametrize("read", [toolkit.read_document, toolkit.read_blocks])
def test_reading_wants_a_file_name(read, tmp_path):
    with pytest.raises(TypeError, match="path must be a str or an os.PathLike, not bytes"):
        read(b"policy.txt")
    with pytest.raises(TypeError, match="path must be a str or an os.PathLike, not Document"):
        read(OLD)
    with pytest.raises(TypeError, match="options must be a ReadOptions or None, not dict"):
        read(tmp_path / "p.txt", {"max_bytes": 3})


def test_reading_still_works_with_a_str_and_a_path(tmp_path):
    policy = tmp_path / "p.txt"
    policy.write_text("Policy\n\n1. Purpose\n1.1 Staff must follow it.\n", encoding="utf-8")
    assert toolkit.read_document(str(policy)) == toolkit.read_document(policy)
    assert [c.number for c in toolkit.read_document(policy).walk()][-1] == "1.1"


def test_build_document_wants_a_block_stream():
    with pytest.raises(TypeError, match=r"stream must be a BlockStream, not str.*toolkit.read_blocks\(path\)"):
        toolkit.build_document("1. Purpose", source="x.txt", format="text")


def test_document_to_dict_wants_a_document(diff):
    with pytest.raises(TypeError, match=r"document must be a Document, not DocumentDiff; read one with"):
        toolkit.document_to_dict(diff)
    assert toolkit.document_to_dict(OLD)["schema"] == "policykit.document/1"


def test_generate_policy_wants_file_names():
    with pytest.raises(TypeError, match="profile_path must be a str or an os.PathLike, not dict"):
        toolkit.generate_policy({"school_name": "x"})
    with pytest.raises(TypeError, match="timestamp must be a datetime or None, not str"):
        toolkit.generate_policy("profile.toml", timestamp="2026-01-01")


def test_a_trust_comparison_wants_a_list_of_inputs(tmp_path):
    with pytest.raises(TypeError, match=r"inputs must be a list of str, os.PathLike or Document, not one str "
                                        r"\('trust'\); wrap a single item in a list"):
        toolkit.compare_policies("trust")
    with pytest.raises(TypeError, match=r"inputs must be a list of .*, not one PosixPath"):
        toolkit.run_comparison(tmp_path, tmp_path / "register.html")
    with pytest.raises(TypeError, match=r"inputs\[1\] must be a str, an os.PathLike or a Document, not int"):
        toolkit.compare_policies([OLD, 3])
    with pytest.raises(TypeError, match="as_of must be a date or None, not str"):
        toolkit.compare_policies([OLD], as_of="2026-01-01")
    with pytest.raises(TypeError, match="output must be a str or an os.PathLike, not int"):
        toolkit.run_comparison([OLD], 3)


def test_a_trust_comparison_of_documents_still_runs():
    report = toolkit.compare_policies([OLD, NEW], as_of=dt.date(2026, 1, 1))
    assert len(report.documents) == 2
    # An iterator is accepted and not used up by the check.
    assert len(toolkit.compare_policies(iter([OLD]), as_of=dt.date(2026, 1, 1)).documents) == 1


def test_checked_functions_keep_their_name_signature_and_pickle():
    import inspect

    from toolkit.readers import read_document

    assert toolkit.read_document.__name__ == "read_document"
    assert toolkit.read_document.__doc__ == read_document.__doc__
    assert inspect.signature(toolkit.read_document) == inspect.signature(read_document)
    assert pickle.loads(pickle.dumps(toolkit.read_document)) is toolkit.read_document


def test_a_missing_argument_keeps_pythons_own_message():
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'new'"):
        toolkit.diff_documents(OLD)


# -- names: diff_documents for a diff, compare_policies for a trust ----------------------


def test_toolkit_compare_still_works_but_is_deprecated():
    with pytest.warns(DeprecationWarning, match=r"use toolkit.diff_documents .* or toolkit.compare_policies"):
        old_name = toolkit.compare
    assert old_name is toolkit.diff_documents
    with pytest.warns(DeprecationWarning):  # every use warns, not only the first
        from toolkit import compare  # noqa: F401
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert toolkit.diff_documents(OLD, OLD).identical


def test_the_old_diff_name_in_toolkit_diff_is_the_same_function():
    from toolkit.diff import compare, diff_documents
    from toolkit.diff.align import compare as align_compare

    assert compare is diff_documents is align_compare
    assert "compare" not in toolkit.__all__ and "diff_documents" in toolkit.__all__


def test_every_exported_name_has_its_own_docstring():
    missing = []
    for name in toolkit._EXPORTS:
        value = getattr(toolkit, name)
        doc = value.__dict__.get("__doc__") if isinstance(value, type) else value.__doc__
        # A dataclass without one gets its signature ("Clause(id: str, ...)") as __doc__.
        if not doc or not doc.strip() or doc.startswith(f"{name}("):
            missing.append(name)
    assert missing == []


def test_every_check_names_a_parameter_the_function_has():
    # A parameter renamed in the function would otherwise silently stop being checked.
    import inspect

    from toolkit import _boundary

    for name in _boundary.CHECKED:
        assert name in toolkit._EXPORTS, name
        parameters = inspect.signature(getattr(toolkit, name)).parameters
        checks = _boundary._specs(name)
        assert checks and set(checks) <= set(parameters), (name, set(checks) - set(parameters))
