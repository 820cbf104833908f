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
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


# -- the tracked-changes document: Word's default look --------------------------------------

# The styles of Word's own blank document (as python-docx's default template has them,
# which wrote these files before): Cambria body text, Calibri headings in the theme's
# blues. Fonts are named outright rather than through a theme part, which these files
# do not carry.
_BODY_FONT, _HEADING_FONT = "Cambria", "Calibri"
_HEADING_RPR = (f'<w:rFonts w:ascii="{_HEADING_FONT}" w:eastAsia="{_HEADING_FONT}" w:hAnsi="{_HEADING_FONT}" '
                f'w:cs="{_HEADING_FONT}"/>')


def _heading_style(level: int, before: int, colour: str, size: int | None, hidden: bool) -> str:
    sizes = f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="Heading{level}Char"/>'
        f'<w:uiPriority w:val="9"/>{"<w:unhideWhenUsed/>" if hidden else ""}<w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="0"/>'
        f'<w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        f'<w:rPr>{_HEADING_RPR}<w:b/><w:bCs/><w:color w:val="{colour}"/>{sizes}</w:rPr></w:style>'
        f'<w:style w:type="character" w:customStyle="1" w:styleId="Heading{level}Char">'
        f'<w:name w:val="Heading {level} Char"/><w:basedOn w:val="DefaultParagraphFont"/>'
        f'<w:link w:val="Heading{level}"/><w:uiPriority w:val="9"/>'
        f'<w:rPr>{_HEADING_RPR}<w:b/><w:bCs/><w:color w:val="{colour}"/>{sizes}</w:rPr></w:style>'
    )


_TITLE_RPR = (f'<w:rPr>{_HEADING_RPR}<w:color w:val="17365D"/><w:spacing w:val="5"/><w:kern w:val="28"/>'
              '<w:sz w:val="52"/><w:szCs w:val="52"/></w:rPr>')

_TRACKED_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:styles xmlns:w="{NS["w"]}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    f'<w:rFonts w:ascii="{_BODY_FONT}" w:eastAsia="{_BODY_FONT}" w:hAnsi="{_BODY_FONT}" w:cs="{_BODY_FONT}"/>'
    '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/>'
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="200" w:line="276" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    + _heading_style(1, 480, "365F91", 28, hidden=False)
    + _heading_style(2, 200, "4F81BD", 26, hidden=True)
    + _heading_style(3, 200, "4F81BD", None, hidden=True)
    + '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
    '<w:next w:val="Normal"/><w:link w:val="TitleChar"/><w:uiPriority w:val="10"/><w:qFormat/>'
    '<w:pPr><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="4F81BD"/></w:pBdr>'
    '<w:spacing w:after="300" w:line="240" w:lineRule="auto"/><w:contextualSpacing/></w:pPr>'
    f"{_TITLE_RPR}</w:style>"
    '<w:style w:type="character" w:customStyle="1" w:styleId="TitleChar"><w:name w:val="Title Char"/>'
    '<w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="Title"/><w:uiPriority w:val="10"/>'
    f"{_TITLE_RPR}</w:style>"
    '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/>'
    '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'
    "<w:contextualSpacing/></w:pPr></w:style>"
    "</w:styles>"
).encode()


def tracked_changes_styles_xml() -> bytes:
    """``word/styles.xml`` of the tracked-changes document: Normal, Title, Heading 1-3 and
    List Bullet (numbered by ``numbering.list_bullet_numbering_xml``)."""
    return _TRACKED_STYLES
