"""Mutation fuzzing of every reader and the CLI commands.

A case is a command line (``parse``, ``diff``, ``compare``, ``generate``) over
inputs mutated from valid seeds (the bundled samples and small built documents)
by byte-, ZIP-, XML-, PDF- and text-aware mutators, all driven by one
``random.Random(seed)`` so a case is reproduced from its number alone.

Judging a case (``judge``): a run must end within the time limit (else *hang*),
never print "internal error" or a traceback or die of a signal (*internal*), print
every problem as one ``policykit: error: FILE: ...`` line naming a file of the case
(*unclear*), and when it fails leave no output file, staged ``.tmp`` or half-published
folder behind (*partial*).

``python -m tests.fuzz`` runs cases at length in a worker process limited by
``setrlimit`` (see ``tests/fuzz/__main__.py``); ``tests/test_fuzz_*.py`` run a few
hundred with a fixed seed in CI.
"""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz import reproducers as rp

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "source_policies"
FORMATS = ("docx", "pdf", "txt", "md")

_HOSTILE_VALUES = [
    "x", "-1", "0", "", "9" * 5000, "99999999999999999999", "1e309", "NaN", "\u202e", "-99999999",
    "4294967296", "٣", "²", "  7 ", "&amp;", "S0", "rId999", "../../etc/passwd", "/word/document.xml",
]
_HOSTILE_TEXT = [
    "\u202e", "\u2066", "\u200b", "\x00", "\x1b[31m", "\ufeff", "\r", "\n\n\n", "#", "1.", "a)", "(i)",
    "Rule:", "|a|b|", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "\ud7ff", "é", "𝔘",
    "Approved: 9999-12-31", "Review date: 31/02/2024", "1.1.1.1.1.1.1.1.1.1", "\t\t\t", "•", " " * 300,
]


# -- seeds -----------------------------------------------------------------------------------


def _small_docx() -> bytes:
    body = rp.paragraph("Staff Social Media Policy", style="Title")
    body += rp.paragraph("1. Purpose", style="Heading1")
    body += "".join(rp.paragraph(f"Staff must follow rule {i}.", num=("1", "0")) for i in range(4))
    body += rp.paragraph("Approved: 21 March 2024")
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{rp.W_NS}">'
              '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              "</w:styles>").encode()
    return rp.docx_bytes(rp.document_xml(body), {"numbering.xml": rp.numbering("lowerLetter", "1", "%1)"),
                                                 "styles.xml": styles})


def _small_pdf() -> bytes:
    from tests._pdf_build import text_pdf

    return text_pdf(["Staff Social Media Policy", "1. Purpose", "1.1 Staff must keep pupils safe online.",
                     "1.2 Staff must not post images of pupils.", "Approved: 21 March 2024"])


_MD = """# Staff Social Media Policy

Approved: 21 March 2024. Review date: March 2025.

## 1. Purpose

1. Staff must keep pupils safe online.
2. Staff must not post images of pupils:
   - on personal accounts;
   - in private groups.

| Role | Name |
|------|------|
| Head | Ms A |
"""


@dataclass
class Seeds:
    by_format: dict[str, list[bytes]] = field(default_factory=dict)
    profile: str = ""
    staff: str = ""

    @classmethod
    def load(cls, *, samples: bool = True) -> Seeds:
        seeds = cls({fmt: [] for fmt in FORMATS})
        seeds.by_format["docx"].append(_small_docx())
        # Lists at the edges of what Word accepts, for the mutators to push past them.
        seeds.by_format["docx"].append(rp._list_docx("upperRoman", "32767", items=30))
        seeds.by_format["docx"].append(rp._list_docx("lowerLetter", "800", items=30, ilvl="8"))
        seeds.by_format["pdf"].append(_small_pdf())
        seeds.by_format["md"].append(_MD.encode())
        seeds.by_format["txt"].append(_MD.replace("#", "").encode())
        if samples and SAMPLES.is_dir():
            for path in sorted(SAMPLES.iterdir()):
                fmt = path.suffix.lstrip(".")
                if fmt in seeds.by_format and (fmt != "pdf" or len(seeds.by_format["pdf"]) < 2):
                    seeds.by_format[fmt].append(path.read_bytes())
        seeds.profile = (REPO / "templates" / "samples" / "sample-profile.toml").read_text(encoding="utf-8")
        seeds.staff = (REPO / "templates" / "samples" / "staff.csv").read_text(encoding="utf-8")
        return seeds


# -- mutators ----------------------------------------------------------------------------------


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(6)
        if not out:
            out += bytes(rng.randrange(256) for _ in range(16))
        position = rng.randrange(len(out))
        if choice == 0:  # flip bytes
            for i in range(rng.randint(1, 8)):
                out[(position + i) % len(out)] ^= 1 << rng.randrange(8)
        elif choice == 1:  # truncate
            del out[position:]
        elif choice == 2:  # insert junk
            out[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        elif choice == 3:  # duplicate a slice
            end = min(len(out), position + rng.randint(1, 4096))
            out[position:position] = out[position:end] * rng.randint(1, 20)
        elif choice == 4:  # zero a range
            end = min(len(out), position + rng.randint(1, 256))
            out[position:end] = bytes(end - position)
        else:  # overwrite with a hostile token
            token = rng.choice(_HOSTILE_VALUES + _HOSTILE_TEXT).encode("utf-8", "surrogatepass")
            out[position:position + len(token)] = token
    return bytes(out)


def mutate_xml(text: str, rng: random.Random) -> str:
    import re

    for _ in range(rng.randint(1, 5)):
        choice = rng.randrange(7)
        if choice == 0:  # a hostile attribute value
            values = list(re.finditer(r'="([^"]*)"', text))
            if values:
                match = rng.choice(values)
                value = rng.choice(_HOSTILE_VALUES).replace('"', "&quot;").replace("<", "&lt;").replace("&", "&amp;")
                text = text[:match.start(1)] + value + text[match.end(1):]
        elif choice == 1:  # hostile text inside a run
            runs = list(re.finditer(r"<w:t[^>]*>", text))
            if runs:
                match = rng.choice(runs)
                piece = rng.choice(_HOSTILE_TEXT)
                piece = piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                piece = "".join(ch for ch in piece if ch in "\t\n\r" or ord(ch) >= 32 and not 0xD800 <= ord(ch) <= 0xDFFF)
                text = text[:match.end()] + piece * rng.randint(1, 50) + text[match.end():]
        elif choice == 2:  # duplicate an element many times (now and then, very many)
            paragraphs = list(re.finditer(r"<w:p[ >].*?</w:p>", text, re.S))
            if paragraphs:
                match = rng.choice(paragraphs)
                times = rng.randint(20_000, 400_000) if rng.random() < 0.03 else rng.randint(2, 300)
                text = text[:match.end()] + match.group(0) * times + text[match.end():]
        elif choice == 3:  # nest paragraphs' content deeply (tables in tables)
            depth = rng.randint(10, 400)
            nest = "<w:tbl><w:tr><w:tc>" * depth + '<w:p><w:r><w:t>deep</w:t></w:r></w:p>' + "</w:tc></w:tr></w:tbl>" * depth
            text = text.replace("<w:body>", "<w:body>" + nest, 1)
        elif choice == 4:  # break well-formedness
            position = rng.randrange(max(len(text), 1))
            text = text[:position] + rng.choice(["<", "</w:p>", "&", "]]>", "<!--", "\x00", "<w:p>"]) + text[position:]
        elif choice == 5:  # a DTD and an entity
            text = re.sub(r"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or "") +
                          '<!DOCTYPE w:document [<!ENTITY e "x">]>', text, count=1)
            text = text.replace("<w:t>", "<w:t>&e;", 1)
        else:  # drop a random element's end (or whole element)
            tags = list(re.finditer(r"<(w:[a-zA-Z]+)[ >/]", text))
            if tags:
                match = rng.choice(tags)
                text = text[:match.start()] + text[match.start():].replace(f"</{match.group(1)}>", "", 1)
    return text


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.3:
        return mutate_bytes(data, rng)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
    except Exception:  # noqa: BLE001 - a seed that is already damaged
        return mutate_bytes(data, rng)
    xml_parts = [name for name in parts if name.endswith((".xml", ".rels"))]
    for _ in range(rng.randint(1, 2)):
        name = rng.choice(xml_parts)
        parts[name] = mutate_xml(parts[name].decode("utf-8", "replace"), rng).encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:
        parts.pop(rng.choice(list(parts)))
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if rng.random() < 0.2 else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, payload in parts.items():
            archive.writestr(name, payload)
    return buffer.getvalue()


_BOMBS: dict[int, bytes] = {}


def _flate_bomb(megabytes: int) -> bytes:
    """A content stream of ``megabytes`` MB of text operators, deflated (built once per size)."""
    if megabytes not in _BOMBS:
        import zlib

        line = b"BT /F1 11 Tf 72 700 Td (Staff must keep pupils safe.) Tj ET\n"
        block = line * (1024 * 1024 // len(line))
        compressor = zlib.compressobj(9)
        _BOMBS[megabytes] = b"".join(compressor.compress(block) for _ in range(megabytes)) + compressor.flush()
    return _BOMBS[megabytes]


def mutate_pdf(data: bytes, rng: random.Random) -> bytes:
    import re

    if rng.random() < 0.05:  # a content stream that inflates a long way
        from tests._pdf_build import build_pdf

        bomb = _flate_bomb(rng.choice([1, 8, 70, 300]))
        return build_pdf([
            b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ])
    if rng.random() < 0.5:
        return mutate_bytes(data, rng)
    text = data.decode("latin-1")
    for _ in range(rng.randint(1, 3)):
        choice = rng.randrange(4)
        numbers = list(re.finditer(r"(?<![\w.])\d+(?![\w.])", text))
        if choice == 0 and numbers:
            match = rng.choice(numbers)
            text = text[:match.start()] + rng.choice(["0", "-1", "99999999", "9" * 40, "1e9", "2147483648"]) + text[match.end():]
        elif choice == 1:
            text = text.replace("/Type /Page ", rng.choice(["/Type /Page /Rotate 91 ", "/Type /Pages ", "/Type /Page /Kids [3 0 R] "]), 1)
        elif choice == 2:
            text = text.replace(">>\nstream", rng.choice([" /Filter /FlateDecode >>\nstream", " /Filter /LZWDecode >>\nstream",
                                                         " /Filter /RunLengthDecode >>\nstream", " /Filter /Crypt >>\nstream",
                                                         " /DecodeParms << /Predictor 15 /Columns 99999 >> /Filter /FlateDecode >>\nstream"]), 1)
        else:
            ops = ["BT /F1 11 Tf 72 700 Td (" + rng.choice(_HOSTILE_TEXT).encode("latin-1", "replace").decode("latin-1") + ") Tj ET",
                   "q " * 200, "Q " * 200, "BT " * 50, "9999 0 0 9999 0 0 cm", "[(a) -99999 (b)] TJ", "/F9 1 Tf"]
            text = text.replace("BT ", rng.choice(ops) + "\nBT ", 1)
    return text.encode("latin-1")


def mutate_text(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.3:
        return mutate_bytes(data, rng)
    text = data.decode("utf-8", "replace")
    lines = text.splitlines()
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(5)
        position = rng.randrange(len(lines) + 1)
        if choice == 0:
            lines.insert(position, rng.choice(_HOSTILE_TEXT) * rng.randint(1, 20))
        elif choice == 1:  # many short lines
            lines[position:position] = [f"{rng.choice(['Rule', 'Item', '-', '1.', 'a)'])} {i}:" for i in range(rng.randint(50, 2000))]
        elif choice == 2 and lines:  # a very long line
            lines[min(position, len(lines) - 1)] += " word" * rng.randint(1000, 50000)
        elif choice == 3:  # deep numbering
            lines.insert(position, ".".join(["1"] * rng.randint(5, 200)) + " Clause text.")
        else:
            lines = lines[:position]
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252"])
    return "\n".join(lines).encode(encoding, "replace")


_MUTATORS = {"docx": mutate_docx, "pdf": mutate_pdf, "txt": mutate_text, "md": mutate_text}


def mutated(seeds: Seeds, fmt: str, rng: random.Random) -> bytes:
    return _MUTATORS[fmt](rng.choice(seeds.by_format[fmt]), rng)


def mutate_profile(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(lines))
        if "=" in lines[index] and rng.random() < 0.7:
            key = lines[index].split("=", 1)[0]
            value = rng.choice(['"' + rng.choice(_HOSTILE_TEXT).replace('"', "").replace("\\", "") + ' School"',
                                "9999-12-31", "0001-01-01", "[" * rng.randint(1, 3000) + "]" * rng.randint(1, 3000),
                                "99999999999999999999", '"""', "true", '""', "2024-02-30", "{ a = 1 }"])
            lines[index] = f"{key}= {value}"
        else:
            lines.insert(index, rng.choice(["[options]", "unknown = 1", "\x00", "# comment", "= broken", "[[x]]"]))
    return "\n".join(lines) + "\n"


# -- cases -------------------------------------------------------------------------------------

COMMANDS = ("parse", "parse", "parse", "diff", "compare", "generate")


@dataclass(frozen=True)
class Case:
    number: int
    command: str
    args: tuple[str, ...]
    inputs: tuple[str, ...]  # file names (relative to the case folder) an error may name
    outputs: tuple[str, ...]  # what must not be left behind when the command fails


def build_case(number: int, seed: int, folder: Path, seeds: Seeds) -> Case:
    """Write case ``number``'s inputs into ``folder`` and say how to run it."""
    rng = random.Random(f"{seed}:{number}")
    command = rng.choice(COMMANDS)
    folder.mkdir(parents=True, exist_ok=True)

    def write(name: str, data: bytes | str) -> str:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        return name

    if command == "parse":
        fmt = rng.choice(FORMATS)
        name = write(f"input.{fmt}", mutated(seeds, fmt, rng))
        return Case(number, command, ("parse", name, "--format", rng.choice(["json", "text", "tree"])), (name,), ())
    if command == "diff":
        old_fmt, new_fmt = rng.choice(FORMATS), rng.choice(FORMATS)
        old = write(f"old.{old_fmt}", mutated(seeds, old_fmt, rng) if rng.random() < 0.7 else rng.choice(seeds.by_format[old_fmt]))
        new = write(f"new.{new_fmt}", mutated(seeds, new_fmt, rng))
        report = f"out/changes.{rng.choice(['html', 'json', 'md', 'docx', 'txt'])}"
        return Case(number, command, ("diff", old, new, "-o", report), (old, new), (report,))
    if command == "compare":
        names = []
        for index in range(rng.randint(1, 4)):
            fmt = rng.choice(FORMATS)
            data = mutated(seeds, fmt, rng) if rng.random() < 0.6 else rng.choice(seeds.by_format[fmt])
            names.append(write(f"schools/school{index}.{fmt}", data))
        report = f"out/trust.{rng.choice(['html', 'json', 'xlsx'])}"
        return Case(number, command, ("compare", "schools", "-o", report), tuple(names), (report,))
    profile = write("school.toml", mutate_profile(seeds.profile, rng) if rng.random() < 0.8 else seeds.profile)
    args = ["generate", "-p", profile, "-o", "out", "--no-pdf", "--timestamp", "1700000000"]
    inputs = [profile]
    if rng.random() < 0.5:
        staff = seeds.staff if rng.random() < 0.5 else mutate_text(seeds.staff.encode(), rng).decode("utf-8", "replace")
        inputs.append(write("staff.csv", staff))
        args += ["--staff", "staff.csv"]
    if rng.random() < 0.3:
        templates = REPO / "templates" / "social_media"
        for path in templates.iterdir():
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".jinja" and rng.random() < 0.5:
                text = mutate_text(text.encode(), rng).decode("utf-8", "replace")
            inputs.append(write(f"mine/{path.name}", text))
        args += ["--templates", "mine"]
    return Case(number, "generate", tuple(args), tuple(inputs), ("out",))


# -- judging -------------------------------------------------------------------------------------

VERDICTS = ("ok", "input-error", "internal", "hang", "unclear", "partial")


def judge(case: Case, folder: Path, returncode: int | None, stderr: str) -> str:
    if returncode is None:
        return "hang"
    if returncode < 0 or "internal error" in stderr or "Traceback" in stderr:
        return "internal"
    leftovers = [p for p in folder.rglob("*") if p.name.endswith((".tmp", ".new", ".old")) and p.name.startswith(".")]
    if leftovers:
        return "partial"
    if returncode in (0, 1):
        return "ok"
    if returncode == 3:
        # "Some files failed": the report was written and each file not read is one
        # line naming it ("policykit: not read: schools/x.md: undecodable text ...").
        not_read = [line for line in stderr.splitlines() if line.startswith("policykit: not read: ")]
        written = all((folder / output).exists() for output in case.outputs)
        named = all(any(name in line for name in case.inputs) for line in not_read)
        return "input-error" if not_read and written and named else "unclear"
    errors = [line for line in stderr.splitlines() if line.startswith("policykit: error: ")]
    other = [line for line in stderr.splitlines()
             if line.strip() and not line.startswith(("policykit: ", "  "))]
    names = (*case.inputs, *case.outputs, "mine", "schools", "out")
    if not errors or other or not all(any(name in line for name in names) for line in errors):
        return "unclear"
    if returncode == 2 and case.command != "compare":
        # A failed command leaves no output behind (generate: no school folder).
        for output in case.outputs:
            target = folder / output
            if target.is_file() or (target.is_dir() and any(p.is_file() for p in target.rglob("*")
                                                             if ".policykit-cache" not in p.parts)):
                return "partial"
    return "input-error"
