"""Clause alignment in explainable passes, and assembly of the DocumentDiff.

Both documents are flattened to clauses in reading order. Pairs are found by
passes, each recorded on the pair it made:

1. ``identical``: same comparison key (hash lookup);
2. ``number``: same clause number and similar text;
3. ``fuzzy``: similar text in the same stretch of both documents, i.e. between
   the same two already-aligned clauses (so candidates stay few);
4. ``split``/``merge``: one clause whose text is two neighbours' concatenation;
5. ``move``: similar text anywhere, found through an index of rare words;
6. ``place``: the one old and one new clause left between the same two
   aligned neighbours, when somewhat alike: a clause rewritten where it stood.

Similarity ignores case whatever the options say: "AIMS AND SCOPE" restyled as
"Aims and Scope" is the same heading (the word diff still shows the change).

An order-preserving alignment (a heaviest common subsequence of the pairs:
as many clauses as possible, then as much text as possible) then decides which pairs stand in place; the rest
are moves. Every step is a hash lookup, a sort, or a comparison against a
bounded candidate list, so the whole is near-linear in the number of clauses.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from itertools import pairwise

from rapidfuzz import fuzz

from ..model import Clause, ClauseKind, Document, MetaValue
from .changes import (
    EQUAL,
    ClauseChange,
    Counts,
    DiffOptions,
    DocumentDiff,
    DocumentInfo,
    MatchedBy,
    MetadataChange,
    Placement,
    Status,
    Summary,
    _number_key,
)
from .words import comparison_key, split_ops, word_diff

# Gaps with more candidate pairs than this are searched in a sliding window.
_FULL_GAP_PAIRS = 2500
_GAP_WINDOW = 20
# Words in more clauses than this tell us nothing about where a clause moved.
_COMMON_WORD = 40
_MOVE_CANDIDATES = 8
_SPLIT_MARGIN = 0.1
_FORCED = 10**12  # weight that keeps split/merge pairs in the in-place alignment
_BULLETS = frozenset("-–—•·▪●○◦*")
# A list item's label printed as text: "d. ", "(iv) ", "3) ".
_LIST_LABEL = re.compile(r"^\(?([a-zA-Z]|[ivx]{1,4}|\d{1,2})[.)](?:\s+(?=\S)|(?=[A-Z][a-z]))")
_LABEL_TOKEN = re.compile(r"^(?:[a-z]|[ivx]{1,4}|\d{1,2})$")
# Gaps with more clause pairs than this are not searched for re-flowed text.
_REGROUP_PAIRS = 40_000
# Words on one side times words on the other, past which a gap is not searched for
# re-flowed text (a 10,000-word gap against another takes seconds; fuzzed files of
# 40,000-word paragraphs took minutes).
_REGROUP_WORDS = 100_000_000


@dataclass(slots=True)
class _Flat:
    index: int
    clause: Clause
    key: str  # equality key
    words: list[str]  # similarity tokens
    number: str | None
    section: str
    part: str = ""  # the policy this clause belongs to, in a document that holds several
    parent: int = -1  # index of the enclosing clause, -1 at the top level
    footnote: bool = False  # a footnote a PDF reader kept as the last clause of its page


@dataclass(slots=True)
class _Pair:
    old: int
    new: int
    by: MatchedBy
    score: float


def _section_label(clause: Clause) -> str:
    title = clause.heading or clause.text
    if len(title) > 60:
        title = title[:57].rstrip() + "..."
    return " ".join(part for part in (clause.number, title) if part) or clause.id


def _flatten(document: Document, options: DiffOptions, skip: Collection[str] = frozenset()) -> list[_Flat]:
    # Similarity is measured on words, so it keeps the word boundaries that
    # --ignore-whitespace removes from the equality key, and on folded case, so a
    # heading set in capitals still resembles itself.
    word_options = replace(options, ignore_whitespace=False, ignore_case=True)
    flat: list[_Flat] = []
    where: dict[str, int] = {}
    for top in document.clauses:
        label = _section_label(top)
        part = _part_key(top)
        for clause in top.walk():
            if clause.id in skip:
                continue  # a cover line compared as metadata
            text, number = clause.full_text, clause.number
            if number is None and clause.kind is not ClauseKind.TABLE:
                # "d. Marital status" (or "1.All staff") read as text by one reader is
                # item d of a list whose label the other reader took from Word's numbering.
                printed = _LIST_LABEL.match(text)
                if printed:
                    number, text = printed[1], text[printed.end():]
            key = comparison_key(text, options)
            if _letter_by_letter(key):
                # Text set sideways (a rotated table heading) reaches us as single letters
                # whose order depends on how each export placed them ("a i" / "i a"):
                # what a reader could check is which letters are there, not their order.
                key = "\x00rotated:" + "".join(sorted(key.replace(" ", "")))
            words = comparison_key(text, word_options).split(" ")
            parent_id = document.parent_id(clause.id)
            parent = where.get(parent_id, -1) if parent_id is not None else -1
            where[clause.id] = len(flat)
            flat.append(_Flat(len(flat), clause, key, words, _label_key(number), label, part, parent))
    _drop_contents_page_numbers(flat, options, word_options)
    for item, following in zip(flat, flat[1:] + [None]):
        clause = item.clause
        last_on_page = clause.page is not None and (following is None or (following.clause.page or 0) > clause.page)
        item.footnote = last_on_page and not clause.children and clause.kind is not ClauseKind.SECTION and bool(
            _FOOTNOTE.match(" ".join(part for part in (clause.number, clause.full_text) if part)))
    return flat


_COUNTED = re.compile(
    r"\b(?:year|stage|ks|level|section|part|appendix|annex|schedule|chapter|step|phase|grade|class|"
    r"room|tier|version|paragraph|clause|item|point|no|number|group)\.?$", re.IGNORECASE)
_PAGE_REF = re.compile(r"^(.*\D)\s+(\d{1,3})(?:\s*[-–]\s*\d{1,3})?$", re.DOTALL)


def _drop_contents_page_numbers(flat: list[_Flat], options: DiffOptions, word_options: DiffOptions) -> None:
    """A list whose items end in rising page numbers is a contents list: its page numbers are layout.

    "School Training Needs Audit 29" -> "... 28" because a page went elsewhere is not a
    change. Only when at least three siblings, most of the list, end in numbers that
    never go down; "Pupils in Year 3" alone keeps its number.
    """
    siblings: dict[int, list[_Flat]] = defaultdict(list)
    for item in flat:
        if item.clause.kind in (ClauseKind.LIST_ITEM, ClauseKind.CLAUSE) and not item.clause.children:
            siblings[item.parent].append(item)
    for items in siblings.values():
        matches = [(item, _PAGE_REF.match(item.clause.full_text)) for item in items]
        numbered = [(item, match) for item, match in matches if match and len(match[1].split()) <= 14]
        if len(numbered) < 3 or len(numbered) * 5 < len(items) * 3:
            continue
        pages = [int(match[2]) for _, match in numbered]
        if any(b < a for a, b in pairwise(pages)):
            continue
        if pages[0] <= 1 and all(b == a + 1 for a, b in pairwise(pages)):
            continue  # 1, 2, 3 ...: items counted, not pages
        if any(_COUNTED.search(match[1]) for _, match in numbered):
            continue  # "Year 3", "Stage 2", "Key Stage 1": the number is the item's
        for item, match in numbered:
            item.key = comparison_key(match[1], options)
            item.words = comparison_key(match[1], word_options).split(" ")


# "9 Toolkit for schools, DfE 2019": a footnote's number, unpunctuated, then its text.
_FOOTNOTE = re.compile(r"^\d{1,3}\s+\S.{0,400}$", re.DOTALL)


def _label_key(number: str | None) -> str | None:
    """A number as compared: "(b)", "b)" and "b." are one label."""
    key = _number_key(number)
    return (key.strip("()") or key) if key else key


def _without_labels(words: list[str]) -> list[str]:
    """Tokens without list labels ("g", "."): Word draws them, readers keep them or not."""
    out: list[str] = []
    index = 0
    while index < len(words):
        if _LABEL_TOKEN.match(words[index]) and index + 1 < len(words) and words[index + 1] in (".", ")"):
            index += 2
            continue
        out.append(words[index])
        index += 1
    return out


def _part_key(top: Clause) -> str:
    # A handbook's second policy restarts its numbering: its "2.3" is not the first
    # policy's "2.3". The builder opens a part for each ("part-2"); numbers are
    # matched within the part of the same title.
    if top.id.startswith("part-"):
        return " ".join((top.heading or top.text).casefold().split())
    return ""


def _same_opening(a: list[str], b: list[str]) -> bool:
    """Both open with the same words: at least five, or three and half the shorter."""
    shared = 0
    for x, y in zip(a, b):
        if x != y and x.rstrip("s") != y.rstrip("s"):  # "Trades Union" opens like "trade union"
            break
        shared += 1
    return shared >= 5 or (shared >= 3 and shared * 2 >= min(len(a), len(b)))


def _similarity(a: list[str], b: list[str]) -> float:
    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _absorbed_score(words: list[str], neighbour: list[str], target: list[str], step: int,
                    threshold: float) -> float | None:
    """How well ``words`` joined to ``neighbour`` (after it for step 1, before it for -1) make ``target``.

    None unless the words are printed at that end of the target, or improve the match and
    mostly are there ("... Council has" + "a responsibility; or").
    """
    if len(words) > len(target):
        return None
    joined = words + neighbour if step == 1 else neighbour + words
    score = _similarity(joined, target)
    if score < threshold:
        return None
    edge = target[: len(words)] if step == 1 else target[len(target) - len(words):]
    if edge == words and len(target) > len(neighbour):
        return score  # printed word for word at that end of the partner
    if score > _similarity(neighbour, target) + 0.005 and _similarity(words, edge) >= threshold:
        return score
    return None


def _edges(bounds: list[tuple[int, int]], at: int, n: int) -> set[int]:
    """Clause starts and ends inside the matching block [at, at + n], relative to its start."""
    return ({start - at for start, _ in bounds if at <= start <= at + n}
            | {end - at for _, end in bounds if at <= end <= at + n})


def _within(bounds: list[tuple[int, int]], lo: int, hi: int) -> list[int]:
    """Positions of the clauses whose words lie wholly in [lo, hi]."""
    return [k for k, (start, end) in enumerate(bounds) if lo <= start and end <= hi]


class _Aligner:
    def __init__(self, old: list[_Flat], new: list[_Flat], options: DiffOptions) -> None:
        self.a, self.b, self.options = old, new, options
        self.old_pair: list[_Pair | None] = [None] * len(old)
        self.new_pair: list[_Pair | None] = [None] * len(new)
        self.groups: list[list[_Pair]] = []  # split and merge groups (two pairs each)

    # -- bookkeeping -----------------------------------------------------------------
    def pair(self, i: int, j: int, by: MatchedBy, score: float) -> None:
        p = _Pair(i, j, by, score)
        self.old_pair[i] = p
        self.new_pair[j] = p

    def unpair(self, p: _Pair) -> None:
        self.old_pair[p.old] = None
        self.new_pair[p.new] = None

    def pairs(self) -> list[_Pair]:
        seen = {id(p): p for p in self.old_pair if p is not None}
        for p in self.new_pair:
            if p is not None:
                seen.setdefault(id(p), p)
        for group in self.groups:  # a group's pairs share clauses: not all are in the arrays
            for p in group:
                seen.setdefault(id(p), p)
        return list(seen.values())

    # -- passes ----------------------------------------------------------------------
    def identical(self) -> None:
        by_key: dict[str, list[int]] = defaultdict(list)
        for item in self.a:
            by_key[item.key].append(item.index)
        for item in self.b:
            candidates = by_key.get(item.key)
            if not candidates:
                continue
            choice = 0
            if len(candidates) > 1:
                # Repeated text (a bullet said twice): prefer the one with the same number.
                for position, i in enumerate(candidates):
                    if self.a[i].number == item.number:
                        choice = position
                        break
            self.pair(candidates.pop(choice), item.index, MatchedBy.IDENTICAL, 1.0)

    def number(self) -> None:
        by_number: dict[tuple[str, str], list[int]] = defaultdict(list)
        for item in self.a:
            if item.number and self.old_pair[item.index] is None:
                by_number[(item.part, item.number)].append(item.index)
        for item in self.b:
            if not item.number or self.new_pair[item.index] is not None:
                continue
            best, best_score = None, self.options.number_threshold
            for i in by_number.get((item.part, item.number), ()):
                if self.old_pair[i] is None:
                    score = _similarity(self.a[i].words, item.words)
                    if score >= best_score:
                        best, best_score = i, score
            if best is None and self.options.place_threshold <= 0.5:
                # Same number, same opening words: the clause, cut or extended
                # ("5.1 The action taken by the Council ..." -> "5.1 The action taken by the school ...").
                for i in by_number.get((item.part, item.number), ()):
                    if self.old_pair[i] is None and _same_opening(self.a[i].words, item.words):
                        best, best_score = i, _similarity(self.a[i].words, item.words)
                        break
            if best is not None:
                self.pair(best, item.index, MatchedBy.NUMBER, best_score)

    def gaps(self, anchors: list[_Pair], *, loose: bool = False) -> Iterator[tuple[list[int], list[int]]]:
        """(old indices, new indices) still unpaired between consecutive anchors.

        ``loose`` also gives clauses paired out of order (they would be moves)."""
        bounds = [(-1, -1)] + [(p.old, p.new) for p in anchors] + [(len(self.a), len(self.b))]
        anchored = {id(p) for p in anchors}
        grouped = {id(p) for group in self.groups for p in group}

        def free(p: _Pair | None) -> bool:
            return p is None or (loose and id(p) not in anchored and id(p) not in grouped)

        for (o0, n0), (o1, n1) in pairwise(bounds):
            olds = [i for i in range(o0 + 1, o1) if free(self.old_pair[i])]
            news = [j for j in range(n0 + 1, n1) if free(self.new_pair[j])]
            if olds and news:
                yield olds, news

    def fuzzy(self, anchors: list[_Pair]) -> None:
        threshold = self.options.similarity_threshold
        for olds, news in self.gaps(anchors):
            scored: list[tuple[float, int, int]] = []
            full = len(olds) * len(news) <= _FULL_GAP_PAIRS
            for position, j in enumerate(news):
                if full:
                    window = olds
                else:
                    centre = position * len(olds) // len(news)
                    window = olds[max(0, centre - _GAP_WINDOW) : centre + _GAP_WINDOW + 1]
                for i in window:
                    score = _similarity(self.a[i].words, self.b[j].words)
                    if score >= threshold:
                        scored.append((score, i, j))
            for score, i, j in sorted(scored, key=lambda t: (-t[0], t[2], t[1])):
                if self.old_pair[i] is None and self.new_pair[j] is None:
                    self.pair(i, j, MatchedBy.FUZZY, score)

    def splits_and_merges(self, anchors: list[_Pair]) -> None:
        """One clause against two neighbours joined: a split (old side) or a merge."""
        anchor_olds = [p.old for p in anchors]
        anchor_news = [p.new for p in anchors]
        anchor_ids = {id(p) for p in anchors}

        def same_gap(i: int, j: int) -> bool:
            return bisect.bisect_left(anchor_olds, i) == bisect.bisect_left(anchor_news, j)

        for side in ("split", "merge"):
            for item in self.a if side == "split" else self.b:
                self._split_or_merge(item, side, anchor_ids, same_gap)
        anchors[:] = [p for p in anchors if id(p) in anchor_ids]

    def _split_or_merge(self, item: _Flat, side: str, anchor_ids: set[int],
                        same_gap: Callable[[int, int], bool]) -> None:
        """Pair ``item`` with two neighbours on the other side when their joined text matches it better.

        A pair it already has (an anchor, never an identical one) gives way when the
        joined text beats it by the margin.
        """
        threshold = self.options.similarity_threshold
        many = self.b if side == "split" else self.a
        one_pair, many_pair = (self.old_pair, self.new_pair) if side == "split" else (self.new_pair, self.old_pair)
        current = one_pair[item.index]
        if current is not None and (current.by is MatchedBy.IDENTICAL or id(current) not in anchor_ids):
            return
        partner = None if current is None else (current.new if side == "split" else current.old)
        starts = [partner - 1, partner] if partner is not None else self._neighbour_starts(item.index, side, same_gap)
        base = current.score if current is not None else 0.0
        for start in starts:
            if start < 0 or start + 1 >= len(many):
                continue
            first, second = many[start], many[start + 1]
            if any(many_pair[m.index] is not None for m in (first, second) if m.index != partner):
                continue
            score = _similarity(item.words, first.words + second.words)
            if score >= threshold and score >= base + _SPLIT_MARGIN:
                if current is not None:
                    self.unpair(current)
                    anchor_ids.discard(id(current))
                by = MatchedBy.SPLIT if side == "split" else MatchedBy.MERGE
                self._group(item, side == "split", (first, second), by, score)
                return

    def _group(self, whole: _Flat, whole_is_old: bool, parts: tuple[_Flat, _Flat], by: MatchedBy,
               score: float) -> None:
        """A split or merge: ``whole`` paired with each of ``parts`` on the other side, as one group."""
        group = []
        for part in parts:
            i, j = (whole.index, part.index) if whole_is_old else (part.index, whole.index)
            p = _Pair(i, j, by, score)
            self.old_pair[i] = p
            self.new_pair[j] = p
            group.append(p)
        self.groups.append(group)

    def _neighbour_starts(self, index: int, side: str, same_gap: Callable[[int, int], bool]) -> list[int]:
        # Unpaired clause: look at unpaired neighbours near where it would stand:
        # just after the partner of the nearest paired clause before it.
        own = self.old_pair if side == "split" else self.new_pair
        many_pair = self.new_pair if side == "split" else self.old_pair
        k = index - 1
        while k >= 0 and own[k] is None:
            k -= 1
        before = own[k] if k >= 0 else None
        origin = 0 if before is None else (before.new if side == "split" else before.old) + 1
        starts = []
        for start in range(origin, min(origin + 3, len(many_pair) - 1)):
            i, j = (index, start) if side == "split" else (start, index)
            if same_gap(i, j):
                starts.append(start)
        return starts

    def in_place_rewrites(self, anchors: list[_Pair]) -> None:
        """A gap holding exactly one old and one new clause of the same kind: one clause rewritten.

        Paired when somewhat alike, when they open with the same words (a clause cut
        short or finished differently: "The child will not be left unsupervised, however
        ..." -> "... unsupervised. If appropriate ..."), or, for two headings, when the
        clauses under them are paired (a section renamed: "Time Out" -> "Take Five").
        """
        threshold = min(self.options.place_threshold, self.options.similarity_threshold)
        for olds, news in self.gaps(anchors):
            if len(olds) != 1 or len(news) != 1:
                continue
            i, j = olds[0], news[0]
            old_section = self.a[i].clause.kind is ClauseKind.SECTION
            if old_section != (self.b[j].clause.kind is ClauseKind.SECTION):
                continue  # a heading rewritten as body text is not the same clause
            score = _similarity(self.a[i].words, self.b[j].words)
            # A strict place_threshold (above one half) asks for alike text, nothing less.
            by_opening = threshold <= 0.5 and _same_opening(self.a[i].words, self.b[j].words)
            if score >= threshold or by_opening or (
                old_section and self._children_paired(i, j)
            ):
                self.pair(i, j, MatchedBy.PLACE, score)

    def _children_paired(self, i: int, j: int) -> bool:
        kids = [k for k in range(i + 1, min(i + 4, len(self.a))) if self.a[k].parent == i]
        for k in kids:
            p = self.old_pair[k]
            if p is not None and self.b[p.new].parent == j:
                return True
        return False

    def absorbed_neighbours(self) -> None:
        """A heading (or short line) run into its paragraph in the other version.

        "The role of the Governing Body" + "The governing body monitors ..." printed as
        one paragraph "The role of the Governing Body The governing body monitors ...":
        the unpaired clause's words open (or close) the partner of its paired
        neighbour, so the two are merged into that one (or it is split from it).
        """
        for side in ("merge", "split"):
            mine, mine_pair = (self.a, self.old_pair) if side == "merge" else (self.b, self.new_pair)
            for item in mine:
                if mine_pair[item.index] is not None or not item.key:
                    continue
                for step in (1, -1):
                    if self._absorb(item, step, side):
                        break

    def _absorb(self, item: _Flat, step: int, side: str) -> bool:
        """Join unpaired ``item`` to its neighbour at ``step`` when together they make the neighbour's partner."""
        mine, other = (self.a, self.b) if side == "merge" else (self.b, self.a)
        mine_pair = self.old_pair if side == "merge" else self.new_pair
        k = item.index + step
        if not 0 <= k < len(mine):
            return False
        p = mine_pair[k]
        if p is None or p.by in (MatchedBy.SPLIT, MatchedBy.MERGE, MatchedBy.LAYOUT):
            return False
        partner = other[p.new if side == "merge" else p.old]
        neighbour = mine[k]
        score = _absorbed_score(item.words, neighbour.words, partner.words, step, self.options.similarity_threshold)
        if score is None:
            return False
        self.unpair(p)
        first, second = (item, neighbour) if step == 1 else (neighbour, item)
        by = MatchedBy.MERGE if side == "merge" else MatchedBy.SPLIT
        self._group(partner, side == "split", (first, second), by, score)
        return True

    def regroup(self, anchors: list[_Pair]) -> None:
        """The same words cut into paragraphs differently: a page break, a form re-flowed.

        In each gap, runs of unpaired clauses whose text is word for word the same on
        both sides, starting and ending on a clause boundary on both sides, are one
        group of unchanged text however many clauses each side makes of it.
        """
        for olds, news in self.gaps(anchors, loose=True):
            self._regroup_gap([i for i in olds if self.a[i].key], [j for j in news if self.b[j].key])

    def _regroup_gap(self, olds: list[int], news: list[int]) -> None:
        if not olds or not news or len(olds) + len(news) < 3 or len(olds) * len(news) > _REGROUP_PAIRS:
            return
        tokens_a, bounds_a = self._stream(self.a, olds)
        tokens_b, bounds_b = self._stream(self.b, news)
        if len(tokens_a) * len(tokens_b) > _REGROUP_WORDS:
            return  # matching is quadratic: a gap this long is compared clause by clause
        matcher = SequenceMatcher(None, tokens_a, tokens_b, autojunk=False)
        for ai, bj, n in matcher.get_matching_blocks():
            if not n:
                continue
            common = sorted(_edges(bounds_a, ai, n) & _edges(bounds_b, bj, n))
            for lo, hi in pairwise(common):
                group_a = [olds[k] for k in _within(bounds_a, ai + lo, ai + hi)]
                group_b = [news[k] for k in _within(bounds_b, bj + lo, bj + hi)]
                if group_a and group_b:
                    self._layout_group(group_a, group_b, bounds_a, bounds_b, olds, news)

    def _stream(self, items: list[_Flat], indices: list[int]) -> tuple[list[str], list[tuple[int, int]]]:
        # The printed number counts as words here ("Appendix 1" that a reader took for
        # a heading at the start of a line), and dashes do not: a line starting
        # "– staff ..." is taken for a bullet, and its dash dropped, by some readers.
        tokens: list[str] = []
        bounds: list[tuple[int, int]] = []
        header: tuple[str, ...] | None = None
        for i in indices:
            clause = items[i].clause
            printed = clause.number if clause.number and not _LABEL_TOKEN.match(clause.number.strip("().")) else None
            text = " ".join(part for part in (printed, clause.full_text) if part)
            key = comparison_key(text, self.options) if printed else items[i].key
            if clause.kind is ClauseKind.TABLE and clause.rows:
                # A table broken over two pages repeats its header row on the second.
                rows = clause.rows[1:] if header is not None and clause.rows[0] == header else clause.rows
                header = clause.rows[0]
                key = comparison_key(" ".join(cell for row in rows for cell in row if cell), self.options)
            else:
                header = None
            words = key.split(" ") if not self.options.ignore_whitespace else comparison_key(
                text, replace(self.options, ignore_whitespace=False)).split(" ")
            words = _without_labels([word for word in words if word not in _BULLETS])
            bounds.append((len(tokens), len(tokens) + len(words)))
            tokens.extend(words)
        return tokens, bounds

    def _layout_group(self, group_a: list[int], group_b: list[int], bounds_a: list[tuple[int, int]],
                      bounds_b: list[tuple[int, int]], olds: list[int], news: list[int]) -> None:
        for i in group_a:
            old_pair = self.old_pair[i]
            if old_pair is not None:
                self.unpair(old_pair)
        for j in group_b:
            new_pair = self.new_pair[j]
            if new_pair is not None:
                self.unpair(new_pair)
        if len(group_a) == 1 and len(group_b) == 1:
            self.pair(group_a[0], group_b[0], MatchedBy.IDENTICAL, 1.0)
            return
        span_a = {i: bounds_a[olds.index(i)] for i in group_a}
        span_b = {j: bounds_b[news.index(j)] for j in group_b}
        base_a, base_b = span_a[group_a[0]][0], span_b[group_b[0]][0]

        def overlap(i: int, j: int) -> int:
            (a0, a1), (b0, b1) = span_a[i], span_b[j]
            return min(a1 - base_a, b1 - base_b) - max(a0 - base_a, b0 - base_b)

        chosen = {(i, max(group_b, key=lambda j: overlap(i, j))) for i in group_a}
        chosen |= {(max(group_a, key=lambda i: overlap(i, j)), j) for j in group_b}
        group = [_Pair(i, j, MatchedBy.LAYOUT, 1.0) for i, j in sorted(chosen, key=lambda t: (t[1], t[0]))]
        for p in group:
            if self.old_pair[p.old] is None:
                self.old_pair[p.old] = p
            if self.new_pair[p.new] is None:
                self.new_pair[p.new] = p
        self.groups.append(group)

    def moves(self) -> None:
        threshold = self.options.similarity_threshold
        olds = [i for i, p in enumerate(self.old_pair) if p is None]
        news = [j for j, p in enumerate(self.new_pair) if p is None]
        if not olds or not news:
            return
        postings: dict[str, list[int]] = defaultdict(list)
        for i in olds:
            for word in dict.fromkeys(self.a[i].words):
                postings[word].append(i)
        scored: list[tuple[float, int, int]] = []
        for j in news:
            hits: Counter[int] = Counter()
            for word in dict.fromkeys(self.b[j].words):
                posting = postings.get(word)
                if posting and len(posting) <= _COMMON_WORD:
                    hits.update(posting)
            # Candidates tied on shared words are taken in document order: most_common would
            # take them in the order the words were met, and a set's order changes from run
            # to run with Python's string hashing, so the same two files diffed differently.
            for i, _ in heapq.nsmallest(_MOVE_CANDIDATES, hits.items(), key=lambda hit: (-hit[1], hit[0])):
                score = _similarity(self.a[i].words, self.b[j].words)
                if score >= threshold:
                    scored.append((score, i, j))
        for score, i, j in sorted(scored, key=lambda t: (-t[0], t[2], t[1])):
            if self.old_pair[i] is None and self.new_pair[j] is None:
                self.pair(i, j, MatchedBy.MOVE, score)

    # -- order -----------------------------------------------------------------------
    def in_place(self) -> list[_Pair]:
        """The heaviest set of pairs in the same order in both documents."""
        pairs = self.pairs()
        grouped = {id(p) for group in self.groups for p in group}
        pairs.sort(key=lambda p: (p.new, p.old))
        size = len(self.a) + 1
        tree_score = [0] * (size + 1)
        tree_at = [-1] * (size + 1)
        best_score = [0] * len(pairs)
        back = [-1] * len(pairs)
        for k, p in enumerate(pairs):
            # prefix maximum over old indices <= p.old (Fenwick tree)
            score, at, x = 0, -1, p.old + 1
            while x > 0:
                if tree_score[x] > score:
                    score, at = tree_score[x], tree_at[x]
                x -= x & -x
            # Fewest clauses moved first; among equals, keep the longer text in place.
            if id(p) in grouped:
                weight = _FORCED
            elif self.a[p.old].footnote and self.b[p.new].footnote:
                weight = 1  # a footnote follows the page break: let it be the one out of order
            else:
                weight = 10_000 + min(len(self.b[p.new].key), 9_999)
            best_score[k] = score + weight
            back[k] = at
            x = p.old + 1
            while x <= size:
                if best_score[k] > tree_score[x]:
                    tree_score[x], tree_at[x] = best_score[k], k
                x += x & -x
        if not pairs:
            return []
        k = max(range(len(pairs)), key=best_score.__getitem__)
        chain = []
        while k != -1:
            chain.append(pairs[k])
            k = back[k]
        chain.reverse()
        return chain


# The defaults, made once: DiffOptions is frozen, so one instance serves every call.
_DEFAULT_OPTIONS = DiffOptions()


def diff_documents(old: Document, new: Document, options: DiffOptions = _DEFAULT_OPTIONS) -> DocumentDiff:
    """Align two versions of a policy clause by clause and describe every difference.

    ``old`` and ``new`` are Documents (``toolkit.read_document(path)``); the result is data,
    rendered by ``toolkit.render_diff``."""
    old_cover, new_cover = _cover_lines(old, new), _cover_lines(new, old)
    running = _running_lines(old) | _running_lines(new)
    a = _flatten(old, options, {clause.id for clause in old_cover.values()} | _furniture_clauses(old, running))
    b = _flatten(new, options, {clause.id for clause in new_cover.values()} | _furniture_clauses(new, running))
    aligner = _Aligner(a, b, options)
    aligner.identical()
    # Re-flowed text first, before a piece of a paragraph cut by a page break can
    # pass for a clause edited.
    aligner.regroup(aligner.in_place())
    aligner.number()
    aligner.fuzzy(aligner.in_place())
    anchors = aligner.in_place()
    aligner.splits_and_merges(anchors)
    aligner.moves()
    aligner.in_place_rewrites(aligner.in_place())
    aligner.absorbed_neighbours()
    aligner.regroup(aligner.in_place())
    anchors = aligner.in_place()
    diff = _assemble(old, new, a, b, aligner, anchors, options)
    furniture = _furniture_changes(old, new)
    if old_cover or new_cover or furniture:
        diff = replace(diff, metadata_changes=_metadata_changes(old, new, old_cover, new_cover) + furniture)
    return diff


# -- assembly --------------------------------------------------------------------------


class _Assembly:
    """The changes in the order a reader meets them, and where each stands (here, moved from, moved to)."""

    def __init__(self, a: list[_Flat], b: list[_Flat], aligner: _Aligner, anchors: list[_Pair],
                 options: DiffOptions) -> None:
        self.a, self.b, self.aligner, self.options = a, b, aligner, options
        self.anchored = {id(p) for p in anchors}
        self.group_of = {id(p): group for group in aligner.groups for p in group}
        self.group_changes: dict[int, tuple[ClauseChange, ...]] = {}
        self.changes: list[ClauseChange] = []
        self.layout: list[tuple[Placement, int]] = []
        self.moved_from_row: dict[int, int] = {}  # old index -> layout position awaiting the change index
        self.moved_change: dict[int, int] = {}  # old index -> change index, for clauses moved up

    def pair_change(self, p: _Pair) -> ClauseChange:
        group = self.group_of.get(id(p))
        if group is not None:
            key = id(group)
            if key not in self.group_changes:
                self.group_changes[key] = _group_changes(group, self.a, self.b, self.options)
            return self.group_changes[key][group.index(p)]
        return _pair_change(p, self.a[p.old], self.b[p.new], id(p) in self.anchored, self.options)

    def add(self, change: ClauseChange, placement: Placement) -> int:
        self.changes.append(change)
        self.layout.append((placement, len(self.changes) - 1))
        return len(self.changes) - 1

    def old_clause(self, index: int) -> None:
        """An old clause before the next anchor: removed, or the place a clause moved from."""
        p = self.aligner.old_pair[index]
        if p is None:
            self.add(_removed(self.a[index]), Placement.HERE)
        elif id(p) not in self.anchored and _footnote_pair(p, self.a, self.b):
            pass  # shown where it now stands (new_clause)
        elif id(p) not in self.anchored:
            if index in self.moved_change:  # moved up: its new place came first
                self.layout.append((Placement.MOVED_FROM, self.moved_change[index]))
            else:
                self.moved_from_row[index] = len(self.layout)
                self.layout.append((Placement.MOVED_FROM, -1))

    def new_clause(self, index: int) -> None:
        """A new clause before the next anchor: added, or the place a clause moved to."""
        p = self.aligner.new_pair[index]
        if p is None:
            self.add(_added(self.b[index]), Placement.HERE)
        elif id(p) not in self.anchored and _footnote_pair(p, self.a, self.b):
            # A footnote follows its page's last paragraph, wherever the page broke:
            # the same footnote at another page foot has not moved.
            self.add(_pair_change(p, self.a[p.old], self.b[p.new], True, self.options), Placement.HERE)
        elif id(p) not in self.anchored:
            change = self.add(self.pair_change(p), Placement.MOVED_TO)
            if p.old in self.moved_from_row:
                self.layout[self.moved_from_row[p.old]] = (Placement.MOVED_FROM, change)
            else:
                self.moved_change[p.old] = change

    def walk(self, anchors: list[_Pair]) -> None:
        """Both documents in step, anchor by anchor: what lies before each anchor, then the anchor."""
        old_ptr = new_ptr = 0
        for stop_old, stop_new, anchor in [(p.old, p.new, p) for p in anchors] + [(len(self.a), len(self.b), None)]:
            while old_ptr < stop_old:
                self.old_clause(old_ptr)
                old_ptr += 1
            while new_ptr < stop_new:
                self.new_clause(new_ptr)
                new_ptr += 1
            if anchor is not None:
                self.add(self.pair_change(anchor), Placement.HERE)
                old_ptr = max(old_ptr, anchor.old + 1)
                new_ptr = max(new_ptr, anchor.new + 1)


def _assemble(old_doc: Document, new_doc: Document, a: list[_Flat], b: list[_Flat], aligner: _Aligner,
              anchors: list[_Pair], options: DiffOptions) -> DocumentDiff:
    assembly = _Assembly(a, b, aligner, anchors, options)
    assembly.walk(anchors)
    changes = assembly.changes
    return DocumentDiff(
        old=DocumentInfo(old_doc.source, old_doc.title, old_doc.format),
        new=DocumentInfo(new_doc.source, new_doc.title, new_doc.format),
        changes=tuple(changes),
        metadata_changes=_metadata_changes(old_doc, new_doc),
        summary=_summary(changes),
        options=options,
        layout=tuple(assembly.layout),
        citation_updates=_citation_updates(old_doc, new_doc),
    )


def _citation_updates(old_doc: Document, new_doc: Document) -> tuple[str, ...]:
    from ..citations import citation_updates

    return tuple(citation_updates(old_doc, new_doc))


def _letter_by_letter(key: str) -> bool:
    """Mostly one-character 'words' over a long run: letters of text not read as lines."""
    tokens = key.split()
    if len(tokens) < 40:
        return False
    return sum(1 for token in tokens if len(token) == 1) >= 0.7 * len(tokens)


def _footnote_pair(p: _Pair, a: list[_Flat], b: list[_Flat]) -> bool:
    return a[p.old].footnote and b[p.new].footnote and a[p.old].key == b[p.new].key and p.by is not MatchedBy.LAYOUT


def _pair_change(p: _Pair, old: _Flat, new: _Flat, in_place: bool, options: DiffOptions) -> ClauseChange:
    same_text = old.key == new.key
    same_number = old.number == new.number or options.ignore_numbering
    by = p.by
    if not in_place:
        status = Status.MOVED
    elif not same_text:
        status = Status.MODIFIED
        if by is MatchedBy.MOVE:
            by = MatchedBy.FUZZY  # found by the move pass, but it stands in place
    elif not same_number:
        status = Status.RENUMBERED
    else:
        status = Status.UNCHANGED
    words: tuple[tuple[str, str], ...]
    if same_text:
        words = ((EQUAL, new.clause.full_text),) if new.clause.full_text else ()
        similarity = 1.0
    else:
        words = word_diff(old.clause.full_text, new.clause.full_text, options)
        similarity = round(_similarity(old.words, new.words), 4)
    return ClauseChange(
        status=status, old=old.clause, new=new.clause, similarity=similarity, words=words,
        matched_by=by, modified=not same_text, old_section=old.section, new_section=new.section,
    )


def _group_changes(group: list[_Pair], a: list[_Flat], b: list[_Flat], options: DiffOptions) -> tuple[ClauseChange, ...]:
    by = group[0].by
    if by is MatchedBy.LAYOUT:
        return _layout_changes(group, a, b)
    if by is MatchedBy.SPLIT:
        whole, parts = a[group[0].old], [b[p.new] for p in group]
        joined = " ".join(part.clause.full_text for part in parts)
        ops = word_diff(whole.clause.full_text, joined, options)
        pieces = split_ops(ops, len(parts[0].clause.full_text) + 1, "new")
        olds, news = [whole, whole], parts
    else:
        parts, whole = [a[p.old] for p in group], b[group[0].new]
        joined = " ".join(part.clause.full_text for part in parts)
        ops = word_diff(joined, whole.clause.full_text, options)
        pieces = split_ops(ops, len(parts[0].clause.full_text) + 1, "old")
        olds, news = parts, [whole, whole]
    score = round(group[0].score, 4)
    return tuple(
        ClauseChange(
            status=Status.MODIFIED, old=o.clause, new=n.clause, similarity=score, words=words,
            matched_by=by, modified=True, old_section=o.section, new_section=n.section,
        )
        for o, n, words in zip(olds, news, pieces)
    )


def _layout_changes(group: list[_Pair], a: list[_Flat], b: list[_Flat]) -> tuple[ClauseChange, ...]:
    # Unchanged words in other paragraphs: each entry shows the text of the clause it
    # alone holds (the new one, unless that is shared with another entry).
    shared_new = Counter(p.new for p in group)
    changes = []
    for p in group:
        old, new = a[p.old], b[p.new]
        text = new.clause.full_text if shared_new[p.new] == 1 else old.clause.full_text
        changes.append(ClauseChange(
            status=Status.UNCHANGED, old=old.clause, new=new.clause, similarity=1.0,
            words=((EQUAL, text),) if text else (), matched_by=MatchedBy.LAYOUT, modified=False,
            old_section=old.section, new_section=new.section,
        ))
    return tuple(changes)


def _removed(item: _Flat) -> ClauseChange:
    text = item.clause.full_text
    return ClauseChange(Status.REMOVED, item.clause, None, 0.0, (("delete", text),) if text else (),
                        old_section=item.section)


def _added(item: _Flat) -> ClauseChange:
    text = item.clause.full_text
    return ClauseChange(Status.ADDED, None, item.clause, 0.0, (("insert", text),) if text else (),
                        new_section=item.section)


def _summary(changes: list[ClauseChange]) -> Summary:
    per_section: dict[str, list[ClauseChange]] = {}
    for change in changes:
        per_section.setdefault(change.section or "", []).append(change)
    overall = Counts.of(changes)
    return Summary(**overall.as_dict(), sections=tuple((label, Counts.of(items)) for label, items in per_section.items()))


_COVER_HINT = re.compile(
    r"\b(?:amended|reviewed?|approved|adopted|ratified|agreed|version|updated|issued|revised|signed)\b"
    r"|\b(?:19|20)\d\d\b", re.IGNORECASE)
_PAGE_MARK = re.compile(r"\bpage\s+\d+(?:\s+of\s+\d+)?\b|^\s*\d+\s*$", re.IGNORECASE)
_COVER_WORDS = 15


def _cover_lines(document: Document, other: Document) -> dict[str, Clause]:
    """Cover lines read as clauses here that the other version's reader took as metadata.

    "November 2020 Amended Feb 2021" may be a clause on one cover and the date
    field "November 2020" on the other: it is that field changed, not a clause added.
    Only the short top-level lines before the first numbered or nested clause count.
    """
    own = dict(document.metadata.items())
    theirs = [(name, value) for name, value in other.metadata.items() if name not in own and name != "title"]
    # A title only this side's reader missed (a slogan printed above it on the PDF's
    # cover) is the title line, word for word, not a clause added.
    title = _fold(other.title or "") if "title" not in own and not document.title else ""
    found: dict[str, Clause] = {}
    for position, clause in enumerate(document.clauses):
        text = clause.full_text
        folded = _fold(text)
        # Only the title line itself is set aside; a heading's clauses stay clauses.
        if title and position < 3 and "title" not in found and folded == title and not clause.number:
            found["title"] = clause
            continue
        if clause.children or clause.number:
            break
        if len(text.split()) > _COVER_WORDS or not _COVER_HINT.search(text):
            continue
        name = _cover_field(folded, theirs, found)
        if name is not None:
            found[name] = clause
    return found


def _cover_field(folded: str, theirs: list[tuple[str, MetaValue]], found: dict[str, Clause]) -> str | None:
    """The other version's field this cover line holds, if any not yet found."""
    for name, value in theirs:
        raw = _fold(value.raw)
        # The line as printed starts with the value, or with the label the other
        # reader read it under ("Approved by [name] on [date]" in a model, whose
        # filled copy the reader takes as the approval fields).
        label = _fold(value.label or "")
        if name not in found and raw and (folded.startswith(raw) or raw.startswith(folded)
                                          or (len(label) >= 4 and folded.startswith(label))):
            return name
    return None


def _running_lines(document: Document) -> set[str]:
    return {_fold(item.text) for item in document.furniture if str(item.kind) in ("header", "footer")}


def _furniture_clauses(document: Document, running: set[str]) -> set[str]:
    """Clauses that are a running header or footer line in either version.

    A letterhead footer one reader recognised ("Positive Progress Tuition T: 0151 ...")
    and the other kept as a line of text on every page is furniture, not a clause
    added ten times."""
    found = set()
    for clause in document.walk():
        if clause.children or clause.number:
            continue
        text = _fold(clause.full_text)
        words = len(text.split())
        if _BARE_PAGE.match(text):
            found.add(clause.id)  # a page number read as a line of text
        elif running and words <= 20 and (text in running or (words <= 8 and any(text in line for line in running))):
            found.add(clause.id)
    return found


_BARE_PAGE = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$")


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


_MetaItem = tuple[object, str]  # (the typed value, else the raw text; the raw text as printed)


def _metadata_items(document: Document, cover: dict[str, Clause] | None) -> dict[str, _MetaItem]:
    """A document's fields, with the cover lines that hold another version's fields as those fields."""
    items: dict[str, _MetaItem] = {
        name: (value.json_value or value.raw, value.raw) for name, value in document.metadata.items()
    }
    for name, clause in (cover or {}).items():
        items[name] = (clause.full_text, clause.full_text)
    return items


def _metadata_change(name: str, before: _MetaItem | None, after: _MetaItem | None,
                     inferred: bool) -> MetadataChange | None:
    # The typed value ("2020-11") and the words as printed both count: "November
    # 2020" -> "November 2020 Amended Feb 2021" is the same date but a new note.
    # Spacing never does ("September2018" is "September 2018").
    if before is not None and after is not None and inferred and (
        _fold(before[1]) in _fold(after[1]) or _fold(after[1]) in _fold(before[1])
    ):
        return None  # guessed from a running header or the body: "Cherry Trees" is "Cherry Trees School"
    if before is None or after is None or before[0] != after[0] or _squash(before[1]) != _squash(after[1]):
        return MetadataChange(name, before[1] if before else None, after[1] if after else None)
    return None


def _metadata_changes(old: Document, new: Document, old_cover: dict[str, Clause] | None = None,
                      new_cover: dict[str, Clause] | None = None) -> tuple[MetadataChange, ...]:
    old_items, new_items = _metadata_items(old, old_cover), _metadata_items(new, new_cover)
    inferred = {name for doc in (old, new) for name, value in doc.metadata.items() if not value.consumed}
    names = list(old_items) + [name for name in new_items if name not in old_items]
    changes = (_metadata_change(name, old_items.get(name), new_items.get(name), name in inferred) for name in names)
    return tuple(change for change in changes if change is not None)


def _furniture_changes(old: Document, new: Document) -> tuple[MetadataChange, ...]:
    """Running headers and footers that carry cover details, and footnotes, compared as such.

    A footer "Approved by governors March 2020" changing, or "A signed copy of this policy
    is kept ..." gone, is a detail a governor checks; a page number never is. A reader
    that keeps footnotes apart (furniture of kind "footnote") has them compared here
    too, as footnotes rather than as clauses.
    """
    # A line holding a metadata value ("Issued: 2 March 2022") is compared as that field.
    known = {_fold(value.raw) for doc in (old, new) for _, value in doc.metadata.items() if len(value.raw) >= 4}

    def lines(document: Document) -> dict[tuple[str, str], str]:
        found: dict[tuple[str, str], str] = {}
        for item in document.furniture:
            kind = str(item.kind)
            if kind not in ("header", "footer", "footnote"):
                continue
            text = " ".join(_PAGE_MARK.sub(" ", item.text).split())
            if not text or (kind != "footnote" and not _COVER_HINT.search(text)):
                continue
            if kind != "footnote" and any(raw in _fold(text) for raw in known):
                continue
            found.setdefault((kind, _fold(text)), text)
        return found

    before, after = lines(old), lines(new)
    gone = [key for key in before if key not in after]
    came = [key for key in after if key not in before]
    changes = []
    for kind, folded in gone:
        partner = next((key for key in came if key[0] == kind and fuzz.ratio(key[1], folded) >= 60), None)
        if partner is not None:
            came.remove(partner)
            changes.append(MetadataChange(kind, before[(kind, folded)], after[partner]))
        else:
            changes.append(MetadataChange(kind, before[(kind, folded)], None))
    changes.extend(MetadataChange(key[0], None, after[key]) for key in came)
    return tuple(changes)


def _squash(text: str) -> str:
    return "".join(text.split())


compare = diff_documents  # the old name, kept for callers written before the rename
