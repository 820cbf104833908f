"""Word fields (PAGE, NUMPAGES, ...) as complex-field runs.

A field is written as begin / instruction / separate / cached result / end
runs rather than ``w:fldSimple``: every version of Word and LibreOffice
updates complex fields when it lays out the page, and the cached result keeps
the text sensible for tools that never lay the document out.
"""

from __future__ import annotations

import re

from lxml import etree

from . import qn

PAGE = "PAGE"
NUMPAGES = "NUMPAGES"


def _run(parent, run_properties=None):
    run = etree.SubElement(parent, qn("w:r"))
    if run_properties is not None:
        run.append(_copy(run_properties))
    return run


def _copy(element):
    return etree.fromstring(etree.tostring(element))


# Characters XML 1.0 cannot hold (readers can meet them: a PDF's form feed, Word's
# vertical tab); they are dropped rather than making the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def add_text_run(paragraph, text: str, run_properties=None):
    run = _run(paragraph, run_properties)
    t = etree.SubElement(run, qn("w:t"))
    text = xml_safe(text)
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    return run


def add_field(paragraph, instruction: str, cached_result: str = "1", run_properties=None) -> None:
    """Append the five runs of a complex field such as ``PAGE`` to ``paragraph``."""
    begin = _run(paragraph, run_properties)
    etree.SubElement(begin, qn("w:fldChar")).set(qn("w:fldCharType"), "begin")
    instr_run = _run(paragraph, run_properties)
    instr = etree.SubElement(instr_run, qn("w:instrText"))
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} \\* MERGEFORMAT "
    separate = _run(paragraph, run_properties)
    etree.SubElement(separate, qn("w:fldChar")).set(qn("w:fldCharType"), "separate")
    add_text_run(paragraph, cached_result, run_properties)
    end = _run(paragraph, run_properties)
    etree.SubElement(end, qn("w:fldChar")).set(qn("w:fldCharType"), "end")


def add_page_x_of_y(paragraph, template: str = "Page {page} of {pages}", run_properties=None) -> None:
    """'Page X of Y' where X and Y are PAGE and NUMPAGES fields; the words come from ``template``."""
    rest = template
    while rest:
        next_page = rest.find("{page}")
        next_pages = rest.find("{pages}")
        positions = [p for p in (next_page, next_pages) if p >= 0]
        if not positions:
            add_text_run(paragraph, rest, run_properties)
            break
        cut = min(positions)
        if cut:
            add_text_run(paragraph, rest[:cut], run_properties)
        if cut == next_page:
            add_field(paragraph, PAGE, "1", run_properties)
            rest = rest[cut + len("{page}"):]
        else:
            add_field(paragraph, NUMPAGES, "1", run_properties)
            rest = rest[cut + len("{pages}"):]


def field_instructions(element) -> list[str]:
    """The field instructions inside an element (for tests and readers): ['PAGE', 'NUMPAGES']."""
    found = []
    for instr in element.iter(qn("w:instrText")):
        words = (instr.text or "").split()
        if words:
            found.append(words[0])
    for simple in element.iter(qn("w:fldSimple")):
        words = (simple.get(qn("w:instr")) or "").split()
        if words:
            found.append(words[0])
    return found
