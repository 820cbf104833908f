"""A PDF's pages as lines: characters from pdfium (or pdfminer), lines by baseline,
ruled tables as single lines; the one place that turns a library's errors into ours."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import CorruptFileError, EncryptedFileError, TooLargeError
from .lines import Char, Line, page_lines
from .params import PARAMS
from .tables import with_tables

if TYPE_CHECKING:
    from .pdfminer_chars import PageChars


@dataclass(frozen=True, slots=True)
class Page:
    """One page: its number (from 1), its size in points and its lines, top to bottom."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]

    def band(self, line: Line) -> str | None:
        """"top" or "bottom" when the line lies in the band where running lines live."""
        if line.bottom <= PARAMS.band * self.height:
            return "top"
        if line.top >= (1 - PARAMS.band) * self.height:
            return "bottom"
        return None


def all_lines(pages: Iterable[Page]) -> Iterator[Line]:
    """Every line of the document, in reading order."""
    for page in pages:
        yield from page.lines


_ENCRYPTED = "password-protected PDF: open it with its password and save an unprotected copy"


def read_pages(path: Path) -> list[Page]:
    """The pages of the PDF at ``path``, as lines; errors of the PDF libraries become ours."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    from .pdfium_chars import iter_page_chars  # pdfium; POLICYKIT_PDF_CHARS=pdfminer for the old path

    # pdfminer logs every odd object it meets; a user sees our one line instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with open(path, "rb") as handle:
            pages = [_page(page) for page in iter_page_chars(handle)]
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedFileError(_ENCRYPTED, path=path) from exc
    except TooLargeError:
        raise  # a limit of the character sources: already one line naming the file and the limit
    except Exception as exc:  # pdfminer raises many kinds of errors on damaged files
        cause = exc.__cause__ or exc.__context__
        names = {type(exc).__name__, type(cause).__name__ if cause else ""}
        if any("Password" in name or "Encryption" in name for name in names) or "password" in str(exc).lower():
            raise EncryptedFileError(_ENCRYPTED, path=path) from exc
        raise CorruptFileError(f"damaged PDF: {str(exc).strip() or type(exc).__name__}", path=path) from exc
    if not pages:
        raise CorruptFileError("damaged PDF: it has no pages", path=path)
    return pages


def _page(page: PageChars) -> Page:
    number, width, height, edges = page.number, page.width, page.height, page.edges
    # Text drawn wholly outside the page (shapes dragged off the edge in
    # Word) is not printed, so no reader of the page sees it.
    chars: list[Char] = [c for c in page.chars if c["x1"] > 0 and c["x0"] < width and c["bottom"] > 0 and c["top"] < height]
    lines = page_lines(chars, number)
    if len(edges) >= 4 and lines:
        lines = with_tables(edges, chars, lines, number)
    return Page(number, width, height, tuple(lines))
