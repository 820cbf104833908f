"""Word's automatic numbering, rendered the way Word displays it.

In real policies "6.2.1" is rarely typed: it is drawn by Word from
``numbering.xml``. The rules we follow (ECMA-376 Part 1, 17.9, as Word behaves):

* a paragraph points at a numbering instance (``w:num``) and a level (``w:ilvl``);
  the instance points at an abstract definition (``w:abstractNum``) holding up to
  nine levels (start value, number format, ``lvlText`` such as ``"%1.%2."``);
* counters belong to the abstract definition, so two instances of the same
  definition continue one sequence, unless an instance overrides a level's start
  (``w:lvlOverride/w:startOverride``): then its first use restarts that level;
* using a level resets every deeper level (to its start value when next used),
  unless the deeper level's ``w:lvlRestart`` says which levels restart it
  (``0`` = never);
* a level displayed before it was ever used (a "%1.%2" paragraph before any level-1
  paragraph) shows its start value and counts as used: the next level-1 paragraph
  shows start + 1, as Word and LibreOffice draw it;
* an instance's start overrides restart only the levels at or below the level it is
  first used at: a new ``w:num`` first used for "7.2.1" keeps 7 and 2;
* ``w:isLgl`` (legal numbering) shows every level of that label in decimal, so
  "Article I" with a level-2 ``%1.%2`` becomes "1.1" rather than "I.1";
* ``numFmt`` ``bullet`` shows ``lvlText`` as is (the paragraph is a bullet);
  ``none`` shows nothing for that level;
* a numbering style (``w:numStyleLink``) is followed to the definition it names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from lxml import etree

from . import qn
from .number_formats import format_number, parse_start
from .package import attr, clamp_level, on_off

_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True, slots=True)
class Level:
    ilvl: int
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # lvlText; None when absent (Word then shows nothing)
    restart: int | None = None  # lvlRestart: restart after these levels (1-based); 0 = never
    is_lgl: bool = False
    pstyle: str | None = None  # a paragraph style bound to this level


@dataclass(slots=True)
class AbstractNum:
    id: str
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None
    style_link: str | None = None


@dataclass(frozen=True, slots=True)
class Num:
    id: str
    abstract_id: str
    start_overrides: dict[int, int]
    level_overrides: dict[int, Level]


@dataclass(frozen=True, slots=True)
class Label:
    text: str  # as displayed, e.g. "6.2.1", "(a)", "•"
    bullet: bool
    ilvl: int


def parse_level(element: etree._Element) -> Level:
    ilvl = clamp_level(element.get(qn("w:ilvl"))) or 0
    start = attr(element.find(qn("w:start")))
    restart = attr(element.find(qn("w:lvlRestart")))
    text_el = element.find(qn("w:lvlText"))
    return Level(
        ilvl=ilvl,
        start=parse_start(start),
        fmt=attr(element.find(qn("w:numFmt"))) or "decimal",
        text=attr(text_el) if text_el is not None else None,
        restart=int(restart) if restart and restart.isascii() and restart.isdigit() and len(restart) <= 3 else None,
        is_lgl=bool(on_off(element.find(qn("w:isLgl")))),
        pstyle=attr(element.find(qn("w:pStyle"))),
    )


class Numbering:
    """Definitions from numbering.xml plus the running counters of one read."""

    def __init__(self, root: etree._Element | None,
                 style_num_id: Callable[[str], str | None] | None = None) -> None:
        # style_num_id: style id -> numId the (numbering) style carries, for numStyleLink.
        self._abstracts: dict[str, AbstractNum] = {}
        self._nums: dict[str, Num] = {}
        self._style_num_id = style_num_id or (lambda style_id: None)
        self._counters: dict[str, list[int | None]] = {}
        self._started_nums: set[str] = set()
        if root is None:
            return
        for element in root.iter(qn("w:abstractNum")):
            abstract = AbstractNum(
                id=element.get(qn("w:abstractNumId"), ""),
                num_style_link=attr(element.find(qn("w:numStyleLink"))),
                style_link=attr(element.find(qn("w:styleLink"))),
            )
            for lvl in element.iter(qn("w:lvl")):
                level = parse_level(lvl)
                abstract.levels[level.ilvl] = level
            self._abstracts[abstract.id] = abstract
        for element in root.iter(qn("w:num")):
            num_id = element.get(qn("w:numId"), "")
            starts: dict[int, int] = {}
            levels: dict[int, Level] = {}
            for override in element.iter(qn("w:lvlOverride")):
                ilvl = clamp_level(override.get(qn("w:ilvl"))) or 0
                start = attr(override.find(qn("w:startOverride")))
                if start and start.lstrip("-").isdigit():
                    starts[ilvl] = parse_start(start)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = replace(parse_level(lvl), ilvl=ilvl)
            self._nums[num_id] = Num(num_id, attr(element.find(qn("w:abstractNumId"))) or "", starts, levels)

    # -- definitions ---------------------------------------------------------------------

    def abstract_for(self, num_id: str) -> AbstractNum | None:
        num = self._nums.get(num_id)
        if num is None:
            return None
        abstract = self._abstracts.get(num.abstract_id)
        seen: set[str] = set()
        # A list that only names a numbering style: follow the style to its definition.
        while abstract is not None and abstract.num_style_link and not abstract.levels and abstract.id not in seen:
            seen.add(abstract.id)
            linked_num = self._style_num_id(abstract.num_style_link)
            target = self._nums.get(linked_num) if linked_num else None
            abstract = self._abstracts.get(target.abstract_id) if target else None
        return abstract

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        """The level a numbered paragraph style sits at when the style names no ilvl."""
        abstract = self.abstract_for(num_id)
        if abstract is not None and style_id:
            for level in abstract.levels.values():
                if level.pstyle == style_id:
                    return level.ilvl
        return 0

    def _level(self, num: Num, abstract: AbstractNum, ilvl: int) -> Level:
        if ilvl in num.level_overrides:
            level = num.level_overrides[ilvl]
        else:
            level = abstract.levels.get(ilvl) or Level(ilvl=ilvl, text=None)
        if ilvl in num.start_overrides:
            level = replace(level, start=num.start_overrides[ilvl])
        return level

    # -- counting ------------------------------------------------------------------------

    def next_label(self, num_id: str | None, ilvl: int) -> Label | None:
        """Advance the counters for one numbered paragraph and return what Word shows."""
        if not num_id or num_id == "0":
            return None
        num = self._nums.get(num_id)
        abstract = self.abstract_for(num_id)
        if num is None or abstract is None:
            return None
        ilvl = min(max(ilvl, 0), 8)
        counters = self._counters.setdefault(abstract.id, [None] * 9)
        if num_id not in self._started_nums:
            self._started_nums.add(num_id)
            for level_index in num.start_overrides:
                if ilvl <= level_index <= 8:
                    # The instance restarts the overridden levels at its first use; the
                    # shallower ones it is first used beneath keep counting.
                    counters[level_index] = None
        level = self._level(num, abstract, ilvl)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            deeper_level = self._level(num, abstract, deeper)
            restart = deeper_level.restart
            # Default: any shallower level restarts it; lvlRestart N: only levels 0..N-1; 0: never.
            if restart is None or (restart > 0 and ilvl < restart):
                counters[deeper] = None
        if level.fmt == "bullet":
            return Label(level.text or "", True, ilvl)
        if not level.text:
            return None
        text = self._render(num, abstract, level, counters)
        return Label(text, False, ilvl) if text.strip() else None

    def _render(self, num: Num, abstract: AbstractNum, level: Level, counters: list[int | None]) -> str:
        def substitute(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            referenced = self._level(num, abstract, index)
            value = counters[index]
            if value is None:
                value = referenced.start
                if index < level.ilvl:
                    counters[index] = value  # shown, so used: the next one is start + 1
            fmt = "decimal" if level.is_lgl and referenced.fmt != "none" else referenced.fmt
            return format_number(value, fmt)

        return _PLACEHOLDER.sub(substitute, level.text or "")
