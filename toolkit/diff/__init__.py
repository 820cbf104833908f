"""Clause-aware comparison of two versions of a policy.

    from toolkit.diff import compare, DiffOptions
    diff = compare(old_document, new_document, DiffOptions(ignore_case=True))

The result is data (``DocumentDiff``); ``toolkit.render`` turns it into JSON,
terminal output, Markdown, HTML or a Word file with tracked changes.
"""

from .align import compare
from .model import (
    ClauseChange,
    Counts,
    DiffOptions,
    DocumentDiff,
    DocumentInfo,
    MatchedBy,
    MetadataChange,
    Placement,
    Status,
    Summary,
)
from .words import comparison_key, word_diff

__all__ = [
    "ClauseChange",
    "Counts",
    "DiffOptions",
    "DocumentDiff",
    "DocumentInfo",
    "MatchedBy",
    "MetadataChange",
    "Placement",
    "Status",
    "Summary",
    "compare",
    "comparison_key",
    "word_diff",
]
