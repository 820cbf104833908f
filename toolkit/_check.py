"""Argument checks at the public API's boundary.

A wrong type passed to a public function (a file name where a ``Document`` is
expected, a single path where a list is) would otherwise fail deep inside with an
``AttributeError`` that names none of the caller's arguments. These helpers raise a
``TypeError`` naming the argument, what it should be, what it was, and what to do.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable

_TypeSpec = type | tuple[type, ...]


def type_names(types: _TypeSpec) -> str:
    """``"a Document"``, ``"a str or an os.PathLike"``: the expected types for a message."""
    listed = types if isinstance(types, tuple) else (types,)
    names = ["None" if kind is type(None) else _article(_qualified(kind)) for kind in listed]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _qualified(kind: type) -> str:
    if kind is os.PathLike:
        return "os.PathLike"
    return kind.__name__


def _article(name: str) -> str:
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def require(value: object, types: _TypeSpec, name: str, hint: str = "") -> None:
    """A ``TypeError`` unless ``value`` is an instance of ``types``.

    ``name`` is the argument as the caller wrote it (``"old"``, ``"options"``); ``hint``
    says what to do instead, e.g. "read the files first with toolkit.read_document"."""
    if isinstance(value, types) and not (isinstance(value, bool) and _excludes_bool(types)):
        return
    message = f"{name} must be {type_names(types)}, not {type(value).__name__}"
    if isinstance(value, str | bytes) and len(value) <= 80:
        message += f" ({value!r})"
    raise TypeError(f"{message}; {hint}" if hint else message)


def _excludes_bool(types: _TypeSpec) -> bool:
    # True is an int to isinstance, but width=True is a mistake, not a width of 1.
    listed = types if isinstance(types, tuple) else (types,)
    return bool not in listed and int in listed


PATH_TYPES: tuple[type, ...] = (str, os.PathLike)


def require_path(value: object, name: str = "path") -> None:
    """A ``TypeError`` unless ``value`` is a file name: a ``str`` or an ``os.PathLike`` such as ``Path``."""
    require(value, PATH_TYPES, name, "give the file name as a str or a pathlib.Path")


def require_items(values: object, types: _TypeSpec, name: str, hint: str = "") -> None:
    """A ``TypeError`` unless ``values`` is a collection (not one string or path) of ``types``.

    One file name where a list is expected would otherwise be read letter by letter. The
    items of a collection are checked too; an iterator's are not, since checking would use it up."""
    if isinstance(values, str | bytes | os.PathLike) or not isinstance(values, Iterable):
        message = f"{name} must be a list of {_plural(types)}, not one {type(values).__name__}"
        if isinstance(values, str | bytes) and len(values) <= 80:
            message += f" ({values!r})"
        raise TypeError(f"{message}; wrap a single item in a list")
    if isinstance(values, Collection):
        for position, value in enumerate(values):
            require(value, types, f"{name}[{position}]", hint)


def _plural(types: _TypeSpec) -> str:
    listed = types if isinstance(types, tuple) else (types,)
    names = [_qualified(kind) for kind in listed]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
