"""Collecting metadata from front pages, metadata tables, headers and front matter.

The first value found for a field wins: the front page is more trustworthy than a
running header, which is more trustworthy than a line inferred from the body.
"""

from __future__ import annotations

import re

from ..dates import parse_date
from ..model import DATE_FIELDS, Metadata, MetaValue
from .rules import colon_pair, field_for_key, looks_like_heading, split_cells

_TITLE_WORDS = re.compile(r"\b(policy|policies|procedure|procedures|guidance|code of conduct|statement|protocol)\b", re.I)
_APPROVER_WORDS = re.compile(r"\b(committee|governing|governors|board|trustees)\b", re.I)
_SCHOOL_WORDS = re.compile(r"\b(school|academy|college|trust|nursery|federation|infants?|juniors?|primary)\b", re.I)
_REVIEWED_FOR = re.compile(r"^(Reviewed)\s+(.+?)\s*[–—-]+\s*(for review)\s+(.+)$", re.I)
_APPROVED_AT = re.compile(r"^approved\s+(?:at|by)\s+(?:the\s+)?(.+?)(?:\s*[–—,-]+\s*(.+))?$", re.I)
_BODY_SCHOOL = re.compile(
    r"\b((?:[A-Z][\w’'&-]+\s+){1,5}(?:School|Academy|College|Education Trust|Academy Trust|Multi-Academy Trust|Nursery|Federation))\b"
)
_DATE_TEXT = r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|[A-Za-z]{3,9}\s+\d{4}"
# "Ratified BoG 17 October 2016", "Approved by the Governing Board on 3/2/2024".
_APPROVAL_LINE = re.compile(
    rf"^(approved|ratified|adopted|agreed)(?:\s+by)?\s+(?:the\s+)?(.+?)\s*(?:\bon\s+|[:,–—-]\s*)?({_DATE_TEXT})\.?$", re.I
)
_ANY_PAIR = re.compile(r"^([A-Z][A-Za-z ]{1,30}):\s+(\S.{0,80})$")
_NOT_A_NAME_START = {"The", "This", "A", "An", "Our", "Any", "Each", "Every", "All", "That", "Which", "If", "In", "At", "Model", "Staff"}


class MetadataCollector:
    def __init__(self) -> None:
        self._fields: dict[str, MetaValue] = {}
        self._extra: list[tuple[str, MetaValue]] = []
        self._ambiguous_review: list[MetaValue] = []

    def has(self, field: str) -> bool:
        return field in self._fields

    def get_value(self, field: str) -> str | None:
        value = self._fields.get(field)
        return value.raw if value else None

    def set(self, field: str, raw: str, *, label: str | None = None, consumed: bool = True) -> None:
        """Record a field; a later value for a field already set goes to ``extra``."""
        raw = raw.strip()
        if field == "review":
            self._ambiguous_review.append(self._value("next_review", raw, label, consumed))
            return
        value = self._value(field, raw, label, consumed)
        if field in self._fields:
            if consumed:
                self._extra.append((label or field, value))
            return
        self._fields[field] = value

    def extra(self, key: str, raw: str, *, consumed: bool = True, printed: bool = True) -> None:
        """Keep a value no field names; ``printed`` says the key itself was in the source."""
        value = MetaValue(raw.strip(), raw.strip() or None, label=key if printed else None, consumed=consumed)
        self._extra.append((key.strip().rstrip(":"), value))

    @staticmethod
    def _value(field: str, raw: str, label: str | None, consumed: bool) -> MetaValue:
        if field in DATE_FIELDS:
            return MetaValue(raw, parse_date(raw), label=label, consumed=consumed)
        return MetaValue(raw, raw.rstrip(".").strip() or None, label=label, consumed=consumed)

    def key_value(self, label: str, raw: str, *, consumed: bool = True) -> bool:
        """A printed ``label: value`` pair; False when the label names no field we know."""
        field = field_for_key(label)
        if field is None:
            return False
        self.set(field, raw, label=label, consumed=consumed)
        return True

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

    def front_line(self, text: str, *, consumed: bool = True, strict: bool = False) -> bool:
        """Place one front-page line; False when it is not metadata.

        ``strict`` (for lines set as headings) takes a line as the school's name only
        when it says School, Academy, Trust...; so does a line from a running header.
        """
        cells = split_cells(text)
        if len(cells) >= 2:
            # All cells or none: a line half taken as metadata would lose the other half.
            snapshot = (dict(self._fields), list(self._extra), list(self._ambiguous_review))
            placed = [self.front_line(cell_text, consumed=consumed, strict=strict) for cell_text in _pair_cells(cells)]
            if all(placed) or (any(placed) and not consumed):
                return True
            self._fields, self._extra, self._ambiguous_review = snapshot
            return False
        text = cells[0] if cells else text.strip()
        if len(split_cells(text)) == 0:
            return False
        if match := _REVIEWED_FOR.match(text):
            self.set("last_review", match[2], label=match[1], consumed=consumed)
            self.set("next_review", match[4], label=match[3], consumed=consumed)
            return True
        if pair := colon_pair(text):
            return self.key_value(pair[0], pair[1], consumed=consumed)
        if match := _APPROVAL_LINE.match(text):
            verb, body, when = match[1], match[2].strip(" ,:-–—"), match[3]
            if verb.lower() == "agreed" or self.has("approved"):
                self.extra(verb, f"{body} {when}", consumed=consumed)
            else:
                self.set("approved_by", body, label=verb, consumed=consumed)
                self.set("approved", when, consumed=consumed)
            return True
        if match := _ANY_PAIR.match(text):
            self.extra(match[1], match[2], consumed=consumed)
            return True
        if not self.has("title") and _TITLE_WORDS.search(text) and len(text.split()) <= 12:
            self.set("title", text, consumed=consumed)
            return True
        if parse_date(text) and len(text.split()) <= 4 and not re.search(r"[a-z]{3,}\s+[a-z]{3,}", text):
            self.extra("Date", text, consumed=consumed, printed=False)
            return True
        if _APPROVER_WORDS.search(text) and not self.has("approved_by") and len(text.split()) <= 8:
            self.set("approved_by", text, consumed=consumed)
            return True
        if not self.has("school") and looks_like_heading(text, max_words=8) and not _TITLE_WORDS.search(text) and (
            _SCHOOL_WORDS.search(text) or (consumed and not strict and len(text.split()) <= 4)
        ):
            if re.search(r"\bpage\s+\d", text, re.I):
                return False
            self.set("school", text, consumed=consumed)
            return True
        return False

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
        return Metadata(**self._fields, extra=tuple(self._extra))


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
