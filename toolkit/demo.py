"""The demo: every capability of policykit run on the bundled sample policies.

Each step writes its outputs all-or-nothing and yields the lines that tell the
user where they went. A sample that cannot be read is reported (its name and
why) and the others go on; the command then exits with ``EXIT_SOME_FAILED``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .diff import diff_documents
from .errors import FileMissingError, InputError
from .io import display_path, write_outputs
from .limits import document_time_limit
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


def parse_samples(folder: Path, output: Path, failures: list[InputError] | None = None) -> Iterator[str]:
    files: dict[str, str] = {}
    paths = sample_files(folder)
    parsed: list[Path] = []
    failed: list[InputError] = []
    for path in paths:
        try:
            with document_time_limit(path):
                document = read_document(path)
        except InputError as exc:
            failed.append(exc)  # one bad sample is reported; the rest still run
            continue
        parsed.append(path)
        name = f"{path.stem}.{path.suffix.lstrip('.')}"
        files[f"parsed/{name}.json"] = render_json(document)
        files[f"parsed/{name}.outline.txt"] = render_tree(document)
    if files:
        write_outputs(output, files)
        formats = sorted({path.suffix.lstrip(".") for path in parsed})
        yield f"Parsed {len(parsed)} sample files ({', '.join(formats)}) into clauses:"
        yield f"  {display_path(output / 'parsed')}/  (policykit.document/1 JSON and an outline for each)"
    for error in failed:
        yield f"  skipped {error.path}: {error.problem}"
    if failures is not None:
        failures.extend(failed)


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
    diff = diff_documents(model, policy)
    files = {f"changes/model-vs-{result.folder.name}.{ext}": render_diff(diff, fmt) for ext, fmt in
             (("html", "html"), ("docx", "docx"), ("md", "md"), ("json", "json"))}
    written = write_outputs(output, files)
    counts = diff.summary.as_dict()
    changed = sum(n for status, n in counts.items() if status != "unchanged")
    yield f"Compared the school's policy with the model: {changed} of {sum(counts.values())} clauses differ:"
    for path in written:
        yield f"  {display_path(path)}"


def run_demo(samples: Path, output: Path, failures: list[InputError] | None = None) -> Iterator[str]:
    """Every step on the samples; files that could not be read are added to ``failures``."""
    from .trust import demo_comparison

    yield from parse_samples(samples, output, failures)
    yield from demo_comparison(samples, output)
    yield from generate_and_diff(output)
