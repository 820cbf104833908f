"""Building small Word files inside tests: python-docx for the body, our own numbering.xml."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def numbering_xml(abstracts: str, nums: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:numbering xmlns:w="{W_NS}">{abstracts}{nums}</w:numbering>'
    ).encode()


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{extra}<w:lvlText w:val="{text}"/></w:lvl>'
    )


def abstract(abstract_id: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def set_numbering(paragraph, num_id: int | None, ilvl: int | None = None) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.makeelement(qn("w:numPr"), {})
    if ilvl is not None:
        numpr.append(parse_xml(f'<w:ilvl xmlns:w="{W_NS}" w:val="{ilvl}"/>'))
    if num_id is not None:
        numpr.append(parse_xml(f'<w:numId xmlns:w="{W_NS}" w:val="{num_id}"/>'))
    ppr.append(numpr)


def save_with_parts(document, path: Path, replace: dict[str, bytes] | None = None) -> Path:
    """Save a python-docx document, then swap in raw parts (numbering.xml and the like)."""
    buffer = io.BytesIO()
    document.save(buffer)
    replace = dict(replace or {})
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = replace.pop(info.filename, None)
            target.writestr(info.filename, data if data is not None else source.read(info.filename))
        for name, data in replace.items():
            target.writestr(name, data)
    return path


def new_document():
    return docx.Document()
