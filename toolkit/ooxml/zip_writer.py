"""Writing a Word package (a ZIP of XML parts) so the same input gives the same bytes.

python-docx stamps every ZIP entry with the current time; we write the archive
ourselves with one fixed time for every entry and a fixed entry order
(``[Content_Types].xml`` first, as Office expects, then the rest sorted), so a
regenerated policy is byte-identical to last year's when nothing changed.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from xml.sax.saxutils import escape as _escape

from . import NS
from .fields import xml_safe


def escape(text: str, entities: dict[str, str] | None = None) -> str:
    return _escape(xml_safe(text), entities or {})

CONTENT_TYPES = "[Content_Types].xml"
_EPOCH_FLOOR = dt.datetime(1980, 1, 1)  # the earliest time a ZIP entry can hold

_DEFAULT_TYPES = {
    "rels": "application/vnd.openxmlformats-package.relationships+xml",
    "xml": "application/xml",
}
OVERRIDE_TYPES = {
    "/word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "/word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "/word/numbering.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "/word/settings.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
    "/word/header1.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "/word/footer1.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "/word/comments.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "/docProps/custom.xml": "application/vnd.openxmlformats-officedocument.custom-properties+xml",
}


def content_types_xml(part_names: list[str]) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
    ]
    for ext, ctype in sorted(_DEFAULT_TYPES.items()):
        lines.append(f'<Default Extension="{ext}" ContentType="{ctype}"/>')
    for name in sorted(part_names):
        partname = "/" + name
        if partname in OVERRIDE_TYPES:
            lines.append(f'<Override PartName="{partname}" ContentType="{OVERRIDE_TYPES[partname]}"/>')
    lines.append("</Types>")
    return "".join(lines).encode("utf-8")


def relationships_xml(relationships: list[tuple[str, str, str]]) -> bytes:
    """(id, type URL, target) triples as a ``.rels`` part."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
    ]
    for rel_id, rel_type, target in relationships:
        lines.append(f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{escape(target)}"/>')
    lines.append("</Relationships>")
    return "".join(lines).encode("utf-8")


def core_properties_xml(
    *,
    title: str | None,
    author: str | None,
    subject: str | None,
    keywords: str | None,
    version: str | None,
    description: str | None,
    created: dt.datetime,
    modified: dt.datetime,
) -> bytes:
    def element(tag: str, value: str | None) -> str:
        return f"<{tag}>{escape(value)}</{tag}>" if value else ""

    def when(value: dt.datetime) -> str:
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value.tzinfo else value.strftime("%Y-%m-%dT%H:%M:%SZ")

    body = "".join(
        [
            element("dc:title", title),
            element("dc:subject", subject),
            element("dc:creator", author),
            element("cp:keywords", keywords),
            element("dc:description", description),
            element("cp:lastModifiedBy", author),
            element("cp:version", version),
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when(created)}</dcterms:created>',
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when(modified)}</dcterms:modified>',
        ]
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<cp:coreProperties xmlns:cp="{NS["cp"]}" xmlns:dc="{NS["dc"]}" xmlns:dcterms="{NS["dcterms"]}" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{body}</cp:coreProperties>"
    ).encode()


def app_properties_xml(application: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{escape(application)}</Application></Properties>"
    ).encode()


def custom_properties_xml(properties: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties, start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{items}</Properties>"
    ).encode()


def write_zip(parts: Mapping[str, bytes], timestamp: dt.datetime) -> bytes:
    """The package bytes: every entry stamped ``timestamp``, entries in a fixed order."""
    stamp = max(timestamp.replace(tzinfo=None), _EPOCH_FLOOR)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    names = sorted(parts, key=lambda name: (name != CONTENT_TYPES, name))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0  # do not record the build machine's OS
            archive.writestr(info, parts[name])
    return buffer.getvalue()
