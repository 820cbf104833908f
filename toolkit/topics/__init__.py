"""Topic catalogues and the explainable topic classifier."""

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

__all__ = [
    "DEFAULT_CATALOGUE",
    "Catalogue",
    "CatalogueError",
    "ClassifierOptions",
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
