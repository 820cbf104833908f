"""The words and shapes every reader recognises, defined once.

Clause labels, page numbers, bullet glyphs, metadata labels, the words that make
a line a policy title or an organisation's name, and dates as schools print them.
Readers and the builder import these; a second hand-made copy of any of them is
how "page 4" came to count as furniture in a PDF but not in a Word file.
``tests/test_structure_lexicon.py`` holds positive and negative cases for each.
"""

from __future__ import annotations

import re

# --- bullets --------------------------------------------------------------------

# Glyphs Word, PDF and text extractions print before a list item. Symbol and
# Wingdings fonts put theirs in the private-use area (U+F0B7, U+F0A7, U+F0D8...).
BULLET_GLYPHS = "-•·▪■□◦●○‣⁃–—*◆◇➢➤✓✔►∙"
_PRIVATE_USE = "\uf000-\uf0ff"


def is_bullet_glyph(text: str) -> bool:
    """One printed character (or Word's Courier "o") that marks a list item."""
    return text == "o" or (len(text) == 1 and (text in BULLET_GLYPHS or 0xF000 <= ord(text) <= 0xF0FF))


# A bullet at the start of a line; "o" (Word's second-level bullet) only before a space.
BULLET_PREFIX = re.compile(rf"^([{re.escape(BULLET_GLYPHS)}{_PRIVATE_USE}]|o(?=\s))\s+")

# --- clause labels --------------------------------------------------------------

DECIMAL_LABEL = r"\d{1,3}(?:\.\d{1,3}){0,5}"
# A proper roman numeral up to 39 (so "civil" and "mix" are not numerals).
ROMAN_NUMERAL = r"(?=[ivxIVX])(?:[xX]{0,3})(?:[iI][xX]|[iI][vV]|[vV]?[iI]{0,3})"
# A label standing alone as a token: "4.2", "7.", "a)", "(b)", "c.", "iv.", "(xi)", "(12)".
LABEL = rf"(?:{DECIMAL_LABEL}\.?|\(?[a-zA-Z]\)|[a-zA-Z]\.|\(?{ROMAN_NUMERAL}[.)]|\({ROMAN_NUMERAL}\)|\(\d{{1,3}}\))"
LABEL_TOKEN = re.compile(rf"^({LABEL})$")
# A multi-level number opening a line of running text ("1.1 Staff must ..."), as in Markdown paragraphs.
OUTLINE_NUMBER_START = re.compile(rf"^\s*(?=\d{{1,3}}\.\d)({DECIMAL_LABEL})\.?\s+\S")
# A line that opens with a clause label or a named division ("Section 3", "Appendix B").
NUMBER_START = re.compile(
    rf"^({DECIMAL_LABEL}\.?|[a-zA-Z][.)]|\([a-zA-Z0-9]{{1,4}}\)|{ROMAN_NUMERAL}[.)]|(section|part|appendix|annex)\s+\w+)(\s|$)",
    re.IGNORECASE,
)
# A label that a tab sets off from its text: Word's "Save as Plain Text" and typed
# numbers in table cells ("10.<TAB>Seasonal produce").
LABEL_THEN_TAB = re.compile(
    rf"^(\s*(?:[-•]\s+)?(?:{DECIMAL_LABEL}\.?|[a-z]\)|\([a-z]{{1,4}}\)|[IVX]{{1,5}}\.?))\t+(?=\S)"
)
# Typed labels Word users put beside automatic ones: "v.", "(vi)", "A1.", "B12".
TYPED_LABEL = re.compile(rf"^({ROMAN_NUMERAL}\.|\({ROMAN_NUMERAL}\)|[A-Z]\d{{1,2}}\.?|[A-Z]\.\d{{1,2}}\.?)(?=\s|\t)")

# --- page numbers and contents ---------------------------------------------------

# "7", "- 3 -", "Page 2", "Page 2 of 9", "2/9", "iv": the same in every format.
PAGE_NUMBER = re.compile(
    rf"^\s*(?:[-–—]\s*)?(?:page\s*)?(\d{{1,4}}|{ROMAN_NUMERAL})(?:\s*(?:of|/)\s*\d{{1,4}})?(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)
PAGE_OF = re.compile(r"\bpage\s+(\d{1,4})\s+of\s+\d{1,4}\b", re.IGNORECASE)
CONTENTS_HEADING = re.compile(r"^\s*(?:table\s+of\s+)?contents\s*:?\s*$", re.IGNORECASE)
# Headings over lists of what changed: content a governor reads first, never a contents list.
CHANGES_HEADING = re.compile(
    r"\b(summary of (?:the )?(?:main |key )?changes|changes (?:since|made|to this)|what(?:'s| has) changed|"
    r"version (?:history|control)|change (?:log|history)|revision history|document history|amendments?(?: log| record)?)\b",
    re.IGNORECASE,
)


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text)) and bool(text.strip())


# --- title and organisation words ------------------------------------------------

TITLE_WORDS = re.compile(
    r"\b(polic(?:y|ies)|procedures?|guidance|code of conduct|statement|protocol|handbook)\b", re.IGNORECASE
)
# Words that make a line the name of a school or other setting.
ORG_WORDS = re.compile(
    r"\b(school|academy|college|trust|nursery|federation|infants?|juniors?|primary|pre-?school|tuition|fostering)\b",
    re.IGNORECASE,
)
APPROVER_WORDS = re.compile(r"\b(committee|governing|governors|board|trustees|fgb|bog|lgb)\b", re.IGNORECASE)
# Proper names of schools inside a sentence: "Decoy Community Primary School".
ORG_NAME_IN_TEXT = re.compile(
    r"\b((?:[A-Z][\w’'&-]+\s+){1,5}(?:School|Academy|College|Education Trust|Academy Trust|Multi-Academy Trust|"
    r"Nursery|Federation|Pre-School|Pre-school|Preschool|Fostering))\b(?!\s+Network)"
)
# Words a name of a setting never starts with ("The school", "Our Academy").
NOT_A_NAME_START = frozenset(
    {"The", "This", "A", "An", "Our", "Any", "Each", "Every", "All", "That", "Which", "If", "In", "At", "Model", "Staff", "Whole",
     # imperatives that open a sentence before a name: "Attend Oak Tree School's training"
     "Attend", "Contact", "Visit", "See", "Ask", "Call", "Email", "Tell", "Speak", "Join", "Please", "Dear"}
)

# --- dates ------------------------------------------------------------------------

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?"
# A date as printed, at any precision: "17 October 2016", "4th February 2013",
# "23/07/2020", "01.01.23", "2023-01-01", "September 2018", "September2018",
# "Spring Term 2023". (Parsing is ``toolkit.dates.parse_date``.)
DATE_TEXT = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|{_MONTH}\s*\d{{4}}"
    r"|(?:spring|summer|autumn|winter)(?:\s+term)?\s+\d{4})"
)
DATE = re.compile(DATE_TEXT, re.IGNORECASE)
# "Review Cycle: 2 Years", "reviewed every two years", "annually".
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
REVIEW_CYCLE = re.compile(r"^(?:(one|two|three|four|five|\d)\s*(?:years?|yrs?)|annual(?:ly)?|yearly|every\s+(one|two|three|\d)\s+years?)$", re.IGNORECASE)


def cycle_years(text: str) -> int | None:
    """Years between reviews from "2 Years", "annually", "every three years"; None if not a cycle."""
    match = REVIEW_CYCLE.match(text.strip().rstrip("."))
    if not match:
        return None
    count = match[1] or match[2]
    return _COUNT_WORDS.get(count.lower(), None) if count else 1


# --- metadata labels ----------------------------------------------------------------

FIELD_KEYS = {
    "school": ("school", "school name", "name of school", "academy", "setting"),
    "title": ("title", "policy", "policy name", "policy title", "document title", "document name"),
    "version": ("version", "version number", "document version", "version no", "version and date of publication"),
    "approved": (
        "approved on", "approved", "date approved", "approval date", "date of approval", "adopted",
        "date adopted", "adoption date", "issued", "date issued", "issue date", "date of issue",
        "ratified", "date ratified", "effective date", "date of publication", "date of adoption", "policy date",
        "date ratified by governors", "date approved by governors", "adpoted date", "adopted date", "ratified on",
        "adopted on", "date of ratification",
    ),
    "approved_by": (
        "approved by", "ratified by", "adopted by", "approving body", "approver", "agreed by", "to be reviewed by",
        "to be approved by", "to be ratified by", "signed by name", "signed by",
    ),
    "last_review": (
        "last reviewed", "last review", "last review date", "date of last review", "last revision date",
        "date reviewed", "reviewed", "reviewed on", "last updated", "lastupdated", "updated",
    ),
    "next_review": (
        "next review", "next review date", "date of next review", "next revision date", "review by",
        "due for review", "next review due", "renewal date", "review due", "date for review", "to be reviewed",
        "date for next review", "next review by",
    ),
    "owner": ("owner", "policy owner", "document owner", "responsible officer", "policy lead"),
}
# "Review date" means the next review unless the document also names a next review.
AMBIGUOUS_REVIEW_KEYS = ("review date", "date of review")
# "Review Cycle: 2 Years": no date, but with the last review it gives the next.
CYCLE_KEYS = ("review cycle", "review period", "review frequency", "frequency of review")

KEY_TO_FIELD = {key: field for field, keys in FIELD_KEYS.items() for key in keys}


def normalise_key(label: str) -> str:
    return " ".join(re.sub(r"[^a-z ]+", " ", label.lower().replace("_", " ")).split())


def field_for_key(label: str) -> str | None:
    """The metadata field a printed key names ("review" when ambiguous), or None."""
    key = normalise_key(label)
    if key in AMBIGUOUS_REVIEW_KEYS:
        return "review"
    if key in CYCLE_KEYS:
        return "review_cycle"
    if _DATE_BY_BODY.match(key):
        return "approved"  # "Date ratified by the FGB"
    return KEY_TO_FIELD.get(key)


# "Date approved by governors", "Date ratified by the FGB": the key names who as well.
_DATE_BY_BODY = re.compile(r"^date (?:approved|ratified|adopted|agreed) by (?:the )?([a-z ]{2,40})$")


def body_in_key(label: str) -> str | None:
    """The approving body a key names ("Date Approved by Governors" -> "Governors"), as printed."""
    match = re.match(r"^\s*date\s+(?:approved|ratified|adopted|agreed)\s+by\s+(?:the\s+)?(.+?)\s*:?\s*$", label, re.IGNORECASE)
    return match[1] if match and _DATE_BY_BODY.match(normalise_key(label)) else None


# Any known key at the start of a line, longest first, with or without a colon:
# "DATE OF NEXT REVIEW: July 2022", "Date Approved by Governors 23/07/2020".
_ALL_KEYS = sorted({*KEY_TO_FIELD, *AMBIGUOUS_REVIEW_KEYS, *CYCLE_KEYS}, key=len, reverse=True)
_KEY_ALTERNATION = "|".join(r"[\s_-]*".join(re.escape(word) for word in key.split()) for key in _ALL_KEYS)
LEADING_KEY = re.compile(rf"^\s*({_KEY_ALTERNATION})\b\s*[:;\-–—]?\s*", re.IGNORECASE)
# A known key followed by a colon anywhere in a line: where "Reviewed: May 2023 Next review: May 2024" splits.
INNER_KEY = re.compile(rf"(?<![\w])({_KEY_ALTERNATION})\s*:", re.IGNORECASE)
