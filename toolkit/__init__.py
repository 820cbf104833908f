"""policykit: read, compare, diff and generate school policy documents.

The public API lives here; modules with a leading underscore and sub-packages
are implementation details that may change.

    import toolkit
    old = toolkit.read_document("behaviour-2024.docx")
    new = toolkit.read_document("behaviour-2025.pdf")
    diff = toolkit.diff_documents(old, new)      # a DocumentDiff: data
    html = toolkit.render_diff(diff, "html")     # one self-contained report

A diff is of two versions of one policy (``diff_documents``); a comparison is of
many schools' policies across a trust (``compare_policies``, ``run_comparison``).
The public functions check their arguments' types and raise a ``TypeError`` that
says what to pass instead.
"""

from __future__ import annotations

import importlib as _importlib
import warnings as _warnings
from typing import TYPE_CHECKING, Any

# Where each public name lives. Names are imported on first use (PEP 562) so that
# `policykit parse small.txt` or `import toolkit` does not pay for generation
# (openpyxl, pydantic), the trust renderers (Jinja) or pdfplumber; the API a
# caller sees is the same.
_EXPORTS: dict[str, str] = {
    "document_words": "accounting",
    "unaccounted": "accounting",
    "PartialDate": "dates",
    "parse_date": "dates",
    "ClauseChange": "diff",
    "DiffOptions": "diff",
    "DocumentDiff": "diff",
    "Status": "diff",
    "diff_documents": "diff",
    "CorruptFileError": "errors",
    "DecodeError": "errors",
    "EmptyInputError": "errors",
    "EncryptedFileError": "errors",
    "FileMissingError": "errors",
    "InputError": "errors",
    "NoTextLayerError": "errors",
    "OutputError": "errors",
    "ProfileError": "errors",
    "TemplateError": "errors",
    "TooLargeError": "errors",
    "ToolkitError": "errors",
    "UnsupportedFormatError": "errors",
    "Clause": "model",
    "ClauseKind": "model",
    "Document": "model",
    "Furniture": "model",
    "FurnitureKind": "model",
    "Metadata": "model",
    "MetaValue": "model",
    "ReadOptions": "readers",
    "read_blocks": "readers",
    "read_document": "readers",
    "supported_extensions": "readers",
    "GenerationResult": "generate",
    "generate_policy": "generate",
    "render_diff": "render",
    "document_to_dict": "render.document",
    "BuildOptions": "structure",
    "build_document": "structure",
    "TrustReport": "trust",
    "compare_policies": "trust",
    "run_comparison": "trust",
}

if TYPE_CHECKING:  # the same names, eagerly, for type checkers and editors
    from .accounting import document_words, unaccounted
    from .dates import PartialDate, parse_date
    from .diff import ClauseChange, DiffOptions, DocumentDiff, Status, diff_documents
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
    from .generate import GenerationResult, generate_policy
    from .model import Clause, ClauseKind, Document, Furniture, FurnitureKind, Metadata, MetaValue
    from .readers import ReadOptions, read_blocks, read_document, supported_extensions
    from .render import render_diff
    from .render.document import document_to_dict
    from .structure import BuildOptions, build_document
    from .trust import TrustReport, compare_policies, run_comparison


# Old names that still work, with a DeprecationWarning saying what to use instead.
_DEPRECATED: dict[str, tuple[str, str]] = {
    "compare": ("diff_documents", "toolkit.compare is deprecated: use toolkit.diff_documents for the diff of "
                "two versions of a policy, or toolkit.compare_policies for a trust comparison"),
}


def __getattr__(name: str) -> Any:
    if name in _DEPRECATED:
        replacement, message = _DEPRECATED[name]
        _warnings.warn(message, DeprecationWarning, stacklevel=2)
        return __getattr__(replacement)  # not cached, so every use of the old name warns
    if name == "__version__":
        value = _version()
    elif name in _EXPORTS:
        value = getattr(_importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        value = _checked(name, value)
    else:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip this function
    return value


def _checked(name: str, value: Any) -> Any:
    """The public functions come wrapped in checks of their arguments' types (``_boundary.py``)."""
    from . import _boundary

    return _boundary.checked(name, value) if name in _boundary.CHECKED else value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS) | {"__version__"})


def _version() -> str:
    # importlib.metadata costs ~20 ms to import; only --version and reports need it.
    from importlib import metadata

    try:
        return metadata.version("policykit")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0.0.0+source"


__all__ = [
    "BuildOptions",
    "ClauseChange",
    "DiffOptions",
    "DocumentDiff",
    "GenerationResult",
    "Status",
    "TrustReport",
    "compare_policies",
    "diff_documents",
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
