"""PDF characters from pdfium give the records, and so the clauses, pdfminer's gave.

Each test reads the same file through both character sources
(``POLICYKIT_PDF_CHARS=pdfminer`` selects the old one) and compares: the
expectation is the independent pdfminer reading, never pdfium's own output.
"""

from __future__ import annotations

import io

import pytest
from _pdf_build import build_pdf, layout_pdf
from conftest import SAMPLE_NAMES, corpus_dir, sample

from toolkit.readers import read_document
from toolkit.readers.pdf.pdfium_chars import iter_page_chars as pdfium_chars
from toolkit.readers.pdf.pdfminer_chars import iter_page_chars as pdfminer_chars
from toolkit.render.document import render_json


def _records(source, data: bytes) -> list[tuple]:
    pages = []
    for page in source(io.BytesIO(data)):
        chars = sorted(
            (c["text"], "bold" in c["fontname"].lower(), c["upright"], c["tag"] == "Artifact",
             round(c["x0"], 1), round(c["x1"], 1), round(c["top"], 1), round(c["bottom"], 1), round(c["size"], 1))
            for c in page.chars if not c["text"].isspace()
        )
        edges = sorted(
            (e["orientation"], round(e["x0"], 1), round(e["x1"], 1), round(e["top"], 1), round(e["bottom"], 1))
            for e in page.edges
        )
        pages.append((page.number, round(page.width, 1), round(page.height, 1), chars, edges))
    return pages


def _one_page(content: bytes, page_extra: bytes = b"", mediabox: bytes = b"0 0 595 842") -> bytes:
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [" + mediabox + b"] " + page_extra
        + b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ])


_TEXT = (b"BT /F1 11 Tf 72 760 Td (Plain words here) Tj ET\n"
         b"BT /F2 14 Tf 72 730 Td (A bold heading) Tj ET\n"
         b"BT /F1 11 Tf 72 700 Td [(Kern)-120(ed text)] TJ ET\n"
         b"0.5 w 72 690 m 300 690 l S 72 650 228 0.8 re f 150 600 m 150 680 l S")

def _declared_zero_descent() -> bytes:
    """A TrueType font whose descriptor declares Descent 0, as LibreOffice writes, and a
    raised "th" (text rise) after a number: pdfminer puts the box's foot on the baseline.

    (Not embedded, so pdfium substitutes a font; it measures a few glyphs, "M" and
    "N", by the substitute rather than /Widths: the text avoids them. Real exports
    embed their fonts.)"""
    content = (b"BT /F1 11 Tf 72 700 Td (The 15) Tj 0 Ts /F1 6.4 Tf 4 Ts (th) Tj /F1 11 Tf 0 Ts ( of July) Tj ET\n"
               b"BT /F1 11 Tf 72 680 Td (Last line) Tj ET")
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /TrueType /BaseFont /BAAAAA+DejaVuSans /FirstChar 32 /LastChar 126 "
        b"/Widths [" + b" ".join([b"600"] * 95) + b"] /Encoding /WinAnsiEncoding /FontDescriptor 6 0 R >>",
        (b"<< /Type /FontDescriptor /FontName /BAAAAA+DejaVuSans /Flags 32 /FontBBox [-1020 -462 1792 1232] "
         b"/ItalicAngle 0 /Ascent 0 /Descent 0 /CapHeight 700 /StemV 80 >>"),
    ])


CASES = {
    "descriptor declaring no descent (LibreOffice)": _declared_zero_descent(),
    "plain": _one_page(_TEXT),
    "scaled by the graphics state": _one_page(b"q 1.5 0 0 1.5 0 0 cm " + _TEXT + b" Q"),
    "media box away from the origin": _one_page(_TEXT, mediabox=b"20 30 615 872"),
    "page turned by /Rotate 90": _one_page(_TEXT, page_extra=b"/Rotate 90 "),
    "page turned by /Rotate 180": _one_page(_TEXT, page_extra=b"/Rotate 180 "),
    "tagged, artifacts and rules": layout_pdf(
        [[(72, 780, "Running header", "F1", 9, "Artifact"), (72, 700, "1. Purpose", "F2", 12, "P"),
          (72, 680, "Body text of the clause.", "F1", 10, "P"), (500, 40, "Page 1", "F1", 9, "Artifact")]],
        rules=[[(72, 650, 400, 650), (72, 600, 400, 600), (72, 600, 72, 650), (400, 600, 400, 650)]],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_character_records_match_pdfminers(name):
    data = CASES[name]
    expected = _records(pdfminer_chars, data)
    assert expected and expected[0][3], "the case draws characters"
    got = _records(pdfium_chars, data)
    assert [page[:3] for page in got] == [page[:3] for page in expected]
    for page, want in zip(got, expected):
        # pdfium computes in single precision: allow its rounding, nothing more.
        for found, wanted in ((page[3], want[3]), (page[4], want[4])):
            assert len(found) == len(wanted)
            for mine, theirs in zip(found, wanted):
                keys = sum(not isinstance(v, float) for v in theirs)
                assert mine[:keys] == theirs[:keys]
                assert mine[keys:] == pytest.approx(theirs[keys:], abs=0.11)


def test_artifacts_and_rules_are_found():
    pages = list(pdfium_chars(io.BytesIO(CASES["tagged, artifacts and rules"])))
    header = [c for c in pages[0].chars if c["text"] == "R"]
    body = [c for c in pages[0].chars if c["text"] == "B"]
    assert header and all(c["tag"] == "Artifact" for c in header)
    assert body and all(c["tag"] == "P" for c in body)
    assert len(pages[0].edges) == 4


def test_a_space_pdfium_replaces_with_its_own_is_kept():
    # The real space opens the second run; pdfium drops it for one it makes up.
    data = _one_page(b"BT /F1 11 Tf 72 760 Td (is) Tj ( best) Tj ET")
    text = "".join(c["text"] for c in next(pdfium_chars(io.BytesIO(data))).chars)
    assert text == "is best"


def test_bad_files_still_get_one_line_errors(tmp_path):
    from toolkit.errors import CorruptFileError

    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a PDF body at all\n")
    with pytest.raises(CorruptFileError):
        read_document(path)


@pytest.mark.parametrize("key", sorted(SAMPLE_NAMES))
def test_sample_pdfs_read_the_same(key, monkeypatch):
    path = sample(key, "pdf")
    monkeypatch.setenv("POLICYKIT_PDF_CHARS", "pdfminer")
    expected = render_json(read_document(path))
    monkeypatch.setenv("POLICYKIT_PDF_CHARS", "pdfium")
    assert render_json(read_document(path)) == expected


def test_corpus_pdfs_read_the_same_clauses(monkeypatch):
    """Every clause the same, bar text drawn turned sideways in a form (one clause in two files)."""
    for path in sorted(corpus_dir("decoy-primary").glob("*.pdf")):
        monkeypatch.setenv("POLICYKIT_PDF_CHARS", "pdfminer")
        expected = [(c.id, c.full_text) for c in read_document(path).walk()]
        monkeypatch.setenv("POLICYKIT_PDF_CHARS", "pdfium")
        got = [(c.id, c.full_text) for c in read_document(path).walk()]
        assert [i for i, _ in got] == [i for i, _ in expected], path.name
        differ = [i for (i, a), (_, b) in zip(got, expected) if a != b]
        assert len(differ) <= 1, (path.name, differ)
