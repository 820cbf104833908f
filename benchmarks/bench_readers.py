"""Reader speed: PDF pages per second and DOCX paragraphs per second, against peers.

    PYTHONPATH=. python benchmarks/bench_readers.py [--repeat 3]

Peers run in the same process on the same files:
* PDF: pdfplumber's plain ``page.extract_text()`` on every page (no furniture,
  no paragraphs, no structure), the floor any pdfplumber-based reader stands on;
* DOCX: python-docx's plain ``[p.text for p in Document(path).paragraphs]``
  (no numbering, no tables, no headers).

Ours is timed twice: the first stage alone (``read_blocks``) and the full parse
with the structure builder (``read_document``). Targets: 20 pages/s, 5,000
paragraphs/s on one core. Files: the sample renditions, the shared corpus PDFs
when present, and a large DOCX made by repeating a sample's body (in a temp dir).
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import zipfile
from pathlib import Path

from _timing import best_of

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lxml import etree  # noqa: E402

from toolkit.readers import read_blocks, read_document  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "decoy-primary"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"




def pdf_pages(paths: list[Path]) -> int:
    import pdfplumber

    total = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            total += len(pdf.pages)
    return total


def plumber_extract_text(paths: list[Path]) -> None:
    import pdfplumber

    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.flush_cache()


def python_docx_paragraphs(paths: list[Path]) -> None:
    import docx

    for path in paths:
        [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]


def docx_paragraph_count(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
        total += sum(1 for _ in root.iter(f"{W}p"))
    return total


def enlarged_docx(source: Path, target: Path, copies: int) -> Path:
    """The sample's body repeated ``copies`` times: one long, numbered Word file."""
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(f"{W}body")
    content = [child for child in body if child.tag != f"{W}sectPr"]
    section = body.find(f"{W}sectPr")
    for _ in range(copies - 1):
        for child in content:
            if section is not None:
                section.addprevious(copy.deepcopy(child))
            else:
                body.append(copy.deepcopy(child))
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def row(label: str, units: int, unit: str, seconds: float, peer: float | None = None) -> str:
    rate = units / seconds if seconds else float("inf")
    ratio = f"  {seconds / peer:5.2f}x peer time" if peer else ""
    return f"  {label:44s} {units:6d} {unit:10s} {seconds:7.3f}s {rate:10.1f} {unit}/s{ratio}"


def bench_format(title: str, paths: list[Path], repeat: int, units: int, unit: str, peer_label: str, peer) -> None:
    """The peer, our first stage and our whole reader on the same files, in one process."""
    peer_time = best_of(repeat, peer)
    first = best_of(repeat, lambda: [read_blocks(p) for p in paths])
    full = best_of(repeat, lambda: [read_document(p) for p in paths])
    print(f"{title} ({len(paths)} files)")
    print(row(f"peer: {peer_label}", units, unit, peer_time))
    print(row("policykit read_blocks (first stage)", units, unit, first, peer_time))
    print(row("policykit read_document (with builder)", units, unit, full, peer_time))


def bench_pdf(title: str, paths: list[Path], repeat: int) -> None:
    if not paths:
        print(f"{title}: no files")
        return
    bench_format(title, paths, repeat, pdf_pages(paths), "pages", "pdfplumber page.extract_text()",
                 lambda: plumber_extract_text(paths))


def bench_docx(title: str, paths: list[Path], repeat: int) -> None:
    bench_format(title, paths, repeat, docx_paragraph_count(paths), "paragraphs", "python-docx paragraph.text",
                 lambda: python_docx_paragraphs(paths))


def main() -> int:
    parser = argparse.ArgumentParser(description="PDF and DOCX reader throughput against pdfplumber/python-docx")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept")
    args = parser.parse_args()
    samples = REPO / "source_policies"
    print(f"Python {sys.version.split()[0]}, one process, best of {args.repeat}\n")
    bench_pdf("PDF, sample renditions", sorted(samples.glob("*.pdf")), args.repeat)
    bench_pdf("PDF, corpus decoy-primary", sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else [], args.repeat)
    docx_samples = sorted(samples.glob("*.docx"))
    bench_docx("DOCX, sample renditions", docx_samples, args.repeat)
    with tempfile.TemporaryDirectory() as work:
        large = enlarged_docx(docx_samples[0], Path(work) / "large.docx", 40)
        bench_docx("DOCX, one large file (a sample's body x40)", [large], args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
