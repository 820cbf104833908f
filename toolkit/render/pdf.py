"""PDF renditions through LibreOffice, when it is installed.

LibreOffice is an optional extra: without ``soffice`` on the PATH we return
None and the caller says the PDF was skipped. Each conversion uses its own
throwaway LibreOffice profile, so parallel runs (or a desktop LibreOffice the
user has open) never fight over the shared one.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OutputError

_TIMEOUT_SECONDS = 180
# A broken LibreOffice should not leave the user stuck: the Word file needs no PDF.
_NO_PDF_HINT = "; run again with --no-pdf to make the other files without it"


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, *, name: str = "document") -> bytes | None:
    """The PDF of a DOCX, or None when LibreOffice is not installed."""
    soffice = soffice_path()
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="policykit-pdf-") as work:
        folder = Path(work)
        source = folder / f"{name}.docx"
        source.write_bytes(docx)
        profile = (folder / "profile").as_uri()
        command = [
            soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(folder), str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=_TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OutputError(f"LibreOffice could not convert {name}.docx to PDF: {exc}{_NO_PDF_HINT}") from exc
        result = folder / f"{name}.pdf"
        if not result.is_file():
            raise OutputError(f"LibreOffice could not convert {name}.docx to PDF (no PDF produced){_NO_PDF_HINT}")
        return result.read_bytes()


def docx_to_pdfs(documents: dict[str, bytes]) -> dict[str, bytes | None]:
    """PDFs of many DOCX in ONE LibreOffice run (starting LibreOffice costs ~1.3 s; converting
    a policy ~0.1 s), keyed like ``documents``; a value is None when that one file did not convert.

    Keys become file names, so they must be distinct, safe names (school slugs).
    Raises OutputError when LibreOffice cannot run at all; returns {} when it is not installed."""
    soffice = soffice_path()
    if soffice is None or not documents:
        return {}
    with tempfile.TemporaryDirectory(prefix="policykit-pdf-") as work:
        folder = Path(work)
        sources = folder / "in"
        outputs = folder / "out"
        sources.mkdir()
        for name, docx in documents.items():
            (sources / f"{name}.docx").write_bytes(docx)
        profile = (folder / "profile").as_uri()
        command = [
            soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(outputs), *(str(sources / f"{name}.docx") for name in documents),
        ]
        try:
            # The start-up once, then a second or so a file on a slow machine.
            subprocess.run(command, capture_output=True, timeout=_TIMEOUT_SECONDS + 5 * len(documents), check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OutputError(f"LibreOffice could not convert the policies to PDF: {exc}{_NO_PDF_HINT}") from exc
        return {name: (outputs / f"{name}.pdf").read_bytes() if (outputs / f"{name}.pdf").is_file() else None
                for name in documents}
