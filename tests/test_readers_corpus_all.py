"""Every file of the shared corpus (../shared/corpus, never in the repository) parses cleanly.

Each PDF, Markdown and reStructuredText-as-text policy must read without error
into clauses, and no clause may carry a running header or footer line. Running
lines are found without our reader: for PDFs, lines that poppler's
``pdftotext -layout`` puts at the top or bottom of many pages; for text files,
long lines the file repeats verbatim. Whatever our reader itself set aside as
header or footer must not be in a clause either. Then specific sentences and
headings a person reads on the page, checked by eye against the rendered pages.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from functools import lru_cache

import pytest
from conftest import corpus_dir, shared_dir

from toolkit.model import ClauseKind, FurnitureKind
from toolkit.readers import read_document

_PATTERNS = (("decoy-primary", "*.pdf"), ("wholistic-fostering", "*.md"), ("eegg-nursery", "*.rst.txt"))
_PAGE_OF = re.compile(r"\bpage \d+ of \d+\b", re.IGNORECASE)


def _names() -> list[str]:
    """folder/name of every corpus file, collected without skipping the module when it is absent."""
    shared = shared_dir()
    names = []
    for folder, pattern in _PATTERNS:
        path = shared / "corpus" / folder if shared else None
        if path is not None and path.is_dir():
            names += sorted(f"{folder}/{file.name}" for file in path.glob(pattern))
    return names or ["(corpus absent)/-"]


def _norm(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text.lower()).split())


def _pdf_running_lines(path) -> set[str]:
    if shutil.which("pdftotext") is None:
        return set()
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [[line for line in page.split("\n") if line.strip()] for page in text.split("\f")]
    pages = [lines for lines in pages if lines]
    seen: Counter[str] = Counter()
    for lines in pages:
        edge = lines[:2] + lines[-3:]
        seen.update({_norm(part) for line in edge for part in re.split(r"\s{3,}", line.strip()) if part.strip()})
    return {line for line, count in seen.items() if count >= max(2, 0.3 * len(pages)) and len(line.split()) >= 3}


def _text_running_lines(path) -> set[str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    counts = Counter(_norm(line) for line in lines if len(re.findall(r"[A-Za-z]{2,}", line)) >= 3)
    return {line for line, count in counts.items() if count >= 3}


@pytest.mark.parametrize("name", _names())
def test_corpus_file_parses_with_no_running_line_in_a_clause(name):
    folder, _, filename = name.partition("/")
    path = corpus_dir(folder) / filename
    document = _read(path)
    clauses = list(document.walk())
    assert clauses, "no clauses"
    running = _pdf_running_lines(path) if path.suffix == ".pdf" else _text_running_lines(path)
    set_aside = {
        _norm(item.text)
        for item in document.furniture
        if item.kind in (FurnitureKind.HEADER, FurnitureKind.FOOTER) and len(item.text.split()) >= 4
    }
    for clause in clauses:
        text = _norm(" ".join(filter(None, (clause.heading, clause.text))))
        assert not _PAGE_OF.search(clause.full_text), (clause.id, clause.full_text[:100])
        for line in running | set_aside:
            assert line not in text, (clause.id, line)


# -- what a person reads on the page ---------------------------------------------------------


def _document(name: str):
    return _read(corpus_dir("decoy-primary") / name)


@lru_cache(maxsize=16)
def _read(path):
    return read_document(path)  # Documents are immutable: the 50-page PDFs are read once


def _texts(document) -> list[str]:
    return [" ".join(filter(None, (clause.number, clause.heading, clause.text))) for clause in document.walk()]


def test_complaints_2016_sentences_broken_by_hand_stay_one_clause():
    document = _document("Complaints-Procedure-2016.pdf")
    texts = _texts(document)
    assert any(
        text.endswith("dealing with the concern or complaint using The School Resolution Process. These include:")
        for text in texts
    )
    items = [clause.text for clause in document.walk() if clause.kind is ClauseKind.LIST_ITEM]
    assert "resolution by providing information face-to-face or by telephone – as you choose" in items
    # The superscript of "2nd" sits on its line, not in a clause of its own.
    assert any("2nd Floor, Piccadilly Gate" in text for text in texts)
    assert "nd" not in texts


def test_complaints_2016_headings_are_the_printed_ones():
    headings = [clause.heading for clause in _document("Complaints-Procedure-2016.pdf").walk() if clause.heading]
    for expected in ("School Resolution (Informal Stage 1)", "How does the School Resolution process work?",
                     "Mediation", "What happens next?", "What might happen as a result?"):
        assert expected in headings
    # A bold paragraph is body text, not a heading.
    assert not any(heading.startswith("Once you have raised your concern") for heading in headings)


def test_complaints_2019_number_wrapped_to_a_line_start_stays_in_its_sentence():
    texts = _texts(_document("Complaints-Procedure-2019.pdf"))
    assert any("receipt of the Stage 2 request. If this is not possible" in text for text in texts)
    assert not any(text.startswith("2 request") for text in texts)


def test_online_safety_2016_off_page_numbers_and_contents_are_not_clauses():
    document = _document("Online-Safety-Policy-2016.pdf")
    texts = _texts(document)
    assert any(
        text.startswith("Whilst regulation and technical solutions are very important")
        and text.endswith("online safety provision. Children and young people need the help and support of "
                          "the school to recognise and avoid online safety risks and build their resilience.")
        for text in texts
    )
    # The contents page has no page numbers; its entries are not clauses.
    assert "Contents" not in texts
    assert not any(text.startswith("Development, monitoring and review of the Policy") for text in texts)
    assert not any(re.match(r"^(11|16|18|21|28|32|38|35|53|55)\b", text) for text in texts)


def test_whistleblowing_2020_numbered_headings_keep_their_own_line():
    texts = _texts(_document("2020-whistleblowing-policy.pdf"))
    assert "3.1 Harassment or Victimisation" in texts
    assert "3.2 Confidentiality" in texts
