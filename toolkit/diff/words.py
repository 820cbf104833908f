"""Word-level operations: tokens, comparison keys and a cleaned word diff.

Tokens are words and single punctuation marks; the whitespace after a token
travels with it, so joining the text of the operations rebuilds each side
exactly. Matching looks only at the *keys* of the significant tokens (the
ignore options decide what is significant and how it is folded), which is why
a re-wrapped line or a doubled space is never a change.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .changes import DELETE, EQUAL, INSERT, DiffOptions, WordOp

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_REFERENCE = re.compile(r"\b\d+(?:\.\d+)+\.?(?!\w)")
_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")
# A footnote's reference mark run into the word before it by text extraction:
# "Tool9." is "Tool." with footnote 9. Only after two lower-case letters, so
# "KS2" or "Y6" keep their digits.
_FOOTNOTE_MARK = re.compile(r"(?<=[a-z]{2})\d{1,2}(?=[^\w]|$)")
# A blank to fill in on a form: a run of underscores or dots, however long the
# line was drawn ("Signed: ________" / "Signed: ___________ ___").
_BLANK = re.compile(r"(?:_{3,}|\.{4,}|…+|(?:\.\s){3,}\.?)(?:\s*(?:_{3,}|\.{4,}|…+|(?:\.\s){3,}\.?))*")


class Tokens:
    """A text cut into significant tokens, each with the span of source text it owns."""

    __slots__ = ("keys", "starts", "text")

    def __init__(self, text: str, options: DiffOptions) -> None:
        self.text = text
        keys: list[str] = []
        starts: list[int] = []
        masked = _REFERENCE.sub(lambda m: "#" * len(m.group()), text) if options.ignore_numbering else text
        for match in _TOKEN.finditer(masked):
            token = match.group()
            if options.ignore_numbering and token == "#":
                continue  # a masked cross-reference such as "6.2"
            if options.ignore_punctuation and not (token[0].isalnum() or token[0] == "_"):
                continue
            token = _FOOTNOTE_MARK.sub("", token) or token
            if len(token) >= 3 and not token.strip("_"):
                token = "___"  # a blank on a form, whatever its length
            keys.append(token.casefold() if options.ignore_case else token)
            starts.append(match.start())
        self.keys = keys
        self.starts = starts

    def span(self, start: int, end: int) -> str:
        """The source text owned by tokens ``start..end`` (leading text goes to the first)."""
        begin = 0 if start == 0 else self.starts[start]
        finish = len(self.text) if end >= len(self.keys) else self.starts[end]
        return self.text[begin:finish]


def comparison_key(text: str, options: DiffOptions) -> str:
    """The string two clauses must share to count as the same text."""
    text = _BLANK.sub(" ___ ", _FOOTNOTE_MARK.sub("", text))
    if options.ignore_numbering:
        text = _REFERENCE.sub(" ", text)
    if options.ignore_punctuation:
        text = _PUNCT.sub(" ", text)
    else:
        # Space around punctuation is typesetting, not wording.
        text = _PUNCT.sub(lambda m: f" {m.group()} ", text)
    if options.ignore_case:
        text = text.casefold()
    joiner = "" if options.ignore_whitespace else " "
    return joiner.join(text.split())


_DEFAULT_OPTIONS = DiffOptions()


def word_diff(old: str, new: str, options: DiffOptions = _DEFAULT_OPTIONS) -> tuple[WordOp, ...]:
    """Operations turning ``old`` into ``new``: equal runs carry the new text.

    Joining the equal and delete texts gives ``old`` (exactly, when the equal
    runs differ only in ignored ways) and joining equal and insert gives ``new``.
    """
    if old == new:
        return ((EQUAL, new),) if new else ()
    if not old:
        return ((INSERT, new),)
    if not new:
        return ((DELETE, old),)
    a, b = Tokens(old, options), Tokens(new, options)
    if not a.keys or not b.keys:
        return _coalesce([(DELETE, old), (INSERT, new)])
    # Past a few thousand words (no real clause; a hostile one repeats a word 50,000 times)
    # exact matching is quadratic: let difflib skip the most frequent words.
    matcher = SequenceMatcher(None, a.keys, b.keys, autojunk=len(a.keys) + len(b.keys) > 4000)
    blocks = [(i, j, n) for i, j, n in matcher.get_matching_blocks() if n]
    blocks = _drop_lone_islands(blocks, len(a.keys), len(b.keys), a.keys)
    ops: list[WordOp] = []
    i = j = 0
    for bi, bj, n in blocks + [(len(a.keys), len(b.keys), 0)]:
        if i < bi:
            ops.append((DELETE, a.span(i, bi)))
        if j < bj:
            ops.append((INSERT, b.span(j, bj)))
        if n:
            old_part, new_part = a.span(bi, bi + n), b.span(bj, bj + n)
            ops.extend(_equal_run(old_part, new_part))
        i, j = bi + n, bj + n
    return _trim_shared_space(_coalesce(ops))


# Characters in an equal run (both sides) past which it is not compared letter by letter.
_LETTER_MATCH_LIMIT = 20_000
_SPACE_RUN = re.compile(r"\s+")
_LETTER_RUN = re.compile(r"\S+")


def _equal_run(old_part: str, new_part: str) -> list[WordOp]:
    """An equal run of tokens whose source text may still differ between the sides.

    Differences in whitespace alone (a doubled space, a space before a comma) or a
    footnote mark ("Tool9") become small edits so both sides stay exactly rebuildable; a
    difference the options ignore (case, punctuation, numbering) shows the new text.
    """
    if old_part == new_part:
        return [(EQUAL, new_part)]
    squashed_old, squashed_new = "".join(old_part.split()), "".join(new_part.split())
    if squashed_old != squashed_new and _loose(squashed_old) != _loose(squashed_new):
        return [(EQUAL, new_part)]
    if len(old_part) + len(new_part) > _LETTER_MATCH_LIMIT:
        # Letter by letter is right for a clause but quadratic: one 200,000-character line
        # of a hostile file took minutes. A long run is walked in step instead.
        if squashed_old == squashed_new:
            return _spacing_edits(old_part, new_part)
        return [(DELETE, old_part), (INSERT, new_part)]
    ops: list[WordOp] = []
    matcher = SequenceMatcher(None, old_part, new_part, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append((EQUAL, new_part[j1:j2]))
            continue
        if i1 < i2:
            ops.append((DELETE, old_part[i1:i2]))
        if j1 < j2:
            ops.append((INSERT, new_part[j1:j2]))
    return ops


def _spacing_edits(old_part: str, new_part: str) -> list[WordOp]:
    """Two texts with the same letters in the same order, differing only in spacing: walk
    both at once, keeping the letters and editing the spaces between them (linear)."""
    ops: list[WordOp] = []
    i = j = 0
    while i < len(old_part) or j < len(new_part):
        old_gap, new_gap = _run_at(_SPACE_RUN, old_part, i), _run_at(_SPACE_RUN, new_part, j)
        if old_gap == new_gap:
            ops.append((EQUAL, new_gap))
        else:
            ops += [(DELETE, old_gap), (INSERT, new_gap)]
        i, j = i + len(old_gap), j + len(new_gap)
        # The letters agree, so the shorter run of letters is the start of the longer one.
        shared = min(len(_run_at(_LETTER_RUN, old_part, i)), len(_run_at(_LETTER_RUN, new_part, j)))
        if not (shared or old_gap or new_gap):  # the letters did not agree after all
            ops += [(DELETE, old_part[i:]), (INSERT, new_part[j:])]
            break
        ops.append((EQUAL, new_part[j : j + shared]))
        i, j = i + shared, j + shared
    return ops  # many small pieces: word_diff's _coalesce joins them once


def _run_at(pattern: re.Pattern[str], text: str, at: int) -> str:
    found = pattern.match(text, at)
    return found.group() if found else ""


def _loose(text: str) -> str:
    return _BLANK.sub("___", _FOOTNOTE_MARK.sub("", text))


def _is_trivial(keys: list[str], start: int, length: int) -> bool:
    if length == 1:
        return True
    if length == 2:
        return all(not key[0].isalnum() or len(key) <= 3 for key in keys[start : start + 2])
    return False


_Block = tuple[int, int, int]  # (start in a, start in b, length) of a matching run


def _drop_lone_islands(blocks: list[_Block], len_a: int, len_b: int, keys_a: list[str]) -> list[_Block]:
    """Forget matches of a lone word or punctuation mark between two edits.

    "The head [-will-]{+must+} [-tell-]{+inform+} the" reads better as one
    replacement than as edits split by an unchanged "the" or comma.
    """
    changed = True
    while changed and len(blocks) > 1:
        changed = False
        kept = []
        for index, (i, j, n) in enumerate(blocks):
            prev_end = (blocks[index - 1][0] + blocks[index - 1][2], blocks[index - 1][1] + blocks[index - 1][2]) if index else (0, 0)
            next_start = (blocks[index + 1][0], blocks[index + 1][1]) if index + 1 < len(blocks) else (len_a, len_b)
            gap_before = (i - prev_end[0]) + (j - prev_end[1])
            gap_after = (next_start[0] - (i + n)) + (next_start[1] - (j + n))
            if gap_before and gap_after and _is_trivial(keys_a, i, n):
                changed = True
                continue
            kept.append((i, j, n))
        blocks = kept
    return blocks


def _coalesce(ops: list[WordOp]) -> tuple[WordOp, ...]:
    """Merge neighbours of the same kind, and put each deletion before its insertion.

    Each merged operation's pieces are joined once, at the end: joining as they come
    would copy a long run over and over (a hostile line's spacing edits are thousands)."""
    out: list[tuple[str, list[str]]] = []
    for op, text in ops:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1][1].append(text)
        elif op == DELETE and out and out[-1][0] == INSERT:
            # keep "delete then insert" inside each edit
            if len(out) > 1 and out[-2][0] == DELETE:
                out[-2][1].append(text)
            else:
                out.insert(len(out) - 1, (DELETE, [text]))
        else:
            out.append((op, [text]))
    return tuple((op, "".join(parts)) for op, parts in out)


def _trim_shared_space(ops: tuple[WordOp, ...]) -> tuple[WordOp, ...]:
    """In a deletion followed by an insertion, whitespace both share is not an edit."""
    out: list[WordOp] = []
    index = 0
    while index < len(ops):
        op, text = ops[index]
        if op == DELETE and index + 1 < len(ops) and ops[index + 1][0] == INSERT:
            deleted, inserted = text, ops[index + 1][1]
            head = 0
            while head < min(len(deleted), len(inserted)) and deleted[head] == inserted[head] and deleted[head].isspace():
                head += 1
            tail = 0
            while (tail < min(len(deleted), len(inserted)) - head and deleted[-1 - tail] == inserted[-1 - tail]
                   and deleted[-1 - tail].isspace()):
                tail += 1
            pieces = [(EQUAL, deleted[:head]), (DELETE, deleted[head : len(deleted) - tail]),
                      (INSERT, inserted[head : len(inserted) - tail]), (EQUAL, deleted[len(deleted) - tail :])]
            out.extend(piece for piece in pieces if piece[1])
            index += 2
            continue
        out.append((op, text))
        index += 1
    merged: list[WordOp] = []
    for op, text in out:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return tuple(merged)


def split_ops(ops: tuple[WordOp, ...], at: int, side: str) -> tuple[tuple[WordOp, ...], tuple[WordOp, ...]]:
    """Cut operations where ``side`` ("old" or "new") reaches character ``at``.

    Used for splits (cut on the new side) and merges (cut on the old side).
    Operations that do not consume that side stay with the part being built.
    """
    consumes = {EQUAL, DELETE} if side == "old" else {EQUAL, INSERT}
    first: list[WordOp] = []
    second: list[WordOp] = []
    seen = 0
    for op, text in ops:
        target = first if seen < at or (seen == at and op not in consumes and not second) else second
        if op in consumes and seen < at < seen + len(text):
            cut = at - seen
            first.append((op, text[:cut]))
            second.append((op, text[cut:]))
        else:
            target.append((op, text))
        if op in consumes:
            seen += len(text)
    return _coalesce(first), _coalesce(second)
