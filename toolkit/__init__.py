"""policykit: read, compare, diff and generate school policy documents.

The public API lives here; modules with a leading underscore and sub-packages
are implementation details that may change.
"""

from __future__ import annotations

from .accounting import document_words, unaccounted
from .dates import PartialDate, parse_date
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
from .render.document import document_to_dict
from .structure import BuildOptions, build_document

__version__ = "0.1.0"

__all__ = [
    "BuildOptions",
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
