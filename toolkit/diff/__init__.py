"""Clause-aware comparison of two versions of a policy.

    from toolkit.diff import diff_documents, DiffOptions
    diff = diff_documents(old_document, new_document, DiffOptions(ignore_case=True))

The result is data (``DocumentDiff``); ``toolkit.render`` turns it into JSON,
terminal output, Markdown, HTML or a Word file with tracked changes.
"""

from .align import compare as compare  # the old name of diff_documents, for callers written before
from .align import diff_documents
from .changes import (
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
    "comparison_key",
    "diff_documents",
    "word_diff",
]
