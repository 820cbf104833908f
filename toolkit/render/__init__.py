"""Renderers: they read a finished data object (a Document, a diff, a report)
and write one format. Registries are keyed by format name.

Diff renderers are registered by format name (``json``, ``text``, ``md``,
``html``, ``docx``); each takes a ``DocumentDiff`` and the keyword options its
dataclass in ``render/options.py`` declares, and returns ``str`` or ``bytes``.
Adding a format means adding one module, its options dataclass and one line in
``_DIFF_RENDERERS``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._check import require
from ..errors import OutputError
from ..registry import Entry, Registry
from .options import (
    DiffRenderOptions,
    DocxOptions,
    HtmlOptions,
    JsonOptions,
    MarkdownOptions,
    TextOptions,
)

if TYPE_CHECKING:
    from ..diff.changes import DocumentDiff


@dataclass(frozen=True, slots=True)
class DiffRenderer(Entry):
    """One diff format: ``render(diff, **options)`` returns ``str``, or ``bytes`` when ``binary``;
    ``options`` is the dataclass that lists the keywords it accepts."""

    binary: bool = False
    options: type[DiffRenderOptions] = DiffRenderOptions

    def make_options(self, options: DiffRenderOptions | None = None, **keywords: Any) -> DiffRenderOptions:
        """The format's options from ``options=`` or from keywords; a ``TypeError`` for any other."""
        if options is not None:
            if keywords:
                raise TypeError(f"give the {self.name} options either as options= or as keywords, not both")
            require(options, self.options, "options", f"the {self.name!r} diff format takes {self.options.__name__}")
            return options
        unknown = [key for key in keywords if key not in self.options.names()]
        if unknown:
            valid = ", ".join(self.options.names()) or "none"
            raise TypeError(f"unknown option{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))} "
                            f"for the {self.name!r} diff format; valid options: {valid}")
        return self.options(**keywords)

    @property
    def render(self) -> Callable[..., str | bytes]:
        func: Callable[..., str | bytes] = self.load(__name__)
        return func


# The built-in diff formats. Adding one means adding a module with a
# ``(diff, **options) -> str | bytes`` function and one line here.
_DIFF_RENDERERS: Registry[DiffRenderer] = Registry(__name__, (
    DiffRenderer("json", (".json",), "diff_json:render_json", "the policykit.diff/1 JSON contract",
                 options=JsonOptions),
    DiffRenderer("text", (".txt",), "diff_text:render_text", "plain or coloured text for the terminal",
                 options=TextOptions),
    DiffRenderer("md", (".md", ".markdown"), "diff_markdown:render_markdown",
                 "Markdown with CriticMarkup, for meeting packs", options=MarkdownOptions),
    DiffRenderer("html", (".html", ".htm"), "diff_html:render_html", "one self-contained HTML report",
                 options=HtmlOptions),
    DiffRenderer("docx", (".docx",), "diff_docx:render_docx", "Word document with tracked changes", binary=True,
                 options=DocxOptions),
))


def diff_renderers() -> dict[str, DiffRenderer]:
    """The diff formats by name, in the order they are listed."""
    return {renderer.name: renderer for renderer in _DIFF_RENDERERS}


def diff_renderer(name: str) -> DiffRenderer:
    """The diff format called ``name``; an ``OutputError`` naming the choices otherwise."""
    renderer = _DIFF_RENDERERS.get(name)
    if renderer is None:
        raise OutputError(f"unknown diff format {name!r}; choose one of {', '.join(_DIFF_RENDERERS.names())}")
    return renderer


def diff_format_for(path: str | os.PathLike[str]) -> str:
    """The diff format an output file name asks for, by its extension."""
    suffix = Path(path).suffix.lower()
    renderer = _DIFF_RENDERERS.for_extension(suffix)
    if renderer is not None:
        return renderer.name
    raise OutputError(
        f"cannot tell the format from the extension {suffix or '(none)'}; use --format or one of "
        + ", ".join(_DIFF_RENDERERS.extensions()),
        path=path,
    )


def render_diff(diff: DocumentDiff, name: str, *, options: DiffRenderOptions | None = None,
                **keywords: Any) -> str | bytes:
    """Render a diff in the format called ``name`` (``json``, ``text``, ``md``, ``html`` or ``docx``).

    Options are keywords (``render_diff(diff, "text", width=80)``) or the format's dataclass
    from ``toolkit.render.options`` (``options=TextOptions(width=80)``); an option the format
    does not take is a ``TypeError`` listing the ones it does. Returns ``bytes`` for ``docx``,
    ``str`` otherwise."""
    from ..diff.changes import DocumentDiff

    require(diff, DocumentDiff, "diff", "make one with toolkit.diff_documents(old, new)")
    require(name, str, "name", f"give a format name: {', '.join(diff_renderers())}")
    renderer = diff_renderer(name)
    chosen = renderer.make_options(options, **keywords)
    return renderer.render(diff, **chosen.keywords())
