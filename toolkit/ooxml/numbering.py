"""Word automatic numbering for policy clauses: ``numbering.xml`` and the plan that uses it.

A policy numbers its clauses "6.", "6.2", "6.2.1" and its list items "(a)",
"(iv)". Word can print all of these itself from one multi-level list, so a
reader of the file (or a head editing it) sees real numbering that renumbers
when a clause is inserted. Word only prints what its counters say, though: a
document whose printed numbers skip, repeat or use another scheme ("Appendix
A", "I") cannot be reproduced by counters. ``plan_numbering`` therefore
simulates Word's counters over the clause tree and hands each clause to
automatic numbering only when the simulation prints exactly the clause's
number; every other number is written as typed text, so the document always
shows what the model says.

Levels of the one multi-level list (``CLAUSE_NUM_ID``):

====  ===========  ===============  ==========================
ilvl  format       default text     used for
====  ===========  ===============  ==========================
0     decimal      ``%1.``          sections / top-level clauses
1     decimal      ``%1.%2``        clauses
2     decimal      ``%1.%2.%3``     sub-clauses
3     lowerLetter  ``(%4)``         lettered list items
4     lowerRoman   ``(%5)``         roman list items
====  ===========  ===============  ==========================

Top-level numbers print with a full stop ("6."); whether deeper decimal levels
end in one, and how list markers are bracketed, is read from the document
itself (majority of its printed numbers). A decimal number's trailing full stop
is punctuation, not part of the label: "6" and "6." are the same number, as the
readers store it.
Unnumbered list items use a separate bullet list (``BULLET_NUM_ID``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from . import NS, qn, w
from .number_formats import format_number

CLAUSE_NUM_ID = 1
BULLET_NUM_ID = 2
_CLAUSE_ABSTRACT_ID = 0
_BULLET_ABSTRACT_ID = 1

DECIMAL_LEVELS = 3  # ilvl 0-2
LETTER_LEVEL = 3
ROMAN_LEVEL = 4
LEVEL_COUNT = 5

# The paragraph style each level is linked to (w:lvl/w:pStyle); the styles
# link back through their own w:numPr (see styles.py).
LEVEL_STYLES = ("Heading1", "Clause2", "Clause3", "ListLetter", "ListRoman")

# Left indent and hanging indent per level, in twentieths of a point.
_INDENTS = ((567, 567), (1134, 567), (1871, 737), (2438, 567), (3005, 567))
_BULLET_INDENTS = ((1134, 283), (1701, 283), (2268, 283))


@dataclass(frozen=True, slots=True)
class NumberingScheme:
    """The w:lvlText of each level: what Word prints around the counters."""

    level_texts: tuple[str, ...] = ("%1.", "%1.%2", "%1.%2.%3", "(%4)", "(%5)")

    def render(self, level: int, counters: tuple[int, ...]) -> str:
        """What Word prints for a paragraph at ``level`` given the counters of levels 0..level."""
        text = self.level_texts[level]
        for index in range(level + 1):
            placeholder = f"%{index + 1}"
            if placeholder in text:
                text = text.replace(placeholder, _format_counter(index, counters[index]))
        return text


def _format_counter(level: int, value: int) -> str:
    if level == LETTER_LEVEL:
        return format_number(value, "lowerLetter")
    if level == ROMAN_LEVEL:
        return format_number(value, "lowerRoman")
    return str(value)


_DECIMAL = re.compile(r"^\d+(?:\.\d+)*(\.?)$")


def infer_scheme(numbers: Iterable[str]) -> NumberingScheme:
    """The level texts that reproduce most of a document's printed numbers.

    Each decimal level ends in a dot when most numbers of that depth do;
    letter and roman markers take the bracketing most of them use.
    """
    dots: list[Counter[bool]] = [Counter() for _ in range(DECIMAL_LEVELS)]
    letter_forms: Counter[str] = Counter()
    roman_forms: Counter[str] = Counter()
    for number in numbers:
        if m := _DECIMAL.match(number):
            depth = number.rstrip(".").count(".")
            if depth < DECIMAL_LEVELS:
                dots[depth][bool(m[1])] += 1
            continue
        form = _marker_form(number)
        if form is None:
            continue
        if _looks_roman(number.strip("().")):
            roman_forms[form] += 1
        else:
            letter_forms[form] += 1
    texts = []
    for depth in range(DECIMAL_LEVELS):
        body = ".".join(f"%{i + 1}" for i in range(depth + 1))
        # Readers store labels without their trailing full stop ("1." -> "1"), so a
        # missing dot is no evidence; top-level numbers print "1." as policies do.
        with_dot = depth == 0 or dots[depth][True] > dots[depth][False]
        texts.append(body + ("." if with_dot else ""))
    texts.append((letter_forms.most_common(1)[0][0] if letter_forms else "(#)").replace("#", "%4"))
    texts.append((roman_forms.most_common(1)[0][0] if roman_forms else "(#)").replace("#", "%5"))
    return NumberingScheme(tuple(texts))


def _looks_roman(core: str) -> bool:
    # A lone "v", "x", "c" or "l" is far more often the 22nd/24th/.. letter of
    # a long lettered list than a roman numeral; "i" is almost always roman.
    return core == "i" or (len(core) > 1 and re.fullmatch(r"[ivxlc]+", core) is not None)


def _marker_form(number: str) -> str | None:
    """'(a)' -> '(#)', 'a)' -> '#)', 'a.' -> '#.', 'a' -> '#'; None for anything else."""
    m = re.fullmatch(r"(\(?)([a-z]+)(\)|\.)?", number)
    if not m:
        return None
    opening, closing = m[1], m[3] or ""
    if opening and closing != ")":
        return None
    return f"{opening}#{closing}"


@dataclass(frozen=True, slots=True)
class NumberingPlan:
    """Which clauses Word numbers automatically, and at which level."""

    scheme: NumberingScheme
    levels: dict[str, int]  # clause id -> ilvl, for clauses Word numbers itself

    def level_of(self, clause_id: str) -> int | None:
        return self.levels.get(clause_id)


def plan_numbering(clauses: Iterable[tuple[str, str | None]], scheme: NumberingScheme) -> NumberingPlan:
    """Simulate Word's counters over (clause id, printed number) in document order.

    A clause joins automatic numbering when some level would print exactly its
    number; its level's counter then advances and every deeper level restarts,
    as Word does. Clauses with typed numbers leave the counters untouched.
    """
    counters = [0] * LEVEL_COUNT
    levels: dict[str, int] = {}
    for clause_id, number in clauses:
        if not number:
            continue
        for level in _candidate_levels(number):
            trial = counters[:level] + [counters[level] + 1]
            # A level whose ancestors never appeared would print a 0 (or
            # Word's fallback); that never matches a real printed number.
            if any(value == 0 for value in _used_counters(scheme, level, trial)):
                continue
            if _same_label(scheme.render(level, tuple(trial)), number, level):
                counters = trial + [0] * (LEVEL_COUNT - level - 1)
                levels[clause_id] = level
                break
    return NumberingPlan(scheme, levels)


def _same_label(printed: str, number: str, level: int) -> bool:
    # A decimal number's trailing full stop is punctuation, not part of the label:
    # "6." and "6" are the same clause number (readers store the label without it).
    if level < DECIMAL_LEVELS:
        return printed.rstrip(".") == number.rstrip(".")
    return printed == number


def _candidate_levels(number: str) -> tuple[int, ...]:
    if _DECIMAL.match(number):
        depth = number.rstrip(".").count(".")
        return (depth,) if depth < DECIMAL_LEVELS else ()
    if _marker_form(number) is not None:
        return (LETTER_LEVEL, ROMAN_LEVEL)
    return ()


def _used_counters(scheme: NumberingScheme, level: int, counters: list[int]) -> list[int]:
    text = scheme.level_texts[level]
    return [counters[i] for i in range(level + 1) if f"%{i + 1}" in text]


# --- numbering.xml -----------------------------------------------------------------

_FORMATS = ("decimal", "decimal", "decimal", "lowerLetter", "lowerRoman")


def numbering_xml(scheme: NumberingScheme) -> bytes:
    """``word/numbering.xml``: the clause list linked to its styles, and the bullet list."""
    root = etree.Element(qn("w:numbering"), nsmap={"w": NS["w"]})

    clauses = w(root, "abstractNum", abstractNumId=str(_CLAUSE_ABSTRACT_ID))
    w(clauses, "multiLevelType", val="multilevel")
    w(clauses, "name", val="Policy clauses")
    for level in range(LEVEL_COUNT):
        lvl = w(clauses, "lvl", ilvl=str(level))
        w(lvl, "start", val="1")
        w(lvl, "numFmt", val=_FORMATS[level])
        w(lvl, "pStyle", val=LEVEL_STYLES[level])
        w(lvl, "suff", val="tab")
        w(lvl, "lvlText", val=scheme.level_texts[level])
        w(lvl, "lvlJc", val="left")
        ppr = w(lvl, "pPr")
        left, hanging = _INDENTS[level]
        w(ppr, "ind", left=str(left), hanging=str(hanging))

    bullets = w(root, "abstractNum", abstractNumId=str(_BULLET_ABSTRACT_ID))
    w(bullets, "multiLevelType", val="hybridMultilevel")
    w(bullets, "name", val="Policy bullets")
    for level, (left, hanging) in enumerate(_BULLET_INDENTS):
        lvl = w(bullets, "lvl", ilvl=str(level))
        w(lvl, "start", val="1")
        w(lvl, "numFmt", val="bullet")
        if level == 0:
            w(lvl, "pStyle", val="ListBullet")
        w(lvl, "lvlText", val="\u2022" if level != 1 else "\u2013")
        w(lvl, "lvlJc", val="left")
        ppr = w(lvl, "pPr")
        w(ppr, "ind", left=str(left), hanging=str(hanging))

    for num_id, abstract_id in ((CLAUSE_NUM_ID, _CLAUSE_ABSTRACT_ID), (BULLET_NUM_ID, _BULLET_ABSTRACT_ID)):
        num = w(root, "num", numId=str(num_id))
        w(num, "abstractNumId", val=str(abstract_id))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def num_pr(parent: etree._Element, num_id: int, level: int) -> etree._Element:
    """Append ``<w:numPr>`` (a paragraph's or a style's link to a list)."""
    element = w(parent, "numPr")
    w(element, "ilvl", val=str(level))
    w(element, "numId", val=str(num_id))
    return element


def no_numbering(parent: etree._Element) -> etree._Element:
    """``numId 0``: switch off numbering a paragraph's style would otherwise give it."""
    element = w(parent, "numPr")
    w(element, "numId", val="0")
    return element


LIST_BULLET_NUM_ID = 1  # the tracked-changes document's one list: "List Bullet"


def list_bullet_numbering_xml() -> bytes:
    """``word/numbering.xml`` of the tracked-changes document: the bullet of Word's
    "List Bullet" style (Symbol's round bullet, a quarter-inch hanging indent)."""
    root = etree.Element(qn("w:numbering"), nsmap={"w": NS["w"]})
    abstract = w(root, "abstractNum", abstractNumId="0")
    w(abstract, "multiLevelType", val="singleLevel")
    lvl = w(abstract, "lvl", ilvl="0")
    w(lvl, "start", val="1")
    w(lvl, "numFmt", val="bullet")
    w(lvl, "pStyle", val="ListBullet")
    w(lvl, "lvlText", val="\uf0b7")
    w(lvl, "lvlJc", val="left")
    ppr = w(lvl, "pPr")
    w(w(ppr, "tabs"), "tab", val="num", pos="360")
    w(ppr, "ind", left="360", hanging="360")
    w(w(lvl, "rPr"), "rFonts", ascii="Symbol", hAnsi="Symbol", hint="default")
    w(w(root, "num", numId=str(LIST_BULLET_NUM_ID)), "abstractNumId", val="0")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
