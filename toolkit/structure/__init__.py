"""The one structure builder shared by every reader: blocks in, clause tree out.

``default_rules()`` is the builder's ordered list of block rules (a ``Ruler``): change
a copy (disable a rule, insert one before another) and pass it as
``build_document(..., rules=...)``.
"""

from .block_rules import default_rules
from .builder import BuildOptions, build_document
from .ruler import Ruler

__all__ = ["BuildOptions", "Ruler", "build_document", "default_rules"]
