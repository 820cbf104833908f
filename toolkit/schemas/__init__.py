"""JSON Schema (draft 2020-12) files for policykit's JSON contracts, shipped with the package.

    >>> from toolkit.schemas import load_schema
    >>> load_schema("policykit.document/1")["title"]
    'policykit.document/1'

Each contract is additive: a later release may add keys at the end of the top-level
object (so the top level of each schema allows unknown keys), and never changes or
removes one. Nested objects are closed, so a new nested key is made in the schema in the
same commit as in the renderer; ``tests/test_json_schemas.py`` validates real outputs.
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

# Contract name as written in the JSON's "schema" key -> file in this package.
SCHEMAS: dict[str, str] = {
    "policykit.document/1": "policykit.document-1.schema.json",
    "policykit.diff/1": "policykit.diff-1.schema.json",
    "policykit.compare/2": "policykit.compare-2.schema.json",
}

__all__ = ["SCHEMAS", "load_schema", "schema_path"]


def schema_path(name: str) -> Traversable:
    """The schema file of a contract, by the name in its ``schema`` key (``"policykit.diff/1"``).

    The file-name form (``"policykit.diff-1"``) is accepted too. Returns an importlib
    ``Traversable`` (a ``pathlib.Path`` for an ordinary install); raises ``KeyError``
    naming the known contracts for any other name.
    """
    if not isinstance(name, str):
        raise TypeError(f"schema name must be a str, not {type(name).__name__}")
    file_name = SCHEMAS.get(name) or SCHEMAS.get(name.replace("-", "/"))
    if file_name is None:
        raise KeyError(f"no schema named {name!r}; known: {', '.join(SCHEMAS)}")
    return resources.files(__name__) / file_name


def load_schema(name: str) -> dict[str, Any]:
    """The parsed JSON Schema of a contract (see ``schema_path`` for the names accepted)."""
    schema: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return schema
