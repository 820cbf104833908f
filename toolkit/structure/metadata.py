"""Collecting metadata from front pages, metadata tables, headers and front matter.

The first value found for a field wins: the front page is more trustworthy than a
running header, which is more trustworthy than a line inferred from the body.
"""

from __future__ import annotations

import re

from ..dates import PartialDate, parse_date
from ..model import DATE_FIELDS, Metadata, MetaValue
from .lexicon import (
    APPROVER_WORDS,
    CONTENTS_HEADING,
    DATE,
    DATE_TEXT,
    INNER_KEY,
    LEADING_KEY,
    NOT_A_NAME_START,
    ORG_NAME_IN_TEXT,
    ORG_WORDS,
    TITLE_WORDS,
    body_in_key,
    cycle_years,
    field_for_key,
    normalise_key,
)
from .rules import colon_pair, looks_like_heading, split_cells

_TITLE_WORDS = TITLE_WORDS
_APPROVER_WORDS = APPROVER_WORDS
_SCHOOL_WORDS = ORG_WORDS
_REVIEWED_FOR = re.compile(r"^(Reviewed)\s+(.+?)\s*[–—-]+\s*(for review)\s+(.+)$", re.IGNORECASE)
_APPROVED_AT = re.compile(r"^approved\s+(?:at|by)\s+(?:the\s+)?(.+?)(?:\s*[–—,-]+\s*(.+))?$", re.IGNORECASE)
_BODY_SCHOOL = ORG_NAME_IN_TEXT
_DATE_TEXT = DATE_TEXT
# "Ratified BoG 17 October 2016", "Approved by the Governing Board on 3/2/2024",
# "Adopted by the Board of Governors; 11th February 2013".
_APPROVAL_LINE = re.compile(
    rf"^(approved|ratified|adopted|agreed)(?:\s+by)?\s+(?:the\s+)?(.+?)\s*(?:\bon\s+|[:;,–—-]\s*)?({_DATE_TEXT})\.?$", re.IGNORECASE
)
_ANY_PAIR = re.compile(r"^([A-Z][A-Za-z ]{1,30}):\s+(\S.{0,80})$")
_NOT_A_NAME_START = NOT_A_NAME_START
# A value that names who as well as when: "by Governors 23/07/2020", "by the FGB on 3 May 2024".
_BY_THEN_DATE = re.compile(rf"^by\s+(?:the\s+)?(.+?)\s*(?:\bon\b|[:;,–—-])?\s*({_DATE_TEXT})\.?$", re.IGNORECASE)
# reStructuredText field lists: ":Date: 2009-01-11".
_FIELD_LIST = re.compile(r"^:([A-Za-z][\w ]{0,30}):\s*(.*)$")
_RST_DIRECTIVE = re.compile(r"^\.\.\s+[\w-]+::")
# Separators inside one running header or footer line.
_MARGIN_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s*\|\s*|\t")
_MARGIN_DATES = (
    ("next_review", re.compile(
        r"\b(?:next\s+review(?:\s+date)?|review\s+date|date\s+of\s+next\s+review|due\s+for\s+review|for\s+review|to\s+be\s+reviewed)"
        rf"\s*(?:on|by|in|due)?\s*[:\-–]?\s*({DATE_TEXT}|\d{{4}})", re.IGNORECASE)),
    ("last_review", re.compile(
        rf"\b(?:last\s+reviewed?|reviewed|date\s+of\s+review)\s*(?:on|in)?\s*[:\-–]?\s*({DATE_TEXT}|\d{{4}})", re.IGNORECASE)),
    ("approved", re.compile(
        r"\b(?:approved|adopted|ratified)(?:\s+by\s+(?:the\s+)?([A-Za-z ]{2,40}?))?\s*(?:on|in)?\s*[:\-–]?\s*"
        rf"({DATE_TEXT}|\d{{4}})", re.IGNORECASE)),
)
# Where a second column starts inside one printed line: a metadata phrase after other words.
_COLUMN_START = re.compile(
    r"(?<=\S)\s+(?=(?:Approved|Ratified|Adopted|Agreed|Reviewed|Last [Rr]eviewed|Next [Rr]eview|Review [Dd]ate|"
    r"Date of|Due for [Rr]eview|Version|Issued|Updated)\b)"
)
_MARGIN_VERSION = re.compile(r"\bversion\s*(?:no\.?|number)?\s*[:\-]?\s*(v?\d+(?:\.\d+)*)\b", re.IGNORECASE)


class MetadataCollector:
    def __init__(self) -> None:
        self._fields: dict[str, MetaValue] = {}
        self._extra: list[tuple[str, MetaValue]] = []
        self._ambiguous_review: list[MetaValue] = []
        self._cycle: int | None = None
        # Where each field's value came from: "cover" (the body's first page or
        # metadata table) or the running "header"/"footer" that also printed one.
        self._sources: dict[str, str] = {}
        self.warnings: list[str] = []

    def has(self, field: str) -> bool:
        return field in self._fields

    def get_value(self, field: str) -> str | None:
        value = self._fields.get(field)
        return value.raw if value else None

    def set(
        self, field: str, raw: str, *, label: str | None = None, consumed: bool = True, source: str = "cover"
    ) -> None:
        """Record a field; a later value for a field already set goes to ``extra``.

        The first value wins: the cover is read before the running headers and
        footers. When a header or footer disagrees with the cover, the document
        gets a warning naming both, since one of them is out of date.
        """
        raw = raw.strip()
        if field == "review":
            self._ambiguous_review.append(self._value("next_review", raw, label, consumed))
            return
        if field == "review_cycle":
            self._cycle = self._cycle or cycle_years(raw)
            self._extra.append((label.rstrip(":") if label else "Review cycle", MetaValue(raw, raw, label=label, consumed=consumed)))
            return
        value = self._value(field, raw, label, consumed)
        if field in self._fields:
            existing = self._fields[field]
            if source != "cover" and self._sources.get(field) == "cover" and _disagree(field, existing, value):
                name = field.replace("_", " ")
                self.warnings.append(
                    f"the cover gives {name} {existing.raw!r} but the {source} says {raw!r}; the cover's value is used"
                )
            if consumed:
                self._extra.append((label or field, value))
            return
        self._fields[field] = value
        self._sources[field] = source

    def extra(self, key: str, raw: str, *, consumed: bool = True, printed: bool = True) -> None:
        """Keep a value no field names; ``printed`` says the key itself was in the source."""
        value = MetaValue(raw.strip(), raw.strip() or None, label=key if printed else None, consumed=consumed)
        self._extra.append((key.strip().rstrip(":"), value))

    @staticmethod
    def _value(field: str, raw: str, label: str | None, consumed: bool) -> MetaValue:
        if field in DATE_FIELDS:
            return MetaValue(raw, parse_date(raw), label=label, consumed=consumed)
        return MetaValue(raw, raw.rstrip(".").strip() or None, label=label, consumed=consumed)

    def key_value(self, label: str, raw: str, *, consumed: bool = True, source: str = "cover") -> bool:
        """A printed ``label: value`` pair; False when the label names no field we know."""
        field = field_for_key(label)
        if field is None:
            return False
        raw = raw.strip()
        if not raw or not re.search(r"[^\W_]", raw):
            # "Review date:" printed with nothing (or a blank line) after it: a form
            # left empty. Its words are kept; it states no value.
            self.extra(label, raw, consumed=consumed)
            return True
        if field == "approved" and (body := body_in_key(label)):
            self.set("approved_by", body, consumed=False, source=source)  # its words are the label's
        if field in DATE_FIELDS and (match := _BY_THEN_DATE.match(raw)):
            # "Date Approved by Governors 23/07/2020": who and when in one value.
            self.set("approved_by", match[1], consumed=consumed, source=source)
            self.set(field, match[2], label=f"{label} by", consumed=consumed, source=source)
            return True
        if field in DATE_FIELDS and parse_date(raw) is None and field_for_key(raw) is None and len(raw.split()) > 6:
            return False  # "Reviewed by the Headteacher each year ..." is a sentence, not a date
        self.set(field, raw, label=label, consumed=consumed, source=source)
        return True

    def known_line(self, text: str, *, consumed: bool = True, source: str = "cover") -> bool:
        """Place a line only when it is metadata beyond doubt: a key we know, or an approval line."""
        text = text.strip()
        if "\t" in text:
            return False
        if _REVIEWED_FOR.match(text) or colon_pair(text) or _APPROVAL_LINE.match(text):
            return self.front_line(text, consumed=consumed, source=source)
        return self.labelled_line(text, consumed=consumed, source=source)

    def labelled_line(self, text: str, *, consumed: bool = True, source: str = "cover") -> bool:
        """Lines whose printed keys we know, with or without colons, one or several to a line:
        "DATE OF NEXT REVIEW: July 2022", "Date Approved by Governors 23/07/2020",
        "Reviewed: May 2023 Next review: May 2024", ":Date: 2009-01-11" (reST)."""
        text = text.strip()
        if _RST_DIRECTIVE.match(text):
            # ".. include:: common-metadata.rst" between a reST title and its fields: markup, kept.
            self.extra("Directive", text, consumed=consumed, printed=False)
            return True
        if match := _FIELD_LIST.match(text):
            self._field_list(match[1], match[2], consumed=consumed, source=source)
            return True
        if "\t" in text:
            return False  # cells are paired by front_line
        if self._several_keys(text, consumed=consumed, source=source):
            return True
        return self._leading_key(text, consumed=consumed, source=source)

    def _field_list(self, label: str, raw: str, *, consumed: bool, source: str) -> None:
        # reST's bibliographic ":Date:" is the date the document was issued.
        if label.strip().lower() == "date" and parse_date(raw):
            self.set("approved", raw, label=label, consumed=consumed, source=source)
        elif not self.key_value(label, raw, consumed=consumed, source=source):
            self.extra(label, raw, consumed=consumed)

    def _several_keys(self, text: str, *, consumed: bool, source: str) -> bool:
        """"Reviewed: May 2023 Next review: May 2024": every piece a known key with its value."""
        starts = [match.start() for match in INNER_KEY.finditer(text)]
        if len(starts) < 2 or starts[0] != 0:
            return False
        pieces = [text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)])]
        pairs = [pair for piece in pieces if (pair := colon_pair(piece)) is not None]
        if len(pairs) != len(pieces):
            return False
        for label, raw in pairs:
            self.key_value(label, raw, consumed=consumed, source=source)
        return True

    def _leading_key(self, text: str, *, consumed: bool, source: str) -> bool:
        """A known key without a colon: "Date Approved by Governors 23/07/2020"."""
        match = LEADING_KEY.match(text)
        if not match or colon_pair(text):
            return False
        label, raw = match[1], text[match.end():].strip()
        field = field_for_key(label)
        if field in DATE_FIELDS or field in ("review", "review_cycle"):
            if not _opens_with_date(field, raw):
                return False
        elif field == "approved_by":
            # "Approved by the Governing Board on 3/2/2024" says when too: an approval line.
            if not raw or len(raw.split()) > 8 or raw.endswith(".") or DATE.search(raw):
                return False
        else:
            return False
        return self.key_value(label, raw, consumed=consumed, source=source)

    def change_log(self, rows: list[list[str]]) -> bool:
        """A version or change log ("Version | Date | Change"): its latest dated row says when
        the policy was last revised. The table stays content; the cover wins over it."""
        if len(rows) < 2:
            return False
        header = [normalise_key(cell) for cell in rows[0]]
        date_column = next((i for i, cell in enumerate(header) if cell in ("date", "date of change", "revision date", "review date")), None)
        if date_column is None or not any(cell.split()[:1] in (["version"], ["change"], ["changes"], ["amendment"], ["amendments"], ["description"]) for cell in header if cell):
            return False
        dated: list[tuple[PartialDate, list[str]]] = []
        for row in rows[1:]:
            when = parse_date(row[date_column]) if date_column < len(row) else None
            if when is not None:
                dated.append((when, row))
        if not dated:
            return False
        when, row = max(dated, key=lambda item: item[0].latest_day())
        self.set("last_review", row[date_column], consumed=False, source="change log")
        version_column = next((i for i, cell in enumerate(header) if cell.startswith("version")), None)
        if version_column is not None and version_column < len(row) and row[version_column].strip():
            self.set("version", row[version_column], consumed=False, source="change log")
        return True

    def margin_line(self, text: str, kind: str) -> None:
        """What a running header or footer line says about the document; its words stay in
        the furniture (consumed=False). The one place margins are read, for every format.

        A header is often two columns ("Oak Tree Primary School   Approved by Governors
        13/09/2017"), which a PDF line prints with no separator: each column is read alone."""
        columns = [
            column.strip()
            for part in _MARGIN_SEPARATORS.split(text)
            for column in _COLUMN_START.split(part)
            if column.strip()
        ]
        for column in columns:
            self._margin_column(column, kind)
        if "\t" in text:
            self.front_line(text, consumed=False, source=kind)  # cells pair up: "Approved by<TAB>Board"
        else:
            for column in columns:
                self.front_line(column, consumed=False, source=kind)

    def _margin_column(self, text: str, kind: str) -> None:
        for field, pattern in _MARGIN_DATES:
            match = pattern.search(text)
            if match is None:
                continue
            when = match.group(match.lastindex or 1)
            if parse_date(when) is None:
                continue
            if field == "approved" and match.group(1) and not self.has("approved_by"):
                self.set("approved_by", match.group(1), consumed=False, source=kind)
            self.set(field, when, consumed=False, source=kind)
        if version := _MARGIN_VERSION.search(text):
            self.set("version", version.group(1), consumed=False, source=kind)
        if len(text) > 90 or re.search(r"\d", text) or not looks_like_heading(text, max_words=10):
            return
        if _SCHOOL_WORDS.search(text) and not _TITLE_WORDS.search(text):
            if not self.has("school"):
                self.set("school", text, consumed=False, source=kind)
        elif _TITLE_WORDS.search(text) and not self.has("title"):
            self.set("title", text, consumed=False, source=kind)

    def title_line(self, text: str) -> bool:
        """Take a heading that names a policy ("Whistleblowing Policy") as the title; True if taken."""
        if self.has("title") or not _TITLE_WORDS.search(text) or not looks_like_heading(text, max_words=10):
            return False
        self.set("title", text)
        return True

    def school_name_line(self, text: str) -> bool:
        """Take a heading that names the school (not the policy) as the school; True if taken."""
        if self.has("school") or _TITLE_WORDS.search(text) or not _SCHOOL_WORDS.search(text):
            return False
        if not looks_like_heading(text, max_words=8):
            return False
        self.set("school", text)
        return True

    def interpret_status(self, raw: str) -> None:
        """'Approved at Audit Committee – April 2022' also says who approved and when."""
        if match := _APPROVED_AT.match(raw.strip()):
            if not self.has("approved_by"):
                self.set("approved_by", match[1], consumed=False)
            if match[2] and not self.has("approved") and parse_date(match[2]):
                self.set("approved", match[2], consumed=False)

    def front_line(self, text: str, *, consumed: bool = True, strict: bool = False, source: str = "cover") -> bool:
        """Place one front-page line; False when it is not metadata.

        ``strict`` (for lines set as headings) takes a line as the school's name only
        when it says School, Academy, Trust...; so does a line from a running header.
        """
        cells = split_cells(text)
        if len(cells) >= 2:
            return self._front_cells(cells, consumed=consumed, strict=strict, source=source)
        text = cells[0] if cells else text.strip()
        if len(split_cells(text)) == 0:
            return False
        placed = self._labelled_front_line(text, consumed=consumed, source=source)
        if placed is not None:
            return placed
        return self._unlabelled_front_line(text, consumed=consumed, strict=strict)

    def _front_cells(self, cells: list[str], *, consumed: bool, strict: bool, source: str) -> bool:
        # All cells or none: a line half taken as metadata would lose the other half.
        snapshot = (dict(self._fields), list(self._extra), list(self._ambiguous_review))
        placed = [
            self.front_line(cell_text, consumed=consumed, strict=strict, source=source) for cell_text in _pair_cells(cells)
        ]
        if all(placed) or (any(placed) and not consumed):
            return True
        self._fields, self._extra, self._ambiguous_review = snapshot
        self._sources = {field: where for field, where in self._sources.items() if field in self._fields}
        return False

    def _labelled_front_line(self, text: str, *, consumed: bool, source: str) -> bool | None:
        """A line that says what it is ("Review date: ...", "Approved by ... on ..."):
        whether it was placed, or None when it carries no label."""
        if match := _REVIEWED_FOR.match(text):
            self.set("last_review", match[2], label=match[1], consumed=consumed, source=source)
            self.set("next_review", match[4], label=match[3], consumed=consumed, source=source)
            return True
        if self.labelled_line(text, consumed=consumed, source=source):
            return True
        if pair := colon_pair(text):
            return self.key_value(pair[0], pair[1], consumed=consumed, source=source)
        if match := _APPROVAL_LINE.match(text):
            verb, body, when = match[1], match[2].strip(" ,:;-–—"), match[3]
            if verb.lower() == "agreed" or self.has("approved"):
                self.extra(verb, f"{body} {when}", consumed=consumed)
            else:
                self.set("approved_by", body, label=verb, consumed=consumed, source=source)
                self.set("approved", when, consumed=consumed, source=source)
            return True
        if match := _ANY_PAIR.match(text):
            self.extra(match[1], match[2], consumed=consumed)
            return True
        return None

    def _unlabelled_front_line(self, text: str, *, consumed: bool, strict: bool) -> bool:
        """A line whose meaning is in its words: a title, a date, an approving body, the school."""
        if not self.has("title") and _TITLE_WORDS.search(text) and len(text.split()) <= 12:
            self.set("title", text, consumed=consumed)
            return True
        if parse_date(text) and len(text.split()) <= 4 and not re.search(r"[a-z]{3,}\s+[a-z]{3,}", text):
            self.extra("Date", text, consumed=consumed, printed=False)
            return True
        if _APPROVER_WORDS.search(text) and not self.has("approved_by") and len(text.split()) <= 8:
            self.set("approved_by", text, consumed=consumed)
            return True
        if not self._may_name_school(text, consumed=consumed, strict=strict):
            return False
        if re.search(r"\bpage\s+\d", text, re.IGNORECASE) or CONTENTS_HEADING.match(text):
            return False
        self.set("school", text, consumed=consumed)
        return True

    def _may_name_school(self, text: str, *, consumed: bool, strict: bool) -> bool:
        if self.has("school") or not looks_like_heading(text, max_words=8) or _TITLE_WORDS.search(text):
            return False
        # A short unlabelled line names the school only next to the title, where covers put it.
        return bool(_SCHOOL_WORDS.search(text)) or (
            consumed and not strict and len(text.split()) <= 4 and set(self._fields) <= {"title"} and not self._extra
        )

    def table_row(self, cells: list[str], *, consumed: bool = True) -> bool:
        """A two-cell metadata table row; unknown keys are kept as extra."""
        if len(cells) != 2:
            return False
        label, raw = cells
        if not self.key_value(label, raw, consumed=consumed):
            self.extra(label, raw, consumed=consumed)
            if normalise_status(label):
                self.interpret_status(raw)
        return True

    def infer_school_from_body(self, texts: list[str]) -> None:
        if self.has("school"):
            return
        for text in texts:
            for match in _BODY_SCHOOL.finditer(text):
                name = match[1].strip()
                words = name.split()
                while words and words[0] in _NOT_A_NAME_START:
                    words = words[1:]
                if len(words) >= 2:
                    self.set("school", " ".join(words), consumed=False)
                    return

    def build(self) -> Metadata:
        for value in self._ambiguous_review:
            field = "last_review" if "next_review" in self._fields else "next_review"
            if field in self._fields:
                self._extra.append((value.label or "Review date", value))
            else:
                self._fields[field] = value
        self._next_review_from_cycle()
        return Metadata(**self._fields, extra=tuple(self._extra))

    def _next_review_from_cycle(self) -> None:
        """"Reviewed: January 2016" and "Review Cycle: 2 Years" say the next review is January 2018."""
        if self._cycle is None or "next_review" in self._fields:
            return
        base = self._fields.get("last_review") or self._fields.get("approved")
        if base is None or not isinstance(base.value, PartialDate):
            return
        when = base.value
        if when.month is None and when.term is None:
            return
        due = PartialDate(when.year + self._cycle, when.month, when.day if when.month != 2 or (when.day or 0) < 29 else 28, when.term)
        # Nothing printed says this date: its words are the last review's and the cycle's.
        self._fields["next_review"] = MetaValue(f"{base.raw} + {self._cycle} years", due, label=None, consumed=False)


def _disagree(field: str, first: MetaValue, second: MetaValue) -> bool:
    if field in DATE_FIELDS:
        a, b = first.value, second.value
        if not isinstance(a, PartialDate) or not isinstance(b, PartialDate):
            return False
        # "July 2021" and "23 July 2021" agree; only a different year or month disagrees.
        return (a.year, a.month or b.month) != (b.year, b.month or a.month)
    if field == "approved_by":
        return False  # "FGB" and "Full Governing Board" are the same body, written two ways
    return False


def _opens_with_date(field: str | None, raw: str) -> bool:
    """Without a colon, a date field's value must read as a date (or "by <body> <date>")
    and open with it: "Ratified BoG 17 October 2016" is an approval line, read elsewhere."""
    if not raw or not (parse_date(raw) or _BY_THEN_DATE.match(raw) or (field == "review_cycle" and cycle_years(raw))):
        return False
    starts_with_date = DATE.match(re.sub(r"^(?:on|in)\s+", "", raw, flags=re.IGNORECASE)) or re.fullmatch(r"\d{4}", raw)
    return field == "review_cycle" or bool(starts_with_date) or bool(_BY_THEN_DATE.match(raw))


def normalise_status(label: str) -> bool:
    return label.strip().rstrip(":").lower() == "status"


def _pair_cells(cells: list[str]) -> list[str]:
    """Header rows print 'Approved by<TAB>Board' as two cells; join a key cell with its value."""
    out: list[str] = []
    index = 0
    while index < len(cells):
        cell = cells[index]
        if index + 1 < len(cells) and field_for_key(cell) and not colon_pair(cells[index + 1]):
            out.append(f"{cell.rstrip(':')}: {cells[index + 1]}")
            index += 2
            continue
        out.append(cell)
        index += 1
    return out
