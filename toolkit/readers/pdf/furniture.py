"""What is on the page but not the policy's text, as an ordered list of named passes.

Each pass looks at the lines no earlier pass has claimed (``line.kind is None``) and
sets ``kind`` on those it recognises; order matters (a tagged artifact is claimed
before a running line, a running line before a bare page number). The passes, in order:

* ``artifacts``: tagged-PDF artifacts (marked content ``/Artifact``), when the file
  is tagged sparingly enough to trust;
* ``running lines``: running headers and footers, lines in the top or bottom band
  of the page whose text, digits masked, repeats across pages;
* ``page numbers``: page-number lines ("3", "Page 3 of 7", "- 3 -") in those bands;
* ``comment balloons``: Word's margin comment balloons ("Commented [DL1]: ...");
* ``small print``: a copyright notice in small type at the foot of a page;
* ``contents``: a table of contents (``contents.py``);
* ``numbered contents``: a block of short numbered lines near the start whose
  entries come back as headings.

Before these, while lines are made, text drawn wholly off the page is dropped and
balloons printed on a body line's baseline are cut off it (``lines.py``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...model import FurnitureKind
from ...structure.lexicon import PAGE_NUMBER
from .contents import mark_contents, mark_numbered_contents
from .lines import Line
from .pages import Page, all_lines
from .params import PARAMS

_BALLOON = re.compile(r"^(Commented|Deleted|Formatted|Inserted|Moved \(insertion\)|Moved \(deletion\))( \[[^\]]{1,20}\])?:")
_PAGE_OF = re.compile(r"\bpage\s+\d+\s+of\s+\d+\b", re.IGNORECASE)
_RIGHTS = re.compile(r"©|\ball rights reserved\b|\bcopyright\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FurniturePass:
    """One named step of furniture removal: ``run`` marks the lines it recognises."""

    name: str
    run: Callable[[Sequence[Page]], None]


def _band_kind(band: str) -> FurnitureKind:
    return FurnitureKind.HEADER if band == "top" else FurnitureKind.FOOTER


def _artifacts(pages: Sequence[Page]) -> None:
    lines = [line for page in pages for line in page.lines]
    artifact_share = sum(line.artifact for line in lines) / max(len(lines), 1)
    if not 0 < artifact_share < PARAMS.artifact_share_max:
        return  # untagged, or tagged so much that the tags cannot be what a reader skips
    for page in pages:
        for line in page.lines:
            if line.kind is not None or not line.artifact:
                continue
            band = page.band(line)
            line.kind = FurnitureKind.ARTIFACT
            if PAGE_NUMBER.match(line.text) or _PAGE_OF.search(line.text):
                line.kind = FurnitureKind.PAGE_NUMBER
            elif band:
                line.kind = _band_kind(band)


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _running_lines(pages: Sequence[Page]) -> None:
    # (band, masked text) -> (page, top) of each appearance: a running line comes
    # back at the same height, which a title that repeats the header's words does not.
    # Every band line counts, even one a tag already marked, but a comment balloon does not.
    seen_on: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for page in pages:
        for line in page.lines:
            band = page.band(line)
            if band and line.kind is not FurnitureKind.COMMENT:
                seen_on[(band, _mask(line.text))].append((line.page, line.top))
    page_count = len(pages)
    needed = max(PARAMS.running_min_pages, int(PARAMS.running_page_share * page_count + 0.5)) if page_count > 1 else 10**9
    for page in pages:
        for line in page.lines:
            band = page.band(line)
            if line.kind is None and band and _running(seen_on[(band, _mask(line.text))], line, needed):
                line.kind = FurnitureKind.PAGE_NUMBER if PAGE_NUMBER.match(line.text) else _band_kind(band)


def _running(appearances: list[tuple[int, float]], line: Line, needed: int) -> bool:
    """Whether a line in a page band is a running header/footer line.

    It must come back on enough pages. When its page shows the same words twice
    (a title under a header that repeats it), only the copy at the height the
    other pages use is the running line.
    """
    if len({page for page, _ in appearances}) < needed:
        return False
    if sum(1 for page, _ in appearances if page == line.page) == 1:
        return True
    tolerance = PARAMS.running_top_tolerance
    return len({page for page, top in appearances if abs(top - line.top) <= tolerance}) >= needed


def _page_numbers(pages: Sequence[Page]) -> None:
    for page in pages:
        for line in page.lines:
            if line.kind is None and page.band(line) and PAGE_NUMBER.match(line.text):
                line.kind = FurnitureKind.PAGE_NUMBER


def _comment_balloons(pages: Sequence[Page]) -> None:
    """Lines in the column where the page prints Word's comment balloons."""
    for page in pages:
        starts = [line.x0 - 2 for line in page.lines
                  if _BALLOON.match(line.text) and line.x0 > PARAMS.balloon_column * page.width]
        if not starts:
            continue
        balloon_x = min(starts)
        for line in page.lines:
            if line.kind is None and line.x0 >= balloon_x:
                line.kind = FurnitureKind.COMMENT


def _small_print(pages: Sequence[Page]) -> None:
    """A copyright notice in small type at the foot of one page (Word's "different first page"
    footer) is a footer though it does not repeat: the lines of it in the bottom band."""
    sizes = Counter(line.size for page in pages for line in page.lines if line.kind is None)
    if not sizes:
        return
    body_size = sizes.most_common(1)[0][0]
    for page in pages:
        foot = [line for line in page.lines if line.kind is None and page.band(line) == "bottom"
                and line.size <= PARAMS.small_print_ratio * body_size]
        if foot and any(_RIGHTS.search(line.text) for line in foot):
            for line in foot:
                line.kind = FurnitureKind.FOOTER


def _unclaimed(pages: Sequence[Page]) -> list[Line]:
    return [line for line in all_lines(pages) if line.kind is None]


def _contents(pages: Sequence[Page]) -> None:
    # Judged on the text left once the margins are out: a contents list runs over pages.
    mark_contents(_unclaimed(pages))


def _numbered_contents(pages: Sequence[Page]) -> None:
    # After the contents pass: a list it took is not looked at again.
    mark_numbered_contents(_unclaimed(pages))


FURNITURE_PASSES: tuple[FurniturePass, ...] = (
    FurniturePass("artifacts", _artifacts),
    FurniturePass("running lines", _running_lines),
    FurniturePass("page numbers", _page_numbers),
    FurniturePass("comment balloons", _comment_balloons),
    FurniturePass("small print", _small_print),
    FurniturePass("contents", _contents),
    FurniturePass("numbered contents", _numbered_contents),
)


def mark_furniture(pages: Sequence[Page], passes: Sequence[FurniturePass] = FURNITURE_PASSES) -> None:
    """Run the passes in order: each sets ``kind`` on the lines it recognises."""
    for furniture_pass in passes:
        furniture_pass.run(pages)
