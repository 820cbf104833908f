"""The demo: every capability of policykit run on the bundled sample policies.

Each step writes its outputs all-or-nothing and yields the lines that tell the
user where they went.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .diff import compare
from .errors import FileMissingError
from .io import display_path, write_outputs
from .readers import read_document, supported_extensions
from .render import render_diff
from .render.document import render_json, render_tree


def sample_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise FileMissingError("sample folder not found; run the demo from the repository root or pass --samples", path=folder)
    extensions = set(supported_extensions())
    found = sorted(path for path in folder.iterdir() if path.suffix.lower() in extensions and path.is_file())
    if not found:
        # Refused here, before the parse step writes anything, so a wrong --samples
        # leaves no half-made output folder behind.
        raise FileMissingError(f"no policy files here (the demo reads {', '.join(sorted(extensions))})", path=folder)
    return found


def parse_samples(folder: Path, output: Path) -> Iterator[str]:
    files: dict[str, str] = {}
    paths = sample_files(folder)
    for path in paths:
        document = read_document(path)
        name = f"{path.stem}.{path.suffix.lstrip('.')}"
        files[f"parsed/{name}.json"] = render_json(document)
        files[f"parsed/{name}.outline.txt"] = render_tree(document)
    write_outputs(output, files)
    formats = sorted({path.suffix.lstrip(".") for path in paths})
    yield f"Parsed {len(paths)} sample files ({', '.join(formats)}) into clauses:"
    yield f"  {display_path(output / 'parsed')}/  (policykit.document/1 JSON and an outline for each)"


def generate_and_diff(output: Path) -> Iterator[str]:
    """Generate the sample school's policy, then show governors how it differs from the model."""
    from .generate import generate_policy, sample_profile_path, sample_staff_path

    result = generate_policy(sample_profile_path(), sample_staff_path(), output, include_model=True)
    yield "Generated the sample school's policy and declarations from the model:"
    for name in sorted(result.outputs):
        yield f"  {display_path(result.outputs[name])}"
    if result.pdf_skipped:
        yield f"  (PDF skipped: {result.pdf_skipped})"

    model = read_document(result.outputs["model.docx"])
    policy = read_document(result.outputs["policy.docx"])
    diff = compare(model, policy)
    files = {f"changes/model-vs-{result.folder.name}.{ext}": render_diff(diff, fmt) for ext, fmt in
             (("html", "html"), ("docx", "docx"), ("md", "md"), ("json", "json"))}
    written = write_outputs(output, files)
    counts = diff.summary.as_dict()
    changed = sum(n for status, n in counts.items() if status != "unchanged")
    yield f"Compared the school's policy with the model: {changed} of {sum(counts.values())} clauses differ:"
    for path in written:
        yield f"  {display_path(path)}"


def run_demo(samples: Path, output: Path) -> Iterator[str]:
    from .trust import demo_comparison

    yield from parse_samples(samples, output)
    yield from demo_comparison(samples, output)
    yield from generate_and_diff(output)
