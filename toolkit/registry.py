"""One registry style for readers, renderers and catalogues.

Each registry is an explicit table written where it is used: a name, the file
extensions it claims and a ``"module:attribute"`` target that is imported on first
use. Nothing registers itself at import time, so listing what exists (``--help``,
the web app's forms) loads no parser or renderer, and no module imports back the
registry that lists it (the import cycles the decorator style caused).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar


@dataclass(frozen=True, slots=True)
class Entry:
    """One member: ``target`` is ``"module:attribute"``, the module relative to the registry's package."""

    name: str
    extensions: tuple[str, ...]
    target: str
    description: str = ""

    def load(self, package: str) -> Any:
        module, _, attribute = self.target.partition(":")
        return getattr(importlib.import_module(f"{package}.{module}"), attribute)


E = TypeVar("E", bound=Entry)


class Registry(Generic[E]):
    """An ordered, read-only table of entries, looked up by name or by file extension."""

    def __init__(self, package: str, entries: Iterable[E]) -> None:
        self.package = package
        self._entries: dict[str, E] = {}
        for entry in entries:
            if entry.name in self._entries:
                raise ValueError(f"{entry.name!r} is listed twice in the {package} registry")
            self._entries[entry.name] = entry

    def __iter__(self) -> Iterator[E]:
        return iter(self._entries.values())

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def names(self) -> list[str]:
        return sorted(self._entries)

    def get(self, name: str) -> E | None:
        return self._entries.get(name)

    def for_extension(self, suffix: str) -> E | None:
        suffix = suffix.lower()
        return next((entry for entry in self if suffix in entry.extensions), None)

    def extensions(self) -> list[str]:
        return sorted(extension for entry in self for extension in entry.extensions)

    def load(self, entry: E) -> Any:
        return entry.load(self.package)
