"""``word/styles.xml`` for generated policies: headings and clause styles linked to numbering.

Each numbered style carries its own ``w:numPr`` (numId + ilvl), and each level
of the clause list names its style (``w:pStyle``), so Word shows the styles
as "linked to a multi-level list": applying "Clause 2" to a new paragraph in
Word numbers it, and re-styling a heading renumbers everything after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from . import NS, qn, w
from .numbering import BULLET_NUM_ID, CLAUSE_NUM_ID, num_pr


@dataclass(frozen=True, slots=True)
class StyleSpec:
    style_id: str
    name: str
    based_on: str | None = "Normal"
    size_half_points: int | None = None
    bold: bool = False
    italic: bool = False
    colour: str | None = None
    outline_level: int | None = None
    space_before: int = 0  # twentieths of a point
    space_after: int = 120
    keep_next: bool = False
    numbering: tuple[int, int] | None = None  # (numId, ilvl)
    left_indent: int | None = None
    shading: str | None = None
    next_style: str | None = None


PARAGRAPH_STYLES = (
    StyleSpec("Title", "Title", size_half_points=40, bold=True, colour="1F3864", space_after=240, keep_next=True),
    StyleSpec("Heading1", "heading 1", size_half_points=28, bold=True, colour="1F3864", outline_level=0,
              space_before=240, keep_next=True, numbering=(CLAUSE_NUM_ID, 0), next_style="Clause2"),
    StyleSpec("Heading2", "heading 2", size_half_points=24, bold=True, colour="1F3864", outline_level=1,
              space_before=180, keep_next=True, numbering=(CLAUSE_NUM_ID, 1), next_style="Clause2"),
    StyleSpec("Heading3", "heading 3", size_half_points=22, bold=True, outline_level=2,
              space_before=120, keep_next=True, numbering=(CLAUSE_NUM_ID, 2), next_style="Clause3"),
    StyleSpec("Clause1", "Clause 1", numbering=(CLAUSE_NUM_ID, 0)),
    StyleSpec("Clause2", "Clause 2", numbering=(CLAUSE_NUM_ID, 1)),
    StyleSpec("Clause3", "Clause 3", numbering=(CLAUSE_NUM_ID, 2)),
    StyleSpec("ListLetter", "List Letter", numbering=(CLAUSE_NUM_ID, 3), space_after=60),
    StyleSpec("ListRoman", "List Roman", numbering=(CLAUSE_NUM_ID, 4), space_after=60),
    StyleSpec("ListBullet", "List Bullet", numbering=(BULLET_NUM_ID, 0), space_after=60),
    StyleSpec("BodyText", "Body Text"),
    StyleSpec("DraftingNote", "Drafting Note", italic=True, colour="7F6000", shading="FFF2CC"),
    StyleSpec("Declaration", "Declaration", space_after=200),
    StyleSpec("TableText", "Table Text", space_after=0),
    # The contents list: Word's own style names, so Word's TOC field (and readers) know them.
    StyleSpec("TOCHeading", "TOC Heading", size_half_points=28, bold=True, colour="1F3864", space_before=240,
              keep_next=True),
    StyleSpec("TOC1", "toc 1", space_after=60),
    # The declaration's signature block: labels and the spaces left for a pen.
    StyleSpec("SignatureLabel", "Signature Label", space_after=0, bold=True),
    StyleSpec("SignatureLine", "Signature Line", space_after=0),
    StyleSpec("Header", "header", space_after=0),
    StyleSpec("Footer", "footer", space_after=0),
)


def styles_xml(font: str = "Arial", size_half_points: int = 22) -> bytes:
    root = etree.Element(qn("w:styles"), nsmap={"w": NS["w"]})
    defaults = w(root, "docDefaults")
    rpr = w(w(defaults, "rPrDefault"), "rPr")
    w(rpr, "rFonts", ascii=font, hAnsi=font, cs=font, eastAsia=font)
    w(rpr, "sz", val=str(size_half_points))
    w(rpr, "szCs", val=str(size_half_points))
    w(rpr, "lang", val="en-GB")
    ppr = w(w(defaults, "pPrDefault"), "pPr")
    w(ppr, "spacing", after="120", line="264", lineRule="auto")

    normal = w(root, "style", type="paragraph", default="1", styleId="Normal")
    w(normal, "name", val="Normal")
    w(normal, "qFormat")

    for spec in PARAGRAPH_STYLES:
        style = w(root, "style", type="paragraph", styleId=spec.style_id)
        w(style, "name", val=spec.name)
        if spec.based_on:
            w(style, "basedOn", val=spec.based_on)
        if spec.next_style:
            w(style, "next", val=spec.next_style)
        w(style, "qFormat")
        ppr = w(style, "pPr")
        if spec.keep_next:
            w(ppr, "keepNext")
        if spec.numbering:
            num_pr(ppr, spec.numbering[0], spec.numbering[1])
        if spec.shading:
            w(ppr, "shd", val="clear", color="auto", fill=spec.shading)
        w(ppr, "spacing", before=str(spec.space_before), after=str(spec.space_after))
        if spec.left_indent is not None:
            w(ppr, "ind", left=str(spec.left_indent))
        if spec.outline_level is not None:
            w(ppr, "outlineLvl", val=str(spec.outline_level))
        rpr = w(style, "rPr")
        if spec.bold:
            w(rpr, "b")
        if spec.italic:
            w(rpr, "i")
        if spec.colour:
            w(rpr, "color", val=spec.colour)
        if spec.size_half_points:
            w(rpr, "sz", val=str(spec.size_half_points))
            w(rpr, "szCs", val=str(spec.size_half_points))

    table = w(root, "style", type="table", styleId="TableGrid")
    w(table, "name", val="Table Grid")
    w(table, "uiPriority", val="59")
    tbl_pr = w(table, "tblPr")
    borders = w(tbl_pr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        w(borders, side, val="single", sz="4", space="0", color="808080")
    margins = w(tbl_pr, "tblCellMar")
    w(margins, "left", w="108", type="dxa")
    w(margins, "right", w="108", type="dxa")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
