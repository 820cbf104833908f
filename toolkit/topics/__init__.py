"""Topic catalogues and the explainable topic classifier.

Names load on first use: the policy-type recogniser needs only ``topics.text``, and
reading a document should not import pydantic (the catalogue validator) for it.
"""

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "DEFAULT_CATALOGUE": "catalogue",
    "Catalogue": "catalogue",
    "CatalogueError": "catalogue",
    "Topic": "catalogue",
    "builtin_catalogue": "catalogue",
    "builtin_catalogues": "catalogue",
    "load_catalogue": "catalogue",
    "load_catalogue_file": "catalogue",
    "ClassifierOptions": "classifier",
    "DocumentTopics": "classifier",
    "Evidence": "classifier",
    "TopicClassifier": "classifier",
    "TopicCoverage": "classifier",
    "TopicMatch": "classifier",
    "classify_document": "classifier",
}

if TYPE_CHECKING:
    from .catalogue import (
        DEFAULT_CATALOGUE,
        Catalogue,
        CatalogueError,
        Topic,
        builtin_catalogue,
        builtin_catalogues,
        load_catalogue,
        load_catalogue_file,
    )
    from .classifier import (
        ClassifierOptions,
        DocumentTopics,
        Evidence,
        TopicClassifier,
        TopicCoverage,
        TopicMatch,
        classify_document,
    )


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'toolkit.topics' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


# Spelled out (the same names as _EXPORTS, in sorted() order) so that tools see what is exported.
__all__ = [
    "Catalogue",
    "CatalogueError",
    "ClassifierOptions",
    "DEFAULT_CATALOGUE",
    "DocumentTopics",
    "Evidence",
    "Topic",
    "TopicClassifier",
    "TopicCoverage",
    "TopicMatch",
    "builtin_catalogue",
    "builtin_catalogues",
    "classify_document",
    "load_catalogue",
    "load_catalogue_file",
]
