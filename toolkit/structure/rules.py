"""Small recognisers for one line of policy text: list markers, clause numbers,
headings, key/value metadata lines, signature lines and drafting notes.

Each rule looks at one string and answers with plain data; the builder decides
what the answers mean in context (is "9." the next section or the next list item?).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (  # noqa: F401  (field_for_key and the keys are re-exported for old callers)
    AMBIGUOUS_REVIEW_KEYS,
    BULLET_PREFIX,
    DECIMAL_LABEL,
    ROMAN_NUMERAL,
    field_for_key,
    normalise_key,
)

# --- list markers -------------------------------------------------------------

# Bullet glyphs as text extractions of Word and PDF documents print them. "o" is
# Word's second-level bullet in Courier; it only counts when followed by a space.
_BULLET = BULLET_PREFIX


@dataclass(frozen=True, slots=True)
class Marked:
    text: str  # the line without its markers and indentation
    indent: int  # leading spaces (a tab counts as four)
    bullets: int  # how many bullet markers preceded the text ("- o item" has two)


def strip_markers(line: str) -> Marked:
    stripped = line.lstrip(" \t")
    indent = len(line[: len(line) - len(stripped)].replace("\t", "    "))
    bullets = 0
    while match := _BULLET.match(stripped):
        stripped = stripped[match.end():]
        bullets += 1
    # Tabs inside the line are kept: they separate table cells.
    return Marked(stripped.strip(), indent, bullets)


# --- clause numbers -----------------------------------------------------------


def clean_label(label: str) -> str:
    """The label we store: as printed, less a trailing full stop ("5.1.1." -> "5.1.1")."""
    return label.rstrip(".") if label not in (".",) else label


@dataclass(frozen=True, slots=True)
class Number:
    label: str  # as printed: "6.1.2", "5.1.1.", "1.0", "(a)", "I", "Appendix A"
    style: str  # "decimal", "roman-section", "alpha", "roman", "appendix"
    key: tuple[int, ...] = ()  # decimal outline position; (6, 1, 2); "1.0" -> (1,)
    value: int = 0  # position within its list for alpha/roman items
    rest: str = ""  # the text after the number
    lowercase: bool = False  # the text after it starts in lower case: accept only if expected next


# "6.1.2", "5.1.1.", "1.0", "1." , "2" (bare) followed by text that is not lower case.
_DECIMAL = re.compile(rf"^({DECIMAL_LABEL})(\.?)(?:\s+|$)(?=[^a-z]|$)")
# The same followed by lower case ("1.1 staff must ..."): only a clause when it is the
# very number expected next, and never before a unit ("3.5 hours").
_DECIMAL_LOWER = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){1,5})(\.?)\s+(?=[a-z])")
QUANTITY_WORDS = frozenset(
    "hours hour minutes minute days day weeks week months month years year terms term per percent pm am "
    "million billion thousand metres meters miles km kg mb gb times".split()
)
_DECIMAL_PAREN = re.compile(r"^(\d{1,2})\)\s+")
_ALPHA = re.compile(r"^(\(([a-z])\)|([a-z])\))\s+")
_ALPHA_DOT = re.compile(r"^([a-h])\.\s+(?=\S)")
_ROMAN_ITEM = re.compile(r"^(\(([ivx]{1,5})\)|([ivx]{1,5})\))\s+")
# "v." typed after Word's automatic "i." to "iv.": an item only where a roman list is open.
_ROMAN_DOT = re.compile(r"^([ivx]{1,5})\.(?:\s+(?=\S)|$)")
# "A1.", "B12": typed checklist and appendix item labels.
_LETTER_NUMBER = re.compile(r"^([A-Z])(\d{1,2})\.?(?:\s+(?=\S)|$)")
_ROMAN_SECTION = re.compile(r"^([IVX]{1,5})\.?\s+(?=[A-Z])")
_APPENDIX = re.compile(
    r"^((?:Appendix|Annex|Annexe|Schedule|APPENDIX|ANNEX|ANNEXE|SCHEDULE)\s+([A-Z]|[IVX]{1,5}|\d{1,2}))\b\.?\s*[:.\-–—]?\s*(.*)$"
)

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}


def roman_value(text: str) -> int:
    total, previous = 0, 0
    for char in reversed(text.lower()):
        value = _ROMAN_VALUES[char]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


def parse_number(text: str) -> Number | None:
    """The clause number at the start of ``text`` (markers already removed), if any."""
    if match := _APPENDIX.match(text):
        return Number(match[1], "appendix", rest=match[3].strip())
    if match := _DECIMAL.match(text):
        parts = tuple(int(part) for part in match[1].split("."))
        # "1.0" and "6.0." name section 1 and 6, as in many school policies.
        key = parts[:-1] if len(parts) > 1 and parts[-1] == 0 else parts
        return Number(match[1] + match[2], "decimal", key=key, rest=text[match.end():].strip())
    if match := _DECIMAL_LOWER.match(text):
        parts = tuple(int(part) for part in match[1].split("."))
        key = parts[:-1] if parts[-1] == 0 else parts
        rest = text[match.end():].strip()
        if rest.split()[0].strip(".,;:").lower() not in QUANTITY_WORDS:
            return Number(match[1] + match[2], "decimal", key=key, rest=rest, lowercase=True)
    if match := _DECIMAL_PAREN.match(text):
        return Number(match[1] + ")", "decimal", key=(int(match[1]),), rest=text[match.end():].strip())
    if match := _ROMAN_ITEM.match(text):
        letters = match[2] or match[3]
        return Number(match[1], "roman", value=roman_value(letters), rest=text[match.end():].strip())
    if match := _ALPHA.match(text):
        letter = match[2] or match[3]
        return Number(match[1], "alpha", value=ord(letter) - ord("a") + 1, rest=text[match.end():].strip())
    if (match := _ROMAN_DOT.match(text)) and re.fullmatch(ROMAN_NUMERAL, match[1]):
        return Number(match[1] + ".", "roman", value=roman_value(match[1]), rest=text[match.end():].strip())
    if match := _LETTER_NUMBER.match(text):
        return Number(match[1] + match[2] + ".", "letter-number", value=int(match[2]), rest=text[match.end():].strip())
    if match := _ALPHA_DOT.match(text):
        return Number(match[1] + ".", "alpha", value=ord(match[1]) - ord("a") + 1, rest=text[match.end():].strip())
    if match := _ROMAN_SECTION.match(text):
        return Number(match[1], "roman-section", key=(roman_value(match[1]),), rest=text[match.end():].strip())
    return None


# --- headings -----------------------------------------------------------------

_TERMINAL = (".", ";", ",", "!", "?", ":", ":-")


def looks_like_heading(text: str, *, allow_colon: bool = False, max_words: int = 12) -> bool:
    """Short, unpunctuated, capitalised: how a heading reads when fonts are lost."""
    text = text.strip().strip("*_").strip()
    if not text or len(text.split()) > max_words:
        return False
    if text.endswith(_TERMINAL) and not (allow_colon and text.endswith(":")):
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in "\"'“‘("):
        return False
    lowered = text.lower()
    if lowered.startswith(("www.", "http")) or "@" in text:
        return False
    words = text.split()
    if words[-1].lower() in _CONTINUING_WORDS:
        return False  # "... can be found at" is a sentence that goes on
    long_words = [word for word in words if len(word) > 3]
    capitalised = sum(1 for word in long_words if word[0].isupper())
    # Sentence-case lines read as headings only when short ("Use of images").
    return len(words) <= 6 or capitalised * 2 >= len(long_words)


_CONTINUING_WORDS = frozenset(
    "a an the and or of to at in on for by with from as that which who is are be".split()
)


def clean_heading(text: str) -> str:
    """A heading without the emphasis markers text extractions leave around it."""
    stripped = text.strip()
    for marker in ("**", "__", "*", "_"):
        if stripped.startswith(marker) and stripped.endswith(marker) and len(stripped) > 2 * len(marker):
            return stripped[len(marker) : -len(marker)].strip()
    return stripped


# --- key/value metadata -------------------------------------------------------

# The printed keys (field_for_key, normalise_key, AMBIGUOUS_REVIEW_KEYS) live in
# the lexicon, shared with every reader; they are imported above for old callers.


def split_cells(text: str) -> list[str]:
    """Tab-separated cells of a table row as text extractions print them."""
    return [cell.strip() for cell in text.split("\t") if cell.strip()]


_COLON_PAIR = re.compile(r"^([A-Za-z][A-Za-z ()&/]{1,40}?)\s*:\s+(\S.*)$")


def colon_pair(text: str) -> tuple[str, str] | None:
    """``Review date: Spring Term 2022`` -> (label, value) when the label is a known key."""
    match = _COLON_PAIR.match(text.strip())
    if match and field_for_key(match[1]):
        return match[1] + ":", match[2].strip()
    return None


# --- declarations and drafting notes -------------------------------------------

_SIGNATURE_LABEL = r"(?:signed|signature|sign|date|dated|print\s+name|printed\s+name|name|full\s+name|job\s+title|role|position)"
_SIGNATURE_LINE = re.compile(
    rf"^(?:{_SIGNATURE_LABEL}\s*[:.]?\s*[_.…\s]*\s*)+$", re.IGNORECASE
)
_SIGN_WORD = re.compile(r"\b(signed|signature|sign)\b", re.IGNORECASE)


def is_signature_line(text: str) -> bool:
    return bool(_SIGNATURE_LINE.match(text.strip())) and len(text.strip()) <= 80


def has_sign_word(text: str) -> bool:
    return bool(_SIGN_WORD.search(text))


# "[include this Section only if relevant ...]" but not a Markdown link "[text](url)".
_DRAFTING_NOTE = re.compile(r"\[(?P<note>[^\[\]]{12,})\](?!\()")


def split_drafting_note(text: str) -> tuple[str, str | None]:
    """(text without the note, the note with its brackets) for a trailing bracketed note."""
    match = _DRAFTING_NOTE.search(text)
    if not match or len(match["note"].split()) < 3:
        return text, None
    before, after = text[: match.start()].rstrip(), text[match.end():].strip()
    if after:  # a note in mid-sentence is part of the sentence
        return text, None
    return before, match.group(0)
