"""Word accounting: proof that a reader lost nothing and invented nothing.

Every word of a source must be in exactly one place of the Document: a clause's
number, heading or text; the title or a metadata value (with its printed label)
that was taken out of the body; or a furniture item. Words are compared without
surrounding punctuation, so bullets, brackets and emphasis markers do not count.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import Document

_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")
# A footnote or endnote mark, "[1]" or "[iv]", on its word or before the note: a mark, not a word.
_NOTE_MARK = re.compile(r"\[(?:\d{1,3}|[ivx]{1,5})\]")


def words(text: str) -> list[str]:
    """Whitespace-separated words without leading/trailing punctuation; empty ones dropped.

    Footnote marks ("staff[1]") are not words: readers write them where the source
    drew a superscript, which no other extraction spells the same way."""
    out = []
    for token in _NOTE_MARK.sub(" ", text).split():
        token = _EDGE_PUNCTUATION.sub("", token)
        if token:
            out.append(token)
    return out


def document_words(document: Document) -> Counter[str]:
    """The multiset of words the Document holds, each counted where it was placed."""
    counted: Counter[str] = Counter()
    for _, value in document.metadata.items():
        if value.consumed:
            counted.update(words(value.label or ""))
            counted.update(words(value.raw))
    for item in document.furniture:
        counted.update(words(item.text))
    for clause in document.walk():
        counted.update(words(clause.number or ""))
        counted.update(words(clause.heading or ""))
        counted.update(words(clause.text))
    return counted


def unaccounted(source_words: Counter[str], document: Document) -> tuple[Counter[str], Counter[str]]:
    """(words lost, words invented) comparing a source's words with the Document's."""
    held = document_words(document)
    return source_words - held, held - source_words
