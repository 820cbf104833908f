"""Diff renderers: the JSON contract, Markdown, terminal text and the HTML report."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from conftest import sample
from diff_docs import insert_after, reword
from test_diff_engine import all_edits, new_clause

from toolkit.diff import Status, diff_documents
from toolkit.readers import read_document
from toolkit.render import diff_format_for, diff_renderers, render_diff


@pytest.fixture(scope="module")
def hampshire():
    return read_document(sample("hampshire"))


@pytest.fixture(scope="module")
def diff(hampshire):
    return diff_documents(hampshire, all_edits(hampshire))


HOSTILE_SCRIPT = "<script>alert('x')</script>"
HOSTILE_ATTR = '"><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def hostile(hampshire):
    new = reword(hampshire, "2.2", "social media tools", f"social media {HOSTILE_SCRIPT} tools")
    new = insert_after(new, "3.1", new_clause(f"Governors review this {HOSTILE_ATTR} yearly. See https://evil.example/x.js"))
    return diff_documents(hampshire, new)


def test_registry_names_and_extensions():
    assert set(diff_renderers()) == {"json", "text", "md", "html", "docx"}
    assert [diff_format_for(name) for name in ("a.html", "b.MD", "c.json", "d.docx", "e.txt")] == \
        ["html", "md", "json", "docx", "text"]


def test_json_follows_the_contract(diff, hampshire):
    data = json.loads(render_diff(diff, "json"))
    # The /1 keys keep their order; keys added later (citation_updates) follow them.
    assert list(data)[:6] == ["schema", "old", "new", "summary", "metadata_changes", "changes"]
    assert data["citation_updates"] == []
    assert data["schema"] == "policykit.diff/1"
    assert data["old"] == {"source": hampshire.source, "title": "School Social Media Policy"}
    assert data["summary"] == {"unchanged": len(diff.changes) - 11, "renumbered": 5, "modified": 3,
                               "added": 1, "removed": 1, "moved": 1}
    assert data["metadata_changes"] == [{"field": "next_review", "old": "Jan 2023", "new": "Jan 2024"}]
    assert len(data["changes"]) == len(diff.changes)
    for entry in data["changes"]:
        assert set(entry) == {"status", "old", "new", "similarity", "words"}
        for side in ("old", "new"):
            assert entry[side] is None or set(entry[side]) == {"id", "number", "text"}
        assert all(op in ("equal", "insert", "delete") and isinstance(text, str) for op, text in entry["words"])
    removed = next(e for e in data["changes"] if e["status"] == "removed")
    assert removed["new"] is None and removed["old"]["number"] == "1.2" and removed["similarity"] == 0.0
    modified = next(e for e in data["changes"] if e["status"] == "modified" and e["new"]["id"] == "6.1.2")
    assert ["insert", "and supportive "] in modified["words"]


def test_markdown_uses_criticmarkup_and_escapes_text(diff, hostile):
    md = render_diff(diff, "md")
    assert "| Modified | 3 |" in md and "| Moved | 1 |" in md
    assert "{++and supportive++}" in md
    assert "{--important--}{++vital++}" in md
    assert "next review" in md and "Jan 2024" in md
    assert re.search(r"### 1\.2 — Removed", md)
    hostile_md = render_diff(hostile, "md")
    assert "<script>" not in hostile_md and "&lt;script&gt;" in hostile_md
    assert "<img" not in hostile_md


def test_text_report_plain_and_coloured(diff):
    plain = render_diff(diff, "text")
    assert "[-important-]{+vital+}" in plain
    assert "\x1b[" not in plain
    assert re.search(r"Moved\s+4\.2 → 2\.2\s+moved from 4 Scope to 2 Introduction", plain)
    coloured = render_diff(diff, "text", color=True)
    assert "\x1b[" in coloured and "[-important-]" not in coloured


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_escapes_every_piece_of_document_text(hostile):
    html = render_diff(hostile, "html")
    parsed = _Collector()
    parsed.feed(html)
    assert [tag for tag, _ in parsed.tags].count("script") == 1  # only our own view switch
    assert not any(tag == "img" for tag, _ in parsed.tags)
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    shown = "".join(parsed.text)
    assert HOSTILE_SCRIPT in shown and HOSTILE_ATTR in shown  # shown as text, not markup
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_html_is_self_contained(hostile):
    html = render_diff(hostile, "html")
    parsed = _Collector()
    parsed.feed(html)
    for tag, attrs in parsed.tags:
        for name in ("src", "href", "action", "data", "poster"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (tag, name, value)
        assert tag not in ("link", "iframe", "img", "object", "embed")
    assert not re.search(r"url\(", html)
    assert "@import" not in html


def test_html_summary_links_every_change_and_moves_link_both_ways(diff):
    html = render_diff(diff, "html")
    parsed = _Collector()
    parsed.feed(html)
    ids = {attrs["id"] for _, attrs in parsed.tags if "id" in attrs}
    hrefs = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert all(href[1:] in ids for href in hrefs)
    for change in diff.changes:
        if change.status is not Status.UNCHANGED:
            assert "#" + change.anchor in hrefs
    moved = next(c for c in diff.changes if c.status is Status.MOVED)
    assert "#" + moved.anchor + "-from" in hrefs  # destination -> source
    assert hrefs.count("#" + moved.anchor) >= 2  # summary and source -> destination
    assert 'class="inline move-to"' in html
    assert "text-decoration: underline double" in html and "@media print" in html
    assert "line-through" in html and "Side by side" in html
