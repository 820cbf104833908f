"""Write the DOCX and PDF renditions of every sample policy in source_policies/.

For each ``source_policies/*.txt`` the policy is parsed, written as a Word file
with automatic multi-level numbering, a running header and a "Page X of Y"
footer (the project's own DOCX writer), and converted to PDF by LibreOffice.
The results are checked in, so tests and the demo exercise every format
without LibreOffice installed.

    python scripts/make_renditions.py            # all samples
    python scripts/make_renditions.py --only hampshire

Re-run it after changing the reader, builder or writer, then run the format
invariance tests (tests/test_readers_invariance.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from toolkit.io import atomic_write  # noqa: E402
from toolkit.readers import read_document  # noqa: E402
from toolkit.render.docx_document import DocxWriteOptions, document_to_docx  # noqa: E402

# One fixed timestamp: the same samples give byte-identical DOCX files.
_TIMESTAMP = dt.datetime(2024, 1, 1, 9, 0, 0, tzinfo=dt.UTC)


_LABELS = {
    "version": "Version",
    "approved": "Approved",
    "approved_by": "Approved by",
    "last_review": "Last reviewed",
    "next_review": "Next review",
    "owner": "Owner",
}


def header_for(document) -> str:
    title = document.title or "Policy"
    school = document.metadata.school.value if document.metadata.school else None
    return f"{school} | {title}" if school and str(school) not in title else title


def make(source: Path, soffice: str | None) -> list[Path]:
    document = read_document(source)
    # The metadata the text shows (version, review dates ...) as a cover table,
    # so every rendition carries the same facts; known fields get plain labels.
    cover = tuple(
        (_LABELS.get(name) or (value.label or name).rstrip(":"), value.raw)
        for name, value in document.metadata.items()
        if name not in ("title", "school")
    )
    options = DocxWriteOptions(
        header_text=header_for(document),
        cover_rows=cover,
        page_numbers=True,
        page_number_template="Page {page} of {pages}",
        timestamp=_TIMESTAMP,
    )
    docx_path = source.with_suffix(".docx")
    atomic_write(docx_path, document_to_docx(document, options))
    written = [docx_path]
    if soffice:
        with tempfile.TemporaryDirectory() as work:
            subprocess.run(
                [soffice, "--headless", f"-env:UserInstallation=file://{work}/profile",
                 "--convert-to", "pdf", "--outdir", work, str(docx_path)],
                check=True, capture_output=True, timeout=180,
            )
            pdf = Path(work) / (docx_path.stem + ".pdf")
            atomic_write(source.with_suffix(".pdf"), pdf.read_bytes())
        written.append(source.with_suffix(".pdf"))
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="only samples whose file name contains this")
    parser.add_argument("--no-pdf", action="store_true", help="write the DOCX renditions only")
    args = parser.parse_args()
    soffice = None if args.no_pdf else (shutil.which("soffice") or shutil.which("libreoffice"))
    if not args.no_pdf and soffice is None:
        print("soffice (LibreOffice) not found: writing DOCX only", file=sys.stderr)
    for source in sorted((REPO / "source_policies").glob("*.txt")):
        if args.only and args.only not in source.name:
            continue
        for path in make(source, soffice):
            print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
