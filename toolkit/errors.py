"""The one exception root of policykit.

Every error that policykit raises on purpose is a ``ToolkitError``; the CLI turns
each into one line on stderr and exit code 2. Anything else escaping is a bug.

Hierarchy::

    ToolkitError
    ├── InputError            a file given to us cannot be used as it is
    │   ├── FileMissingError      no such file, or it is a folder
    │   ├── EmptyInputError       the file holds no text at all
    │   ├── UnsupportedFormatError  an extension no reader handles (.doc included)
    │   ├── DecodeError           text that is binary or in no encoding we accept
    │   ├── CorruptFileError      a DOCX/PDF/ZIP that cannot be opened or is damaged
    │   ├── EncryptedFileError    a password-protected file
    │   ├── NoTextLayerError      a scanned PDF with no text to read
    │   └── TooLargeError         past a documented size limit (zip bombs included)
    ├── ProfileError          a school profile or staff list is invalid (names field and problem)
    ├── TemplateError         a template is broken or uses an unknown variable
    └── OutputError           an output cannot be written where asked

Messages are complete sentences fragments meant for a person: they name the file
first, then the problem, e.g. ``policy.pdf: no text layer: this PDF is a scan; run OCR first``.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator

# Exit status of a batch (demo, compare) that ran but skipped files it could not read:
# 0 is success, 1 "differences" (diff), 2 trouble that stopped the command.
EXIT_SOME_FAILED = 3


class ToolkitError(Exception):
    """Root of every error policykit raises on purpose."""

    def __init__(self, message: str, *, path: str | os.PathLike[str] | None = None) -> None:
        self.path = os.fspath(path) if path is not None else None
        if "\n" in message or "\r" in message:
            # One line always: library messages (lxml, pdfminer) can carry a slice of the document.
            message = " ".join(piece.strip() for piece in message.splitlines() if piece.strip())
        self.problem = message
        super().__init__(f"{self.path}: {message}" if self.path else message)


class InputError(ToolkitError):
    """An input file cannot be used as it is."""


class FileMissingError(InputError):
    """There is no such file, or the path is a folder."""


class EmptyInputError(InputError):
    """The file holds no text at all."""


class UnsupportedFormatError(InputError):
    """No reader handles this extension (old binary .doc files included)."""


class DecodeError(InputError):
    """The text is binary or in no encoding policykit accepts."""


class CorruptFileError(InputError):
    """A DOCX, PDF or ZIP that cannot be opened or is damaged."""


class EncryptedFileError(InputError):
    """The file is password-protected."""


class NoTextLayerError(InputError):
    """A scanned PDF with no text to read; it needs OCR first."""


class TooLargeError(InputError):
    """The file is past a documented size limit (zip bombs included)."""


class ProfileError(ToolkitError):
    """A school profile (or staff list) failed validation."""


class TemplateError(ToolkitError):
    """A template could not be loaded, checked or rendered."""


class OutputError(ToolkitError):
    """An output could not be written (bad name, escapes the folder, disk error)."""


# The input being worked on, so that even an internal error (a bug) names the file
# that provoked it: the CLI adds it to its one line.
_current_file: contextvars.ContextVar[str | None] = contextvars.ContextVar("policykit_current_file", default=None)
_depth: contextvars.ContextVar[int] = contextvars.ContextVar("policykit_working_depth", default=0)


def current_file() -> str | None:
    return _current_file.get()


def clear_current_file() -> None:
    _current_file.set(None)


@contextlib.contextmanager
def working_on(path: str | os.PathLike[str]) -> Iterator[None]:
    """Mark ``path`` as the file being processed while the block runs. When the block
    raises, the name stays set for the CLI further out; when it ends normally, the
    enclosing block's file (or none) is current again."""
    depth = _depth.get()
    previous = _current_file.get()
    _depth.set(depth + 1)
    _current_file.set(os.fspath(path))
    try:
        yield
    except BaseException:
        _depth.set(depth)
        raise
    _depth.set(depth)
    _current_file.set(previous if depth else None)
