"""Word output with native tracked changes: accept all gives the new text, reject all
the old, and the XML follows what Word requires."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from conftest import sample
from diff_docs import moved_and_reworded, outline
from lxml import etree
from test_diff_engine import all_edits

from toolkit.diff import diff_documents
from toolkit.ooxml import NS, qn
from toolkit.ooxml.revisions import resolve_paragraphs
from toolkit.readers import read_document
from toolkit.render import render_diff

REVISIONS = ("w:ins", "w:del", "w:moveFrom", "w:moveTo")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@pytest.fixture(scope="module")
def pair():
    old = read_document(sample("hampshire"))
    return old, all_edits(old)


@pytest.fixture(scope="module")
def docx_bytes(pair):
    return render_diff(diff_documents(*pair), "docx", author="Clerk to Governors", date="2026-11-22T10:00:00Z")


def body_of(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return root.find(qn("w:body"))


def expected_paragraphs(document) -> list[str]:
    lines = [document.title] if document.title else []
    lines += [f"{c.number} {c.full_text}" if c.number else c.full_text for c in document.walk()]
    return [" ".join(line.split()) for line in lines]


def resolved(body, accept: bool) -> list[str]:
    return [" ".join(text.split()) for text in resolve_paragraphs(body, accept) if text.strip()]


def test_accept_all_gives_the_new_text_and_reject_all_the_old(pair, docx_bytes):
    old, new = pair
    body = body_of(docx_bytes)
    assert resolved(body, accept=True) == expected_paragraphs(new)
    assert resolved(body, accept=False) == expected_paragraphs(old)


def test_split_and_merge_round_trip():
    old = outline("""
# 1 Scope
1.1 This policy applies to all staff employed by the school.
1.2 It covers personal and professional use of social media. Governors and volunteers must also follow it at all times.
1.3 Staff must report concerns.
1.4 To the headteacher without delay, in writing.
""")
    new = outline("""
# 1 Scope
1.1 This policy applies to all staff employed by the school.
1.2 It covers personal and professional use of social media.
1.3 Governors and volunteers must also follow it at all times.
1.4 Staff must report concerns to the headteacher without delay, in writing.
""")
    body = body_of(render_diff(diff_documents(old, new), "docx"))
    assert resolved(body, accept=True) == expected_paragraphs(new)
    assert resolved(body, accept=False) == expected_paragraphs(old)


def test_revision_xml_is_what_word_requires(docx_bytes):
    body = body_of(docx_bytes)
    revisions = [el for tag in REVISIONS for el in body.iter(qn(tag))]
    ranges = [el for tag in ("w:moveFromRangeStart", "w:moveToRangeStart") for el in body.iter(qn(tag))]
    assert len(revisions) > 20
    # unique w:id across every revision and range start
    ids = [el.get(qn("w:id")) for el in revisions + ranges]
    assert all(ids) and len(ids) == len(set(ids))
    for el in revisions + ranges:
        assert el.get(qn("w:author")) == "Clerk to Governors"
        assert el.get(qn("w:date")) == "2026-11-22T10:00:00Z"
    # deleted text is w:delText inside w:del, never w:t; delText appears nowhere else
    for deletion in body.iter(qn("w:del")):
        assert not list(deletion.iter(qn("w:t")))
    for deleted in body.iter(qn("w:delText")):
        assert any(a.tag == qn("w:del") for a in deleted.iterancestors())
    # xml:space="preserve" wherever text begins or ends with a space
    texts = list(body.iter(qn("w:t"), qn("w:delText")))
    spaced = [t for t in texts if t.text and t.text != t.text.strip()]
    assert spaced and all(t.get(XML_SPACE) == "preserve" for t in spaced)


def test_moves_are_named_ranges_and_marks_are_revised(docx_bytes):
    body = body_of(docx_bytes)
    starts = {kind: {el.get(qn("w:name")): el.get(qn("w:id")) for el in body.iter(qn(f"w:{kind}RangeStart"))}
              for kind in ("moveFrom", "moveTo")}
    assert set(starts["moveFrom"]) == set(starts["moveTo"]) == {"move1"}
    for kind, named in starts.items():
        ends = {el.get(qn("w:id")) for el in body.iter(qn(f"w:{kind}RangeEnd"))}
        assert set(named.values()) == ends
    source = next(el for el in body.iter(qn("w:moveFrom")) if el.getparent().tag == qn("w:p"))
    assert "".join(source.itertext()).startswith("4.2 The policy covers personal use")
    marks = [el.tag for el in body.iterfind("w:p/w:pPr/w:rPr/*", NS) if el.tag in {qn(t) for t in REVISIONS}]
    # one added clause, one removed clause, the two ends of the move
    assert sorted(marks) == sorted([qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo")])


def test_clause_numbers_are_plain_text_and_python_docx_reads_the_file(docx_bytes):
    document = docx.Document(io.BytesIO(docx_bytes))
    assert document.core_properties.author == "Clerk to Governors"
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("6.1.1 The following principles") for t in texts)
    assert not list(body_of(docx_bytes).iter(qn("w:numPr")))


def test_changed_cover_details_are_a_comment_on_the_title(docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        names = package.namelist()
        types = etree.fromstring(package.read("[Content_Types].xml"))
        comments = etree.fromstring(package.read("word/comments.xml"))
        rels = package.read("word/_rels/document.xml.rels").decode()
    # Word refuses a part without its own content type: every XML part has one.
    overrides = {el.get("PartName") for el in types if el.tag.endswith("}Override")}
    assert {"/" + n for n in names if n.endswith(".xml") and n != "[Content_Types].xml"} <= overrides
    assert 'Target="comments.xml"' in rels
    [comment] = comments.iter(qn("w:comment"))
    assert comment.get(qn("w:author")) == "Clerk to Governors"
    assert comment.get(qn("w:date")) == "2026-11-22T10:00:00Z"
    lines = ["".join(t.text for t in p.iter(qn("w:t"))) for p in comment.iter(qn("w:p"))]
    assert lines == ["Cover details changed:", "next review: Jan 2023 \u2192 Jan 2024"]
    title = body_of(docx_bytes).find(qn("w:p"))
    assert title.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "Title"
    [reference] = title.iter(qn("w:commentReference"))
    assert reference.get(qn("w:id")) == comment.get(qn("w:id"))


def _expected_regions(body) -> int:
    """Tracked-change regions as LibreOffice groups them: consecutive runs of the same kind
    of revision (moved text is a kind of its own), paragraph marks included, merged while
    no unrevised text comes between."""
    kind_of = {qn("w:ins"): "ins", qn("w:moveTo"): "moveTo", qn("w:del"): "del", qn("w:moveFrom"): "moveFrom"}
    sequence: list[str | None] = []
    for paragraph in body.iter(qn("w:p")):
        for run in paragraph.iter(qn("w:r")):
            if run.getparent().tag == qn("w:rPr"):
                continue
            wrappers = [kind_of[a.tag] for a in run.iterancestors() if a.tag in kind_of]
            sequence.append(wrappers[0] if wrappers else None)
        mark = paragraph.find("w:pPr/w:rPr", NS)
        mark_kinds = [kind_of[c.tag] for c in mark if c.tag in kind_of] if mark is not None else []
        sequence.append(mark_kinds[0] if mark_kinds else None)
    regions, previous = 0, None
    for kind in sequence:
        if kind is not None and kind != previous:
            regions += 1
        previous = kind
    return regions


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_file_and_sees_every_revision(docx_bytes, tmp_path):
    source = tmp_path / "changes.docx"
    source.write_bytes(docx_bytes)
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "fodt",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=120,
    )
    converted = tmp_path / "changes.fodt"
    assert converted.exists(), result.stderr.decode(errors="replace")
    flat = converted.read_text(encoding="utf-8")
    regions = len(re.findall(r"<text:changed-region\b", flat))
    assert regions == _expected_regions(body_of(docx_bytes))
    assert regions >= 11  # at least one region for each of the eleven reported edits
    assert "Clerk to Governors" in flat


from diff_docs import delete, insert_after, move, reword  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_diff_engine import new_clause  # noqa: E402


@pytest.fixture(scope="module")
def hampshire():
    return read_document(sample("hampshire"))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["delete", "insert", "move", "reword"]), st.integers(0, 10_000)),
                min_size=1, max_size=5))
def test_any_edits_round_trip_through_tracked_changes(hampshire, edits):
    new = hampshire
    for counter, (kind, pick) in enumerate(edits):
        leaves = [c for c in new.walk() if c.number and "." in c.number and not c.children and c.text]
        target = leaves[pick % len(leaves)]
        if kind == "delete":
            new = delete(new, target.id)
        elif kind == "insert":
            new = insert_after(new, target.id, new_clause(f"Rule {counter}: lanyards stay on site.", clause_id=f"n{counter}"))
        elif kind == "move":
            other = leaves[(pick // 7) % len(leaves)]
            if other.id != target.id:
                new = move(new, target.id, other.id)
        else:
            word = target.text.split()[len(target.text.split()) // 2]
            new = reword(new, target.id, word, f"{word} (amended {counter})")
    body = body_of(render_diff(diff_documents(hampshire, new), "docx"))
    assert resolved(body, accept=True) == expected_paragraphs(new)
    assert resolved(body, accept=False) == expected_paragraphs(hampshire)


def test_moved_and_reworded_clause_round_trips():
    old, new = moved_and_reworded()
    diff = diff_documents(old, new)
    assert [c.status.value for c in diff.changes if c.modified] == ["moved"]
    body = body_of(render_diff(diff, "docx"))
    assert resolved(body, accept=True) == expected_paragraphs(new)
    assert resolved(body, accept=False) == expected_paragraphs(old)
    destination = "".join(t.text for t in body.iterfind(".//w:moveTo/w:r/w:t", NS))
    assert "Staff must never share" in destination
    assert "any other person" in "".join(t.text for t in body.iterfind(".//w:ins/w:r/w:t", NS))
