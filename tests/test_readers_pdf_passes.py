"""The PDF reader's furniture passes run from one ordered, named list, and its layout
tolerances are one frozen record: each pass does work a built PDF can show."""

from __future__ import annotations

import ast
import dataclasses
import inspect

import pytest
from _pdf_build import layout_pdf

from toolkit.model import FurnitureKind
from toolkit.readers.pdf import FURNITURE_PASSES, PARAMS, LayoutParams, Page, read_pages, to_stream
from toolkit.readers.pdf import params as params_module

EXPECTED_ORDER = [
    "artifacts", "running lines", "page numbers", "comment balloons", "small print", "contents", "numbered contents",
]


def test_the_passes_are_listed_by_name_in_order():
    assert [furniture_pass.name for furniture_pass in FURNITURE_PASSES] == EXPECTED_ORDER


def _without(name: str):
    kept = tuple(p for p in FURNITURE_PASSES if p.name != name)
    assert len(kept) == len(FURNITURE_PASSES) - 1, name
    return kept


def _read(tmp_path, pages, passes=FURNITURE_PASSES, name="doc.pdf"):
    path = tmp_path / name
    path.write_bytes(layout_pdf(pages))
    return to_stream(path, read_pages(path), passes)


def _three_pages_with_a_running_header():
    return [
        [(72, 810, "Oak Tree School | Social Media Policy"), (72, 700, f"Paragraph on page {n}.")]
        for n in range(1, 4)
    ]


def test_all_passes_take_the_running_header_out(tmp_path):
    stream = _read(tmp_path, _three_pages_with_a_running_header())
    assert [b.text for b in stream.blocks] == ["Paragraph on page 1.", "Paragraph on page 2.", "Paragraph on page 3."]
    assert [f.kind for f in stream.furniture] == [FurnitureKind.HEADER] * 3


def test_without_the_running_lines_pass_the_header_stays_in_the_text(tmp_path):
    stream = _read(tmp_path, _three_pages_with_a_running_header(), _without("running lines"))
    assert "Oak Tree School | Social Media Policy" in [b.text for b in stream.blocks]
    assert not stream.furniture


def test_without_the_page_numbers_pass_a_lone_page_number_is_text(tmp_path):
    # One page: nothing repeats, so only the page-number pass knows "- 1 -" in the bottom band.
    pages = [[(72, 700, "The only paragraph of the policy."), (290, 25, "- 1 -")]]
    stream = _read(tmp_path, pages)
    assert [(f.text, f.kind) for f in stream.furniture] == [("- 1 -", FurnitureKind.PAGE_NUMBER)]
    stream = _read(tmp_path, pages, _without("page numbers"), name="again.pdf")
    assert not stream.furniture
    assert "- 1 -" in [b.text for b in stream.blocks]


def test_without_the_contents_pass_a_contents_list_is_text(tmp_path):
    pages = [
        [(72, 760, "Contents"), (72, 740, "Introduction ........ 1"), (72, 725, "Aims ........ 2"),
         (72, 600, "Introduction"), (72, 580, "This policy sets out how the school works.")],
        [(72, 760, "Aims"), (72, 740, "The aims of the policy are plain.")],
    ]
    stream = _read(tmp_path, pages)
    assert [f.kind for f in stream.furniture] == [FurnitureKind.CONTENTS] * 3
    stream = _read(tmp_path, pages, _without("contents"), name="again.pdf")
    assert not stream.furniture
    assert "Aims ........ 2" in " ".join(b.text for b in stream.blocks)


def test_layout_params_are_one_frozen_record_with_a_reason_for_each_value():
    assert PARAMS == LayoutParams()
    with pytest.raises(dataclasses.FrozenInstanceError):
        PARAMS.band = 0.2  # type: ignore[misc]
    # Every field is preceded by a comment saying why its value (or shares the comment of
    # the field just before it, for a pair such as a minimum and a share).
    source = inspect.getsource(params_module)
    tree = ast.parse(source)
    lines = source.splitlines()
    record = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "LayoutParams")
    fields = [node for node in record.body if isinstance(node, ast.AnnAssign)]
    assert len(fields) == len(dataclasses.fields(LayoutParams)) >= 30
    for previous, node in zip([None, *fields], fields):
        above = lines[node.lineno - 2].strip()
        explained = above.startswith("#") or (previous is not None and previous.lineno == node.lineno - 1)
        assert explained, f"{node.target.id} has no comment saying why its value"  # type: ignore[union-attr]


def test_pages_are_frozen_records(tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(layout_pdf(_three_pages_with_a_running_header()))
    pages = read_pages(path)
    assert [(p.number, round(p.width), round(p.height), len(p.lines)) for p in pages] == [(n, 595, 842, 2) for n in (1, 2, 3)]
    assert isinstance(pages[0], Page)
    with pytest.raises(dataclasses.FrozenInstanceError):
        pages[0].number = 2  # type: ignore[misc]
    header, body = pages[0].lines
    assert (pages[0].band(header), pages[0].band(body)) == ("top", None)
