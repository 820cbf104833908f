"""The PDF reader on real school PDFs (../shared/corpus/decoy-primary, never in the repo).

Checked against an independent extraction (poppler's ``pdftotext -layout``):
* no running header, footer or page-number line, as pdftotext sees them at the
  top and bottom of each page, appears inside any clause;
* body-word recall: of the words pdftotext finds, less those we put in
  furniture, at least 99% are in the clauses (or the title and metadata).
Run with ``-s`` to see the per-file figures.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter

import pytest
from conftest import corpus_dir, shared_dir

from toolkit.readers import read_document

_WORD = re.compile(r"\w+")
_PAGE_LINE = re.compile(r"^(page\s*)?#(\s*(of|/)\s*#)?$")


def _pdfs():
    return sorted(corpus_dir("decoy-primary").glob("*.pdf"))


def _names() -> list[str]:
    """Parametrised names, collected without skipping the module when the corpus is absent."""
    shared = shared_dir()
    folder = shared / "corpus" / "decoy-primary" if shared else None
    names = sorted(path.name for path in folder.glob("*.pdf")) if folder and folder.is_dir() else []
    return names or ["(corpus absent)"]


def _pdftotext_pages(path) -> list[list[str]]:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [[line for line in page.split("\n") if line.strip()] for page in text.split("\f")]
    return pages[:-1] if pages and not pages[-1] else pages


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines at the top or bottom of pages that repeat (digits masked), found without our reader."""
    seen: Counter[str] = Counter()
    for lines in pages:
        # pdftotext -layout keeps columns apart with runs of spaces: split them.
        edge = lines[:2] + lines[-3:]
        seen.update({part for line in edge for part in (_norm(p) for p in re.split(r"\s{3,}", line.strip())) if part})
    pages_with_text = sum(1 for lines in pages if lines)
    return {line for line, count in seen.items() if count >= max(2, 0.3 * pages_with_text)}


def test_corpus_is_present_and_readable():
    assert _pdfs(), "decoy-primary holds no PDFs"


@pytest.mark.parametrize("name", _names())
def test_no_margin_lines_in_clauses_and_body_recall(name):
    path = corpus_dir("decoy-primary") / name
    pages = _pdftotext_pages(path)
    document = read_document(path)
    clauses = list(document.walk())
    assert clauses

    running = _running_lines(pages)
    long_running = {line for line in running if len(line.split()) >= 3}
    for clause in clauses:
        text = _norm(clause.full_text)
        assert not re.search(r"\bpage # of #\b", text), (clause.id, clause.full_text[:120])
        for line in long_running:
            assert line not in text, (clause.id, line)
    for clause in clauses:
        assert clause.page is not None

    reference = Counter(_WORD.findall("\n".join("\n".join(lines) for lines in pages).lower()))
    furniture = Counter(_WORD.findall(" ".join(item.text for item in document.furniture).lower()))
    body_text = [" ".join(filter(None, (c.number, c.full_text, " ".join(" ".join(r) for r in c.rows)))) for c in clauses]
    body_text += [value.raw for _, value in document.metadata.items()]
    body = Counter(_WORD.findall(" ".join(body_text).lower()))
    wanted = reference - furniture
    recall = sum((wanted & body).values()) / max(sum(wanted.values()), 1)
    print(f"\n{name}: pages={len(pages)} clauses={len(clauses)} body words={sum(wanted.values())} "
          f"recall={recall:.4f} running lines={len(running)} furniture={len(document.furniture)}")
    assert recall >= 0.99
