"""Characters of PDF pages, collected lean and fast straight from pdfminer.

pdfplumber builds a layout object and then a dictionary of twenty-odd keys for
every character; the reader needs seven. This pdfminer device records just
those (the same geometry pdfminer's ``LTChar`` computes, in pdfplumber's
top-down coordinates), plus whether the character sits inside tagged-PDF
``/Artifact`` marked content, which roughly halves the time per page. Pages
that draw many lines (ruled tables) are handed back so the caller can let
pdfplumber's table finder look at them.

Hostile files are bounded here, while pdfminer reads them (limits documented in
the README):

* the streams of one PDF may inflate to at most ``MAX_INFLATED_BYTES`` together:
  pdfminer's Flate, LZW and RunLength decoders are swapped for ones that count
  their output as they produce it and stop at the budget, so a 2 MB file that
  inflates to 1 GB costs 64 MB, not 2 GB (a real policy's streams inflate to
  a few MB);
* a page may hold at most ``MAX_PAGE_CHARS`` characters and a document
  ``MAX_DOCUMENT_CHARS`` (a dense A4 page has about 5,000).
"""

from __future__ import annotations

import io
import threading
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from ...errors import TooLargeError

if TYPE_CHECKING:
    from pdfminer.pdfcolor import PDFColorSpace
    from pdfminer.pdffont import PDFFont
    from pdfminer.pdfinterp import PDFGraphicState, PDFStackT
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import Matrix, PathSegment

MAX_INFLATED_BYTES = 64 * 1024 * 1024
MAX_PAGE_CHARS = 100_000
MAX_DOCUMENT_CHARS = 1_000_000

# Segments shorter than this (points) are ticks and glyph parts, not table rules.
_MIN_EDGE = 3.0
_THIN = 2.0  # a filled rectangle this thin is drawn as a rule


@dataclass(slots=True)
class PageChars:
    number: int
    width: float
    height: float
    chars: list[dict[str, Any]]
    # Horizontal and vertical rules painted on the page, as pdfplumber edge dicts
    # (x0, x1, top, bottom, width, height, orientation): the input of its table finder.
    edges: list[dict[str, Any]]


# -- bounded decoders -------------------------------------------------------------------------

# The inflation budget of the document being read on this thread (.remaining: bytes, or
# None outside ``iter_page_chars``: other users of pdfminer in the process, such as the
# benchmarks' pdfplumber, decode as pdfminer always did).
_budget = threading.local()


class _InflationLimit(Exception):
    """Raised inside pdfminer; turned into a TooLargeError naming the file by ``iter_page_chars``."""


def _spend(amount: int) -> None:
    remaining = getattr(_budget, "remaining", None)
    if remaining is None:
        return
    _budget.remaining = remaining - amount
    if remaining - amount < 0:
        raise _InflationLimit


def _allowance() -> int:
    """The most one decompress call may produce: one byte past the budget (0: no limit)."""
    remaining = getattr(_budget, "remaining", None)
    return 0 if remaining is None else max(remaining, 0) + 1


class _BoundedDecompressor:
    """``zlib.decompressobj()`` whose output is counted against the document's budget."""

    def __init__(self) -> None:
        self._inner = zlib.decompressobj()

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self._inner.decompress(data, _allowance())
        _spend(len(out))
        return out

    def flush(self) -> bytes:
        out = self._inner.flush()
        _spend(len(out))
        return out


def _inflate(data: bytes) -> bytes:
    """``zlib.decompress`` within the budget (a truncated stream still raises zlib.error)."""
    inflater = _BoundedDecompressor()
    out = inflater.decompress(data)
    if not inflater._inner.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


class _BoundedZlib:
    """What pdfminer.pdftypes sees as ``zlib``."""

    error = zlib.error
    decompress = staticmethod(_inflate)
    decompressobj = _BoundedDecompressor


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's recovery of a stream with a bad checksum, without its byte-at-a-time
    copying (quadratic in the output): keep what inflates before the damage when the
    damage is in the last bytes (the checksum), as pdfminer does."""
    step = 4096
    saved = getattr(_budget, "remaining", None)
    inflater = _BoundedDecompressor()
    out: list[bytes] = []
    good = 0  # bytes fed without error, in whole chunks
    try:
        while good < len(data):
            out.append(inflater.decompress(data[good:good + step]))
            good += len(data[good:good + step])
        return b"".join(out)
    except zlib.error:
        pass
    # Again from the start, the failing chunk a byte at a time to find where the damage is.
    _budget.remaining = saved
    inflater = _BoundedDecompressor()
    out = [inflater.decompress(data[:good])]
    for position in range(good, len(data)):
        try:
            out.append(inflater.decompress(data[position:position + 1]))
        except zlib.error:
            if position < len(data) - 3:
                raise
            break
    return b"".join(out)


def _lzw(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out: list[bytes] = []
    for piece in LZWDecoder(io.BytesIO(data)).run():
        _spend(len(piece))
        out.append(piece)
    return b"".join(out)


def _run_length(data: bytes) -> bytes:
    out = bytearray()
    index = 0
    while index < len(data):
        length = data[index]
        if length == 128:
            break
        if length < 128:
            chunk = data[index + 1:index + 2 + length]
            index += 2 + length
        else:
            chunk = data[index + 1:index + 2] * (257 - length)
            index += 2
        _spend(len(chunk))
        out += chunk
    return bytes(out)


def _install_bounded_decoders() -> None:
    """Point pdfminer's stream decoding at the bounded decoders (idempotent; pdfminer
    looks these names up in its module on every decode)."""
    from pdfminer import pdftypes

    pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _decompress_corrupted
    pdftypes.lzwdecode = _lzw
    pdftypes.rldecode = _run_length


class _CharDevice(PDFTextDevice):
    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.total_chars = 0
        self.chars: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.page_top = 0.0
        self._tags: list[str] = []
        self._font_names: dict[int, str] = {}

    def begin_page(self, page: PDFPage, ctm: Matrix) -> None:
        self.chars = []
        self.edges = []
        self._tags = []
        (x0, y0, x1, y1) = page.mediabox
        # pdfminer's page CTM moves the (rotated) media box origin to (0, 0).
        self.page_top = abs(y1 - y0) if page.rotate % 180 == 0 else abs(x1 - x0)

    def begin_tag(self, tag: PSLiteral, props: PDFStackT | None = None) -> None:
        self._tags.append(getattr(tag, "name", str(tag)))

    def end_tag(self) -> None:
        if self._tags:
            self._tags.pop()

    def do_tag(self, tag: PSLiteral, props: PDFStackT | None = None) -> None:
        return

    def paint_path(self, graphicstate: PDFGraphicState, stroke: bool, fill: bool, evenodd: bool,
                   path: Sequence[PathSegment]) -> None:
        if not (stroke or fill):
            return
        ctm = self.ctm
        assert ctm is not None  # the interpreter sets it before a page's content runs
        (a, b, c, d, e, f) = ctm
        points: list[tuple[float, float]] = []
        start = None
        for segment in path:
            op = segment[0]
            if op == "m":
                x, y = cast("tuple[str, float, float]", segment)[1:3]  # "m" and "l" carry one point
                start = (a * x + c * y + e, b * x + d * y + f)
                points.append(start)
                self._flush(points[:-1], fill)
                points = [start]
            elif op == "l":
                x, y = cast("tuple[str, float, float]", segment)[1:3]
                points.append((a * x + c * y + e, b * x + d * y + f))
            elif op == "h" and start is not None:
                points.append(start)
            else:
                self._flush(points, fill)  # a curve: rules are straight
                points = []
        self._flush(points, fill)

    def _flush(self, points: list[tuple[float, float]], fill: bool) -> None:
        path_edges(points, fill, self.page_top, self.edges)

    def render_image(self, name: str, stream: Any) -> None:
        return

    def _font_name(self, font: PDFFont) -> str:
        key = id(font)
        name = self._font_names.get(key)
        if name is None:
            raw = font.fontname
            name = raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)
            self._font_names[key] = name
        return name

    def render_char(self, matrix: Matrix, font: PDFFont, fontsize: float, scaling: float, rise: float, cid: int,
                    ncs: PDFColorSpace, graphicstate: PDFGraphicState) -> float:
        if len(self.chars) >= MAX_PAGE_CHARS:
            raise _PageLimit(f"a page draws more than {MAX_PAGE_CHARS:,} characters (the limit per page)")
        self.total_chars += 1
        if self.total_chars > MAX_DOCUMENT_CHARS:
            raise _PageLimit(f"the document draws more than {MAX_DOCUMENT_CHARS:,} characters (the limit per document)")
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = "\ufffd"
        adv = font.char_width(cid) * fontsize * scaling
        if font.is_vertical():
            # Vertical writing: keep the advance, mark the char as not upright.
            self.chars.append(_vertical(matrix, text, fontsize, adv))
            return adv
        descent = font.get_descent() * fontsize
        (a, b, c, d, e, f) = matrix
        # The same box LTChar computes: (0, descent+rise) to (adv, descent+rise+size).
        lower = descent + rise
        upper = lower + fontsize
        x0 = a * 0 + c * lower + e
        y0 = b * 0 + d * lower + f
        x1 = a * adv + c * upper + e
        y1 = b * adv + d * upper + f
        tag = "Artifact" if "Artifact" in self._tags else (self._tags[-1] if self._tags else None)
        upright = a * d * scaling > 0 and b * c <= 0
        self.chars.append(char_record(text, (x0, y0, x1, y1), self.page_top, self._font_name(font), upright, tag))
        return adv


def _vertical(matrix: Matrix, text: str, fontsize: float, adv: float) -> dict[str, Any]:
    (_, _, _, _, e, f) = matrix
    return {"text": text, "x0": e, "x1": e + fontsize, "top": 0.0, "bottom": 0.0, "size": fontsize,
            "fontname": "", "upright": False, "tag": None}


class _PageLimit(Exception):
    pass


def iter_page_chars(handle: BinaryIO) -> Iterator[PageChars]:
    """Every page's characters, in page order, from an open binary file.

    Raises TooLargeError (naming the file) past the limits in the module docstring."""
    _install_bounded_decoders()
    path = getattr(handle, "name", None)
    _budget.remaining = MAX_INFLATED_BYTES
    try:
        document = PDFDocument(PDFParser(handle))
        manager = PDFResourceManager(caching=True)
        device = _CharDevice(manager)
        interpreter = PDFPageInterpreter(manager, device)
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            interpreter.process_page(page)
            (x0, y0, x1, y1) = page.mediabox
            width, height = abs(x1 - x0), abs(y1 - y0)
            if page.rotate % 180:
                width, height = height, width
            yield PageChars(number, width, height, device.chars, device.edges)
    except _InflationLimit:
        raise TooLargeError(
            f"its compressed streams inflate to more than {MAX_INFLATED_BYTES:,} bytes (the limit per document)",
            path=path,
        ) from None
    except _PageLimit as exc:
        raise TooLargeError(str(exc), path=path) from None
    finally:
        _budget.remaining = None


def char_record(text: str, box: tuple[float, float, float, float], page_top: float, fontname: str,
                upright: bool, tag: str | None) -> dict[str, Any]:
    """One character as both character sources give it: its box (PDF space, corners in any
    order) turned to top-down page coordinates, with its font and marked-content tag."""
    x0, y0, x1, y1 = box
    x0, x1 = min(x0, x1), max(x0, x1)
    y0, y1 = min(y0, y1), max(y0, y1)
    return {"text": text, "x0": x0, "x1": x1, "top": page_top - y1, "bottom": page_top - y0, "size": y1 - y0,
            "fontname": fontname, "upright": upright, "tag": tag}


def path_edges(points: list[tuple[float, float]], fill: bool, page_top: float, edges: list[dict[str, Any]]) -> None:
    """The table rules a painted path draws, as pdfplumber edges (top-down coordinates).

    Shared by both character sources (pdfminer's device here, pdfium's page objects)."""
    if len(points) < 2:
        return
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    if fill and len(points) >= 4 and (width <= _THIN or height <= _THIN):
        # A thin filled rectangle: Word draws table rules this way.
        if width <= _THIN and height >= _MIN_EDGE:
            _edge(edges, page_top, min(xs) + width / 2, min(xs) + width / 2, min(ys), max(ys), "v")
        elif height <= _THIN and width >= _MIN_EDGE:
            _edge(edges, page_top, min(xs), max(xs), min(ys) + height / 2, min(ys) + height / 2, "h")
        return
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= _MIN_EDGE:
            _edge(edges, page_top, min(x0, x1), max(x0, x1), y0, y0, "h")
        elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= _MIN_EDGE:
            _edge(edges, page_top, x0, x0, min(y0, y1), max(y0, y1), "v")


def _edge(edges: list[dict[str, Any]], page_top: float, x0: float, x1: float, y0: float, y1: float, orientation: str) -> None:
    top, bottom = page_top - y1, page_top - y0
    edges.append({
        "x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
        "orientation": orientation, "object_type": "line",
    })
