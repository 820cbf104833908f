"""The options each diff format takes, one frozen dataclass per format.

``render_diff(diff, "text", width=80)`` builds ``TextOptions(width=80)`` from the
keywords, so a misspelt or unknown option is refused with a ``TypeError`` that
lists the valid ones instead of being silently ignored. A caller can also build
the dataclass itself: ``render_diff(diff, "text", options=TextOptions(width=80))``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .._check import require


@dataclass(frozen=True, slots=True)
class DiffRenderOptions:
    """Base of the per-format options: a format without options uses one of these empty subclasses."""

    def keywords(self) -> dict[str, object]:
        """The options as keyword arguments for the format's render function."""
        return {field.name: getattr(self, field.name) for field in fields(self)}

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The option names this format accepts, in declaration order."""
        return tuple(field.name for field in fields(cls))


@dataclass(frozen=True, slots=True)
class JsonOptions(DiffRenderOptions):
    """The ``json`` format has no options: the ``policykit.diff/1`` contract has one form."""


@dataclass(frozen=True, slots=True)
class TextOptions(DiffRenderOptions):
    """The ``text`` format: ``color`` adds terminal colours; ``width`` is the line width in characters."""

    color: bool = False
    width: int = 100

    def __post_init__(self) -> None:
        require(self.color, bool, "color")
        require(self.width, int, "width")
        if self.width < 1:
            raise ValueError(f"width must be at least 1 character, not {self.width}")


@dataclass(frozen=True, slots=True)
class MarkdownOptions(DiffRenderOptions):
    """The ``md`` format has no options."""


@dataclass(frozen=True, slots=True)
class HtmlOptions(DiffRenderOptions):
    """The ``html`` format has no options: the report carries its own view controls."""


@dataclass(frozen=True, slots=True)
class DocxOptions(DiffRenderOptions):
    """The ``docx`` format: the ``author`` and ISO 8601 ``date`` recorded on each tracked change
    (by default the diff's own author and the time of rendering)."""

    author: str | None = None
    date: str | None = None

    def __post_init__(self) -> None:
        require(self.author, (str, type(None)), "author")
        require(self.date, (str, type(None)), "date", "give an ISO 8601 string such as '2026-11-22T10:00:00Z'")
