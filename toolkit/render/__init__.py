"""Renderers: they read a finished data object (a Document, a diff, a report)
and write one format. Registries are keyed by format name.

Diff renderers are registered by format name (``json``, ``text``, ``md``,
``html``, ``docx``); each takes a ``DocumentDiff`` and keyword options and
returns ``str`` or ``bytes``. Adding a format means adding one module that
registers itself with ``register_diff_renderer``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError


@dataclass(frozen=True, slots=True)
class DiffRenderer:
    name: str
    extensions: tuple[str, ...]
    binary: bool
    render: Callable[..., str | bytes]
    description: str


_DIFF_RENDERERS: dict[str, DiffRenderer] = {}
_DIFF_MODULES = ("diff_json", "diff_text", "diff_markdown", "diff_html", "diff_docx")


def register_diff_renderer(name: str, extensions: tuple[str, ...], *, binary: bool = False, description: str = ""):
    def decorator(func):
        _DIFF_RENDERERS[name] = DiffRenderer(name, extensions, binary, func, description)
        return func

    return decorator


def _load() -> None:
    for module in _DIFF_MODULES:
        importlib.import_module(f"{__name__}.{module}")


def diff_renderers() -> dict[str, DiffRenderer]:
    _load()
    return dict(_DIFF_RENDERERS)


def diff_renderer(name: str) -> DiffRenderer:
    renderers = diff_renderers()
    if name not in renderers:
        raise OutputError(f"unknown diff format {name!r}; choose one of {', '.join(sorted(renderers))}")
    return renderers[name]


def diff_format_for(path: str | os.PathLike[str]) -> str:
    """The diff format an output file name asks for, by its extension."""
    suffix = Path(path).suffix.lower()
    for renderer in diff_renderers().values():
        if suffix in renderer.extensions:
            return renderer.name
    known = sorted(ext for r in diff_renderers().values() for ext in r.extensions)
    raise OutputError(
        f"cannot tell the format from the extension {suffix or '(none)'}; use --format or one of {', '.join(known)}",
        path=path,
    )


def render_diff(diff, name: str, **options) -> str | bytes:
    return diff_renderer(name).render(diff, **options)
