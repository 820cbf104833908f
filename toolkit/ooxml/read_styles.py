"""Paragraph and character styles, resolved through ``w:basedOn`` the way Word does.

A paragraph's heading level, numbering and boldness are often not on the
paragraph at all but on its style, or on the style that style is based on.
Chains are walked by iteration (a document may chain hundreds of styles) and
at most ``MAX_CHAIN`` deep: Word's own dialog shows a handful, and the styles
further up a longer chain are ignored rather than followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from . import qn
from .package import attr, bounded_int, num_pr, on_off

MAX_CHAIN = 100

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_TOC_NAME = re.compile(r"^(toc\s*[1-9]|toc heading|table of figures|contents\s*[1-9]?)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ResolvedStyle:
    style_id: str
    name: str
    heading_level: int | None  # 1-based, from outline level or a built-in "heading N" name
    title: bool  # Word's Title style: the document title
    contents: bool  # TOC 1..9 and friends: a table of contents line
    num_id: str | None  # numbering the style carries (w:numPr), inherited through basedOn
    num_ilvl: int | None
    bold: bool | None


class Styles:
    def __init__(self, root: etree._Element | None) -> None:
        self._raw: dict[str, etree._Element] = {}
        self._cache: dict[str, ResolvedStyle] = {}
        self.default_paragraph: str | None = None
        self.default_bold: bool | None = None
        if root is None:
            return
        for style in root.iter(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id is None:
                continue
            self._raw[style_id] = style
            if style.get(qn("w:type")) == "paragraph" and on_off_attr(style.get(qn("w:default"))):
                self.default_paragraph = style_id
        defaults = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if defaults is not None:
            self.default_bold = on_off(defaults.find(qn("w:b")))

    def raw(self, style_id: str) -> etree._Element | None:
        return self._raw.get(style_id)

    def resolve(self, style_id: str | None) -> ResolvedStyle | None:
        style_id = style_id or self.default_paragraph
        if style_id is None:
            return None
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(style_id)
        return self._cache[style_id]

    def _chain(self, style_id: str | None) -> list[str]:
        """``style_id`` and the styles it is based on, nearest first: no repeats, at most MAX_CHAIN."""
        chain: list[str] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and len(chain) < MAX_CHAIN:
            seen.add(style_id)
            chain.append(style_id)
            style = self._raw.get(style_id)
            style_id = attr(style.find(qn("w:basedOn"))) if style is not None else None
        return chain

    def _resolve(self, style_id: str) -> ResolvedStyle:
        parent: ResolvedStyle | None = None
        for ancestor in reversed(self._chain(style_id)):
            parent = self._resolve_one(ancestor, parent)
        assert parent is not None
        return parent

    def _resolve_one(self, style_id: str, parent: ResolvedStyle | None) -> ResolvedStyle:
        style = self._raw.get(style_id)
        if style is None:
            return ResolvedStyle(style_id, style_id, None, False, False, None, None, None)
        name = attr(style.find(qn("w:name"))) or style_id
        ppr = style.find(qn("w:pPr"))
        rpr = style.find(qn("w:rPr"))

        heading_level = parent.heading_level if parent else None
        outline = bounded_int(attr(ppr.find(qn("w:outlineLvl"))) if ppr is not None else None, 9)
        name_match = _HEADING_NAME.match(name.strip())
        if outline is not None:
            # Outline level 9 is Word's "body text": it switches heading-ness off.
            heading_level = outline + 1 if outline < 9 else None
        elif name_match:
            heading_level = int(name_match.group(1))

        num_id = parent.num_id if parent else None
        num_ilvl = parent.num_ilvl if parent else None
        own_id, own_level = num_pr(ppr)
        if own_id is not None:
            num_id = own_id
            num_ilvl = None  # a new list: its level comes from this style, not the parent's
        if own_level is not None:
            num_ilvl = own_level

        bold = parent.bold if parent else None
        own_bold = on_off(rpr.find(qn("w:b"))) if rpr is not None else None
        if own_bold is not None:
            bold = own_bold

        return ResolvedStyle(
            style_id=style_id,
            name=name,
            heading_level=heading_level,
            title=name.strip().lower() == "title" or (parent.title if parent else False),
            contents=bool(_TOC_NAME.match(name.strip())) or (parent.contents if parent else False),
            num_id=num_id,
            num_ilvl=num_ilvl,
            bold=bold,
        )

    def character_bold(self, style_id: str | None) -> bool | None:
        for ancestor in self._chain(style_id):
            style = self._raw.get(ancestor)
            if style is None:
                return None
            rpr = style.find(qn("w:rPr"))
            own = on_off(rpr.find(qn("w:b"))) if rpr is not None else None
            if own is not None:
                return own
        return None


def on_off_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")
