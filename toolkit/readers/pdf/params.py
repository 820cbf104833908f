"""The tolerances and thresholds of the PDF reader's layout rules, in one record.

Distances are in points (1/72 inch) unless named as a share of something: of a
font size ("× size"), of the page, or of a count. Each value was set on real
policies (Word and LibreOffice exports, a few typeset ones); the comment says what
it separates. Changing one changes how documents read: run the PDF reader's tests
and the corpus tests after any change.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LayoutParams:
    # -- characters into lines ------------------------------------------------------------
    # A character without a size counts as 10 pt, a common body size.
    default_size: float = 10.0
    # Characters share a line when their baselines differ by at most this share of their
    # size (a third: descenders and kerning wobble, the next line is a whole size away) ...
    baseline_share: float = 0.35
    # ... but never less than this, so small print keeps its line.
    baseline_min: float = 1.5
    # A gap between characters wider than this share of the size is a space that the PDF
    # did not draw as a character (a space is about a quarter of a size).
    space_gap: float = 0.2
    # A line of this many visible characters or fewer may be a superscript or subscript
    # ("nd", a footnote mark) set off its line's baseline; longer runs are real lines.
    raised_max_chars: int = 12
    # Raised text is smaller than its host line: below this share of the host's size.
    raised_size_ratio: float = 0.8
    # ... and lies mostly (this share of its height) inside the host line's vertical span ...
    raised_overlap: float = 0.5
    # ... within the host's width, give or take this much on the left ...
    raised_left_slack: float = 2.0
    # ... and this many of its own sizes past the host's right end (a mark after the last word).
    raised_right_reach: float = 3.0
    # Footnote marks: in a line of at least this many characters (one mark and a word) ...
    note_mark_min_chars: int = 3
    # ... characters of at least this share of the largest size set the baseline ...
    note_body_ratio: float = 0.9
    # ... a digit at most this share of it is small ...
    note_mark_ratio: float = 0.8
    # ... and raised when its foot is this share of the size above the baseline.
    note_mark_rise: float = 0.15
    # A comment balloon's label ("Commented [DL1]:") closer than this to the text before it
    # is part of a sentence, not a balloon printed apart in the margin.
    balloon_gap: float = 10.0
    # A line is bold (or a tagged artifact) when this share of its characters is.
    majority_share: float = 0.9
    # A gap after a line's first word at least this many font sizes wide is a tab
    # (a space is about a quarter of one): the word is a label or a bullet set off.
    tab_gap: float = 0.6
    # ... and a tab is also at least this many times the line's typical word gap
    # (justified text stretches its spaces).
    tab_over_word_gap: float = 2.0

    # -- ruled tables -------------------------------------------------------------------
    # Rules this close (in x and y) are one rule, and shorter ones are ignored:
    # Word draws a cell border as several touching segments.
    rule_snap: float = 3.0
    # A text line belongs to a table when it lies within its box, give or take this much.
    table_slack: float = 2.0
    # A table on the next page continues this one when its edges are this close to this one's.
    table_join_slack: float = 6.0

    # -- furniture --------------------------------------------------------------------------
    # Share of the page height, from the top or the bottom, where running lines live.
    band: float = 0.12
    # Tagged-PDF artifacts are trusted only when they mark less than this share of the
    # lines: a file that marks most of its text as artifact tags wrongly.
    artifact_share_max: float = 0.6
    # A running line comes back on at least this share of the pages (rounded) ...
    running_page_share: float = 0.3
    # ... and on at least this many pages.
    running_min_pages: int = 2
    # When a page shows the same words twice, the running copy is the one within this
    # distance of the height the other pages print it at.
    running_top_tolerance: float = 4.0
    # Comment balloons sit in the right margin: lines starting past this share of the width.
    balloon_column: float = 0.45
    # A copyright notice in the bottom band is small print below this share of the body size.
    small_print_ratio: float = 0.8
    # A contents list found by its "Contents" heading needs this many entries; one found by
    # leaders alone needs more (a run of dotted lines could be a form to fill in).
    contents_min_entries: int = 1
    leader_min_entries: int = 3
    # A contents list's entries may be interrupted by this many lines that are not entries.
    contents_misses: int = 1
    # A contents list without page numbers: at least this many of its lines are printed
    # again later ...
    reference_min_matches: int = 3
    # ... and at least this share of them.
    reference_share: float = 0.6
    # A reworded heading still matches its contents entry when it shares this share of the
    # entry's words; lines longer than this many words are not headings.
    reworded_share: float = 0.75
    heading_max_words: int = 15
    # A numbered contents list without a heading is looked for on the first pages only:
    # this many pages after the first.
    numbered_contents_pages: int = 2
    # ... it holds at least this many numbered entries ...
    numbered_contents_min: int = 5
    # ... of which this share are printed again later as headings ...
    numbered_contents_share: float = 0.7
    # ... and an entry is a short line: at most this many words.
    entry_max_words: int = 12
    # A footnote is set smaller than the body (below this share of its size) ...
    footnote_size_ratio: float = 0.85
    # ... in the lower part of the page (below this share of its height).
    footnote_top_share: float = 0.5

    # -- paragraphs ---------------------------------------------------------------------------
    # Consecutive body lines closer than this many body sizes are measured for the line gap.
    line_pair_gap: float = 2.0
    # A line ending within this many body sizes of the right edge surely wrapped.
    wrapped_reach: float = 3.0
    # The line gap assumed when no two lines can be measured.
    default_line_gap: float = 2.0
    # A gap this many body sizes over the line gap is a paragraph's spacing ...
    paragraph_space: float = 0.4
    # ... and one within this many of it is still the line spacing (6 pt after a list
    # item is paragraph spacing).
    line_spacing_slack: float = 0.15
    # Lines starting within this distance start at the same indent.
    indent_tolerance: float = 4.0
    # A short line ends this many body sizes before the right edge ...
    short_line_reach: float = 4.0
    # ... and paragraph breaks are measured between lines closer than this many body sizes.
    break_max_gap: float = 4.0
    # The document spaces its paragraphs when at least this many breaks were measured ...
    spaced_min_breaks: int = 3
    # ... and this share of them carry the extra space.
    spaced_share: float = 0.8
    # Lines whose sizes differ by more than this are in different paragraphs.
    size_step: float = 0.6
    # Ragged-right text: the next word would have fitted when the line plus a space (this
    # share of the size) plus the word reaches the right edge, less this much.
    space_width: float = 0.3
    right_edge_slack: float = 2.0
    # Lines overlapping by more than this share of the size are not successive lines.
    overlap_share: float = 0.5

    # -- blocks -----------------------------------------------------------------------------
    # Text this much larger than the body is a heading by size (a point: 11 pt body, 12 pt heading).
    heading_size_step: float = 0.9
    # A heading has at most this many lines and words.
    heading_max_lines: int = 2
    heading_block_words: int = 14
    # Bullets starting in the same column of this width (points) are at one list level.
    bullet_column: float = 9.0


# The values the reader uses.
PARAMS = LayoutParams()
