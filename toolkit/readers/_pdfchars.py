"""Characters of PDF pages, collected lean and fast straight from pdfminer.

pdfplumber builds a layout object and then a dictionary of twenty-odd keys for
every character; the reader needs seven. This pdfminer device records just
those (the same geometry pdfminer's ``LTChar`` computes, in pdfplumber's
top-down coordinates), plus whether the character sits inside tagged-PDF
``/Artifact`` marked content, which roughly halves the time per page. Pages
that draw many lines (ruled tables) are handed back so the caller can let
pdfplumber's table finder look at them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

# Segments shorter than this (points) are ticks and glyph parts, not table rules.
_MIN_EDGE = 3.0
_THIN = 2.0  # a filled rectangle this thin is drawn as a rule


@dataclass(slots=True)
class PageChars:
    number: int
    width: float
    height: float
    chars: list[dict]
    # Horizontal and vertical rules painted on the page, as pdfplumber edge dicts
    # (x0, x1, top, bottom, width, height, orientation): the input of its table finder.
    edges: list[dict]


class _CharDevice(PDFTextDevice):
    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.chars: list[dict] = []
        self.edges: list[dict] = []
        self.page_top = 0.0
        self._tags: list[str] = []
        self._font_names: dict[int, str] = {}

    def begin_page(self, page, ctm) -> None:
        self.chars = []
        self.edges = []
        self._tags = []
        (x0, y0, x1, y1) = page.mediabox
        # pdfminer's page CTM moves the (rotated) media box origin to (0, 0).
        self.page_top = abs(y1 - y0) if page.rotate % 180 == 0 else abs(x1 - x0)

    def begin_tag(self, tag, props=None) -> None:
        self._tags.append(getattr(tag, "name", str(tag)))

    def end_tag(self) -> None:
        if self._tags:
            self._tags.pop()

    def do_tag(self, tag, props=None) -> None:
        return

    def paint_path(self, graphicstate, stroke, fill, evenodd, path) -> None:
        if not (stroke or fill):
            return
        (a, b, c, d, e, f) = self.ctm
        points: list[tuple[float, float]] = []
        start = None
        for segment in path:
            op = segment[0]
            if op == "m":
                x, y = segment[1], segment[2]
                start = (a * x + c * y + e, b * x + d * y + f)
                points.append(start)
                self._flush(points[:-1], fill)
                points = [start]
            elif op == "l":
                x, y = segment[1], segment[2]
                points.append((a * x + c * y + e, b * x + d * y + f))
            elif op == "h" and start is not None:
                points.append(start)
            else:
                self._flush(points, fill)  # a curve: rules are straight
                points = []
        self._flush(points, fill)

    def _flush(self, points: list[tuple[float, float]], fill: bool) -> None:
        if len(points) < 2:
            return
        xs = [x for x, _ in points]
        ys = [y for _, y in points]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        if fill and len(points) >= 4 and (width <= _THIN or height <= _THIN):
            # A thin filled rectangle: Word draws table rules this way.
            if width <= _THIN and height >= _MIN_EDGE:
                self._edge(min(xs) + width / 2, min(xs) + width / 2, min(ys), max(ys), "v")
            elif height <= _THIN and width >= _MIN_EDGE:
                self._edge(min(xs), max(xs), min(ys) + height / 2, min(ys) + height / 2, "h")
            return
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= _MIN_EDGE:
                self._edge(min(x0, x1), max(x0, x1), y0, y0, "h")
            elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= _MIN_EDGE:
                self._edge(x0, x0, min(y0, y1), max(y0, y1), "v")

    def _edge(self, x0: float, x1: float, y0: float, y1: float, orientation: str) -> None:
        top, bottom = self.page_top - y1, self.page_top - y0
        self.edges.append({
            "x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "orientation": orientation, "object_type": "line",
        })

    def render_image(self, name, stream) -> None:
        return

    def _font_name(self, font) -> str:
        key = id(font)
        name = self._font_names.get(key)
        if name is None:
            raw = font.fontname
            name = raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)
            self._font_names[key] = name
        return name

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
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
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        self.chars.append(
            {
                "text": text,
                "x0": x0,
                "x1": x1,
                "top": self.page_top - y1,
                "bottom": self.page_top - y0,
                "size": y1 - y0,
                "fontname": self._font_name(font),
                "upright": a * d * scaling > 0 and b * c <= 0,
                "tag": "Artifact" if "Artifact" in self._tags else (self._tags[-1] if self._tags else None),
            }
        )
        return adv


def _vertical(matrix, text: str, fontsize: float, adv: float) -> dict:
    (_, _, _, _, e, f) = matrix
    return {"text": text, "x0": e, "x1": e + fontsize, "top": 0.0, "bottom": 0.0, "size": fontsize,
            "fontname": "", "upright": False, "tag": None}


def iter_page_chars(handle) -> Iterator[PageChars]:
    """Every page's characters, in page order, from an open binary file."""
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
