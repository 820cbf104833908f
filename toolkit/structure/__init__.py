"""The one structure builder shared by every reader: blocks in, clause tree out."""

from .builder import BuildOptions, build_document

__all__ = ["BuildOptions", "build_document"]
