"""Characters of PDF pages from pdfium (pypdfium2), in the records ``pdfminer_chars`` makes.

pdfminer interprets content streams in pure Python and takes three quarters of
the time the PDF reader spends; pdfium does the same work in C. This module
asks pdfium's text page for each character and rebuilds the very record the
pdfminer device makes (text, x0, x1, top, bottom, size, fontname, upright,
tag) with pdfminer's geometry: the box runs from the origin to the advance
width and from the font's descent to one font size above it, in top-down
coordinates of the (rotated) media box. What the text page does not give is
read from pdfium's page objects: the tagged-PDF marked content around each
text object (``/Artifact``) and the straight rules of painted paths, which
feed pdfplumber's table finder as before.

pdfium is not thread-safe, so one document is read at a time per process
(``_LOCK``): threads (a Dask worker with several threads) queue, processes
run side by side.

The limits of ``pdfminer_chars`` hold here too. pdfium inflates streams in C with
no budget of its own (a 2 MB file whose one Flate stream inflates to 1 GB
would take that much memory, or abort the process), so before pdfium sees a
file its Flate streams are inflated here, in chunks, counting the bytes, and a
file past ``MAX_INFLATED_BYTES`` is refused. Images are left out of the count:
reading text never decodes them. Characters per page and per document are
counted before any is read.
"""

from __future__ import annotations

import ctypes
import os
import re
import threading
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ...errors import TooLargeError
from .pdfminer_chars import (
    MAX_DOCUMENT_CHARS,
    MAX_INFLATED_BYTES,
    MAX_PAGE_CHARS,
    PageChars,
    char_record,
    path_edges,
)
from .pdfminer_chars import iter_page_chars as _pdfminer_chars

_LOCK = threading.Lock()

# An affine matrix (a, b, c, d, e, f), as PDF writes them.
Matrix = tuple[float, float, float, float, float, float]


def iter_page_chars(handle: BinaryIO) -> Iterator[PageChars]:
    """Every page's characters, in page order, from an open binary file (as ``pdfminer_chars``).

    ``POLICYKIT_PDF_CHARS=pdfminer`` in the environment reads them with pdfminer
    instead, to compare the two.
    """
    if os.environ.get("POLICYKIT_PDF_CHARS", "").strip().lower() == "pdfminer":
        yield from _pdfminer_chars(handle)
        return
    data = handle.read()
    path = getattr(handle, "name", None)
    _check_inflation(data, path)
    with _LOCK:
        pages = _read_all(data, path)
    yield from pages


# "stream" at the start of stream data (not the end of "endstream"), and the end.
_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")


def _check_inflation(data: bytes, path: str | None) -> None:
    """Refuse a PDF whose Flate streams (other than images) inflate past the budget."""
    budget = MAX_INFLATED_BYTES
    for match in _STREAM_START.finditer(data):
        start = match.end()
        head = data[max(0, match.start() - 4096):match.start()]
        dictionary = head[head.rfind(b"obj"):] if b"obj" in head else head
        if not _FLATE.search(dictionary) or _IMAGE.search(dictionary):
            continue
        end = data.find(b"endstream", start)
        raw = data[start:end if end >= 0 else len(data)]
        inflater = zlib.decompressobj()
        pending = raw
        try:
            while pending and not inflater.eof:
                # At most one byte past what is left, so a bomb is never inflated whole.
                out = inflater.decompress(pending, budget + 1)
                budget -= len(out)
                if budget < 0:
                    raise TooLargeError(
                        f"its compressed streams inflate to more than {MAX_INFLATED_BYTES:,} bytes "
                        "(the limit per document)", path=path)
                pending = inflater.unconsumed_tail
                if not out and pending:
                    break  # no progress: leave damaged data to pdfium's own checks
        except zlib.error:
            continue  # damaged or not Flate after all: pdfium reports it, or skips it


def _read_all(data: bytes, path: str | None = None) -> list[PageChars]:
    document = pdfium.PdfDocument(data)
    _DESCENTS.clear()
    _DESCENTS.update(_declared_descents(data))
    total = 0
    try:
        pages = []
        for index in range(len(document)):
            page = _read_page(document, index, path)
            total += len(page.chars)
            if total > MAX_DOCUMENT_CHARS:
                raise TooLargeError(
                    f"the document draws more than {MAX_DOCUMENT_CHARS:,} characters (the limit per document)",
                    path=path)
            pages.append(page)
        return pages
    finally:
        document.close()


def _read_page(document: Any, index: int, path: str | None = None) -> PageChars:
    page = document[index]
    try:
        x0, y0, x1, y1 = page.get_mediabox()
        rotate = page.get_rotation() % 360
        # The transformation pdfminer's interpreter starts a page with: the media
        # box's corner to (0, 0), turned by /Rotate; then y is flipped top-down.
        if rotate == 90:
            ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
        elif rotate == 180:
            ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
        elif rotate == 270:
            ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
        else:
            ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
        width, height = abs(x1 - x0), abs(y1 - y0)
        if rotate % 180:
            width, height = height, width
        textpage = page.get_textpage()
        try:
            if pdfium_c.FPDFText_CountChars(textpage) > MAX_PAGE_CHARS:
                raise TooLargeError(
                    f"a page draws more than {MAX_PAGE_CHARS:,} characters (the limit per page)", path=path)
            chars = _chars(textpage, ctm, height)
        finally:
            textpage.close()
        edges: list[dict] = []
        _walk_paths(page.raw, ctm, height, edges)
        return PageChars(index + 1, width, height, chars, edges)
    finally:
        page.close()


def _fast(name: str, restype: Any, *argtypes: Any) -> Any:
    """pdfium's function with plain pointer types: per character, ctypes's typed
    pointers and casts cost more than the call itself."""
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    assert address is not None
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_FAST: dict[str, object] = {}
_VOID, _INT, _DOUBLE = ctypes.c_void_p, ctypes.c_int, ctypes.c_double


def _fast_calls() -> dict:
    if not _FAST:
        _FAST.update(
            object=_fast("FPDFText_GetTextObject", _VOID, _VOID, _INT),
            box=_fast("FPDFText_GetLooseCharBox", _INT, _VOID, _INT, _VOID),
            origin=_fast("FPDFText_GetCharOrigin", _INT, _VOID, _INT, _VOID, _VOID),
            size=_fast("FPDFText_GetFontSize", _DOUBLE, _VOID, _INT),
            matrix=_fast("FPDFText_GetMatrix", _INT, _VOID, _INT, _VOID),
            font=_fast("FPDFTextObj_GetFont", _VOID, _VOID),
        )
    return _FAST


_FONTS: dict[int, tuple[str, float]] = {}
# Of the document being read: base font name -> (descent, font name) as pdfminer takes them.
_DESCENTS: dict[str, tuple[float, str | None]] = {}


def _declared_descents(data: bytes) -> dict[str, tuple[float, str | None]]:
    """The /Descent each font's descriptor declares, by base font name (subset tag
    dropped, as pdfium names fonts), read as pdfminer reads it; only the page tree
    and font dictionaries are parsed, no content stream. Empty if pdfminer cannot
    parse the file: pdfium's own figures are used then."""
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    def name_of(value: object) -> str:
        value = resolve1(value)
        if isinstance(value, PSLiteral):
            value = value.name
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        return str(value)

    found: dict[str, tuple[float, str | None]] = {}
    seen: set[int] = set()
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        for page in PDFPage.create_pages(document):
            fonts = resolve1((page.resources or {}).get("Font")) or {}
            for spec in fonts.values():
                spec = resolve1(spec)
                if not isinstance(spec, dict) or id(spec) in seen:
                    continue
                seen.add(id(spec))
                if "BaseFont" not in spec:
                    continue
                base = name_of(spec["BaseFont"])
                subtype = name_of(spec.get("Subtype", ""))
                standard = _standard_metrics(base) if subtype in ("Type1", "MMType1", "TrueType") else None
                if standard is not None:
                    # pdfminer measures a simple font named as a standard one by its
                    # Adobe metrics, embedded or not.
                    found.setdefault(base, standard)
                    found.setdefault(base.split("+")[-1], standard)
                    continue
                if subtype == "Type3":
                    continue  # measured by its FontMatrix: pdfium's figures stand
                descriptor = resolve1(spec.get("FontDescriptor"))
                if descriptor is None and spec.get("DescendantFonts"):
                    descendants = resolve1(spec.get("DescendantFonts"))
                    if descendants:
                        descriptor = resolve1(resolve1(descendants[0]).get("FontDescriptor"))
                descent = resolve1(descriptor.get("Descent", 0)) if isinstance(descriptor, dict) else 0
                if not isinstance(descent, int | float):
                    descent = 0
                # pdfminer's rule: a descent is below the baseline, whatever its sign.
                # By the full name and without the subset tag: pdfium drops it for some fonts.
                found.setdefault(base, (-abs(float(descent)), None))
                found.setdefault(base.split("+")[-1], (-abs(float(descent)), None))
    except Exception:  # noqa: BLE001 - a file pdfminer cannot parse keeps pdfium's figures
        return {}
    return found


def _font(address: int) -> tuple[str, float]:
    """(name, descent per unit of size) of a pdfium font, as pdfminer sees them.

    Keyed by address within one page only (``_chars`` clears it): pdfium may free
    a font with its page and put another at the same address."""
    known = _FONTS.get(address)
    if known is None:
        font = ctypes.cast(_VOID(address), pdfium_c.FPDFTextObj_GetFont.restype)
        descent = ctypes.c_float(0.0)
        pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), descent)
        name, desc = _font_name(font), descent.value
        declared = _DESCENTS.get(name)
        if declared is not None:
            # pdfminer takes the descent the font descriptor declares, even 0 (LibreOffice
            # writes 0), where pdfium falls back to the font file's, which moves the box.
            desc, name = declared[0], declared[1] or name
        else:
            standard = None if pdfium_c.FPDFFont_GetIsEmbedded(font) else _standard_metrics(name)
            if standard is not None:
                # pdfminer measures the standard fonts by their Adobe metrics, not the font file.
                desc, name = standard
        known = _FONTS[address] = (name, desc / 1000.0)
    return known


def _run_of(textpage: Any, handle: int, obj: int, i: int, ctm: Matrix, page_top: float) -> tuple:
    """What the characters of one text object share: font, size, matrix, marked content.

    The offset turns the bottom of pdfium's loose box (the font's descent, scaled
    so that ascent - descent is one font size) into pdfminer's (the font's
    descent below the baseline); it is the same for every character of the run.
    None when pdfium falls back to the glyph's box: then the origin is asked for.
    ``fast`` holds what the common case (upright text, an unturned page) needs.
    """
    calls = _fast_calls()
    fontsize = calls["size"](handle, i)
    matrix = pdfium_c.FS_MATRIX()
    calls["matrix"](handle, i, ctypes.byref(matrix))
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    font = calls["font"](obj)
    name, descent = _font(font) if font else ("", 0.0)
    # pdfminer's test on the matrix in device space (the page's turn included),
    # scaling aside: not mirrored, not turned.
    ca, cb, cc, cd, ce, cf = ctm
    da, db, dc, dd = a * ca + b * cc, a * cb + b * cd, c * ca + d * cc, c * cb + d * cd
    upright = da * dd > 0 and db * dc <= 0
    rect = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    calls["box"](handle, i, ctypes.byref(rect))
    calls["origin"](handle, i, ctypes.byref(ox), ctypes.byref(oy))
    offset = None
    if abs((rect.top - rect.bottom) - abs(a * fontsize)) < 1e-3 * max(abs(a * fontsize), 1.0):
        offset = (oy.value - rect.bottom) + d * fontsize * descent
    fast = None
    if offset is not None and b == 0.0 and c == 0.0 and a > 0 and d > 0 and (ca, cb, cc, cd) == (1.0, 0.0, 0.0, 1.0):
        # bottom = page_top - (loose bottom + offset + cf); top = bottom - d * size
        fast = (page_top - offset - cf, d * fontsize, ce)
    obj_handle = ctypes.cast(_VOID(obj), pdfium_c.FPDFTextObj_GetFont.argtypes[0])
    return (name, fontsize, descent, a, b, c, d, upright, _tag(obj_handle), offset, fast)


_STANDARD: dict[str, tuple[float, str]] = {}


def _standard_metrics(name: str) -> tuple[float, str] | None:
    """(descent, font name) pdfminer gives a standard font it knows by its base name."""
    if not _STANDARD:
        from pdfminer.fontmetrics import FONT_METRICS

        for base, (descriptor, _widths) in FONT_METRICS.items():
            descent = descriptor.get("Descent")
            _STANDARD[base] = (float(descent) if isinstance(descent, int | float) else 0.0,
                               str(descriptor.get("FontName", base)))
    return _STANDARD.get(name)


def _font_name(font: Any) -> str:
    length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    if length <= 1:
        return ""
    buffer = ctypes.create_string_buffer(length)
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, length)
    return buffer.value.decode("utf-8", "replace")


def _tag(obj: Any) -> str | None:
    """The innermost marked-content tag around a page object, or "Artifact" inside one (as pdfminer's device)."""
    count = pdfium_c.FPDFPageObj_CountMarks(obj)
    if count <= 0:
        return None
    names = []
    for k in range(count):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, k)
        if not mark:
            continue
        length = ctypes.c_ulong(0)
        buffer = (ctypes.c_ushort * 64)()
        if pdfium_c.FPDFPageObjMark_GetName(mark, buffer, ctypes.sizeof(buffer), length):
            names.append(bytes(buffer)[: max(length.value - 2, 0)].decode("utf-16-le", "replace"))
    if "Artifact" in names:
        return "Artifact"
    return names[-1] if names else None


# pdfium reports a hyphen that ends a line as U+FFFE (and U+0002): pdfminer reads "-".
_HYPHENS = {"\ufffe": "-", "\x02": "-"}


class _TextPage:
    """A page's text page with the ctypes buffers every character's questions reuse."""

    def __init__(self, textpage: Any, ctm: Matrix, page_top: float, count: int) -> None:
        self.textpage = textpage
        self.ctm = ctm
        self.page_top = page_top
        self.count = count
        self.calls = _fast_calls()
        self.handle = ctypes.cast(textpage, ctypes.c_void_p).value or 0
        self.rect = pdfium_c.FS_RECTF()
        self.rect_ref = ctypes.byref(self.rect)
        self.ox, self.oy = ctypes.c_double(), ctypes.c_double()
        self.ox_ref, self.oy_ref = ctypes.byref(self.ox), ctypes.byref(self.oy)
        ca, cb, cc, cd, _, _ = ctm
        self.identity = ca == 1.0 and cb == 0.0 and cc == 0.0 and cd == 1.0

    def origin(self, i: int) -> tuple[float, float]:
        self.calls["origin"](self.handle, i, self.ox_ref, self.oy_ref)
        return self.ox.value, self.oy.value


def _chars(textpage: Any, ctm: Matrix, page_top: float) -> list[dict[str, Any]]:
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    text = _page_text(textpage, count)
    _FONTS.clear()
    page = _TextPage(textpage, ctm, page_top, count)
    get_object, get_box = page.calls["object"], page.calls["box"]
    handle, rect, rect_ref = page.handle, page.rect, page.rect_ref
    runs: dict[int, tuple] = {}
    hyphens = _HYPHENS
    out: list[dict[str, Any]] = []
    append = out.append
    last = None  # the record of the character just before, when it was a real one
    for i in range(count):
        char = text[i] if text is not None else chr(pdfium_c.FPDFText_GetUnicode(textpage, i))
        key = get_object(handle, i)
        if not key:
            # A space or line break pdfium made up. Where it made up a space it
            # dropped the real one that opened the next run, which pdfminer keeps:
            # put a space where the run before ends.
            if char == " " and last is not None:
                space = dict(last)
                space["text"] = " "
                space["x0"] = last["x1"]
                append(space)
            last = None
            continue
        run = runs.get(key)
        if run is None:
            run = runs[key] = _run_of(textpage, handle, key, i, ctm, page_top)
        get_box(handle, i, rect_ref)
        if char in hyphens:
            char = hyphens[char]
        fast = run[10]
        if fast is None:
            last = _placed(page, run, i, key, char)
        else:
            # The common case: upright text on an unturned page.
            bottom = fast[0] - rect.bottom
            last = {
                "text": char,
                "x0": rect.left + fast[2],
                "x1": rect.right + fast[2],
                "top": bottom - fast[1],
                "bottom": bottom,
                "size": fast[1],
                "fontname": run[0],
                "upright": True,
                "tag": run[8],
            }
        append(last)
    return out


def _placed(page: _TextPage, run: tuple, i: int, key: int, char: str) -> dict[str, Any]:
    """The record of a character outside the common case (turned text or page, a box
    pdfium took from the glyph), with pdfminer's geometry; ``page.rect`` holds its loose box."""
    fontname, fontsize, descent, a, b, c, d, upright, tag, offset, _ = run
    rect = page.rect
    if b == 0.0 and c == 0.0:
        # pdfminer's box: origin to advance, descent to descent + size (the
        # advance is the width of pdfium's loose box).
        x0u, x1u = rect.left, rect.right
        if offset is not None:
            y0u = rect.bottom + offset
        else:
            x0u, oy = page.origin(i)
            y0u = oy + d * descent * fontsize
        y1u = y0u + d * fontsize
    else:
        # Turned text: pdfminer's box through the whole matrix. pdfium's loose
        # box is flat here, so the advance is the step to the next character.
        e, f = page.origin(i)
        adv = _advance(page.textpage, page.handle, i, page.count, key, e, f, a, b)
        lower = descent * fontsize
        upper = lower + fontsize
        x0u = c * lower + e
        y0u = d * lower + f
        x1u = a * adv + c * upper + e
        y1u = b * adv + d * upper + f
    ca, cb, cc, cd, ce, cf = page.ctm
    if page.identity:
        px0, px1, py0, py1 = x0u + ce, x1u + ce, y0u + cf, y1u + cf
    else:
        px0, py0 = ca * x0u + cc * y0u + ce, cb * x0u + cd * y0u + cf
        px1, py1 = ca * x1u + cc * y1u + ce, cb * x1u + cd * y1u + cf
    return char_record(char, (px0, py0, px1, py1), page.page_top, fontname, upright, tag)


def _advance(textpage: Any, handle: int, i: int, count: int, key: int, e: float, f: float, a: float, b: float) -> float:
    """A turned character's advance in text space: the distance to the next one of its run."""
    calls = _fast_calls()
    get_object, get_origin = calls["object"], calls["origin"]
    scale = (a * a + b * b) ** 0.5 or 1.0
    if i + 1 < count and get_object(handle, i + 1) == key:
        nx, ny = ctypes.c_double(), ctypes.c_double()
        get_origin(handle, i + 1, ctypes.byref(nx), ctypes.byref(ny))
        return ((nx.value - e) ** 2 + (ny.value - f) ** 2) ** 0.5 / scale
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
    return max(right.value - left.value, top.value - bottom.value) / scale


def _page_text(textpage: Any, count: int) -> str | None:
    """The page's text in one call, when it maps one to one onto character indices."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", "surrogatepass")
    if len(text) != count or any("\ud800" <= ch <= "\udfff" for ch in text):
        return None  # characters beyond the BMP take two units: ask one by one
    return text


# -- rules painted on the page ---------------------------------------------------------------


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n, for matrices as (a, b, c, d, e, f)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _walk_paths(container: Any, ctm: Matrix, page_top: float, edges: list[dict[str, Any]], form: bool = False,
                depth: int = 0) -> None:
    count = (pdfium_c.FPDFFormObj_CountObjects if form else pdfium_c.FPDFPage_CountObjects)(container)
    get = pdfium_c.FPDFFormObj_GetObject if form else pdfium_c.FPDFPage_GetObject
    for k in range(max(count, 0)):
        obj = get(container, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_edges(obj, ctm, page_top, edges)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
            matrix = pdfium_c.FS_MATRIX()
            pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
            inner = _mul((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), ctm)
            _walk_paths(obj, inner, page_top, edges, form=True, depth=depth + 1)


def _path_edges(obj: Any, ctm: Matrix, page_top: float, edges: list[dict[str, Any]]) -> None:
    fillmode, stroke = ctypes.c_int(0), ctypes.c_int(0)
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fillmode, stroke):
        return
    fill = fillmode.value != 0
    if not (fill or stroke.value):
        return
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
    a, b, c, d, e, f = _mul((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), ctm)
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    start = None
    for s in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, s)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            _flush(points, fill, page_top, edges)
            start = point
            points = [point]
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            points.append(point)
        else:
            _flush(points, fill, page_top, edges)  # a curve: rules are straight
            points = []
            continue
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            points.append(start)
    _flush(points, fill, page_top, edges)


def _flush(points: list[tuple[float, float]], fill: bool, page_top: float, edges: list[dict[str, Any]]) -> None:
    path_edges(points, fill, page_top, edges)  # the same rules, by the same tests, as pdfminer's device
