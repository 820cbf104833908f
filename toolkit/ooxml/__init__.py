"""The OOXML layer: every WordprocessingML detail lives under this package.

Readers and renderers talk about clauses; only modules here talk about ``w:p``,
``numbering.xml`` or relationship ids.
"""

from __future__ import annotations

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}


def qn(tag: str) -> str:
    """``w:p`` -> ``{http://...}p`` (Clark notation for lxml)."""
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def w(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """Append ``<w:tag w:name="value" ...>`` to ``parent`` (attributes in the order given)."""
    element = etree.SubElement(parent, qn(f"w:{tag}"))
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element
