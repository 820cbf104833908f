"""The register workbook prints: LibreOffice turns it into a PDF whose every page
carries its sheet's header row (repeated title rows), landscape and fitted to width.
Skips when soffice or pdftotext is absent."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from toolkit.model import Clause, ClauseKind, Document, Metadata, MetaValue
from toolkit.trust import compare_policies, render

TITLES = ["Complaints Procedure", "Behaviour Policy", "Anti-Bullying Policy", "Whistleblowing Policy",
          "Online Safety Policy", "Social Media Policy"]


def many_documents(count: int) -> list[Document]:
    documents = []
    for n in range(count):
        title = TITLES[n % len(TITLES)]
        metadata = Metadata(title=MetaValue(title, title), school=MetaValue(f"School {n // 6}", f"School {n // 6}"))
        clause = Clause("c1", "1", None, f"Text of policy {n} about stage 1 complaints and rewards.", 1, ClauseKind.CLAUSE)
        documents.append(Document(f"trust/school-{n // 6}/policy-{n:03d}.txt", "text", metadata, (clause,)))
    return documents


def test_xlsx_prints_with_the_header_row_on_every_page(tmp_path):
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed")
    report = compare_policies(many_documents(240), as_of=dt.date(2024, 9, 1))
    book = tmp_path / "register.xlsx"
    book.write_bytes(render(report, "xlsx"))
    try:
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
                       check=True, capture_output=True, timeout=240)
    except subprocess.TimeoutExpired:
        pytest.skip("LibreOffice did not finish in time")
    pdf = tmp_path / "register.pdf"
    assert pdf.is_file()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout if shutil.which("pdfinfo") else ""
    pages = int(next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "0")) or 200
    texts = []
    for page in range(1, pages + 1):
        text = subprocess.run([pdftotext, "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True).stdout
        if not text.strip() and not info:
            break
        texts.append(text)
    # Header words of each sheet, as printed on its pages (short ones: long headers wrap).
    headers = {
        "Register": ("School", "School type"),
        "Documents": ("File", "Title", "Approver"),
        "Coverage": ("File", "Catalogue", "Evidence"),
        "Drift": ("File", "Model", "Diff report"),
        "Not read": ("File", "Why it was not read"),
    }
    assert len(texts) > len(headers), "expected some sheet to need more than one page"
    for number, text in enumerate(texts, start=1):
        top = "\n".join(text.strip().splitlines()[:4])  # the header row is at the top of the page
        assert any(all(word in top for word in words) for words in headers.values()), \
            f"page {number} has no header row at its top:\n{text[:300]}"
    # The documents and coverage sheets run over several pages: each page repeats the header.
    assert sum("Approver" in "\n".join(t.strip().splitlines()[:4]) for t in texts) >= 2
    assert sum("Evidence" in "\n".join(t.strip().splitlines()[:4]) for t in texts) >= 2
