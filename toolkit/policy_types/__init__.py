"""What kind of policy a document is: complaints, behaviour, safeguarding, ...

The kinds, whether each is statutory for maintained schools and for academies,
and the DfE's recommended review cycle are data (``toolkit/data/policy_types.toml``).
``policy_type_of(document)`` names the kind with its evidence and a confidence:

* ``title``     a type's title phrase in the document's title or file name (strong);
* ``opening``   a title phrase in the first lines, for documents whose title was not read;
* ``heading``   a phrase a policy of that type uses as a heading;
* ``reference`` a statute or guidance such a policy cites (weak).

Nothing is fitted to particular documents: the phrases come from the guidance
each type follows and from what such policies are called.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..model import ClauseKind, Document
from ..topics.text import IndexedTokens, Phrase, tokens

OTHER = "other"

# Weights of one hit of each kind; a phrase of n words counts n-1 extra in the title,
# where "child protection" says more than "safeguarding" alone.
_TITLE = 4.0
_OPENING = 2.0
_HEADING = 1.0
_HEADING_CAP = 4.0
_REFERENCE = 0.5
_REFERENCE_CAP = 2.0
_MIN_SCORE = 2.0  # below this the document is "other"
_OPENING_WORDS = 40
_UNNAMED_MIN = 3.5  # heading and reference evidence alone must be this strong


@dataclass(frozen=True, slots=True)
class PolicyTypeInfo:
    id: str
    label: str
    statutory_maintained: bool
    statutory_academy: bool
    review_months: int
    guidance: str
    note: str
    title: tuple[Phrase, ...]
    headings: tuple[Phrase, ...]
    references: tuple[Phrase, ...]

    def statutory_for(self, school_type: str) -> bool:
        return self.statutory_academy if school_type == "academy" else self.statutory_maintained


@dataclass(frozen=True, slots=True)
class TypeEvidence:
    kind: str  # title | opening | heading | reference
    text: str  # the phrase that matched
    score: float

    def as_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "score": self.score}


@dataclass(frozen=True, slots=True)
class PolicyType:
    """The type of one document."""

    id: str
    label: str
    confidence: float  # 0..1
    evidence: tuple[TypeEvidence, ...] = ()
    runner_up: str | None = None

    @property
    def info(self) -> PolicyTypeInfo:
        return policy_type_info(self.id)

    def as_dict(self) -> dict:
        info = self.info
        return {
            "id": self.id,
            "label": self.label,
            "confidence": self.confidence,
            "evidence": [item.as_dict() for item in self.evidence],
            "statutory_maintained": info.statutory_maintained,
            "statutory_academy": info.statutory_academy,
            "review_months": info.review_months,
        }


@lru_cache(maxsize=1)
def _catalogue() -> tuple[dict, tuple[PolicyTypeInfo, ...]]:
    data = tomllib.loads((resources.files("toolkit") / "data" / "policy_types.toml").read_text("utf-8"))
    types = tuple(
        PolicyTypeInfo(
            id=item["id"],
            label=item["label"],
            statutory_maintained=bool(item["statutory_maintained"]),
            statutory_academy=bool(item["statutory_academy"]),
            review_months=int(item["review_months"]),
            guidance=item.get("guidance", ""),
            note=item.get("note", ""),
            title=tuple(Phrase.compile(text) for text in item.get("title", ())),
            headings=tuple(Phrase.compile(text) for text in item.get("headings", ())),
            references=tuple(Phrase.compile(text) for text in item.get("references", ())),
        )
        for item in data["types"]
    )
    return data["source"], types


def policy_types() -> tuple[PolicyTypeInfo, ...]:
    """Every type in catalogue order, "other" last."""
    return _catalogue()[1]


def policy_type_ids() -> list[str]:
    return [info.id for info in policy_types()]


def policy_type_source() -> dict:
    """The DfE guidance the statutory flags and review cycles follow (title, url)."""
    return dict(_catalogue()[0])


def policy_type_info(type_id: str) -> PolicyTypeInfo:
    for info in policy_types():
        if info.id == type_id:
            return info
    raise KeyError(type_id)


# A stretch of text as its stems, indexed, and as a set (for a quick "not here").
_Zone = tuple[IndexedTokens, frozenset[str]]


def _zone(text: str) -> _Zone:
    stems = IndexedTokens(tokens(text))
    return stems, frozenset(stems)


def _headings(document: Document) -> list[str]:
    found = []
    for clause in document.walk():
        if clause.heading:
            found.append(clause.heading)
        elif clause.kind is ClauseKind.SECTION and len(clause.text.split()) <= 12:
            found.append(clause.text)
    return found


def _opening(document: Document) -> str:
    words: list[str] = []
    for clause in document.walk():
        words.extend(clause.full_text.split())
        if len(words) >= _OPENING_WORDS:
            break
    return " ".join(words[:_OPENING_WORDS])


def _file_words(source: str) -> str:
    stem = Path(source).stem
    # "Complaints-Procedure-2016", "managing_behaviours_2013-08-22": separators are spaces.
    return " ".join(part for part in stem.replace("_", " ").replace("-", " ").split() if not part.isdigit())


@dataclass(frozen=True, slots=True)
class _Zones:
    """The parts of a document each kind of evidence is looked for in."""

    title: _Zone  # the title and the file name
    opening: _Zone | None  # the first words, only when no title was read
    headings: list[_Zone]
    body: _Zone

    @classmethod
    def of(cls, document: Document) -> _Zones:
        title_text = " ".join(filter(None, (document.title, _file_words(document.source))))
        return cls(
            title=_zone(title_text),
            opening=_zone(_opening(document)) if not document.title else None,
            headings=[_zone(text) for text in _headings(document)],
            body=_zone(" ".join(clause.full_text for clause in document.walk())),
        )


def _named(info: PolicyTypeInfo, zones: _Zones) -> TypeEvidence | None:
    """The strongest title phrase in the title (or, failing that, the opening words)."""
    best_title = max(
        ((_TITLE + len(p.terms) - 1, p.text) for p in info.title if p.find(*zones.title, window=1)), default=None
    )
    if best_title:
        return TypeEvidence("title", best_title[1], best_title[0])
    if zones.opening is not None:
        opening = zones.opening
        best_open = max(
            ((_OPENING + len(p.terms) - 1, p.text) for p in info.title if p.find(*opening, window=1)), default=None
        )
        if best_open:
            return TypeEvidence("opening", best_open[1], best_open[0])
    return None


def _capped(kind: str, phrases: tuple[Phrase, ...], zones: list[_Zone], score: float,
            cap: float) -> list[TypeEvidence]:
    """One piece of evidence per phrase found in any of ``zones``, until their scores reach ``cap``."""
    found: list[TypeEvidence] = []
    total = 0.0
    for phrase in phrases:
        if total >= cap:
            break
        if any(phrase.find(*zone, window=1) for zone in zones):
            found.append(TypeEvidence(kind, phrase.text, score))
            total += score
    return found


def _evidence(info: PolicyTypeInfo, zones: _Zones) -> list[TypeEvidence]:
    named = _named(info, zones)
    return ([named] if named else []) + _capped("heading", info.headings, zones.headings, _HEADING, _HEADING_CAP) \
        + _capped("reference", info.references, [zones.body], _REFERENCE, _REFERENCE_CAP)


def classify_policy_type(document: Document) -> PolicyType:
    """The type of a document, with the evidence for it."""
    zones = _Zones.of(document)
    scores: dict[str, float] = {}
    evidence: dict[str, list[TypeEvidence]] = {}
    for info in policy_types():
        found = _evidence(info, zones)
        if found:
            scores[info.id] = sum(item.score for item in found)
            evidence[info.id] = found
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    other = policy_type_info(OTHER)
    if not ranked or ranked[0][1] < _MIN_SCORE:
        runner = ranked[0][0] if ranked else None
        return PolicyType(OTHER, other.label, 0.5 if ranked else 0.8, tuple(evidence.get(runner, ())) if runner else (), runner)
    best_id, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    named = any(item.kind in ("title", "opening") for item in evidence[best_id])
    if not named and (best < _UNNAMED_MIN or best < 1.5 * second):
        # Headings and citations alone, with no rival clearly behind: a manual or
        # handbook that touches many subjects is not a policy of any one of them.
        return PolicyType(OTHER, other.label, 0.5, tuple(evidence[best_id]), best_id)
    # Confidence: how clearly the winner leads, damped when the evidence is thin.
    confidence = round((best - second) / best * min(1.0, best / (_TITLE + 2)) * 0.5 + 0.5 * min(1.0, best / _TITLE), 2)
    return PolicyType(best_id, policy_type_info(best_id).label, confidence, tuple(evidence[best_id]),
                      ranked[1][0] if len(ranked) > 1 else None)


def policy_type_of(document: Document) -> PolicyType:
    return classify_policy_type(document)


__all__ = [
    "OTHER",
    "PolicyType",
    "PolicyTypeInfo",
    "TypeEvidence",
    "classify_policy_type",
    "policy_type_ids",
    "policy_type_info",
    "policy_type_of",
    "policy_type_source",
    "policy_types",
]
