"""Parsed documents cached by content, so rerunning over an unchanged folder is fast.

An entry's key is the policykit version, a fingerprint of the parsing code, the
reader's name and the file's SHA-256: editing a file, upgrading policykit or
changing the parser each miss the cache rather than return a stale document.
A damaged or unreadable entry is treated as a miss and rewritten.

New entries are held until ``flush()``, which a run calls only once all of its
outputs are written: a run that fails on bad input leaves nothing behind.
Entries are JSON (``toolkit.storage``), never pickles: loading a planted entry
from a shared folder can at worst give a wrong document, never run code.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .. import storage
from ..io import atomic_write
from ..limits import document_time_limit
from ..model import Document, replace
from ..readers import ReadOptions, read_document, reader_for

CACHE_DIRNAME = ".policykit-cache"
_FORMAT = "2"  # bump when the stored layout changes (1 was pickle)


@lru_cache(maxsize=1)
def _version() -> str:
    try:
        return metadata.version("policykit")
    except metadata.PackageNotFoundError:
        return "0+source"


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """A hash of the code that turns a file into a Document."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    files = [root / "model.py", root / "dates.py"]
    for folder in ("readers", "structure"):
        files += sorted((root / folder).rglob("*.py"))
    for file in files:
        if file.is_file():
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class DocumentCache:
    """A folder of stored Documents keyed by content; ``None`` folder disables caching."""

    def __init__(self, folder: str | os.PathLike[str] | None, options: ReadOptions | None = None) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.options = options
        self.stats = CacheStats()
        self._pending: dict[Path, Document] = {}
        self.on_flush: list[Callable[[], None]] = []  # more to write with the documents (toolkit.batch: topic results)

    def key(self, path: Path, data: bytes) -> str:
        reader = reader_for(path).name
        parts = (_FORMAT, _version(), parser_fingerprint(), reader, hashlib.sha256(data).hexdigest())
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def read(self, path: str | os.PathLike[str]) -> Document:
        """The document at ``path``, from the cache when its content was parsed before.

        Reading is limited to ``limits.DOCUMENT_SECONDS``: a batch reads through here."""
        with document_time_limit(path):
            return self._read(Path(path))

    def _read(self, path: Path) -> Document:
        if self.folder is None or not path.is_file():
            self.stats.misses += 1
            return read_document(path, self.options)
        reader_for(path)  # unsupported types fail before we read any bytes
        try:
            data = path.read_bytes()
        except OSError:
            return read_document(path, self.options)  # let the reader report it in its words
        entry = self.folder / f"{self.key(path, data)}.json"
        cached = self._pending.get(entry) or self._load(entry)
        if cached is not None:
            self.stats.hits += 1
            return replace(cached, source=str(path)) if cached.source != str(path) else cached
        self.stats.misses += 1
        document = read_document(path, self.options)
        self._pending[entry] = document
        return document

    def flush(self) -> None:
        """Write the entries parsed since the last flush."""
        for entry, document in self._pending.items():
            self._store(entry, document)
        self._pending.clear()
        for flush in self.on_flush:
            flush()

    def _load(self, entry: Path) -> Document | None:
        try:
            document = storage.loads(entry.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, MemoryError, RecursionError):  # truncated or foreign: a miss, rewritten below
            return None
        if not isinstance(document, Document) or not isinstance(document.clauses, tuple):
            return None
        return document

    def _store(self, entry: Path, document: Document) -> None:
        try:
            atomic_write(entry, storage.dumps(document))
        except Exception:  # noqa: BLE001 - the cache only saves time; failing to write it must not fail the run
            pass
