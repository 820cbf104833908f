"""Which topics each clause of a policy covers, and why.

Every assignment keeps its evidence so a trust lead can see why a cell of the
coverage matrix says "covered":

* ``heading``  a topic heading word in the clause's own heading;
* ``section``  a topic heading word in an enclosing section's heading (context);
* ``phrase``   a catalogue phrase found in the clause: on word stems, with sector
  synonyms folded together, its words in any order within a short window;
* ``keyword``  single catalogue keywords (weak, capped);
* ``example``  TF-IDF cosine similarity to one of the catalogue's example sentences;
* ``metadata`` / ``clause-kind``  document facts that cover a topic outright
  (review dates in the metadata, a declaration block).

Scores add up; a clause covers a topic when its score reaches the threshold.
Everything is computed here from the catalogue: no model, no network.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..model import Clause, ClauseKind, Document
from .catalogue import Catalogue, Topic, load_catalogue, shared_synonyms
from .text import Phrase, Synonyms, tokens


@dataclass(frozen=True, slots=True)
class ClassifierOptions:
    threshold: float = 1.0
    heading_weight: float = 1.0  # the clause's own heading names the topic
    section_weight: float = 0.5  # an enclosing section's heading names the topic
    phrase_weight: float = 1.0
    phrase_cap: float = 2.0
    keyword_weight: float = 0.25
    keyword_cap: float = 0.5
    similarity_weight: float = 1.5
    min_similarity: float = 0.2  # cosine below this is noise, not evidence
    # A short list item under a citation section ("Legislation", "Related
    # policies") names a document; it evidences only the citation topics.
    citation_max_words: int = 16


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: str  # heading | section | phrase | keyword | example | metadata | clause-kind
    text: str  # what matched: the phrase, keyword(s), example sentence, heading or field
    score: float

    def describe(self) -> str:
        return f"{self.kind} {self.text!r} ({self.score:.2f})"


@dataclass(frozen=True, slots=True)
class TopicMatch:
    """One clause covering one topic, with the evidence that says so."""

    topic_id: str
    clause_id: str
    reference: str  # how a person finds the clause: "6.4.1", "Use of images", "4.1 (12)"
    clause_heading: str | None
    score: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class TopicCoverage:
    topic_id: str
    matches: tuple[TopicMatch, ...] = ()  # in document order
    document_evidence: tuple[Evidence, ...] = ()  # metadata that covers the topic

    @property
    def covered(self) -> bool:
        return bool(self.matches or self.document_evidence)

    @property
    def references(self) -> list[str]:
        """The clauses that cover the topic, as a reader finds them, without repeats."""
        return list(dict.fromkeys(match.reference for match in self.matches))

    @property
    def best(self) -> TopicMatch | None:
        return max(self.matches, key=lambda match: match.score, default=None)


@dataclass(frozen=True)
class DocumentTopics:
    source: str
    catalogue: str
    coverage: tuple[TopicCoverage, ...]

    def __getitem__(self, topic_id: str) -> TopicCoverage:
        for item in self.coverage:
            if item.topic_id == topic_id:
                return item
        raise KeyError(topic_id)

    @property
    def missing(self) -> list[str]:
        return [item.topic_id for item in self.coverage if not item.covered]


# Words too common in these documents to say anything about a topic.
_STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could", "do", "does", "for", "from", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "may", "might", "must", "no", "not", "of", "on", "or", "our", "shall", "she", "should", "so", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "under", "up", "us", "was", "we", "were", "what", "when", "where", "which", "who", "will", "with", "would", "you", "your", "any", "all", "also", "other", "only", "own", "out", "over", "more", "most", "very", "via", "eg", "ie", "etc", "school", "schools", "staff", "social", "media", "policy", "colleague", "colleagues", "member", "members", "employee", "employees", "use", "used", "using", "trust", "academy", "organisation"]
)
_TOKEN = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _terms(text: str) -> list[str]:
    return [_stem(word) for word in _TOKEN.findall(text.lower()) if word not in _STOPWORDS and not word.isdigit()]


@dataclass(frozen=True)
class _CompiledTopic:
    topic: Topic
    headings: tuple[Phrase, ...]
    phrases: tuple[Phrase, ...]
    keywords: frozenset[str]  # single stems (synonyms folded)
    keyword_phrases: tuple[Phrase, ...]  # keywords of several words
    context: tuple[Phrase, ...]


@dataclass(frozen=True)
class _Zone:
    """A piece of text ready for matching: its stem sequence and set."""

    tokens: tuple[str, ...]
    token_set: frozenset[str]

    def has(self, phrase: Phrase, window: int) -> bool:
        return phrase.find(self.tokens, self.token_set, window)


# Phrases in running text may have this many other words among theirs, in any order
# ("photos or video" finds "videos and photographs"); in headings they must be adjacent.
_TEXT_WINDOW = 1
_HEADING_WINDOW = 0


@dataclass(frozen=True)
class _ClauseView:
    """One clause as every topic is scored against it: its words, the headings over it, its nearest examples."""

    clause: Clause
    text: _Zone
    heading_zones: list[_Zone]  # its own heading, then up to two enclosing ones
    similar: dict[str, tuple[float, str]]  # topic id -> (cosine, example)
    own_hits: dict[str, str]  # topic id -> the heading phrase found in its own heading
    section_hits: list[dict[str, str]]  # the same for each enclosing heading, nearest first

    def in_context(self, compiled: _CompiledTopic) -> bool:
        return not compiled.context or any(
            zone.has(word, _TEXT_WINDOW) for zone in (self.text, *self.heading_zones) for word in compiled.context
        )


class TopicClassifier:
    """A catalogue made ready for matching: patterns compiled, example vectors built."""

    def __init__(self, catalogue: Catalogue | str | None = None, options: ClassifierOptions | None = None) -> None:
        self.catalogue = load_catalogue(catalogue)
        self.options = options or ClassifierOptions()
        self._synonyms = Synonyms.build((*shared_synonyms(), *self.catalogue.synonyms))
        self._topics = [self._compile(topic) for topic in self.catalogue.topics]
        self._build_example_vectors()
        self._heading_memo: dict[str, dict[str, str]] = {}
        self._zone_memo: dict[str, _Zone] = {}

    def _compile(self, topic: Topic) -> _CompiledTopic:
        syn = self._synonyms
        keywords: set[str] = set()
        keyword_phrases: list[Phrase] = []
        for keyword in topic.keywords:
            stems = tokens(keyword, syn)
            if len(stems) == 1:
                keywords.add(stems[0])
            elif stems:
                keyword_phrases.append(Phrase.compile(keyword, syn))
        return _CompiledTopic(
            topic,
            tuple(Phrase.compile(h, syn) for h in topic.headings),
            tuple(Phrase.compile(p, syn) for p in topic.phrases),
            frozenset(keywords),
            tuple(keyword_phrases),
            tuple(Phrase.compile(c, syn) for c in topic.context),
        )

    def _zone(self, text: str) -> _Zone:
        zone = self._zone_memo.get(text)
        if zone is None:
            stems = tuple(tokens(text, self._synonyms))
            zone = _Zone(stems, frozenset(stems))
            if len(self._zone_memo) < 4096:
                self._zone_memo[text] = zone
        return zone

    # -- similarity to the catalogue's examples ------------------------------------

    def _build_example_vectors(self) -> None:
        examples = [(topic.id, example) for topic in self.catalogue.topics for example in topic.examples]
        document_frequency: Counter[str] = Counter()
        for _, example in examples:
            document_frequency.update(set(_terms(example)))
        count = len(examples)
        self._idf = {term: math.log((count + 1) / (df + 1)) + 1.0 for term, df in document_frequency.items()}
        self._unseen_idf = math.log(count + 1) + 1.0
        self._example_texts = [(topic_id, example) for topic_id, example in examples]
        # term -> [(example index, weight)], so one pass over a clause's terms
        # gives its cosine with every example.
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for index, (_, example) in enumerate(examples):
            for term, weight in self._vector(example).items():
                self._postings.setdefault(term, []).append((index, weight))

    def _vector(self, text: str) -> dict[str, float]:
        counts = Counter(_terms(text))
        vector = {term: (1.0 + math.log(n)) * self._idf.get(term, self._unseen_idf) for term, n in counts.items()}
        norm = math.sqrt(sum(value * value for value in vector.values()))
        return {term: value / norm for term, value in vector.items()} if norm else {}

    def _best_examples(self, vector: dict[str, float]) -> dict[str, tuple[float, str]]:
        """Per topic, the most similar example sentence and its cosine."""
        cosines: dict[int, float] = {}
        for term, weight in vector.items():
            for index, example_weight in self._postings.get(term, ()):
                cosines[index] = cosines.get(index, 0.0) + weight * example_weight
        best: dict[str, tuple[float, str]] = {}
        for index, cosine in cosines.items():
            topic_id, text = self._example_texts[index]
            if cosine > best.get(topic_id, (0.0, ""))[0]:
                best[topic_id] = (cosine, text)
        return best

    def _heading_hits(self, heading: str) -> dict[str, str]:
        """Per topic, the first of its heading phrases found in a heading."""
        hits = self._heading_memo.get(heading)
        if hits is None:
            zone = self._zone(heading)
            hits = {}
            for compiled in self._topics:
                for phrase in compiled.headings:
                    if zone.has(phrase, _HEADING_WINDOW):
                        hits[compiled.topic.id] = phrase.text
                        break
            self._heading_memo[heading] = hits
        return hits

    # -- one clause ----------------------------------------------------------------

    def _is_citation_context(self, clause: Clause, section_headings: list[str]) -> bool:
        if not section_headings or clause.kind not in (ClauseKind.LIST_ITEM, ClauseKind.CLAUSE):
            return False
        if len(clause.full_text.split()) > self.options.citation_max_words:
            return False
        hits = self._heading_hits(section_headings[0])
        return any(compiled.topic.citations and compiled.topic.id in hits for compiled in self._topics)

    def score_clause(self, clause: Clause, section_headings: Iterable[str] = (), *, reference: str | None = None) -> list[TopicMatch]:
        """The topics one clause covers. ``section_headings``: enclosing headings, nearest first."""
        options = self.options
        sections = [h for h in section_headings if h]
        own_heading = clause.heading or ""
        view = _ClauseView(
            clause=clause,
            text=self._zone(clause.full_text),
            heading_zones=[self._zone(h) for h in ([own_heading] if own_heading else []) + sections[:2]],
            similar=self._best_examples(self._vector(clause.full_text)),
            own_hits=self._heading_hits(own_heading) if own_heading else {},
            section_hits=[self._heading_hits(heading) for heading in sections[:2]],
        )
        citation_only = self._is_citation_context(clause, sections)
        matches: list[TopicMatch] = []
        for compiled in self._topics:
            topic = compiled.topic
            if citation_only and not topic.citations:
                continue
            evidence = self._placement_evidence(topic, view)
            # The context rule: words of the clause only count for this topic when the
            # clause (or a heading over it) is about the topic's setting.
            if view.in_context(compiled):
                evidence += self._wording_evidence(compiled, view)
            score = round(sum(item.score for item in evidence), 3)
            if score >= options.threshold:
                matches.append(TopicMatch(topic.id, clause.id, reference or clause.number or clause.heading or clause.id, clause.heading, score, tuple(evidence)))
        return matches

    def _placement_evidence(self, topic: Topic, view: _ClauseView) -> list[Evidence]:
        """Evidence from where the clause sits: its kind, its own heading, the nearest section heading naming the topic."""
        options = self.options
        evidence: list[Evidence] = []
        if topic.clause_kinds and view.clause.kind in topic.clause_kinds:
            evidence.append(Evidence("clause-kind", str(view.clause.kind), options.threshold))
        if topic.id in view.own_hits:
            evidence.append(Evidence("heading", view.own_hits[topic.id], options.heading_weight))
        for hits in view.section_hits:
            if topic.id in hits:
                evidence.append(Evidence("section", hits[topic.id], options.section_weight))
                break
        return evidence

    def _wording_evidence(self, compiled: _CompiledTopic, view: _ClauseView) -> list[Evidence]:
        """Evidence from the clause's words: the topic's phrases (capped), its keywords, its nearest example."""
        options = self.options
        text = view.text
        evidence: list[Evidence] = []
        phrase_score = 0.0
        for phrase in compiled.phrases:
            if phrase_score >= options.phrase_cap:
                break
            if text.has(phrase, _TEXT_WINDOW):
                evidence.append(Evidence("phrase", phrase.text, options.phrase_weight))
                phrase_score += options.phrase_weight
        keywords = sorted(compiled.keywords & text.token_set)
        keywords += [p.text for p in compiled.keyword_phrases if text.has(p, _HEADING_WINDOW)]
        if keywords:
            evidence.append(Evidence("keyword", ", ".join(k.lstrip("=") for k in keywords),
                                     min(options.keyword_cap, options.keyword_weight * len(keywords))))
        similarity, example = view.similar.get(compiled.topic.id, (0.0, ""))
        if example and similarity >= options.min_similarity:
            evidence.append(Evidence("example", example, round(similarity * options.similarity_weight, 3)))
        return evidence

    # -- a whole document ----------------------------------------------------------

    def classify(self, document: Document) -> DocumentTopics:
        found: dict[str, list[TopicMatch]] = {topic.id: [] for topic in self.catalogue.topics}
        for clause, ancestors, reference in _with_ancestors(document):
            headings = [a.heading or (a.text if a.kind is ClauseKind.SECTION else "") for a in reversed(ancestors)]
            for match in self.score_clause(clause, headings, reference=reference):
                found[match.topic_id].append(match)
        coverage = []
        for topic in self.catalogue.topics:
            document_evidence = tuple(
                Evidence("metadata", f"{name} {value.raw}".strip(), self.options.threshold)
                for name in topic.metadata
                if (value := document.metadata.get(name)) is not None and value.value is not None
            )
            coverage.append(TopicCoverage(topic.id, tuple(found[topic.id]), document_evidence))
        return DocumentTopics(document.source, self.catalogue.name, tuple(coverage))


_STRUCTURED_NUMBER = re.compile(r"^\d+(?:\.\d+)+\.?$|^(?:appendix|annex|schedule)\b", re.IGNORECASE)


def _own_reference(clause: Clause) -> str | None:
    if clause.number and (_STRUCTURED_NUMBER.match(clause.number.strip()) or clause.kind is ClauseKind.SECTION):
        return clause.number.strip().rstrip(".")
    if clause.heading:
        return clause.heading.strip()
    return None


def _with_ancestors(document: Document) -> Iterator[tuple[Clause, tuple[Clause, ...], str]]:
    """(clause, ancestors, reference): the reference is how a person finds the clause,
    "6.4.1", "Use of images", or "4.1 (12)" / "Legal Framework, item 3" below those."""

    def visit(clause: Clause, ancestors: tuple[Clause, ...], parent_ref: str | None,
              position: int) -> Iterator[tuple[Clause, tuple[Clause, ...], str]]:
        own = _own_reference(clause)
        if own is None:
            if clause.number:
                number = clause.number.strip().rstrip(".")
                own = f"{parent_ref} ({number})" if parent_ref else number
            else:
                noun = "item" if clause.kind is ClauseKind.LIST_ITEM else "para"
                own = f"{parent_ref}, {noun} {position}" if parent_ref else f"{noun} {position}"
        yield clause, ancestors, own
        for index, child in enumerate(clause.children, start=1):
            yield from visit(child, ancestors + (clause,), own, index)

    for index, clause in enumerate(document.clauses, start=1):
        yield from visit(clause, (), None, index)


def classify_document(document: Document, catalogue: Catalogue | str | None = None) -> DocumentTopics:
    return TopicClassifier(catalogue).classify(document)
