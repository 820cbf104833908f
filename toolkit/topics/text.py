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

import bisect
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
STOPWORDS = frozenset(["a", "an", "and", "or", "of", "the", "to", "in", "on", "for", "at", "by", "with", "from", "as", "into", "your", "their", "our", "its", "his", "her", "any", "all", "also", "this", "that", "these", "those", "is", "are", "be", "been", "being", "was", "were"])
# Kept on purpose: modal verbs and pronouns ("will monitor", "I confirm", "must not"),
# which carry the meaning of many phrases.

_IRREGULAR = {
    "children": "child", "people": "person", "men": "man", "women": "woman", "staff": "staff", "media": "media",
    "data": "data", "criteria": "criterion", "analyses": "analysis",
}
_KEEP = frozenset(["this", "his", "was", "has", "is", "us", "bus", "gas", "yes", "plus", "status", "bias", "thus", "less", "unless", "process", "across", "news", "series"])


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light inflectional stem: "parties" -> "party", "copyrighted" -> "copyright",
    "videos" -> "video", "bullied" -> "bully", "using"/"used"/"uses" -> "us"."""
    word = word.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word in _KEEP or word.isdigit():
        return word
    word = word.removesuffix("'s")
    if word.endswith("ies") and len(word) > 4 or word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "ches", "shes", "xes", "zes")):
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
    """The stem sequence of a text, synonyms folded. Function words stay in the
    sequence (phrases made only of them and one word match exactly); phrases
    skip them when matching in any order."""
    return synonyms.fold([stem(w) for w in words(text)])


_STOP_STEMS = frozenset(stem(w) for w in STOPWORDS)


class IndexedTokens(tuple):
    """A token sequence that knows where each token occurs.

    Many phrases are looked for in one long text (every policy type's references in
    a whole document): scanning the text once per term made that the slowest step
    of a cached register run; the index makes each look-up a dictionary access.
    """

    __slots__ = ()

    @property
    def positions(self) -> dict[str, list[int]]:
        found = _POSITIONS.get(id(self))
        if found is None or found[0] is not self:
            index: dict[str, list[int]] = {}
            for i, token in enumerate(self):
                index.setdefault(token, []).append(i)
            found = (self, index)
            _POSITIONS[id(self)] = found
            if len(_POSITIONS) > 64:  # a handful of texts at a time; keep memory flat
                _POSITIONS.pop(next(iter(_POSITIONS)))
        return found[1]


_POSITIONS: dict[int, tuple[IndexedTokens, dict[str, list[int]]]] = {}
_SORTED: dict[int, tuple[frozenset[str] | set[str], list[str]]] = {}


def _has_prefix(token_set: frozenset[str] | set[str], prefix: str) -> bool:
    # Every catalogue's prefix terms are tried on every clause: a scan of the clause's
    # words each time was the classifier's largest cost. A sorted copy, made once per
    # clause (held with the set itself, so an id is never mistaken), answers by bisection.
    entry = _SORTED.get(id(token_set))
    if entry is None or entry[0] is not token_set:
        entry = (token_set, sorted(token_set))
        _SORTED[id(token_set)] = entry
        if len(_SORTED) > 256:
            _SORTED.pop(next(iter(_SORTED)))
    ordered = entry[1]
    at = bisect.bisect_left(ordered, prefix)
    return at < len(ordered) and ordered[at].startswith(prefix)


@dataclass(frozen=True)
class Phrase:
    """A catalogue phrase ready for matching: its content stems (``*`` keeps a prefix)."""

    text: str
    terms: tuple[str, ...]  # content stems; a trailing "*" marks a prefix
    exact: frozenset[str]  # whole-stem terms, for a quick subset test
    size: int  # all words, function words included: the span the terms may spread over
    sequence: tuple[str, ...] = ()  # set when the phrase must match word for word, in order

    @staticmethod
    def compile(text: str, synonyms: Synonyms = NO_SYNONYMS) -> Phrase:
        raw = words(text)
        if any(w.endswith("*") for w in raw):
            # A prefix is stemmed like a word, so "grievance*" finds "grievances" (stem "grievanc").
            stems = [stem(w[:-1]) + "*" if w.endswith("*") else stem(w) for w in raw]
        else:
            stems = synonyms.fold([stem(w) for w in raw])
        content = [t for t in stems if t.rstrip("*") not in _STOP_STEMS]
        if len(content) <= 1 and len(stems) > 1:
            # "the press", "to monitor", "be monitored": the small words are the meaning.
            return Phrase(text, tuple(stems), frozenset(t for t in stems if not t.endswith("*")), len(stems), tuple(stems))
        return Phrase(text, tuple(content), frozenset(t for t in content if not t.endswith("*")), len(stems))

    def find(self, text_tokens: Sequence[str], token_set: frozenset[str] | set[str], window: int = 1) -> bool:
        """True when every term occurs within the phrase's length plus ``window`` tokens, in any order."""
        if not self.terms or not self.exact <= token_set:
            return False
        if self.sequence:
            return _find_sequence(self.sequence, text_tokens)
        if len(self.terms) == 1:
            term = self.terms[0]
            if term.endswith("*"):
                return _has_prefix(token_set, term[:-1])
            return True
        positions = _term_positions(self.terms, text_tokens)
        return positions is not None and _within_span(positions, self.size + window)


def _term_positions(terms: Sequence[str], text_tokens: Sequence[str]) -> list[list[int]] | None:
    """Where each term occurs in the text; None as soon as one does not."""
    positions: list[list[int]] = []
    index = text_tokens.positions if isinstance(text_tokens, IndexedTokens) else None
    for term in terms:
        if term.endswith("*"):
            prefix = term[:-1]
            found = [i for i, t in enumerate(text_tokens) if t.startswith(prefix)]
        elif index is not None:
            found = index.get(term, [])
        else:
            found = [i for i, t in enumerate(text_tokens) if t == term]
        if not found:
            return None
        positions.append(found)
    return positions


def _within_span(positions: list[list[int]], span: int) -> bool:
    """Whether one occurrence of every term can be chosen, all within ``span`` tokens of each other."""
    anchor = min(positions, key=len)
    for start in anchor:
        chosen: list[int] = []
        for others in positions:
            # A term that appears twice ("photos and videos" folds to one word twice)
            # needs two different words of the text.
            free = [p for p in others if p not in chosen]
            if not free:
                break
            nearest = min(free, key=lambda p: abs(p - start))
            if abs(nearest - start) >= span:
                break
            chosen.append(nearest)
        else:
            if max(chosen) - min(chosen) < span:
                return True
    return False


def _find_sequence(sequence: Sequence[str], text_tokens: Sequence[str]) -> bool:
    size = len(sequence)
    for index in range(len(text_tokens) - size + 1):
        if all(_term_is(text_tokens[index + k], sequence[k]) for k in range(size)):
            return True
    return False


def _term_is(token: str, term: str) -> bool:
    return token.startswith(term[:-1]) if term.endswith("*") else token == term
