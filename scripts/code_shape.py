"""Functions in toolkit/ that are too long or too branchy to change safely.

A function over 60 lines or above cyclomatic complexity 20 (radon's measure) hides
its rules; split it so each part can be read and tested alone. Nested functions are
measured on their own, and a nested function's lines also count towards its parent.

    python scripts/code_shape.py [PATH ...]     # default: toolkit/
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from radon.complexity import cc_visit

REPO = Path(__file__).resolve().parents[1]
MAX_LINES = 60
MAX_COMPLEXITY = 20


def _files(paths: list[Path]) -> list[Path]:
    return sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*.py")))


def offenders(paths: list[Path] | None = None) -> list[str]:
    """One line per function over either limit, as ``file:line name: why``."""
    found: list[str] = []
    for path in _files(paths or [REPO / "toolkit"]):
        source = path.read_text(encoding="utf-8")
        shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_LINES:
                    found.append(f"{shown}:{node.lineno} {node.name}: {lines} lines (limit {MAX_LINES})")
        # cc_visit lists a method both inside its class and on its own.
        branchy = {
            (item.lineno, item.name, item.complexity)
            for block in cc_visit(source)
            for item in [block, *getattr(block, "methods", [])]
            if item.letter in "FM" and item.complexity > MAX_COMPLEXITY
        }
        found += [f"{shown}:{line} {name}: complexity {cc} (limit {MAX_COMPLEXITY})" for line, name, cc in sorted(branchy)]
    return found


if __name__ == "__main__":
    problems = offenders([Path(a).resolve() for a in sys.argv[1:]] or None)
    print("\n".join(problems))
    print(f"{len(problems)} functions over the limits")
    raise SystemExit(1 if problems else 0)
