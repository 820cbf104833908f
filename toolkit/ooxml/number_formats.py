"""Word's number formats (numFmt): how a counter value is printed.

Shared by the numbering reader (rendering lists as Word shows them), the DOCX
writer (simulating Word's counters) and the policy generator (item labels).

Values come from documents, so they are bounded the way Word bounds them: a
list starts at 0 to 32,767 (Word's "Start at" box goes no higher) and a level
label is at most 31 characters, so letters past "zzz...z" (31 times, item 806)
and Roman numerals past 32,767 are printed as digits rather than as a
label of thousands of characters (a 4,000-digit start in Roman numerals
would otherwise never finish).
"""

from __future__ import annotations

MAX_START = 32767
MAX_LABEL_CHARS = 31
_MAX_LETTERS = 26 * MAX_LABEL_CHARS

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def parse_start(text: str | None, default: int = 1) -> int:
    """A w:start or w:startOverride as Word reads it: clamped to 0..32767, ``default``
    when it is no number (never an int() of thousands of digits)."""
    text = (text or "").strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits or not digits.isascii() or not digits.isdigit():
        return default
    if text.startswith("-"):
        return 0
    return MAX_START if len(digits) > 5 else min(int(digits), MAX_START)


def to_roman(value: int) -> str:
    if value <= 0 or value > MAX_START:
        return str(value)
    out = []
    for amount, numeral in _ROMAN:
        while value >= amount:
            out.append(numeral)
            value -= amount
    return "".join(out)


def to_letters(value: int) -> str:
    """Word's letter sequence: a..z, then aa, bb, .. zz, then aaa (repeated, not base 26)."""
    if value <= 0 or value > _MAX_LETTERS:
        return str(value)
    letter = chr(ord("a") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)


def to_ordinal(value: int) -> str:
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def format_number(value: int, fmt: str) -> str:
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return f"{value:02d}" if 0 <= value < 10 else str(value)
    if fmt == "lowerLetter":
        return to_letters(value)
    if fmt == "upperLetter":
        return to_letters(value).upper()
    if fmt == "lowerRoman":
        return to_roman(value)
    if fmt == "upperRoman":
        return to_roman(value).upper()
    if fmt == "ordinal":
        return to_ordinal(value)
    if fmt == "decimalEnclosedParen":
        return f"({value})"
    if fmt == "decimalEnclosedFullstop":
        return f"{value}."
    if fmt == "decimalEnclosedCircle" and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    # decimal and every format we do not draw specially (cardinalText, Asian counting systems).
    return str(value)
