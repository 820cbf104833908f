"""The hostile inputs of issue 13, rebuilt as small generators.

Each ``Reproducer`` writes its input files into a fresh folder and returns the
policykit command line to run on them. The regression tests
(``tests/test_hostile_reproducers.py``) run each command in a child process
limited to 1 GB of memory and 20 seconds, and expect either success or one
line on stderr naming the offending file.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)


def _doc_rels(extra: dict[str, str]) -> bytes:
    kinds = {"numbering.xml": "numbering", "styles.xml": "styles"}
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_R_NS}/{kinds[name]}" Target="{name}"/>'
        for i, name in enumerate(sorted(extra), start=10)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    ).encode()


def paragraph(text: str, *, style: str | None = None, num: tuple[str, str] | None = None) -> str:
    ppr = ""
    if style or num:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num:
            inner += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr = f"<w:pPr>{inner}</w:pPr>"
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def document_xml(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def docx_bytes(document: bytes, parts: dict[str, bytes] | None = None, *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal Word package: content types, relationships, document.xml and any word/ parts."""
    parts = dict(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("word/_rels/document.xml.rels", _doc_rels({name: "" for name in parts}))
        archive.writestr(zipfile.ZipInfo("word/document.xml"), document, compress_type=method)
        for name, data in parts.items():
            archive.writestr(f"word/{name}", data)
    return buffer.getvalue()


def numbering(fmt: str, start: str, text: str = "%1.") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NS}">'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()


def _list_docx(fmt: str, start: str, items: int = 200, ilvl: str = "0") -> bytes:
    body = paragraph("Staff Social Media Policy", style="Title")
    body += "".join(paragraph(f"Staff must follow rule {i} at all times.", num=("1", ilvl)) for i in range(items))
    return docx_bytes(document_xml(body), {"numbering.xml": numbering(fmt, start)})


# -- the reproducers -------------------------------------------------------------------------


@dataclass(frozen=True)
class Reproducer:
    name: str
    issue_item: int
    build: Callable[[Path], list[str]]  # writes inputs into the folder, returns the CLI arguments
    # The file an error must name (relative to the folder); None: the command must succeed.
    blamed: str | None
    # Success allowed too (a correct result is as good as a clear refusal).
    may_succeed: bool = False


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _big_docx(folder: Path) -> list[str]:
    """1: a DOCX that unpacks to 196 MB at about 124:1, inside the old 200 MB / 200:1 limits."""
    rng = random.Random(13)
    words = ["staff", "pupils", "must", "never", "post", "images", "online", "school", "policy", "safe"]
    chunk = "".join(
        paragraph(" ".join(rng.choice(words) for _ in range(12)) + f" {rng.randrange(10**6)}") for _ in range(4000)
    ).encode()
    head, tail = document_xml("").split(b"</w:body>")
    path = folder / "huge.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head.replace(b"<w:body>", b"<w:body>"))
            target = 196 * 1024 * 1024
            written = 0
            while written < target:
                member.write(chunk)
                written += len(chunk)
            member.write(b"</w:body>" + tail)
    return ["parse", str(path)]


def _flate_pdf(folder: Path) -> list[str]:
    """1: a small PDF whose one Flate stream inflates to 1 GB."""
    compressor = zlib.compressobj(9)
    line = b"BT /F1 11 Tf 72 760 Td (Staff must keep pupils safe online.) Tj ET\n"
    block = line * (1024 * 1024 // len(line))
    compressed = b"".join(compressor.compress(block) for _ in range(1024)) + compressor.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed) + compressed + b"\nendstream"
    from tests._pdf_build import build_pdf

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path = _write(folder, "inflate.pdf", build_pdf(objects))
    return ["parse", str(path)]


def _letters_start(folder: Path) -> list[str]:
    """1: a list that starts at 100,000,000 in letters (Word would print a 3.8-million-letter label)."""
    path = _write(folder, "letters.docx", _list_docx("lowerLetter", "100000000"))
    return ["parse", str(path)]


def _roman_start(folder: Path) -> list[str]:
    """1: a list whose start is a 4,000-digit number, in Roman numerals."""
    path = _write(folder, "roman.docx", _list_docx("upperRoman", "9" * 4000))
    return ["parse", str(path)]


def _short_lines_text(count: int) -> str:
    lines = ["Staff Social Media Policy", ""]
    lines += [f"Rule {i}:" for i in range(count)]
    return "\n".join(lines) + "\n"


def _nested_text(folder: Path) -> list[str]:
    """3: about 1,000 short lines in a text file, each nested under the one before."""
    path = _write(folder, "nested.txt", _short_lines_text(3000))
    return ["parse", str(path)]


def _nested_compare(folder: Path) -> list[str]:
    """3: the same at 500 lines through compare, which saves the parsed copy in its cache."""
    schools = folder / "schools"
    _write(schools, "nested.txt", _short_lines_text(3000))
    _write(schools, "plain.md", "# Social Media Policy\n\n1. Staff must not post pictures of pupils.\n")
    return ["compare", str(schools), "-o", str(folder / "out" / "report.json")]


_PROFILE = """school_name = "{name}"
school_type = "primary"
headteacher = "Ms A. Example"
designated_safeguarding_lead = "Mr B. Example"
deputy_safeguarding_lead = "Mrs C. Example"
data_protection_officer = "D. Example"
chair_of_governors = "Dr E. Example"
approving_body = "full governing board"
approval_date = {date}
review_cycle_years = 1
version = "1.0"
pupil_age_range = "4-11"
"""


def _profile(folder: Path, *, name: str = "Oakfield Primary School", date: str = "2025-03-21") -> Path:
    return _write(folder, "school.toml", _PROFILE.format(name=name, date=date))


def _user_templates(folder: Path, body: str, declaration: str = "## Declaration\n\nI have read it: {{ school.name }}\n") -> Path:
    policy = "# Policy\n\n## Scope\n\n1. Staff must follow this policy.\n" + body
    templates = folder / "mine"
    _write(templates, "template.toml", 'name = "mine"\nversion = "1"\ntitle = "Mine"\n'
           'policy = "policy.md.jinja"\ndeclaration = "declaration.md.jinja"\n')
    _write(templates, "policy.md.jinja", policy)
    _write(templates, "declaration.md.jinja", declaration)
    return templates


def _template_symlink(folder: Path) -> list[str]:
    """4: a symlink in a --templates folder pointing at a local file outside it."""
    secret = _write(folder, "secret.txt", "2. TOP SECRET staff salaries\n")
    templates = _user_templates(folder, "{% include 'leak.md.jinja' %}\n")
    os.symlink(secret, templates / "leak.md.jinja")
    return ["generate", "--profile", str(_profile(folder)), "--templates", str(templates), "-o", str(folder / "out")]


def _template_memory(folder: Path) -> list[str]:
    """4: a template asking for a 10 GB string."""
    templates = _user_templates(folder, "2. {{ 'x' * 10**10 }}\n")
    return ["generate", "--profile", str(_profile(folder)), "--templates", str(templates), "-o", str(folder / "out")]


def _template_loops(folder: Path) -> list[str]:
    """4: nested loops that would run for hours."""
    templates = _user_templates(
        folder, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"
    )
    return ["generate", "--profile", str(_profile(folder)), "--templates", str(templates), "-o", str(folder / "out")]


def _template_self_include(folder: Path) -> list[str]:
    """4: a template that includes itself."""
    templates = _user_templates(folder, "{% include 'policy.md.jinja' %}\n")
    return ["generate", "--profile", str(_profile(folder)), "--templates", str(templates), "-o", str(folder / "out")]


def _corrupt_deflate(folder: Path) -> list[str]:
    """6: document.xml whose deflate data is damaged (zlib.error inside zipfile)."""
    data = bytearray(docx_bytes(document_xml(paragraph("Staff must keep pupils safe online. " * 200))))
    start = data.find(b"word/document.xml", 0)
    start = data.find(b"word/document.xml", start + 1)  # the local header's name is first; skip past it
    local = data.find(b"PK\x03\x04")
    # Scribble over the middle of the document's compressed bytes, leaving the headers intact.
    offset = data.find(b"word/document.xml") + len(b"word/document.xml") + 40
    for i in range(offset, offset + 60):
        data[i] ^= 0x5A
    del start, local
    path = _write(folder, "scribbled.docx", bytes(data))
    return ["parse", str(path)]


def _unknown_method(folder: Path) -> list[str]:
    """6: a part stored with a compression method zipfile does not implement."""
    data = bytearray(docx_bytes(document_xml(paragraph("Staff must keep pupils safe online."))))
    name = b"word/document.xml"
    # Patch the method (offset 8 in a local header, 10 in a central one) of both headers to 97 (WavPack).
    for signature, method_at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        index = 0
        while (index := data.find(signature, index)) != -1:
            name_at = index + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                data[index + method_at:index + method_at + 2] = (97).to_bytes(2, "little")
            index += 4
    path = _write(folder, "wavpack.docx", bytes(data))
    return ["parse", str(path)]


def _bad_ilvl(folder: Path) -> list[str]:
    """6: a w:ilvl of ``x``."""
    path = _write(folder, "ilvl-x.docx", _list_docx("decimal", "1", items=3, ilvl="x"))
    return ["parse", str(path)]


def _huge_ilvl(folder: Path) -> list[str]:
    """6: a w:ilvl of 4,300 digits (past int()'s digit limit)."""
    numbering_part = numbering("decimal", "1").replace(b'w:ilvl="0"', b'w:ilvl="' + b"7" * 4400 + b'"')
    body = "".join(paragraph("Staff must follow the rule.", num=("1", "7" * 4400)) for _ in range(3))
    path = _write(folder, "ilvl-digits.docx", docx_bytes(document_xml(body), {"numbering.xml": numbering_part}))
    return ["parse", str(path)]


def _based_on_chain(folder: Path) -> list[str]:
    """6: a basedOn chain 985 styles long."""
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="Style {i}"/>'
        + (f'<w:basedOn w:val="S{i + 1}"/>' if i < 984 else "")
        + "</w:style>"
        for i in range(985)
    )
    styles_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>').encode()
    body = paragraph("Staff Social Media Policy", style="S0") + paragraph("Staff must keep pupils safe.", style="S0")
    path = _write(folder, "chain.docx", docx_bytes(document_xml(body), {"styles.xml": styles_xml}))
    return ["parse", str(path)]


def _multiline_xml_error(folder: Path) -> list[str]:
    """6: a not-well-formed part whose parser message carries a newline and a slice of the document."""
    broken = document_xml(paragraph("Staff must\nkeep pupils safe.")).replace(b"</w:t>", b"</w:tt>\n\n<x>")
    path = _write(folder, "broken.docx", docx_bytes(broken))
    return ["parse", str(path)]


def _cache_shapes(folder: Path) -> list[str]:
    """8: cache entries of the wrong shape must be misses, never failures."""
    from toolkit.trust.cache import CACHE_DIRNAME, DocumentCache

    schools = folder / "schools"
    one = _write(schools, "one.md", "# Social Media Policy\n\n1. Staff must not post pictures of pupils.\n")
    two = _write(schools, "two.md", "# Social Media Policy\n\n1. Staff must not befriend pupils.\n")
    three = _write(schools, "three.md", "# Social Media Policy\n\n1. Staff must use school accounts.\n")
    four = _write(schools, "four.md", "# Social Media Policy\n\n1. Staff must report concerns.\n")
    five = _write(schools, "five.md", "# Social Media Policy\n\n1. Staff must lock their phones.\n")
    out = folder / "out"
    cache = DocumentCache(out / CACHE_DIRNAME)
    nested: object = []
    for _ in range(3000):
        nested = [nested]
    shapes = ["[]", "null", '{"schema": "policykit.document-state/1", "metadata": []}',
              None, "[" * 3000 + "]" * 3000]
    for path, shape in zip((one, two, three, four, five), shapes):
        entry = cache.folder / f"{cache.key(path, path.read_bytes())}.json"
        entry.parent.mkdir(parents=True, exist_ok=True)
        if shape is None:  # a well-formed entry with a date in year 99999
            good = __import__("toolkit.storage", fromlist=["dumps"]).document_state(
                __import__("toolkit.readers", fromlist=["read_document"]).read_document(path))
            good["metadata"]["approved"] = {"raw": "x", "value": {"date": [99999, 1, 1, None]}, "label": None,
                                            "consumed": "x"}
            import json

            shape = json.dumps(good)
        entry.write_text(shape)
    return ["compare", str(schools), "-o", str(out / "report.json")]


def _approval_9999(folder: Path) -> list[str]:
    """9: approval_date = 9999-12-31 (the next review would be in year 10000)."""
    profile = _profile(folder, date="9999-12-31")
    return ["generate", "--profile", str(profile), "-o", str(folder / "out"), "--no-pdf"]


def _deep_toml(folder: Path) -> list[str]:
    """9: a TOML array nested 50,000 deep."""
    profile = _write(folder, "school.toml", _PROFILE.format(name="Oakfield", date="2025-03-21")
                     + "deep = " + "[" * 50000 + "]" * 50000 + "\n")
    return ["generate", "--profile", str(profile), "-o", str(folder / "out"), "--no-pdf"]


def _hash_name(folder: Path) -> list[str]:
    """9: a school name starting "# " (a Markdown heading once rendered)."""
    profile = _profile(folder, name="# Oakfield Primary")
    return ["generate", "--profile", str(profile), "-o", str(folder / "out"), "--no-pdf"]


def _bidi_report(folder: Path) -> list[str]:
    """10: U+202E in a policy reaching an HTML report."""
    schools = folder / "schools"
    _write(schools, "a.md", "# Social Media Policy\n\n1. Staff must not post \u202epictures\u202c of pupils.\n")
    _write(schools, "b.md", "# Social Media Policy\n\n1. Staff must not post pictures of pupils.\n")
    return ["diff", str(schools / "b.md"), str(schools / "a.md"), "-o", str(folder / "out" / "changes.html")]


def _fuzz_case(number: int, seed: int) -> Callable[[Path], list[str]]:
    """A case of a recorded fuzz run, rebuilt from its number and seed."""

    def build(folder: Path) -> list[str]:
        from .harness import Seeds, build_case

        return list(build_case(number, seed, folder, Seeds.load()).args)

    return build


# 1: case 790 of the 5,000-case run with seed 29 (after issue 13): two mutated Markdown
# files of a few huge paragraphs each; the search for re-flowed text was quadratic in a
# gap's words and ran for minutes.
_fuzz_case_790 = _fuzz_case(790, 29)
# 1: case 351 of a 1,500-case run with seed 43 (after issue 9): a sample whose clause became
# one 200,000-character line that differs from the other version only in its spacing; the
# letter-by-letter comparison of that line was quadratic and ran for minutes.
_fuzz_case_351 = _fuzz_case(351, 43)


def _entity_in_text(folder: Path) -> list[str]:
    """10: a DTD entity inside a w:t; the text after it must not vanish silently."""
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe "expanded">]>'
    body = paragraph("Staff Social Media Policy") + paragraph("Staff must &xxe; keep pupils safe online.")
    path = _write(folder, "entity.docx", docx_bytes(document_xml(body, prolog)))
    return ["parse", str(path)]


def _deep_markdown(folder: Path) -> list[str]:
    """1/3: Markdown lists nested 2,000 deep (markdown-it used to drop everything past ten)."""
    path = _write(folder, "deep.md", "# Policy\n\n" + "".join("  " * i + f"- item {i}\n" for i in range(2000)))
    return ["parse", str(path)]


def _big_text(folder: Path) -> list[str]:
    """1: a 45 MB text file, inside the 50 MB file limit (it needed more than 1 GB)."""
    line = "1. Staff must never post images of pupils on personal social media accounts.\n"
    path = _write(folder, "long.txt", "Staff Social Media Policy\n\n" + line * (45 * 1024 * 1024 // len(line)))
    return ["parse", str(path), "--format", "json"]


def _long_title_docx_diff(folder: Path) -> list[str]:
    """Found by the fuzz: a title line of 400 characters broke the Word diff (255-character properties)."""
    title = "Staff Social Media Policy " + "word " * 80
    _write(folder, "old.txt", f"{title}\n\n1. Staff must keep pupils safe.\n")
    _write(folder, "new.txt", f"{title}\n\n1. Staff must keep all pupils safe.\n")
    return ["diff", str(folder / "old.txt"), str(folder / "new.txt"), "-o", str(folder / "out" / "changes.docx")]


REPRODUCERS: tuple[Reproducer, ...] = (
    Reproducer("docx-unpacks-196mb", 1, _big_docx, "huge.docx"),
    Reproducer("pdf-flate-1gb", 1, _flate_pdf, "inflate.pdf"),
    Reproducer("text-45mb", 1, _big_text, "long.txt"),
    Reproducer("list-start-100m-letters", 1, _letters_start, None),
    Reproducer("list-start-4000-digit-roman", 1, _roman_start, None),
    Reproducer("text-short-lines-nested", 3, _nested_text, None),
    Reproducer("compare-short-lines-nested", 3, _nested_compare, None),
    Reproducer("markdown-lists-2000-deep", 3, _deep_markdown, "deep.md"),
    Reproducer("template-symlink", 4, _template_symlink, "leak.md.jinja"),
    Reproducer("template-10gb-string", 4, _template_memory, "policy.md.jinja"),
    Reproducer("template-nested-loops", 4, _template_loops, "policy.md.jinja"),
    Reproducer("template-self-include", 4, _template_self_include, "policy.md.jinja"),
    Reproducer("docx-damaged-deflate", 6, _corrupt_deflate, "scribbled.docx"),
    Reproducer("docx-unknown-compression", 6, _unknown_method, "wavpack.docx"),
    Reproducer("docx-ilvl-x", 6, _bad_ilvl, None),
    Reproducer("docx-ilvl-4400-digits", 6, _huge_ilvl, None),
    Reproducer("docx-basedon-985", 6, _based_on_chain, None),
    Reproducer("docx-multiline-xml-error", 6, _multiline_xml_error, "broken.docx"),
    Reproducer("cache-wrong-shapes", 8, _cache_shapes, None),
    Reproducer("profile-approval-9999", 9, _approval_9999, "school.toml", may_succeed=True),
    Reproducer("profile-toml-50000-deep", 9, _deep_toml, "school.toml"),
    Reproducer("profile-name-hash", 9, _hash_name, "school.toml"),
    Reproducer("diff-bidi", 10, _bidi_report, None),
    Reproducer("diff-docx-400-char-title", 6, _long_title_docx_diff, None),
    Reproducer("docx-dtd-entity", 10, _entity_in_text, "entity.docx"),
    Reproducer("diff-fuzz-790-huge-paragraphs", 1, _fuzz_case_790, None),
    Reproducer("diff-fuzz-351-huge-line", 1, _fuzz_case_351, None),
)
