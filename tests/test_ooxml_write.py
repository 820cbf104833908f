"""The write side of toolkit.ooxml on its own: what renderers rely on without seeing XML."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
from lxml import etree

from toolkit.ooxml import qn
from toolkit.ooxml.body import PageSetup, add_text, document_root, paragraph, section_properties, xml_bytes
from toolkit.ooxml.parts import PackageWriter, settings_xml
from toolkit.ooxml.revisions import DELETED, INSERTED, TrackedDocument, resolve_paragraphs


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml")).find(qn("w:body"))


def test_tracked_document_accepts_to_the_new_text_and_rejects_to_the_old():
    document = TrackedDocument("Clerk", "2026-03-01T09:00:00Z")
    kept = document.paragraph("Heading 1")
    kept.text("1 Scope", bold=True)
    edited = document.paragraph(indent=425)
    edited.text("Staff must ")
    edited.revised(DELETED, "tell")
    edited.revised(INSERTED, "report to")
    edited.text(" the head.")
    added = document.paragraph()
    added.revised(INSERTED, "Governors too.")
    added.mark(INSERTED)
    body = _body(document.to_bytes(title="Policy", description="test"))
    assert resolve_paragraphs(body, accept=True) == ["1 Scope", "Staff must report to the head.", "Governors too."]
    # Rejecting the inserted paragraph mark takes the added paragraph away altogether.
    assert resolve_paragraphs(body, accept=False) == ["1 Scope", "Staff must tell the head."]


def test_tracked_document_is_a_package_python_docx_opens():
    document = TrackedDocument("Clerk to Governors", "2026-03-01T09:00:00Z")
    document.paragraph("Title").text("Online Safety Policy")
    document.paragraph("List Bullet").text("Phones stay in lockers.")
    opened = docx.Document(io.BytesIO(document.to_bytes(title="Online Safety Policy", description="x" * 400)))
    assert [p.text for p in opened.paragraphs] == ["Online Safety Policy", "Phones stay in lockers."]
    assert [p.style.name for p in opened.paragraphs] == ["Title", "List Bullet"]
    assert opened.core_properties.author == "Clerk to Governors"
    assert len(opened.core_properties.comments) == 255  # Word's limit on a core property
    assert opened.core_properties.created == dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def test_paragraph_properties_follow_the_schema_order():
    _, body = document_root()
    p = paragraph(body, "BodyText", numbering=(1, 2), indent=567, hanging=0, page_break=True, align="right")
    order = [child.tag for child in p.find(qn("w:pPr"))]
    assert order == [qn("w:pStyle"), qn("w:pageBreakBefore"), qn("w:numPr"), qn("w:ind"), qn("w:jc")]
    assert paragraph(body, None).find(qn("w:pPr")) is None


def test_text_breaks_and_tabs_are_elements():
    _, body = document_root()
    p = paragraph(body, None)
    add_text(p, "Name\tSigned\nDate")
    tags = [child.tag for run in p for child in run if child.tag != qn("w:rPr")]
    assert tags == [qn("w:t"), qn("w:tab"), qn("w:t"), qn("w:br"), qn("w:t")]


def test_package_writer_relates_and_types_every_part():
    root, body = document_root()
    section_properties(PageSetup(), parent=body)
    package = PackageWriter(xml_bytes(root))
    package.add("settings", settings_xml())
    data = package.to_bytes(core=b"<x/>", application="policykit", timestamp=dt.datetime(2026, 1, 1))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert names[0] == "[Content_Types].xml"
    assert 'Target="settings.xml"' in rels
    for name in ("word/document.xml", "word/settings.xml", "docProps/core.xml", "docProps/app.xml"):
        assert f'PartName="/{name}"' in types
