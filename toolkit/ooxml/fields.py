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
SECTIONPAGES = "SECTIONPAGES"  # pages in this section: "Page 1 of 2" for each person's declaration


def _run(parent: etree._Element, run_properties: etree._Element | None = None) -> etree._Element:
    run = etree.SubElement(parent, qn("w:r"))
    if run_properties is not None:
        run.append(_copy(run_properties))
    return run


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


# Characters XML 1.0 cannot hold (readers can meet them: a PDF's form feed, Word's
# vertical tab); they are dropped rather than making the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def add_text_run(paragraph: etree._Element, text: str, run_properties: etree._Element | None = None) -> etree._Element:
    run = _run(paragraph, run_properties)
    t = etree.SubElement(run, qn("w:t"))
    text = xml_safe(text)
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    return run


def add_field(paragraph: etree._Element, instruction: str, cached_result: str = "1",
              run_properties: etree._Element | None = None) -> None:
    """Append the five runs of a complex field such as ``PAGE`` to ``paragraph``."""
    field_begin(paragraph, instruction, run_properties)
    add_text_run(paragraph, cached_result, run_properties)
    field_end(paragraph, run_properties)


def field_begin(paragraph: etree._Element, instruction: str, run_properties: etree._Element | None = None) -> None:
    """The begin / instruction / separate runs: what follows is the cached result, up to
    ``field_end`` (which may be in a later paragraph, as a contents list's is)."""
    begin = _run(paragraph, run_properties)
    etree.SubElement(begin, qn("w:fldChar")).set(qn("w:fldCharType"), "begin")
    instr_run = _run(paragraph, run_properties)
    instr = etree.SubElement(instr_run, qn("w:instrText"))
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} \\* MERGEFORMAT " if not instruction.startswith("TOC") else f" {instruction} "
    separate = _run(paragraph, run_properties)
    etree.SubElement(separate, qn("w:fldChar")).set(qn("w:fldCharType"), "separate")


def field_end(paragraph: etree._Element, run_properties: etree._Element | None = None) -> None:
    end = _run(paragraph, run_properties)
    etree.SubElement(end, qn("w:fldChar")).set(qn("w:fldCharType"), "end")


def ref_field(paragraph: etree._Element, bookmark: str, cached_result: str,
              run_properties: etree._Element | None = None) -> None:
    """A cross-reference to the paragraph number of the clause ``bookmark`` marks, in full
    context ("12.2", without the trailing full stop) and clickable: ``REF name \\w \\h``.
    Word updates it with F9 (or on printing); LibreOffice recomputes it on loading."""
    add_field(paragraph, f"REF {bookmark} \\w \\h", cached_result, run_properties)


_BOOKMARK_BAD = re.compile(r"[^A-Za-z0-9_]")


def bookmark_name(label: str, taken: set[str]) -> str:
    """A Word bookmark name for ``label``: letters, digits and underscores, at most 40
    characters, starting "_Ref" as Word's own cross-reference bookmarks do (hidden from
    the Bookmarks dialog), unique among ``taken`` (which it joins)."""
    base = ("_Ref_" + _BOOKMARK_BAD.sub("_", label))[:36]
    name, index = base, 1
    while name.lower() in taken:
        index += 1
        name = f"{base[:36 - len(str(index))]}_{index}"
    taken.add(name.lower())
    return name


def add_bookmark(paragraph: etree._Element, name: str, bookmark_id: int) -> None:
    """Mark the whole of ``paragraph`` (call it once the paragraph's runs are written)."""
    start = etree.Element(qn("w:bookmarkStart"))
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph.insert(0, start)
    end = etree.SubElement(paragraph, qn("w:bookmarkEnd"))
    end.set(qn("w:id"), str(bookmark_id))


def add_page_x_of_y(paragraph: etree._Element, template: str = "Page {page} of {pages}",
                    run_properties: etree._Element | None = None,
                    pages_field: str = NUMPAGES) -> None:
    """'Page X of Y' where X and Y are PAGE and NUMPAGES (or SECTIONPAGES) fields; the words
    come from ``template``."""
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
            add_field(paragraph, pages_field, "1", run_properties)
            rest = rest[cut + len("{pages}"):]


def field_instructions(element: etree._Element) -> list[str]:
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
