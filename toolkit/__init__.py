"""policykit: read, compare, diff and generate school policy documents.

The public API lives here; modules with a leading underscore and sub-packages
are implementation details that may change.
"""

from __future__ import annotations

from importlib import metadata as _metadata

from .accounting import document_words, unaccounted
from .dates import PartialDate, parse_date
from .diff import ClauseChange, DiffOptions, DocumentDiff, Status, compare
from .errors import (
    CorruptFileError,
    DecodeError,
    EmptyInputError,
    EncryptedFileError,
    FileMissingError,
    InputError,
    NoTextLayerError,
    OutputError,
    ProfileError,
    TemplateError,
    TooLargeError,
    ToolkitError,
    UnsupportedFormatError,
)
from .model import Clause, ClauseKind, Document, Furniture, FurnitureKind, Metadata, MetaValue
from .readers import ReadOptions, read_blocks, read_document, supported_extensions
from .generate import GenerationResult, generate_policy
from .render import render_diff
from .render.document import document_to_dict
from .structure import BuildOptions, build_document
from .trust import TrustReport, compare_policies, run_comparison

try:
    __version__ = _metadata.version("policykit")
except _metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"

__all__ = [
    "BuildOptions",
    "ClauseChange",
    "DiffOptions",
    "DocumentDiff",
    "GenerationResult",
    "Status",
    "TrustReport",
    "compare",
    "compare_policies",
    "generate_policy",
    "render_diff",
    "run_comparison",
    "Clause",
    "ClauseKind",
    "CorruptFileError",
    "DecodeError",
    "Document",
    "EmptyInputError",
    "EncryptedFileError",
    "FileMissingError",
    "Furniture",
    "FurnitureKind",
    "InputError",
    "MetaValue",
    "Metadata",
    "NoTextLayerError",
    "OutputError",
    "PartialDate",
    "ProfileError",
    "ReadOptions",
    "TemplateError",
    "TooLargeError",
    "ToolkitError",
    "UnsupportedFormatError",
    "build_document",
    "document_to_dict",
    "document_words",
    "parse_date",
    "read_blocks",
    "read_document",
    "supported_extensions",
    "unaccounted",
]
