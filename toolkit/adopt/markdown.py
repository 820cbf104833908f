"""A Markdown model filled the same way as a Word one.

Places: ``[School name]``, ``<<Headteacher>>``, ``«Headteacher»`` and ``==highlighted==``
text (Markdown's highlight mark). A bracket followed by ``(`` is a link, not a place.
Drafting notes: bracketed instructions (as in Word) and ``::: note`` ... ``:::`` blocks
(the dialect of the project's own templates). Optional sections: a heading with an
``[Optional]`` or ``[Optional: name]`` tag, or preceded by ``<!-- optional: name -->``;
the section runs to the next heading of the same or a higher level. Numbers typed in
headings and clauses ("## 5. Roles", "5.2 Staff must") are counted again after a drop.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..ooxml.fill import FillResult, OptionalSection, Place, is_citation, is_note

_PLACE = re.compile(r"\[([^\[\]\n]{1,300})\](?!\()|<<([^<>\n]{1,200})>>|«([^«»\n]{1,200})»|==([^=\n]{1,200})==")
_OPTIONAL_TAG = re.compile(r"\[\s*optional(?:\s*(?::|-|–)\s*([^\]]{1,120}))?\s*\]", re.IGNORECASE)
_OPTIONAL_COMMENT = re.compile(r"^\s*<!--\s*optional\s*(?::\s*(.*?))?\s*-->\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_TYPED = re.compile(r"^(#{1,6}\s+)?(\d{1,3}(?:\.\d{1,3}){0,3})(\.?)(\s)")


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fill_markdown(text: str, *, part: str, decide: Callable[[Place], str | None], keep_notes: bool,
                  keep_section: Callable[[OptionalSection], bool | None]) -> tuple[str, FillResult]:
    result = FillResult([], [], [], [], [], [], [], {})
    lines = text.split("\n")
    lines = _sections(lines, part, keep_section, result)
    out: list[str | None] = []
    in_note = skip_blank = False
    note_lines: list[str] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if skip_blank:
            skip_blank = False
            if not stripped:
                continue  # the blank line after a removed note: one blank line is left, not two
        if in_note:
            note_lines.append(line)
            if stripped == ":::":
                in_note = False
                place = Place("note", "\n".join(note_lines), " ".join(note_lines[1:-1]), part, number,
                              _short(" ".join(note_lines)))
                (result.notes_kept if keep_notes else result.notes_removed).append(place)
                if keep_notes:
                    out += note_lines
                else:
                    skip_blank = bool(out) and not (out[-1] or "").strip()
            continue
        if stripped == "::: note":
            in_note, note_lines = True, [line]
            continue
        out.append(_fill_line(line, part, number, decide, keep_notes, result))
    if in_note:
        out += note_lines
    # A line emptied by a removed note goes, with one of the blank lines around it.
    cleaned: list[str] = []
    for filled in out:
        if filled is None:
            continue
        cleaned.append(filled)
    return "\n".join(cleaned), result


def _fill_line(line: str, part: str, number: int, decide: Callable[[Place], str | None], keep_notes: bool,
               result: FillResult) -> str | None:
    pieces: list[tuple[int, int, str]] = []
    only_notes = True
    for m in _PLACE.finditer(line):
        name = next(g for g in m.groups() if g)
        if m[0].startswith("[") and (_OPTIONAL_TAG.fullmatch(m[0]) or is_citation(name)):
            continue
        if m[0].startswith("[") and is_note(name):
            place = Place("note", m[0], name, part, number, _short(line))
            if keep_notes:
                result.notes_kept.append(place)
                continue
            result.notes_removed.append(place)
            start, end = m.start(), m.end()
            if end < len(line) and line[end] == " ":
                end += 1
            elif start > 0 and line[start - 1] == " ":
                start -= 1
            pieces.append((start, end, ""))
            continue
        only_notes = False
        kind = {"[": "brackets", "<": "angle", "«": "angle", "=": "highlight"}[m[0][0]]
        place = Place(kind, m[0], " ".join(name.split()), part, number, _short(line))
        value = decide(place)
        if value is None:
            result.unfilled.append(place)
        else:
            result.filled.append((place, value))
            pieces.append((m.start(), m.end(), value))
    for start, end, value in sorted(pieces, reverse=True):
        line = line[:start] + value + line[end:]
    if pieces and only_notes and not line.strip():
        return None
    return line


def _level(line: str) -> int | None:
    m = _HEADING.match(line)
    return len(m[1]) if m else None


@dataclass(frozen=True, slots=True)
class _Optional:
    """Where an optional section's heading is, how deep it is, and what it is called."""

    heading_at: int  # index of the heading line (after an optional comment and blank lines)
    level: int
    name: str
    title: str


def _optional_at(lines: list[str], index: int) -> _Optional | None:
    """The optional section starting at ``lines[index]`` (its comment or its tagged heading), if one does."""
    comment = _OPTIONAL_COMMENT.match(lines[index])
    heading_at = index + 1 if comment else index
    while comment and heading_at < len(lines) and not lines[heading_at].strip():
        heading_at += 1
    heading = lines[heading_at] if heading_at < len(lines) else ""
    heading_match = _HEADING.match(heading)
    if heading_match is None:
        return None
    tag = _OPTIONAL_TAG.search(heading)
    if not (comment or tag):
        return None
    title = _OPTIONAL_TAG.sub("", heading_match[2]).strip()
    name = ((comment[1] if comment else None) or (tag[1] if tag else None)
            or re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", title)).strip()
    return _Optional(heading_at, len(heading_match[1]), name, title)


def _section_end(lines: list[str], optional: _Optional) -> int:
    """The index after the section: the next heading (or optional comment) of its level or higher."""
    end = optional.heading_at + 1
    level = optional.level
    while end < len(lines) and not ((_level(lines[end]) or 99) <= level or _OPTIONAL_COMMENT.match(lines[end])
                                    and _next_heading_level(lines, end) <= level):
        end += 1
    return end


def _kept_lines(lines: list[str], decided: bool) -> list[str]:
    """A kept section; once decided, without its optional comment and tag."""
    if not decided:
        return lines
    kept = [x for x in lines if not _OPTIONAL_COMMENT.match(x)]
    kept = [_OPTIONAL_TAG.sub("", x).rstrip() if _level(x) else x for x in kept]
    return [re.sub(r"  +", " ", x) if _level(x) else x for x in kept]


def _sections(lines: list[str], part: str, keep_section: Callable[[OptionalSection], bool | None],
              result: FillResult) -> list[str]:
    out: list[str] = []
    index = 0
    dropped_typed = False
    while index < len(lines):
        optional = _optional_at(lines, index)
        if optional is None:
            out.append(lines[index])
            index += 1
            continue
        end = _section_end(lines, optional)
        section = OptionalSection(optional.name, optional.title, part, optional.heading_at + 1, end - index)
        decision = keep_section(section)
        if decision is False:
            result.sections_dropped.append(section)
            dropped_typed = dropped_typed or any(_TYPED.match(x) for x in lines[index:end])
        else:
            (result.sections_kept if decision else result.sections_undecided).append(section)
            out += _kept_lines(lines[index:end], bool(decision))
        index = end
    return _renumber(out, result) if dropped_typed else out


def _next_heading_level(lines: list[str], start: int) -> int:
    for line in lines[start + 1:]:
        if line.strip():
            return _level(line) or 99
    return 99


def _renumber(lines: list[str], result: FillResult) -> list[str]:
    counters: list[int] = []
    mapping: dict[str, str] = {}
    out = []
    for line in lines:
        m = _TYPED.match(line)
        if m:
            depth = m[2].count(".") + 1
            if depth <= len(counters) + 1:
                counters = counters[:depth] + [0] * max(0, depth - len(counters))
                counters = counters[:depth]
                counters[-1] += 1
                new = ".".join(str(c) for c in counters)
                if new != m[2]:
                    mapping[m[2]] = new
                    line = (m[1] or "") + new + m[3] + m[4] + line[m.end():]
        out.append(line)
    if not mapping:
        return out
    result.renumbered.update(mapping)
    pattern = re.compile(r"\b((?:section|sections|clause|clauses|paragraph|paragraphs|para)\s+)"
                         r"(\d{1,3}(?:\.\d{1,3}){0,3})\b", re.IGNORECASE)
    return [pattern.sub(lambda m: m[1] + mapping.get(m[2], m[2]), line) for line in out]
