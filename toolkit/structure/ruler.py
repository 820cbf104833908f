"""An ordered list of named rules, after markdown-it-py's ``Ruler``.

The builder tries its block rules in order and the first that takes a block wins, so
the order *is* the behaviour. Keeping the rules in one named list lets a reader of
the code see that order in one place, and lets a caller (or a test) disable a rule
by name or insert one before or after another without editing the builder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

R = TypeVar("R")


class RuleNotFound(KeyError):
    """A rule name that is not in the list (a typo would otherwise be silently ignored)."""


@dataclass(slots=True)
class _Entry(Generic[R]):
    name: str
    rule: R
    enabled: bool = True


class Ruler(Generic[R]):
    """Rules in the order they are tried; each has a unique name and can be switched off."""

    def __init__(self, rules: Iterable[tuple[str, R]] = ()) -> None:
        self._entries: list[_Entry[R]] = []
        for name, rule in rules:
            self.push(name, rule)

    def _find(self, name: str) -> int:
        for index, entry in enumerate(self._entries):
            if entry.name == name:
                return index
        raise RuleNotFound(f"no rule named {name!r}; the rules are {', '.join(self.names())}")

    def _new(self, name: str, rule: R) -> _Entry[R]:
        if any(entry.name == name for entry in self._entries):
            raise ValueError(f"a rule named {name!r} is already in the list")
        return _Entry(name, rule)

    def push(self, name: str, rule: R) -> None:
        """Add a rule at the end: it is tried after every rule already there."""
        self._entries.append(self._new(name, rule))

    def before(self, before_name: str, name: str, rule: R) -> None:
        """Insert a rule just before the one named ``before_name``."""
        self._entries.insert(self._find(before_name), self._new(name, rule))

    def after(self, after_name: str, name: str, rule: R) -> None:
        """Insert a rule just after the one named ``after_name``."""
        self._entries.insert(self._find(after_name) + 1, self._new(name, rule))

    def at(self, name: str, rule: R) -> None:
        """Replace the rule named ``name``, keeping its place and whether it is enabled."""
        self._entries[self._find(name)].rule = rule

    def enable(self, names: str | Iterable[str]) -> list[str]:
        """Switch rules on; returns the names switched."""
        return self._switch(names, True)

    def disable(self, names: str | Iterable[str]) -> list[str]:
        """Switch rules off: they stay in the list, in their place, but are not tried."""
        return self._switch(names, False)

    def enable_only(self, names: str | Iterable[str]) -> list[str]:
        """Switch every rule off except these."""
        for entry in self._entries:
            entry.enabled = False
        return self.enable(names)

    def _switch(self, names: str | Iterable[str], enabled: bool) -> list[str]:
        chosen = [names] if isinstance(names, str) else list(names)
        indexes = [self._find(name) for name in chosen]  # all or none: check every name first
        for index in indexes:
            self._entries[index].enabled = enabled
        return chosen

    def names(self) -> list[str]:
        """Every rule's name, in order, enabled or not."""
        return [entry.name for entry in self._entries]

    def enabled_names(self) -> list[str]:
        return [entry.name for entry in self._entries if entry.enabled]

    def get_rules(self) -> list[R]:
        """The enabled rules, in the order they are tried."""
        return [entry.rule for entry in self._entries if entry.enabled]

    def copy(self) -> Ruler[R]:
        """An independent list with the same rules and switches (the defaults stay untouched)."""
        twin: Ruler[R] = Ruler()
        twin._entries = [_Entry(entry.name, entry.rule, entry.enabled) for entry in self._entries]
        return twin

    def __repr__(self) -> str:
        shown = ", ".join(entry.name if entry.enabled else f"({entry.name})" for entry in self._entries)
        return f"Ruler([{shown}])"


__all__ = ["RuleNotFound", "Ruler"]
