"""PDF: the clauses a person sees on the printed page, margins and contents left out.

The first stage only. Characters (pdfplumber) become lines by baseline, so a
clause number drawn as its own run before a tab ("1.1" then the text) stays on
its line; lines become paragraphs by vertical gap, indentation and font; and
what is not body text goes to furniture:

* running headers and footers: lines in the top or bottom band of the page
  whose text, digits masked, repeats across pages; page-number lines
  ("3", "Page 3 of 7", "- 3 -") in those bands;
* tagged-PDF artifacts (marked content ``/Artifact``), when the file is tagged;
* a table of contents: lines after a "Contents" heading that end in a page
  number or carry dotted leaders, or whose entries the document prints again
  later (no page numbers); a block of short numbered lines near the start whose
  entries come back as headings;
* a copyright notice in small type at the foot of a page, repeated or not;
* Word's margin comment balloons ("Commented [DL1]: ...");
* text drawn wholly off the page.

Hyphenated line breaks are joined, a paragraph cut by a page break continues
on the next page, superscripts rejoin their line, and every block carries the
page it starts on. In a document that spaces its paragraphs, a short line at
line spacing is a line break inside the paragraph (unless it ends a sentence,
is a "Label: value" field or the next line opens with a bold run-in label).
Unnumbered lines in bold or a larger font become headings, ranked by size.
Ruled tables become table blocks, joined across a page break; other tables
read as paragraphs.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import (
    CorruptFileError,
    EncryptedFileError,
    NoTextLayerError,
    TooLargeError,
)
from ..model import Furniture, FurnitureKind
from ..structure.blocks import Block, BlockKind, BlockStream
from ..structure.lexicon import (
    BULLET_GLYPHS,
    CHANGES_HEADING,
    CONTENTS_HEADING,
    LABEL_TOKEN,
    NUMBER_START,
    PAGE_NUMBER,
)
from .options import ReadOptions

# A gap after a line's first word at least this many font sizes wide is a tab
# (a space is about a quarter of one): the word is a label or a bullet set off.
_TAB_GAP = 0.6
# Share of the page height, from the top or the bottom, where running lines live.
BAND = 0.12
_PAGE_NUMBER = PAGE_NUMBER
_CONTENTS_HEADING = CONTENTS_HEADING
_LEADER = re.compile(r"(\.\s?){4,}|…{2,}|_{4,}|(·\s?){4,}")
_TRAILING_PAGE = re.compile(r"\s(\d{1,3}|[ivx]{1,5})\s*$")
_BALLOON = re.compile(r"^(Commented|Deleted|Formatted|Inserted|Moved \(insertion\)|Moved \(deletion\))( \[[^\]]{1,20}\])?:")
_BULLETS = set(BULLET_GLYPHS) | {"o"} | {chr(c) for c in range(0xF000, 0xF100)}
_NUMBER_START = NUMBER_START
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    artifact: bool
    page: int
    first_word_x1: float  # where the first word ends (a number or bullet drawn apart)
    second_word_x0: float | None
    word_gap: float  # the median gap between the other words (stretched in justified text)
    lead_bold: bool = False  # a bold first word before plain text: a run-in label ("Verbal Name-calling ...")
    # The first character is set in another font than the text after it: Word's
    # "o" bullet in Courier New before Arial text, a Symbol-font dash.
    marker_font: bool = False
    index: int = 0
    kind: FurnitureKind | None = None  # set when the line is furniture
    rows: tuple[tuple[str, ...], ...] = ()  # a ruled table, read as one line


@dataclass(slots=True)
class _Paragraph:
    lines: list[_Line]
    bullet: bool = False
    text_x0: float = 0.0
    left: set[float] = field(default_factory=set)
    parts: list[str] = field(default_factory=list)
    label: str | None = None  # a number drawn apart from its text (Word list number, tab)


def read_pdf(path: Path, options: ReadOptions) -> BlockStream:
    size = path.stat().st_size
    if size > options.max_file_bytes:
        raise TooLargeError(f"file is {size:,} bytes; the limit is {options.max_file_bytes:,}", path=path)
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if b"%PDF" not in head:
        raise CorruptFileError("not a PDF: the file does not start with %PDF (damaged or misnamed?)", path=path)
    pages = _extract_lines(path)
    return _to_stream(path, pages)


# -- characters into lines -----------------------------------------------------------------


def _extract_lines(path: Path) -> list[tuple[float, float, list[_Line]]]:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    from ._pdfium_chars import iter_page_chars  # pdfium; POLICYKIT_PDF_CHARS=pdfminer for the old path

    # pdfminer logs every odd object it meets; a user sees our one line instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: list[tuple[float, float, list[_Line]]] = []
    try:
        with open(path, "rb") as handle:
            for page in iter_page_chars(handle):
                # Text drawn wholly outside the page (shapes dragged off the edge in
                # Word) is not printed, so no reader of the page sees it.
                chars = [
                    c for c in page.chars
                    if c["x1"] > 0 and c["x0"] < page.width and c["bottom"] > 0 and c["top"] < page.height
                ]
                lines = _page_lines(chars, page.number)
                if len(page.edges) >= 4 and lines:
                    lines = _with_tables(page.edges, chars, lines, page.number)
                pages.append((page.width, page.height, lines))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedFileError("password-protected PDF: open it with its password and save an unprotected copy", path=path) from exc
    except TooLargeError:
        raise  # a limit of _pdfchars: already one line naming the file and the limit
    except Exception as exc:  # pdfminer raises many kinds of errors on damaged files
        cause = exc.__cause__ or exc.__context__
        names = {type(exc).__name__, type(cause).__name__ if cause else ""}
        if any("Password" in name or "Encryption" in name for name in names) or "password" in str(exc).lower():
            raise EncryptedFileError(
                "password-protected PDF: open it with its password and save an unprotected copy", path=path
            ) from exc
        raise CorruptFileError(f"damaged PDF: {str(exc).strip() or type(exc).__name__}", path=path) from exc
    if not pages:
        raise CorruptFileError("damaged PDF: it has no pages", path=path)
    return pages


def _ruled_tables(edges: list[dict]) -> list[list[tuple[float, float, float, float]]]:
    """Cells of ruled tables from the page's rules, with pdfplumber's table finder."""
    from pdfplumber.table import (
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )
    from pdfplumber.utils import filter_edges

    merged = filter_edges(merge_edges(edges, 3, 3, 3, 3), min_length=3)
    cells = intersections_to_cells(edges_to_intersections(merged, 3, 3))
    return cells_to_tables(cells)


def _with_tables(edges: list[dict], chars: list[dict], lines: list[_Line], page_number: int) -> list[_Line]:
    """Ruled tables (cells drawn with lines) replace the text lines inside them."""
    tables = []
    centred = [((ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2, ch) for ch in chars]
    for cells in _ruled_tables(edges):
        rows_by_top: dict[float, list[tuple[float, float, float, float]]] = defaultdict(list)
        for cell in cells:
            rows_by_top[round(cell[1])].append(cell)
        rows = []
        for top in sorted(rows_by_top):
            row_cells = sorted(rows_by_top[top])
            row_top = min(cell[1] for cell in row_cells)
            row_bottom = max(cell[3] for cell in row_cells)
            in_row = [item for item in centred if row_top <= item[1] <= row_bottom]
            row = []
            for x0, ctop, x1, cbottom in row_cells:
                inside = [ch for cx, cy, ch in in_row if x0 <= cx <= x1 and ctop <= cy <= cbottom]
                row.append(" ".join(line.text for line in _page_lines(inside, page_number)))
            rows.append(tuple(row))
        rows = tuple(row for row in rows if any(row))
        if rows and max(len(row) for row in rows) >= 2:
            bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
            tables.append((bbox, rows))
    if not tables:
        return lines
    kept: list[_Line] = []
    placed: set[int] = set()
    for line in lines:
        middle = (line.top + line.bottom) / 2
        inside = next(
            (i for i, ((x0, top, x1, bottom), _) in enumerate(tables)
             if top <= middle <= bottom and line.x0 >= x0 - 2 and line.x1 <= x1 + 2),
            None,
        )
        if inside is None:
            kept.append(line)
        elif inside not in placed:
            placed.add(inside)
            (x0, top, x1, bottom), rows = tables[inside]
            text = "\n".join(" | ".join(row) for row in rows)
            kept.append(_Line(text, x0, x1, top, bottom, line.size, False, False, page_number, x1, None, 0.0, rows=rows))
    return kept


def _is_bold(fontname: str) -> bool:
    lowered = fontname.lower()
    return "bold" in lowered or "black" in lowered or "heavy" in lowered or lowered.endswith((",b", "-b"))


def _page_lines(chars: list[dict], page_number: int) -> list[_Line]:
    upright = [c for c in chars if c.get("upright", True) and c["text"]]
    upright.sort(key=lambda c: (c["bottom"], c["x0"]))
    groups: list[list[dict]] = []
    baseline = None
    for char in upright:
        tolerance = max(1.5, 0.35 * float(char["size"] or 10))
        if groups and baseline is not None and abs(char["bottom"] - baseline) <= tolerance:
            groups[-1].append(char)
        else:
            groups.append([char])
            baseline = char["bottom"]
    groups = _merge_raised(groups)
    balloon_x = _balloon_start(groups)
    lines = []
    for group in groups:
        if balloon_x is not None:
            # Word prints comments in a margin beside the text, often on the
            # same baseline as a body line: cut them off where the balloons start.
            body = [c for c in group if c["x0"] < balloon_x]
            margin = [c for c in group if c["x0"] >= balloon_x]
            balloon = _make_line(margin, page_number) if margin else None
            if balloon is not None:
                balloon.kind = FurnitureKind.COMMENT
                lines.append(balloon)
            group = body
        line = _make_line(group, page_number) if group else None
        if line is not None:
            lines.append(line)
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def _merge_raised(groups: list[list[dict]]) -> list[list[dict]]:
    """Superscripts and subscripts ("2nd", footnote marks) rejoin the line they sit on.

    Their baseline is off the line's by more than the tolerance, so they arrive as
    a line of their own: a few small characters lying mostly inside the vertical
    span of a neighbouring line of larger type, within its width.
    """
    merged = [list(group) for group in groups]
    for i, group in enumerate(merged):
        visible = [c for c in group if not c["text"].isspace()]
        if not visible or len(visible) > 12:
            continue
        size = max(float(c["size"] or 0) for c in visible)
        top, bottom = min(c["top"] for c in visible), max(c["bottom"] for c in visible)
        left, right = min(c["x0"] for c in visible), max(c["x1"] for c in visible)
        for j in (i - 1, i + 1):
            if not 0 <= j < len(merged) or not merged[j]:
                continue
            host = [c for c in merged[j] if not c["text"].isspace()]
            if not host or size >= 0.8 * max(float(c["size"] or 0) for c in host):
                continue
            host_top, host_bottom = min(c["top"] for c in host), max(c["bottom"] for c in host)
            overlap = min(bottom, host_bottom) - max(top, host_top)
            inside = min(c["x0"] for c in host) - 2 <= left and right <= max(c["x1"] for c in host) + 3 * size
            if overlap >= 0.5 * (bottom - top) and inside:
                merged[j].extend(group)
                merged[i] = []
                break
    return [group for group in merged if group]


_BALLOON_RUN = re.compile(r"(Commented|Deleted|Formatted|Inserted)(\[[^\]]{1,20}\])?:")


def _balloon_start(groups: list[list[dict]]) -> float | None:
    """Where Word's comment balloons begin on this page (x), if it prints any."""
    start = None
    for group in groups:
        visible = sorted((c for c in group if not c["text"].isspace()), key=lambda c: c["x0"])
        joined = "".join(c["text"] for c in visible)
        for match in _BALLOON_RUN.finditer(joined):
            if match.start() > 0 or len(visible) > 0:
                x = visible[match.start()]["x0"]
                if match.start() > 0 and x - visible[match.start() - 1]["x1"] < 10:
                    continue  # part of a sentence, not a balloon set apart
                start = x - 1 if start is None else min(start, x - 1)
    return start


def _base_font(char: dict) -> str:
    # "ABCDEE+Courier New" and "Courier New" are one font; subsets carry a six-letter tag.
    return char.get("fontname", "").split("+")[-1]


def _raised_digits(group: list[dict]) -> set[int]:
    """ids of digits set small and raised above the line's baseline: footnote marks."""
    visible = [c for c in group if not c["text"].isspace()]
    if len(visible) < 3:
        return set()
    main = max(float(c["size"] or 0) for c in visible)
    body = sorted(c["bottom"] for c in visible if float(c["size"] or 0) >= 0.9 * main)
    if not body or main <= 0:
        return set()
    baseline = body[len(body) // 2]
    return {
        id(c) for c in visible
        if c["text"].isdigit() and float(c["size"] or 0) <= 0.8 * main and c["bottom"] < baseline - 0.15 * main
    }


def _make_line(group: list[dict], page_number: int) -> _Line | None:
    group.sort(key=lambda c: c["x0"])
    raised = _raised_digits(group)
    mark_open = False
    pieces: list[str] = []
    previous = None
    first_word_x1 = None
    second_word_x0 = None
    visible = []
    gaps: list[float] = []
    for char in group:
        text = char["text"]
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            if visible and not text.isspace() and pieces and pieces[-1].endswith(" ") and first_word_x1 is not None:
                gaps.append(char["x0"] - visible[-1]["x1"])
            if gap > 0.2 * float(char["size"] or 10) and pieces and not pieces[-1].endswith(" ") and text != " ":
                pieces.append(" ")
        if mark_open and id(char) not in raised:
            pieces.append("]")
            mark_open = False
        if id(char) in raised and not mark_open and visible and pieces and not pieces[-1].endswith(" ") and (
            visible[-1]["text"].isalnum() or visible[-1]["text"] in ".,;:)’'\""
        ):
            # "staff¹" drawn as "staff" and a small raised "1": a mark on the word, kept as one.
            pieces.append("[")
            mark_open = True
        if text.isspace():
            if pieces and not pieces[-1].endswith(" "):
                pieces.append(" ")
        else:
            if pieces and pieces[-1].endswith(" ") and visible:
                if first_word_x1 is None:
                    first_word_x1 = visible[-1]["x1"]
                    second_word_x0 = char["x0"]
            pieces.append(text)
            visible.append(char)
        previous = char
    if mark_open:
        pieces.append("]")
    if not visible:
        return None
    text = " ".join("".join(pieces).split())
    sizes = Counter(round(float(c["size"]), 1) for c in visible)
    bold = sum(_is_bold(c.get("fontname", "")) for c in visible)
    lead = [c for c in visible if first_word_x1 is not None and c["x1"] <= first_word_x1 + 0.1]
    artifact = sum(c.get("tag") == "Artifact" for c in visible)
    return _Line(
        text=text,
        x0=visible[0]["x0"],
        x1=visible[-1]["x1"],
        top=min(c["top"] for c in visible),
        bottom=max(c["bottom"] for c in visible),
        size=sizes.most_common(1)[0][0],
        bold=bold >= 0.9 * len(visible),
        artifact=artifact >= 0.9 * len(visible),
        page=page_number,
        first_word_x1=first_word_x1 if first_word_x1 is not None else visible[-1]["x1"],
        second_word_x0=second_word_x0,
        word_gap=sorted(gaps)[len(gaps) // 2] if gaps else 0.0,
        lead_bold=bool(lead) and bold < 0.9 * len(visible) and all(_is_bold(c.get("fontname", "")) for c in lead),
        marker_font=len(lead) == 1 and len(visible) > 1 and _base_font(visible[0]) != _base_font(visible[1]),
    )


# -- lines into furniture and paragraphs ---------------------------------------------------


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _mark_furniture(pages: list[tuple[float, float, list[_Line]]]) -> None:
    all_lines = [line for _, _, lines in pages for line in lines]
    artifact_share = sum(line.artifact for line in all_lines) / max(len(all_lines), 1)
    honour_artifacts = 0 < artifact_share < 0.6

    # Running lines: digits masked, repeated on several pages in the same band.
    # (band, masked text) -> (page, top) of each appearance: a running line comes
    # back at the same height, which a title that repeats the header's words does not.
    seen_on: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for _width, height, lines in pages:
        for line in lines:
            band = _band(line, height)
            if band and line.kind is None:
                seen_on[(band, _mask(line.text))].append((line.page, line.top))
    page_count = len(pages)
    needed = max(2, int(0.3 * page_count + 0.5)) if page_count > 1 else 10**9

    for width, height, lines in pages:
        balloon_x = None
        for line in lines:
            if _BALLOON.match(line.text) and line.x0 > 0.45 * width:
                balloon_x = line.x0 - 2 if balloon_x is None else min(balloon_x, line.x0 - 2)
        for line in lines:
            band = _band(line, height)
            if line.kind is not None:
                continue  # already known: a comment balloon cut off its line
            if honour_artifacts and line.artifact:
                line.kind = FurnitureKind.ARTIFACT
                if _PAGE_NUMBER.match(line.text) or re.search(r"\bpage\s+\d+\s+of\s+\d+\b", line.text, re.IGNORECASE):
                    line.kind = FurnitureKind.PAGE_NUMBER
                elif band:
                    line.kind = FurnitureKind.HEADER if band == "top" else FurnitureKind.FOOTER
            elif band and _running(seen_on[(band, _mask(line.text))], line, needed):
                line.kind = FurnitureKind.HEADER if band == "top" else FurnitureKind.FOOTER
                if _PAGE_NUMBER.match(line.text):
                    line.kind = FurnitureKind.PAGE_NUMBER
            elif band and _PAGE_NUMBER.match(line.text):
                line.kind = FurnitureKind.PAGE_NUMBER
            elif balloon_x is not None and line.x0 >= balloon_x:
                line.kind = FurnitureKind.COMMENT
    _mark_small_print(pages)
    _mark_contents([line for line in all_lines if line.kind is None])
    _mark_numbered_contents([line for line in all_lines if line.kind is None])


_RIGHTS = re.compile(r"©|\ball rights reserved\b|\bcopyright\b", re.IGNORECASE)


def _mark_small_print(pages: list[tuple[float, float, list[_Line]]]) -> None:
    """A copyright notice in small type at the foot of one page (Word's "different first page"
    footer) is a footer though it does not repeat: the lines of it in the bottom band."""
    sizes = Counter(line.size for _, _, lines in pages for line in lines if line.kind is None)
    if not sizes:
        return
    body_size = sizes.most_common(1)[0][0]
    for _, height, lines in pages:
        foot = [line for line in lines if line.kind is None and _band(line, height) == "bottom"
                and line.size <= 0.8 * body_size]
        if foot and any(_RIGHTS.search(line.text) for line in foot):
            for line in foot:
                line.kind = FurnitureKind.FOOTER


def _running(appearances: list[tuple[int, float]], line: _Line, needed: int) -> bool:
    """Whether a line in a page band is a running header/footer line.

    It must come back on enough pages. When its page shows the same words twice
    (a title under a header that repeats it), only the copy at the height the
    other pages use is the running line.
    """
    if len({page for page, _ in appearances}) < needed:
        return False
    if sum(1 for page, _ in appearances if page == line.page) == 1:
        return True
    return len({page for page, top in appearances if abs(top - line.top) <= 4}) >= needed


def _band(line: _Line, height: float) -> str | None:
    if line.bottom <= BAND * height:
        return "top"
    if line.top >= (1 - BAND) * height:
        return "bottom"
    return None


def _looks_like_contents_entry(text: str) -> bool:
    return bool(_LEADER.search(text)) or bool(_TRAILING_PAGE.search(text))


def _mark_contents(lines: list[_Line]) -> None:
    """A contents list: entries ending in page numbers after a 'Contents' heading, or a run of leaders."""
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = bool(_CONTENTS_HEADING.match(line.text))
        changes = any(CHANGES_HEADING.search(before.text) for before in lines[max(0, i - 2):i])
        if not heading and changes:
            i += 1  # a table of changes with page references is still content
            continue
        if heading or (_LEADER.search(line.text) and _TRAILING_PAGE.search(line.text)):
            j = i + 1 if heading else i
            entries: list[int] = []
            misses = 0
            while j < len(lines) and misses <= 1:
                candidate = lines[j].text
                if _looks_like_contents_entry(candidate) and (heading or _LEADER.search(candidate)):
                    entries.append(j)
                    misses = 0
                else:
                    misses += 1
                j += 1
            if len(entries) >= (1 if heading else 3):
                end = entries[-1]
                for k in range(i, end + 1):
                    lines[k].kind = FurnitureKind.CONTENTS
                i = end + 1
                continue
            if heading:
                end = _contents_by_reference(lines, i)
                if end is not None:
                    for k in range(i, end + 1):
                        lines[k].kind = FurnitureKind.CONTENTS
                    i = end + 1
                    continue
        i += 1


_ENTRY_SPLIT = re.compile(r"\s+[•▪●■◦]\s+")


def _entry_key(text: str) -> str:
    text = text.strip().lstrip("".join(_BULLETS)).strip()
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _mark_numbered_contents(lines: list[_Line]) -> None:
    """A contents list with neither heading nor page numbers, near the start: a block of short
    numbered lines ("1.0 Introduction", "2.0 Aims and Scope of this Policy") whose entries the
    document prints again later as its headings."""
    first_page = lines[0].page if lines else 0
    i = 0
    while i < len(lines) and lines[i].page <= first_page + 2:
        if not _short_entry(lines[i]) or lines[i].kind is not None:
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].page == lines[i].page and _short_entry(lines[j]) and lines[j].kind is None:
            j += 1
        numbered = [k for k in range(i, j) if _NUMBER_START.match(lines[k].text)]
        introduced = lines[max(0, i - 1):numbered[0] + 1] if numbered else []
        if any(CHANGES_HEADING.search(line.text) for line in introduced):
            i = j  # "Summary of changes since September 2018": the sections it lists are content
            continue
        if len(numbered) >= 5:
            in_text = _finder(lines[j:])
            found = [k for k in range(i, j) if in_text(_entry_key(lines[k].text))]
            found_numbered = [k for k in found if k in numbered]
            if len(found_numbered) >= 5 and len(found_numbered) >= 0.7 * len(numbered):
                for k in range(i, found[-1] + 1):
                    lines[k].kind = FurnitureKind.CONTENTS
        i = j


def _finder(later_lines: list[_Line]):
    """Whether a contents entry's key is printed again among ``later_lines``."""
    later = {_entry_key(line.text) for line in later_lines}
    later.discard("")
    # Headings are reworded between the list and the text ("Pupil Acceptable Use
    # Policy Agreement" / "Student / Pupil Acceptable Use Agreement"): most words suffice.
    later_words = [set(key.split()) for key in later if len(key.split()) <= 15]

    def found(key: str) -> bool:
        if key in later:
            return True
        words = set(key.split())
        return len(words) >= 2 and any(len(words & other) >= 0.75 * len(words) for other in later_words)

    return found


def _short_entry(line: _Line) -> bool:
    return len(line.text.split()) <= 12 and not line.text.rstrip().endswith((".", ";", ",")) and not line.rows


def _contents_by_reference(lines: list[_Line], start: int) -> int | None:
    """A contents list without page numbers: the lines after a "Contents" heading, on its page,
    whose entries are mostly headings or lines found again later in the document.

    Returns the index of the last entry, or None when the lines are not such a list.
    """
    page = lines[start].page
    found = _finder([line for line in lines[start + 1:] if line.page > page])
    matched = 0
    total = 0
    last = None
    for j in range(start + 1, len(lines)):
        line = lines[j]
        if line.page != page:
            break
        keys = [_entry_key(part) for part in _ENTRY_SPLIT.split(" " + line.text + " ")]
        keys = [key for key in keys if key]
        if not keys:
            continue
        total += 1
        if any(found(key) for key in keys):
            matched += 1
            last = j
    if last is None or matched < 3:
        return None
    considered = sum(1 for j in range(start + 1, last + 1) if _entry_key(lines[j].text))
    return last if matched >= 0.6 * considered else None


def _to_stream(path: Path, pages: list[tuple[float, float, list[_Line]]]) -> BlockStream:
    visible_chars = sum(len(line.text) for _, _, lines in pages for line in lines)
    if visible_chars == 0:
        raise NoTextLayerError("no text layer: this PDF is a scan; run OCR first", path=path)
    warnings = []
    empty_pages = [str(number) for number, (_, _, lines) in enumerate(pages, start=1) if not lines]
    if empty_pages and len(empty_pages) < len(pages):
        warnings.append(f"{path}: no text on page(s) {', '.join(empty_pages)} (scanned or image-only pages are skipped)")

    index = 0
    for _, _, lines in pages:
        for line in lines:
            index += 1
            line.index = index
    _mark_furniture(pages)

    furniture = [
        Furniture(_furniture_text(line), line.kind, line.page, line.index)
        for _, _, lines in pages
        for line in lines
        if line.kind is not None
    ]
    notes = _footnotes(pages)
    body = [line for _, _, lines in pages for line in lines if line.kind is None and id(line) not in notes]
    if not body:
        raise NoTextLayerError("no body text found: every line on the pages is a header, footer or page number", path=path)
    widths = {number: width for number, (width, _, _) in enumerate(pages, start=1)}
    blocks = _paragraphs_to_blocks(_group_paragraphs(body, widths))
    blocks, unplaced = _attach_notes(blocks, notes)
    furniture.extend(unplaced)
    return BlockStream(
        styled=True,
        blocks=tuple(blocks),
        furniture=tuple(furniture),
        warnings=tuple(warnings),
        detect_running_lines=False,
    )


_NOTE_LINE = re.compile(r"^(\d{1,3})\s+(\S.*)$")


def _footnotes(pages: list[tuple[float, float, list[_Line]]]) -> dict[int, tuple[int, int, str]]:
    """Footnotes at the foot of each page: {id(line): (page, number, text)}.

    A note is a line in smaller type than the body, in the lower half of the page,
    opening with a number that a mark ("staff[1]") on that page or before refers to;
    the small lines under it continue it."""
    sizes = Counter(round(line.size, 1) for _, _, lines in pages for line in lines if line.kind is None for _ in line.text)
    if not sizes:
        return {}
    body_size = sizes.most_common(1)[0][0]
    marks: set[int] = set()
    notes: dict[int, tuple[int, int, str]] = {}
    for _, height, lines in pages:
        current: int | None = None
        for line in lines:
            if line.kind is not None:
                continue
            small = line.size <= 0.85 * body_size and line.top > 0.5 * height
            match = _NOTE_LINE.match(line.text)
            if small and match and int(match[1]) in marks:
                current = int(match[1])
                notes[id(line)] = (line.page, current, match[2])
                continue
            if small and current is not None:
                notes[id(line)] = (line.page, current, line.text)
                continue
            current = None
            marks.update(int(number) for number in re.findall(r"(?<=\w)\[(\d{1,3})\]", line.text))
    return notes


def _attach_notes(blocks: list[Block], notes: dict[int, tuple[int, int, str]]) -> tuple[list[Block], list[Furniture]]:
    """Each note once, after the text of the block that refers to it; a note no block
    refers to stays with its number as furniture of its page."""
    merged: dict[tuple[int, int], str] = {}
    for page, number, text in notes.values():
        merged[(page, number)] = f"{merged[(page, number)]} {text}" if (page, number) in merged else text
    unplaced: list[Furniture] = []
    for (page, number), text in merged.items():
        mark = f"[{number}]"
        index = next(
            (i for i in range(len(blocks) - 1, -1, -1)
             if mark in blocks[i].text and (blocks[i].page or 0) <= page and blocks[i].kind is not BlockKind.TABLE),
            None,
        )
        if index is None:
            unplaced.append(Furniture(f"{mark} {text}", FurnitureKind.FOOTER, page))
            continue
        blocks[index] = dataclasses.replace(blocks[index], text=f"{blocks[index].text}\n{mark} {text}")
    return blocks, unplaced


def _furniture_text(line: _Line) -> str:
    # A contents entry set as a bullet reads as the entry, as a list item's text does.
    if line.kind is FurnitureKind.CONTENTS and _marker(line)[0]:
        return line.text[2:].lstrip()
    return line.text


def _marker(line: _Line) -> tuple[bool, bool]:
    """(bullet, numbered) for the start of a line."""
    text = line.text
    first = text.split(" ", 1)[0]
    if len(first) == 1 and first in _BULLETS and len(text) > 2:
        if first not in "o-–" or _tabbed(line) or line.marker_font:
            # A dash or an "o" that wrapped to the start of a line is text, not a
            # bullet: only a marker set off by a tab is one.
            return True, False
    return False, bool(_NUMBER_START.match(text))


def _group_paragraphs(lines: list[_Line], widths: dict[int, float]) -> list[_Paragraph]:
    body_size = Counter(line.size for line in lines).most_common(1)[0][0]
    right_edge = max((line.x1 for line in lines if line.size == body_size), default=0.0)
    pairs = [
        (a, b) for a, b in zip(lines, lines[1:])
        if a.page == b.page and 0 <= b.top - a.bottom < 2 * body_size and a.size == b.size == body_size
    ]
    # Measured after lines that run to the right edge, which surely wrapped: in a
    # document of one-line paragraphs the commonest gap is the paragraph gap.
    wrapped_pairs = [(a, b) for a, b in pairs if a.x1 >= right_edge - 3 * body_size]
    gaps = Counter(round(b.top - a.bottom) for a, b in (wrapped_pairs or pairs))
    line_gap = gaps.most_common(1)[0][0] if gaps else 2.0
    spaced = _spaces_paragraphs(lines, line_gap, body_size, right_edge)

    vocabulary = Counter(_word_key(word) for line in lines for word in line.text.split())
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    for line in lines:
        if line.rows:
            previous = paragraphs[-1] if paragraphs else None
            if previous is not None and previous.lines[0].rows and _continues_table(previous.lines[0], line):
                joined = _joined_table(previous.lines[0], line)
                previous.lines[0] = joined
                previous.parts = [joined.text]
                current = None
                continue
            current = None
            paragraphs.append(_Paragraph(lines=[line], parts=[line.text], text_x0=line.x0))
            continue
        bullet, numbered = _marker(line)
        if numbered and _wrapped_number(line):
            numbered = False
        if current is not None and _continues(current, line, bullet, numbered, line_gap, body_size, right_edge, spaced):
            _append(current, line, vocabulary)
            continue
        current = _Paragraph(lines=[line], bullet=bullet)
        current.parts = [line.text[2:].lstrip() if bullet else line.text]
        label = _set_off_label(line) if numbered else None
        if label is not None:
            current.label = label
            current.parts = [line.text[len(label):].lstrip()]
        set_off = bullet or numbered or _tabbed(line)
        current.text_x0 = line.second_word_x0 if set_off and line.second_word_x0 else line.x0
        current.left = {line.x0, current.text_x0}
        paragraphs.append(current)
    return paragraphs


def _continues_table(before: _Line, after: _Line) -> bool:
    """A ruled table that runs over a page break: the next page opens with a table of the same columns."""
    return (
        after.page == before.page + 1
        and len(before.rows[-1]) == len(after.rows[0]) >= 2
        and abs(before.x0 - after.x0) <= 6 and abs(before.x1 - after.x1) <= 6
    )


def _joined_table(before: _Line, after: _Line) -> _Line:
    rows = list(before.rows)
    following = list(after.rows)
    if following and not following[0][0].strip():
        # The first column is empty: the last row broke over the page; its cells run on.
        head = following.pop(0)
        rows[-1] = tuple(" ".join(part for part in (a, b) if part.strip()) for a, b in zip(rows[-1], head))
    rows += following
    text = "\n".join(" | ".join(row) for row in rows)
    return _Line(text, before.x0, before.x1, before.top, before.bottom, before.size, False, False, before.page,
                 before.x1, None, 0.0, rows=tuple(rows))


_LABEL = LABEL_TOKEN


def _tabbed(line: _Line) -> bool:
    """The gap after the first word is a tab: wide, and wider than justified spacing."""
    if line.second_word_x0 is None:
        return False
    gap = line.second_word_x0 - line.first_word_x1
    return gap >= _TAB_GAP * line.size and gap >= 2 * line.word_gap


def _set_off_label(line: _Line) -> str | None:
    """A clause number drawn apart from its text, as Word draws list numbers."""
    first, _, rest = line.text.partition(" ")
    if not _LABEL.match(first) or not _tabbed(line):
        return None
    if first.isdigit() and rest[:1].islower():
        return None  # "5 policy, which ...": a number that wrapped to the line start
    return first


def _spaces_paragraphs(lines: list[_Line], line_gap: float, body_size: float, right_edge: float) -> bool:
    """Whether the document sets its paragraphs apart with space (Word's "space after").

    Judged on lines that plainly end a paragraph (a short line ending a sentence,
    followed on the same page by one at the same indent): if most such breaks
    carry more than a line's spacing, a break without that space is a line
    break inside a paragraph (Shift+Enter, an early wrap), not a new paragraph.
    """
    breaks = [
        b.top - a.bottom
        for a, b in zip(lines, lines[1:])
        if a.page == b.page and a.size == b.size == body_size and abs(a.x0 - b.x0) <= 4
        and _TERMINAL.search(a.text) and a.x1 < right_edge - 4 * body_size and not a.bold and not b.bold
        and 0 <= b.top - a.bottom < 4 * body_size
        # List items are set close together even where paragraphs are spaced.
        # (A clause numbered "1.2" is a paragraph, though: whistleblowing policies number every one.)
        and not a.text.endswith((";", ",")) and not _marker(a)[0] and not _marker(b)[0]
        and not (_marker(b)[1] and not re.match(r"\d+\.\d+\s", b.text))
        and a.text[:1] not in _BULLETS and b.text[:1] not in _BULLETS
    ]
    if len(breaks) < 3:
        return False
    spaced = sum(gap > line_gap + 0.4 * body_size for gap in breaks)
    return spaced >= 0.8 * len(breaks)


def _wrapped_number(line: _Line) -> bool:
    """A bare number that wrapped to the start of a line ("Stage" / "2 request ..."), not a clause number."""
    first, _, rest = line.text.partition(" ")
    return first.isdigit() and rest[:1].islower() and _set_off_label(line) is None


def _continues(para: _Paragraph, line: _Line, bullet: bool, numbered: bool, line_gap: float, body_size: float,
               right_edge: float, spaced: bool = False) -> bool:
    prev = para.lines[-1]
    if bullet or numbered:
        return False
    if line.bold != prev.bold or abs(line.size - prev.size) > 0.6:
        return False
    next_word = line.first_word_x1 - line.x0
    # Ragged-right text only breaks a line early when the next word would not
    # fit: if it would have, the paragraph ended there.
    wrapped = prev.x1 + 0.3 * prev.size + next_word >= right_edge - 2
    if line.page != prev.page:
        # A page break inside a paragraph: the text runs on mid-sentence.
        if _TERMINAL.search(prev.text):
            return False
        return line.text[:1].islower() or (wrapped and any(abs(line.x0 - x) <= 4 for x in para.left))
    gap = line.top - prev.bottom
    if gap < -0.5 * line.size or gap > line_gap + 0.4 * body_size:
        return False
    # A line break inside a paragraph sits at exactly the line spacing; even a
    # little more (6pt after a list item) is a paragraph's spacing.
    at_line_spacing = gap <= line_gap + 0.15 * body_size
    if not wrapped and not (spaced and at_line_spacing and _line_break_within(para, line)):
        return False
    if not any(abs(line.x0 - x) <= 4 for x in para.left):
        if len(para.lines) == 1 and not para.bullet and line.x0 < prev.x0:
            return True  # a first-line indent: the second line starts further left
        return False
    return True


_FIELD_LABEL = re.compile(r"^[A-Z][\w'’/&-]*(?: [\w'’/&()-]+){0,3}:(?:\s|$)")


def _line_break_within(para: _Paragraph, line: _Line) -> bool:
    """In a document that spaces its paragraphs, a short line followed at line spacing runs on
    unless it ended a sentence or the next line opens with a bold run-in label."""
    prev = para.lines[-1]
    first = line.text.split(" ", 1)[0]
    if len(first) == 1 and first in _BULLETS:
        return False  # an "o" or dash too close to its text to count as a bullet may still be one
    if _FIELD_LABEL.match(line.text) or (len(para.lines) == 1 and _FIELD_LABEL.match(prev.text)):
        return False  # "Reviewed: January 2016" / "Review Cycle: 2 Years": one field a line
    if len(para.lines) == 1 and (para.label is not None or _NUMBER_START.match(prev.text)):
        return False  # "3.1 Harassment or Victimisation": a numbered heading over its text
    if prev.text.endswith(")") and line.text[:1].isupper():
        return False  # "... individuals. (E-safety coordinator)": a sentence closed by an aside
    return not _TERMINAL.search(prev.text) and not line.lead_bold and not prev.bold


def _append(para: _Paragraph, line: _Line, vocabulary: Counter) -> None:
    previous = para.parts[-1]
    text = line.text
    if re.search(r"\w-$", previous) and text[:1].isalnum():
        # A line ending in a hyphen: the word runs on. Word and LibreOffice do not
        # hyphenate unless asked, so keep the hyphen ("on-line", URLs) unless the
        # document itself spells the word whole elsewhere ("safe-" + "guarding").
        head = previous.rsplit(" ", 1)[-1][:-1]
        tail, _, rest = text.partition(" ")
        whole = _word_key(head + tail)
        hyphenated = _word_key(head + "-" + tail)
        keep = not (vocabulary[whole] > 0 and vocabulary[hyphenated] == 0 and "/" not in head)
        para.parts[-1] = previous + tail if keep else previous[:-1] + tail
        if rest:
            para.parts.append(rest)
    else:
        para.parts.append(text)
    if len(para.lines) == 1:
        para.left = {line.x0}
    para.lines.append(line)


def _word_key(word: str) -> str:
    return word.strip(".,;:!?()[]{}\"'“”‘’").lower()


def _paragraphs_to_blocks(paragraphs: list[_Paragraph]) -> list[Block]:
    sizes = Counter()
    for para in paragraphs:
        for line in para.lines:
            sizes[line.size] += len(line.text)
    body_size = sizes.most_common(1)[0][0]
    heading_flags = [_is_heading(para, body_size) for para in paragraphs]
    larger = sorted(
        {round(para.lines[0].size * 2) / 2 for para, flag in zip(paragraphs, heading_flags) if flag and para.lines[0].size > body_size + 0.9},
        reverse=True,
    )
    bullet_x = sorted({round(para.lines[0].x0 / 9) for para in paragraphs if para.bullet})

    blocks: list[Block] = []
    for para, heading in zip(paragraphs, heading_flags):
        first = para.lines[0]
        text = " ".join(part for part in para.parts if part)
        common = dict(text=text, page=first.page, line=first.index, bold=all(line.bold for line in para.lines))
        if first.rows:
            blocks.append(Block(text=first.text, kind=BlockKind.TABLE, rows=first.rows, page=first.page, line=first.index))
        elif para.bullet:
            level = bullet_x.index(round(first.x0 / 9))
            blocks.append(Block(kind=BlockKind.LIST_ITEM, bullet=True, list_level=level, **common))
        elif heading and para.label is None:
            size_key = round(first.size * 2) / 2
            level = larger.index(size_key) + 1 if size_key in larger else len(larger) + 1
            blocks.append(Block(kind=BlockKind.HEADING, heading_level=level, **common))
        else:
            blocks.append(Block(number=para.label, **common))
    return blocks


def _is_heading(para: _Paragraph, body_size: float) -> bool:
    if para.bullet or len(para.lines) > 2 or para.lines[0].rows:
        return False
    text = " ".join(para.parts)
    if _NUMBER_START.match(text) or len(text.split()) > 14 or text.endswith((".", ",", ";")):
        return False
    first = para.lines[0]
    return all(line.bold for line in para.lines) or first.size > body_size + 0.9
