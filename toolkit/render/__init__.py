"""Renderers: they read a finished data object (a Document, a diff, a report)
and write one format. Registries are keyed by format name.

Diff renderers are registered by format name (``json``, ``text``, ``md``,
``html``, ``docx``); each takes a ``DocumentDiff`` and keyword options and
returns ``str`` or ``bytes``. Adding a format means adding one module and one
line in ``_DIFF_RENDERERS``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..registry import Entry, Registry


@dataclass(frozen=True, slots=True)
class DiffRenderer(Entry):
    """One diff format: ``render(diff, **options)`` returns ``str``, or ``bytes`` when ``binary``."""

    binary: bool = False

    @property
    def render(self) -> Callable[..., str | bytes]:
        func: Callable[..., str | bytes] = self.load(__name__)
        return func


# The built-in diff formats. Adding one means adding a module with a
# ``(diff, **options) -> str | bytes`` function and one line here.
_DIFF_RENDERERS: Registry[DiffRenderer] = Registry(__name__, (
    DiffRenderer("json", (".json",), "diff_json:render_json", "the policykit.diff/1 JSON contract"),
    DiffRenderer("text", (".txt",), "diff_text:render_text", "plain or coloured text for the terminal"),
    DiffRenderer("md", (".md", ".markdown"), "diff_markdown:render_markdown",
                 "Markdown with CriticMarkup, for meeting packs"),
    DiffRenderer("html", (".html", ".htm"), "diff_html:render_html", "one self-contained HTML report"),
    DiffRenderer("docx", (".docx",), "diff_docx:render_docx", "Word document with tracked changes", binary=True),
))


def diff_renderers() -> dict[str, DiffRenderer]:
    """The diff formats by name, in the order they are listed."""
    return {renderer.name: renderer for renderer in _DIFF_RENDERERS}


def diff_renderer(name: str) -> DiffRenderer:
    """The diff format called ``name``; an ``OutputError`` naming the choices otherwise."""
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
