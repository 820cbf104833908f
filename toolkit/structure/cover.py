"""The cover page: the first thing a person reads, and where the metadata is.

A cover is a run of short lines before the body starts: the first page when the
format knows its pages and the body starts on a later one, or everything before
the title is printed a second time as the body's first heading. On it the title
may wrap over two lines, the organisation's name sits above the title (with its
address), a name with a date under it is who signed the policy off and when, and
"Signed: ____ Date: ____" is a form left blank. Every word of it is kept in the
metadata, so none of it becomes clause 1.
"""

from __future__ import annotations

import re

from .blocks import Block, BlockKind
from .lexicon import CONTENTS_HEADING, DATE, ORG_WORDS, TITLE_WORDS
from .metadata import MetadataCollector
from .rules import looks_like_heading, parse_number, strip_markers

_MAX_COVER_LINES = 30
# "____", "Signed:_____ Date:_____", "Carried out by:______".
_FORM_BLANK = re.compile(r"_{3,}|\.{6,}|…{2,}")
_PARENTHETICAL = re.compile(r"^\(.{1,60}\)$")
# "Margaret M Rude", "M Rude", "J. Smith": a person's name, two to four words.
_PERSON = re.compile(r"^(?:[A-Z][a-z’'-]+|[A-Z]\.?)(?:\s+(?:[A-Z][a-z’'-]+|[A-Z]\.?)){1,3}$")
_NAME_THEN_DATE = re.compile(rf"^(?P<name>(?:[A-Z][a-z’'-]+|[A-Z]\.?)(?:\s+(?:[A-Z][a-z’'-]+|[A-Z]\.?)){{1,3}})\s+(?P<date>{DATE.pattern})$", re.IGNORECASE)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_CONNECTIVES = ("and", "&", "of", "for", "in", "on", "to", "with", "the")


def take_cover(blocks: list[Block], meta: MetadataCollector) -> tuple[list[Block], bool]:
    """(the blocks after the cover, whether there was one); the cover's lines go to ``meta``."""
    end = _cover_end(blocks)
    if end is None:
        return blocks, False
    _read_cover([(strip_markers(block.text).text, block.bold or block.kind is BlockKind.HEADING) for block in blocks[:end]], meta)
    # A form printed at the foot of the cover that Word laid out on the next page.
    while end < len(blocks) and _is_form_line(strip_markers(blocks[end].text).text) and not blocks[end].number:
        _form_line(strip_markers(blocks[end].text).text, meta)
        end += 1
    return blocks[end:], True


def _cover_shaped(block: Block) -> bool:
    marked = strip_markers(block.text)
    text = marked.text
    if block.kind in (BlockKind.LIST_ITEM, BlockKind.TABLE) or block.bullet or block.number or marked.bullets:
        return False
    if _is_form_line(text) or DATE.fullmatch(text.strip()):
        return True  # "01.01.23" is a date, not clause 1.1.23
    number = parse_number(text)
    if number is not None and number.style in ("decimal", "roman-section", "appendix"):
        return False
    words = len(text.split())
    return 0 < words <= 14 and not (text.endswith(".") and words > 6)


def names_policy(text: str, *, on_cover: bool = False) -> bool:
    """A line that names the policy: a capitalised title word ("Policy", "Code of Conduct");
    on a cover also a short line that ends in one ("Operational policies")."""
    text = text.strip()
    if not text or len(text.split()) > 14 or text.endswith((".", ";", ",", ":")) or not text[0].isupper():
        return False
    matches = list(TITLE_WORDS.finditer(text))
    if any(match[0][0].isupper() for match in matches):
        return True
    # "Operational policies": sentence case, the title word closing a short line.
    return on_cover and bool(matches) and matches[-1].end() == len(text.rstrip()) and len(text.split()) <= 6


def _cover_end(blocks: list[Block]) -> int | None:
    """Where the cover ends: the first of these that leaves only cover lines before it."""
    head = blocks[:_MAX_COVER_LINES + 1]
    first_page = head[0].page if head else None
    candidates = (
        # The body starts on the next page...
        next((index for index, block in enumerate(head) if block.page != first_page), None) if first_page else None,
        # ...at a typed page break (Word files without recorded pages)...
        next((index for index, block in enumerate(head) if index and block.break_before), None),
        # ...at the contents list...
        next((index for index, block in enumerate(head) if CONTENTS_HEADING.match(strip_markers(block.text).text)), None),
        # ...or where the title is printed again as the body's first heading.
        _before_repeated_title(head),
    )
    for end in candidates:
        if end is None or end < 2 or end >= len(blocks):
            continue
        cover = blocks[:end]
        if all(_cover_shaped(block) for block in cover) and any(
            names_policy(strip_markers(block.text).text, on_cover=True) for block in cover
        ):
            return end
    return None


def _before_repeated_title(head: list[Block]) -> int | None:
    """Where the body starts by printing the cover's title again."""
    seen: dict[str, int] = {}
    for index, block in enumerate(head):
        text = strip_markers(block.text).text
        key = " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())
        if key in seen and names_policy(strip_markers(head[seen[key]].text).text):
            return index
        if not _cover_shaped(block):
            return None
        seen.setdefault(key, index)
    return None


def _is_form_line(text: str) -> bool:
    return bool(_FORM_BLANK.search(text)) and len(_FORM_BLANK.sub(" ", text).split()) <= 8


def _form_line(text: str, meta: MetadataCollector) -> None:
    # Kept whole, as printed: "Signed:____Date:____" is one form, not a signature.
    meta.extra("Form", text, printed=False)


def _title_span(lines: list[tuple[str, bool]]) -> tuple[int, int] | None:
    """[start, end) of the title's lines, joined when it wraps."""
    start = next((index for index, (text, _) in enumerate(lines) if names_policy(text)), None)
    if start is None:
        start = next((index for index, (text, _) in enumerate(lines) if names_policy(text, on_cover=True)), None)
    if start is None:
        return None
    end = start + 1
    text = lines[start][0]
    if start > 0:
        previous = lines[start - 1][0]
        if (
            previous.split()[-1].lower() in _CONNECTIVES
            or text.split()[0].lower() in _CONNECTIVES
            or TITLE_WORDS.fullmatch(text.strip())
        ) and not ORG_WORDS.search(previous) and looks_like_heading(previous + " x", max_words=14):
            start -= 1
    if end < len(lines):
        following = lines[end][0]
        if (text.split()[-1].lower() in _CONNECTIVES or following.split()[0].lower() in _CONNECTIVES) and names_policy(
            f"{text} {following}"
        ) and not DATE.search(following):
            end += 1
    return start, end


def _read_cover(lines: list[tuple[str, bool]], meta: MetadataCollector) -> None:
    span = _title_span(lines)
    title_start, title_end = span if span else (len(lines), len(lines))
    if span:
        meta.set("title", " ".join(text for text, _ in lines[title_start:title_end]))
    _read_above_title([text for text, _ in lines[:title_start]], meta)
    _read_below_title([text for text, _ in lines[title_end:]], meta)


def _read_above_title(before: list[str], meta: MetadataCollector) -> None:
    """Above the title: the organisation's name, then its address."""
    school_index = next(
        (index for index, text in enumerate(before) if ORG_WORDS.search(text) and looks_like_heading(text, max_words=8)),
        next((index for index, text in enumerate(before) if _plain_name(text)), None),
    )
    for index, text in enumerate(before):
        if index == school_index and not meta.has("school"):
            meta.set("school", text)
        elif _PARENTHETICAL.match(text):
            meta.extra("Also known as", text, printed=False)
        elif _in_address(before, index, school_index):
            meta.extra("Address", text, printed=False)
        elif meta.has("school") and _same(text, meta.get_value("school") or ""):
            meta.extra("Name", text, printed=False)
        elif not meta.front_line(text, strict=True):
            meta.extra("Cover", text, printed=False)


def _in_address(before: list[str], index: int, school_index: int | None) -> bool:
    if school_index is None:
        return False
    text = before[index]
    return index > school_index and bool(_POSTCODE.search(text) or re.search(r"\d", text)) or _address_run(
        before, index, school_index
    )


def _read_below_title(lines: list[str], meta: MetadataCollector) -> None:
    """Below the title: who signed it off and when, forms left blank, other cover lines."""
    person: str | None = None
    for text in lines:
        person = _below_title_line(text, person, meta)
    if person is not None:
        meta.extra("Name", person, printed=False)


def _below_title_line(text: str, person: str | None, meta: MetadataCollector) -> str | None:
    """Read one line under the title; returns the name still waiting for its date, if any."""
    if person is not None and _PARENTHETICAL.match(text):
        meta.extra("Role", text, printed=False)
        return person
    if _is_form_line(text):
        _form_line(text, meta)
        return person
    if match := _NAME_THEN_DATE.match(text):
        _signed(meta, match["name"], match["date"])
        return None
    if _PERSON.match(text) and not ORG_WORDS.search(text) and not TITLE_WORDS.search(text):
        if person is not None:
            meta.extra("Name", person, printed=False)
        return text
    if person is not None and DATE.fullmatch(text.strip()):
        _signed(meta, person, text)
        return None
    if _PARENTHETICAL.match(text):
        meta.extra("Also known as", text, printed=False)
    elif not meta.front_line(text, strict=True):
        meta.extra("Cover", text, printed=False)
    return person


def _signed(meta: MetadataCollector, name: str, when: str) -> None:
    """A name with a date under it on a cover: who signed the policy off, and when."""
    if meta.has("approved_by") or meta.has("approved"):
        meta.extra("Signed", f"{name} {when}", printed=False)
        return
    meta.set("approved_by", name)
    meta.set("approved", when)


def _plain_name(text: str) -> bool:
    return looks_like_heading(text, max_words=6) and not re.search(r"\d", text) and not _PARENTHETICAL.match(text)


def _address_run(before: list[str], index: int, school_index: int) -> bool:
    """Lines between the name and a postcode line are the address ("West Derby", "Liverpool")."""
    if index <= school_index:
        return False
    return any(_POSTCODE.search(text) for text in before[index:index + 4])


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().casefold() == re.sub(r"\W+", " ", b).strip().casefold()
