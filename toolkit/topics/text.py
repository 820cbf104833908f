"""Words as the classifiers compare them: stemmed, with sector synonyms folded together.

Exact strings miss what a reader takes for the same words ("political parties"
for "political party", "videos or photos" for "photos or video", "children in
placement" for "pupils"). So both the text and the catalogue's phrases become
sequences of *stems*, synonyms become one canonical token, and a phrase matches
when all its content words occur within a short window, in any order.

The stemmer is deliberately light (inflections only: plurals, -ing, -ed,
possessives, a final e): it must never merge words of different meaning, and
every catalogue phrase goes through the same function as the text it is
matched against, so both sides always agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"[a-z0-9]+(?:\*)?")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-", "\u2011": "-"})
# Hyphenated and closed forms of the same word: "e-safety"/"esafety", "cyber-bullying".
_JOINED = re.compile(r"\b(e|cyber|on|co|pre|non|re|sub)[-\s](?=[a-z])")

# Words that carry no topic on their own; dropped from phrases so that
# "photos or video" and "videos and photos" become the same two stems.
STOPWORDS = frozenset(
    """a an and are as at be been being but by can could do does for from has have he her his i if in into is it
    its may might must not of on or our shall she should so such than that the their them then there these
    they this those to up us was we were what when where which who will with would you your any all also
    only own very via eg ie etc""".split()
)

_IRREGULAR = {
    "children": "child", "people": "person", "men": "man", "women": "woman", "staff": "staff", "media": "media",
    "data": "data", "criteria": "criterion", "analyses": "analysis",
}
_KEEP = frozenset("this his was has is us bus gas yes plus status bias thus less unless process across news series".split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light inflectional stem: "parties" -> "party", "copyrighted" -> "copyright",
    "videos" -> "video", "bullied" -> "bully", "using"/"used"/"uses" -> "us"."""
    word = word.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word in _KEEP or word.isdigit():
        return word
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith(("ches", "shes", "xes", "zes", "sses")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    elif word.endswith("ing") and len(word) > 5:
        word = _undouble(word[:-3])
    elif word.endswith("ed") and len(word) > 4:
        word = _undouble(word[:-2])
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def _undouble(word: str) -> str:
    if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-case word tokens, hyphenated prefixes closed up ("e-safety" -> "esafety")."""
    text = _JOINED.sub(r"\1", text.translate(_APOSTROPHES).lower())
    return [token for token in _TOKEN.findall(text.replace("'s ", " ").replace("'", ""))]


@dataclass(frozen=True)
class Synonyms:
    """Groups of words meaning the same thing in these documents; the first of a group
    is its canonical form. Multi-word variants are matched on their stems."""

    table: dict[tuple[str, ...], str]  # stem sequence -> canonical token
    longest: int

    @staticmethod
    def build(groups: Iterable[Sequence[str]]) -> Synonyms:
        table: dict[tuple[str, ...], str] = {}
        for group in groups:
            group = [g for g in group if g.strip()]
            if not group:
                continue
            canonical = "=" + "_".join(stem(w) for w in words(group[0]))
            for variant in group:
                key = tuple(stem(w) for w in words(variant))
                if key:
                    table.setdefault(key, canonical)
        return Synonyms(table, max((len(key) for key in table), default=1))

    def fold(self, stems: list[str]) -> list[str]:
        if not self.table:
            return stems
        out: list[str] = []
        index = 0
        while index < len(stems):
            for size in range(min(self.longest, len(stems) - index), 0, -1):
                canonical = self.table.get(tuple(stems[index : index + size]))
                if canonical is not None:
                    out.append(canonical)
                    index += size
                    break
            else:
                out.append(stems[index])
                index += 1
        return out


NO_SYNONYMS = Synonyms({}, 1)


def tokens(text: str, synonyms: Synonyms = NO_SYNONYMS) -> list[str]:
    """The stem sequence of a text, synonyms folded, stopwords kept out."""
    stems = [stem(w) for w in words(text) if w not in STOPWORDS]
    return synonyms.fold(stems)


@dataclass(frozen=True)
class Phrase:
    """A catalogue phrase ready for matching: its stems (``*`` keeps a prefix)."""

    text: str
    terms: tuple[str, ...]  # stems; a trailing "*" marks a prefix
    exact: frozenset[str]  # whole-stem terms, for a quick subset test

    @staticmethod
    def compile(text: str, synonyms: Synonyms = NO_SYNONYMS) -> Phrase:
        terms: list[str] = []
        raw = [w for w in words(text) if w.rstrip("*") not in STOPWORDS]
        plain = [stem(w) for w in raw if not w.endswith("*")]
        if len(plain) == len(raw):
            terms = synonyms.fold(plain)
        else:
            terms = [w[:-1] + "*" if w.endswith("*") else stem(w) for w in raw]
        return Phrase(text, tuple(terms), frozenset(t for t in terms if not t.endswith("*")))

    def find(self, text_tokens: Sequence[str], token_set: frozenset[str] | set[str], window: int = 3) -> bool:
        """True when every term occurs within len(terms) + window tokens, in any order."""
        if not self.terms or not self.exact <= token_set:
            return False if self.terms else False
        if len(self.terms) == 1:
            term = self.terms[0]
            if term.endswith("*"):
                prefix = term[:-1]
                return any(t.startswith(prefix) for t in token_set)
            return True
        span = len(self.terms) + window
        positions: list[list[int]] = []
        for term in self.terms:
            if term.endswith("*"):
                prefix = term[:-1]
                found = [i for i, t in enumerate(text_tokens) if t.startswith(prefix)]
            else:
                found = [i for i, t in enumerate(text_tokens) if t == term]
            if not found:
                return False
            positions.append(found)
        anchor = min(positions, key=len)
        for start in anchor:
            if all(any(abs(p - start) < span for p in others) for others in positions):
                # every term near the anchor; check the whole group fits one window
                chosen = [min(others, key=lambda p: abs(p - start)) for others in positions]
                if max(chosen) - min(chosen) < span:
                    return True
        return False
