"""The Markdown reader: headings, lists, front matter, and clause lines markdown-it cannot see."""

from __future__ import annotations

from conftest import corpus_dir

from toolkit.model import ClauseKind
from toolkit.readers import read_document

MARKDOWN = """---
title: Staff Social Media Policy
version: 2.1
next_review: 2026-09-01
---

# Staff Social Media Policy

## 1. Purpose

1.1 This policy explains how staff use social media.
1.2 It applies on and off duty.

## 2. Scope

2.1 Everyone who works at the school:

- teachers and support staff;
- governors and volunteers.

| Topic | Owner |
|---|---|
| Images | Office |
"""


def test_markdown_clause_lines_inside_a_paragraph_become_clauses(tmp_path):
    path = tmp_path / "policy.md"
    path.write_text(MARKDOWN)
    document = read_document(path)
    assert [c.number for c in document.walk()] == ["1", "1.1", "1.2", "2", "2.1", None, None, None]
    assert document.clause("1.2").text == "It applies on and off duty."
    children = document.clause("2.1").children
    assert [b.kind for b in children] == [ClauseKind.LIST_ITEM, ClauseKind.LIST_ITEM, ClauseKind.TABLE]
    assert children[1].text == "governors and volunteers."
    table = list(document.walk())[-1]
    assert table.kind is ClauseKind.TABLE and table.rows == (("Topic", "Owner"), ("Images", "Office"))


def test_markdown_front_matter_is_metadata(tmp_path):
    path = tmp_path / "policy.md"
    path.write_text(MARKDOWN)
    document = read_document(path)
    assert document.title == "Staff Social Media Policy"
    assert document.metadata.version.value == "2.1"
    assert document.metadata.next_review.json_value == "2026-09-01"
    assert document.clause("1").heading == "Purpose"


def test_real_markdown_policies_from_the_corpus_parse():
    folder = corpus_dir("wholistic-fostering")
    for path in sorted(folder.glob("*.md")):
        document = read_document(path)
        headings = [c.heading for c in document.walk() if c.kind is ClauseKind.SECTION]
        assert headings, path
        assert document.title
    use = read_document(folder / "social-media-use.md")
    assert use.metadata.last_review.json_value == "2025-06-21"
