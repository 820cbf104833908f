"""Writing tiny PDFs by hand inside tests: a text page, an image-only page, an encrypted file."""

from __future__ import annotations


def build_pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """objects[i] is the body of object i+1; object 1 must be the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(content: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def page_pdf(content: bytes, trailer_extra: bytes = b"", extra_objects: list[bytes] | None = None) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ] + (extra_objects or [])
    return build_pdf(objects, trailer_extra)


def text_pdf(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 72 760 Td 14 TL"]
    for line in lines:
        ops.append(b"(" + line.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*")
    ops.append(b"ET")
    return page_pdf(b"\n".join(ops))


def scanned_pdf() -> bytes:
    # Only a filled rectangle where a scan's image would be: no text operators at all.
    return page_pdf(b"0.5 g 72 72 451 698 re f")


def encrypted_pdf() -> bytes:
    """Standard security handler (RC4, R2) whose user password is not empty."""
    encrypt = (
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
        b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
    )
    ident = b"<" + b"ab" * 16 + b">"
    return page_pdf(b"BT /F1 11 Tf 72 760 Td (secret) Tj ET", b"/Encrypt 6 0 R /ID [" + ident + b" " + ident + b"] ",
                    extra_objects=[encrypt])


def _escape(text: str) -> bytes:
    return text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def layout_pdf(pages: list[list[tuple]], rules: list[list[tuple]] | None = None) -> bytes:
    """Pages of positioned text: items (x, y, text[, font[, size[, mark]]]).

    ``rules``: per page, straight lines (x0, y0, x1, y1) stroked on it (table borders).

    Fonts: F1 Courier, F2 Courier-Bold (monospaced: 0.6 em a character, so tests
    can place words exactly), F3 Helvetica (a second face, as a bullet font). ``mark``: "Artifact" wraps the text in /Artifact
    marked content; "P" in a tagged /P with an MCID.
    """
    count = len(pages)
    font1, font2, font3 = 3 + 2 * count, 4 + 2 * count, 5 + 2 * count
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R /MarkInfo << /Marked true >> >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(count)) + b"] /Count %d >>" % count,
    ]
    for index, items in enumerate(pages):
        ops = []
        for mcid, item in enumerate(items):
            x, y, text = item[0], item[1], item[2]
            font = item[3] if len(item) > 3 else "F1"
            size = item[4] if len(item) > 4 else 10
            mark = item[5] if len(item) > 5 else None
            show = b"BT /%s %d Tf 1 0 0 1 %.2f %.2f Tm (" % (font.encode(), size, x, y) + _escape(text) + b") Tj ET"
            if mark == "Artifact":
                show = b"/Artifact BMC " + show + b" EMC"
            elif mark:
                show = b"/%s << /MCID %d >> BDC " % (mark.encode(), mcid) + show + b" EMC"
            ops.append(show)
        for x0, y0, x1, y1 in (rules[index] if rules and index < len(rules) else []):
            ops.append(b"0.5 w %.2f %.2f m %.2f %.2f l S" % (x0, y0, x1, y1))
        content = b"\n".join(ops)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R /F3 %d 0 R >> >> >>" % (4 + 2 * index, font1, font2, font3)
        )
        objects.append(_stream(content))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return build_pdf(objects)
