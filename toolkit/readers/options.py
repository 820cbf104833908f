"""Options every reader takes; in its own module so that readers need not import
the registry that lists them (which would make an import cycle)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Options shared by every reader; each has a sensible default."""

    # Refuse files larger than this before opening them (bytes on disk).
    max_file_bytes: int = 50 * 1024 * 1024
    # Refuse a DOCX whose parts would unpack to more than this (zip bombs).
    max_unpacked_bytes: int = 200 * 1024 * 1024
    # Refuse a document holding more text than this (characters, any format): the
    # longest real policy holds about 100,000, and building clauses costs about 35
    # bytes of memory a character, so this keeps one document well under 1 GB.
    max_text_chars: int = 10_000_000
