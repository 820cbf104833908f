"""A long run of equal words whose spacing differs stays exact and is compared quickly.

Runs past a clause's size are matched by words and spaces rather than letter by letter
(which is quadratic); both sides must still be rebuilt exactly from the operations.
"""

from __future__ import annotations

from toolkit.diff.changes import DELETE, EQUAL, INSERT
from toolkit.diff.words import word_diff


def _sides(ops):
    old = "".join(text for op, text in ops if op in (EQUAL, DELETE))
    new = "".join(text for op, text in ops if op in (EQUAL, INSERT))
    return old, new


def test_spacing_changes_in_a_huge_line_are_small_edits():
    words = [f"word{i % 997}" for i in range(40_000)]
    old = " ".join(words)
    new = "  ".join(words[:20_000]) + " " + " ".join(words[20_000:])  # the first half double-spaced
    ops = word_diff(old, new)
    assert _sides(ops) == (old, new)
    # Only spaces change: no word is deleted or inserted.
    assert all(text.strip() == "" for op, text in ops if op in (DELETE, INSERT))


def test_a_short_run_is_still_compared_letter_by_letter():
    ops = word_diff("Staff must  not post.", "Staff must not post.")
    assert _sides(ops) == ("Staff must  not post.", "Staff must not post.")
    assert (DELETE, " ") in ops
