"""The argument checks of the public functions that ``toolkit`` exports.

``toolkit.read_document`` and its siblings are the API's boundary: the names in
``toolkit/__init__.py`` are what callers use, sub-packages are implementation.
Each function listed here is handed out wrapped: the arguments a caller gave are
checked against their parameter's expected types, so a file name passed where a
``Document`` belongs is a ``TypeError`` that says to read the file first, not an
``AttributeError`` from deep inside the diff engine. Internal callers, which pass
the right types, call the unwrapped functions and pay nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import inspect
from collections.abc import Callable, Mapping
from typing import Any

from ._check import PATH_TYPES, require, require_items

_NONE = type(None)
_READ_FIRST = "read the files first with toolkit.read_document(path)"

# A parameter's check: (value, parameter name) -> None, or a TypeError.
Check = Callable[[object, str], None]


def _is(types: type | tuple[type, ...], hint: str = "") -> Check:
    def check(value: object, name: str) -> None:
        require(value, types, name, hint)

    return check


def _each(types: tuple[type, ...], hint: str = "") -> Check:
    def check(value: object, name: str) -> None:
        require_items(value, types, name, hint)

    return check


def _load(target: str) -> type:
    module, _, attribute = target.partition(":")
    loaded: type = getattr(importlib.import_module(f"toolkit.{module}"), attribute)
    return loaded


def _specs(name: str) -> Mapping[str, Check]:
    """The checks of public function ``name``, by parameter. Built on first use: the
    types they name live in modules that ``import toolkit`` must not load."""
    document = _load("model:Document")
    path_or_none = (*PATH_TYPES, _NONE)
    if name in ("read_document", "read_blocks"):
        return {"path": _is(PATH_TYPES, "give the file name as a str or a pathlib.Path"),
                "options": _is((_load("readers:ReadOptions"), _NONE))}
    if name == "diff_documents":
        return {"old": _is(document, _READ_FIRST), "new": _is(document, _READ_FIRST),
                "options": _is(_load("diff:DiffOptions"))}
    if name == "build_document":
        return {"stream": _is(_load("structure.blocks:BlockStream"), "read one with toolkit.read_blocks(path)"),
                "source": _is(str), "format": _is(str),
                "options": _is((_load("structure:BuildOptions"), _NONE))}
    if name == "generate_policy":
        return {"profile_path": _is(PATH_TYPES), "staff_csv": _is(path_or_none), "out_dir": _is(PATH_TYPES),
                "templates": _is(path_or_none), "timestamp": _is((dt.datetime, _NONE))}
    if name in ("compare_policies", "run_comparison"):
        policy = (*PATH_TYPES, document)
        topics = (_load("topics:Catalogue"), *path_or_none) if name == "compare_policies" else path_or_none
        checks: dict[str, Check] = {
            "inputs": _each(policy, "give files, folders or Documents"),
            "baseline": _is((*policy, _NONE)), "as_of": _is((dt.date, _NONE)), "topics": _is(topics)}
        if name == "run_comparison":
            checks["output"] = _is(PATH_TYPES, "give the report's file name, e.g. 'register.html'")
        return checks
    return {}


CHECKED = frozenset({"read_document", "read_blocks", "diff_documents", "build_document", "generate_policy",
                     "compare_policies", "run_comparison"})


def checked(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with its arguments checked at the call; the same name, signature and docstring."""
    signature = inspect.signature(func)
    checks = _specs(name)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError:
            return func(*args, **kwargs)  # a missing or extra argument: Python's own message says it best
        for parameter, value in bound.arguments.items():
            if parameter in checks:
                checks[parameter](value, parameter)
        return func(*args, **kwargs)

    # Found as toolkit.<name> (so pickle, which looks a function up by module and name, finds this one).
    wrapper.__module__ = "toolkit"
    return wrapper
