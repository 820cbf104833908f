"""The parts of a Word package we write, and the package that holds them.

``PackageWriter`` knows each part's name, relationship id and type, so a renderer
says "add the styles" and never spells a relationship; ``header_xml``,
``footer_xml`` and ``settings_xml`` are the small parts around the body.
"""

from __future__ import annotations

import datetime as dt
import os

from . import w
from .body import paragraph, part_root, xml_bytes
from .fields import NUMPAGES, add_page_x_of_y, add_text_run
from .zip_writer import (
    app_properties_xml,
    content_types_xml,
    custom_properties_xml,
    relationships_xml,
    write_zip,
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

MAIN_DOCUMENT = "word/document.xml"
HEADER_ID, FOOTER_ID = "rIdHeader1", "rIdFooter1"

# What the main document may refer to: part name, relationship id, relationship type.
DOCUMENT_PARTS = {
    "styles": ("word/styles.xml", "rIdStyles", f"{_REL}/styles"),
    "numbering": ("word/numbering.xml", "rIdNumbering", f"{_REL}/numbering"),
    "settings": ("word/settings.xml", "rIdSettings", f"{_REL}/settings"),
    "header": ("word/header1.xml", HEADER_ID, f"{_REL}/header"),
    "footer": ("word/footer1.xml", FOOTER_ID, f"{_REL}/footer"),
    "comments": ("word/comments.xml", "rIdComments", f"{_REL}/comments"),
}


def resolve_timestamp(timestamp: dt.datetime | None) -> dt.datetime:
    """The timestamp to stamp outputs with: given, else $SOURCE_DATE_EPOCH, else now (UTC)."""
    if timestamp is not None:
        return timestamp if timestamp.tzinfo else timestamp.replace(tzinfo=dt.UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class PackageWriter:
    """Collects a document's parts and writes the package (relationships, content types, ZIP)."""

    def __init__(self, document: bytes) -> None:
        self.parts: dict[str, bytes] = {MAIN_DOCUMENT: document}
        self._relationships: list[tuple[str, str, str]] = []

    def add(self, kind: str, data: bytes) -> None:
        """A part the main document refers to (a key of ``DOCUMENT_PARTS``), related in call order."""
        name, rel_id, rel_type = DOCUMENT_PARTS[kind]
        self.parts[name] = data
        self._relationships.append((rel_id, rel_type, name.removeprefix("word/")))

    def to_bytes(self, *, core: bytes, application: str, timestamp: dt.datetime,
                 custom_properties: list[tuple[str, str]] | None = None) -> bytes:
        """The package: the parts added, the core and extended properties, and any custom ones."""
        parts = dict(self.parts)
        parts["word/_rels/document.xml.rels"] = relationships_xml(self._relationships)
        parts["docProps/core.xml"] = core
        parts["docProps/app.xml"] = app_properties_xml(application)
        package_rels = [
            ("rId1", f"{_REL}/officeDocument", MAIN_DOCUMENT),
            ("rId2", _CORE_REL, "docProps/core.xml"),
            ("rId3", f"{_REL}/extended-properties", "docProps/app.xml"),
        ]
        if custom_properties:
            parts["docProps/custom.xml"] = custom_properties_xml(custom_properties)
            package_rels.append(("rId4", f"{_REL}/custom-properties", "docProps/custom.xml"))
        parts["_rels/.rels"] = relationships_xml(package_rels)
        parts["[Content_Types].xml"] = content_types_xml(list(parts))
        return write_zip(parts, timestamp)


def header_xml(text: str, *, style: str = "Header") -> bytes:
    """A header of one right-aligned line."""
    root = part_root("hdr")
    add_text_run(paragraph(root, style, align="right"), text)
    return xml_bytes(root)


def footer_xml(*, text: str | None, page_numbers: bool, template: str = "Page {page} of {pages}",
               pages_field: str = NUMPAGES, style: str = "Footer") -> bytes:
    """A footer: an optional line of text, then a right-aligned "Page X of Y" line whose
    numbers are fields (``template``'s {page} and {pages})."""
    root = part_root("ftr")
    if text:
        add_text_run(paragraph(root, style), text)
    if page_numbers:
        add_page_x_of_y(paragraph(root, style, align="right"), template, pages_field=pages_field)
    return xml_bytes(root)


def settings_xml(*, update_fields: bool = False, default_tab_stop: int = 567, compatibility_mode: int = 15) -> bytes:
    """``word/settings.xml``; ``update_fields`` makes Word refresh every field (a contents
    list's page numbers) on opening."""
    root = part_root("settings", relationships=False)
    if update_fields:
        w(root, "updateFields", val="true")
    w(root, "defaultTabStop", val=str(default_tab_stop))
    w(root, "characterSpacingControl", val="doNotCompress")
    w(w(root, "compat"), "compatSetting", name="compatibilityMode", uri="http://schemas.microsoft.com/office/word",
      val=str(compatibility_mode))
    return xml_bytes(root)
