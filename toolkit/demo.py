"""The demo: every capability of policykit run on the bundled sample policies.

Each step returns the files it wrote so the CLI can say where everything is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .errors import FileMissingError
from .io import write_outputs
from .readers import read_document, supported_extensions
from .render.document import render_json, render_tree


def sample_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise FileMissingError("sample folder not found; run the demo from the repository root or pass --samples", path=folder)
    extensions = set(supported_extensions())
    return sorted(path for path in folder.iterdir() if path.suffix.lower() in extensions and path.is_file())


def parse_samples(folder: Path, output: Path) -> list[Path]:
    files: dict[str, str] = {}
    for path in sample_files(folder):
        document = read_document(path)
        name = f"{path.stem}.{path.suffix.lstrip('.')}"
        files[f"parsed/{name}.json"] = render_json(document)
        files[f"parsed/{name}.outline.txt"] = render_tree(document)
    return write_outputs(output, files)


def run_demo(samples: Path, output: Path) -> Iterator[str]:
    from .trust import demo_comparison

    written = parse_samples(samples, output)
    yield f"Parsed {len(written) // 2} sample policies into clauses:"
    yield f"  {output / 'parsed'}/  (one .json per policy, policykit.document/1, and an .outline.txt)"
    yield from demo_comparison(samples, output)
