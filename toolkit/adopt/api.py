"""Adopting a trust's model policy for one school: fill it, say what is left, show the changes.

    result = adopt_model("model.docx", "school.toml", out_dir="output")
    result.unfilled      # the places nothing filled: file, paragraph, text
    result.outputs       # the adopted policy, the governors' diff (HTML, Word), a JSON report

The model is never changed. The adopted copy keeps everything of the model but the
places filled, the drafting notes removed (unless the profile keeps them) and the
optional sections dropped; the diff against the model shows exactly those.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diff import diff_documents
from ..errors import (
    DecodeError,
    FileMissingError,
    TooLargeError,
    UnsupportedFormatError,
)
from ..generate.api import ALL_OUTPUTS
from ..generate.profile import SchoolProfile, load_profile
from ..io import (
    check_not_an_input,
    check_output_folder,
    display_path,
    slugify,
    write_outputs,
)
from ..model import Document, replace
from ..ooxml.fill import FillResult, OptionalSection, Place
from ..readers import read_document
from ..render import render_diff
from ..render.docx_document import resolve_timestamp
from .docx import fill_docx, scan_docx
from .mapping import AdoptMapping, Resolver, load_mapping, parse_mapping, suggest_field
from .markdown import fill_markdown

MODEL_SUFFIXES = (".docx", ".md", ".markdown")


@dataclass(frozen=True)
class Unfilled:
    file: str
    paragraph: int  # in the model: paragraph number (Word) or line (Markdown)
    text: str  # the place as printed
    context: str  # the paragraph it is in
    why: str  # "no value", "section not decided"

    def line(self) -> str:
        where = "line" if self.file.endswith((".md", ".markdown")) else "paragraph"
        return f"{self.file}: {where} {self.paragraph}: {self.text} ({self.why}) in \"{self.context}\""


@dataclass(frozen=True)
class AdoptResult:
    folder: Path
    outputs: dict[str, Path]
    fill: FillResult
    unfilled: tuple[Unfilled, ...]
    profile: SchoolProfile
    report: dict[str, Any]


def _check_model(path: Path) -> None:
    if not path.exists():
        raise FileMissingError("no such model file", path=path)
    if not path.is_file():
        raise FileMissingError("not a file", path=path)
    if path.suffix.lower() not in MODEL_SUFFIXES:
        raise UnsupportedFormatError(f"a model must be a Word (.docx) or Markdown (.md) file, not '{path.suffix}'",
                                     path=path)


def scan_model(path: str | Path) -> FillResult:
    """Every place, note and optional section in a model, nothing filled (for ``--list``)."""
    path = Path(path)
    _check_model(path)
    if path.suffix.lower() == ".docx":
        return scan_docx(path)
    _, result = fill_markdown(_markdown_text(path), part=path.name, decide=lambda _p: None,
                              keep_notes=True, keep_section=lambda _s: None)
    return result


def _markdown_text(path: Path) -> str:
    limit = 50 * 1024 * 1024
    if path.stat().st_size > limit:
        raise TooLargeError(f"file is {path.stat().st_size:,} bytes; the limit is {limit:,}", path=path)
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DecodeError("not UTF-8 text; save the model as UTF-8", path=path) from None


def suggested_mapping(result: FillResult) -> str:
    """A mapping file to start from: every place with the field we would use, or a blank to fill."""
    lines = ["# Mapping for policykit adopt: edit, then pass with --mapping.", "[placeholders]"]
    values = []
    seen: set[str] = set()
    for place in result.unfilled + [p for p, _ in result.filled]:
        if place.name in seen:
            continue
        seen.add(place.name)
        target = suggest_field(place.name)
        key = json.dumps(place.name, ensure_ascii=False)
        if target:
            lines.append(f"{key} = \"{target}\"")
        else:
            values.append(f"{key} = \"\"  # no profile field: type the text")
    lines += ["", "[values]"] + values
    sections = result.sections_undecided + result.sections_kept + result.sections_dropped
    lines += ["", "[sections]  # true keeps the section, false drops it, or name a profile option"]
    lines += [f"{json.dumps(s.name, ensure_ascii=False)} = true" for s in sections]
    return "\n".join(lines) + "\n"


def _read(data: bytes, suffix: str, name: str, shown_as: str) -> Document:
    """The adopted file read back, named as the user will find it (not by the scratch copy)."""
    with tempfile.TemporaryDirectory(prefix="policykit-adopt-") as folder:
        path = Path(folder) / (name + suffix)
        path.write_bytes(data)
        return replace(read_document(path), source=shown_as)


def adopt_model(
    model: str | Path,
    profile_path: str | Path,
    out_dir: str | Path = "output",
    *,
    mapping: str | Path | None = None,
    timestamp: dt.datetime | None = None,
) -> AdoptResult:
    """Fill ``model`` from the profile; write the adopted copy, the diff and a report."""
    model = Path(model)
    _check_model(model)
    profile_path = Path(profile_path)
    profile = load_profile(profile_path)
    settings = parse_mapping(profile.adopt, path=profile_path) if profile.adopt else AdoptMapping()
    if mapping is not None:
        settings = load_mapping(mapping).merged_over(settings)
    resolver = Resolver(profile, settings)
    stamp = resolve_timestamp(timestamp)
    folder = Path(out_dir) / slugify(profile.school_name, fallback="school")
    check_output_folder(folder)

    adopted, fill = _fill(model, resolver, stamp)
    unfilled = _unfilled(model, fill)
    suffix = model.suffix.lower()
    stem = model.stem
    if any(Path(name).stem == stem for name in ALL_OUTPUTS):
        stem += "-adopted"  # a model called policy.docx must not replace what `generate` wrote there
    old = replace(read_document(model), source=display_path(model))
    new = _read(adopted, suffix, stem, display_path(folder / f"{stem}{suffix}"))
    diff = diff_documents(old, new)
    files: dict[str, bytes] = {
        f"{stem}{suffix}": adopted,
        f"{stem}-changes.html": _bytes(render_diff(diff, "html")),
        f"{stem}-changes.docx": _bytes(render_diff(diff, "docx")),
    }
    report = _report(model, profile_path, profile.school_name, fill, unfilled, diff.summary.as_dict())
    files[f"{stem}-adopt.json"] = (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    for name in files:
        check_not_an_input(folder / name, [model, profile_path, mapping])
    written = write_outputs(folder, files)
    return AdoptResult(folder, dict(zip(files, written, strict=True)), fill, tuple(unfilled), profile, report)


def _fill(model: Path, resolver: Resolver, stamp: dt.datetime) -> tuple[bytes, FillResult]:
    """The model with the resolver's values filled in, as bytes of the model's own format."""

    def decide(place: Place) -> str | None:
        return resolver.value(place.name)

    def keep_section(section: OptionalSection) -> bool | None:
        return resolver.keep_section(section.name, section.heading)

    if model.suffix.lower() == ".docx":
        return fill_docx(model, decide=decide, keep_notes=resolver.keep_notes, keep_section=keep_section,
                         timestamp=stamp)
    text, fill = fill_markdown(_markdown_text(model), part=model.name, decide=decide,
                               keep_notes=resolver.keep_notes, keep_section=keep_section)
    return text.encode("utf-8"), fill


def _unfilled(model: Path, fill: FillResult) -> list[Unfilled]:
    """What is left for the school to do: places with no value, sections not decided."""
    unfilled = [Unfilled(model.name if p.part in ("word/document.xml", model.name) else f"{model.name} ({p.part})",
                         p.paragraph, p.text, p.context, "no value for it") for p in fill.unfilled]
    unfilled += [Unfilled(model.name, s.paragraph, f"optional section \"{s.heading}\"", s.heading,
                          "section not decided: keep or drop it under [sections]") for s in fill.sections_undecided]
    return unfilled


def _report(model: Path, profile_path: Path, school: str, fill: FillResult, unfilled: list[Unfilled],
            changes: dict[str, Any]) -> dict[str, Any]:
    """The adopt.json report: what was filled, what was not, and what the diff counts."""
    return {
        "model": model.name,
        "profile": profile_path.name,
        "school": school,
        "filled": [{"part": p.part, "paragraph": p.paragraph, "kind": p.kind, "text": p.text, "value": v}
                   for p, v in fill.filled],
        "unfilled": [{"file": u.file, "paragraph": u.paragraph, "text": u.text, "context": u.context, "why": u.why}
                     for u in unfilled],
        "drafting_notes": {"removed": len(fill.notes_removed), "kept": len(fill.notes_kept)},
        "sections": {"kept": [s.heading for s in fill.sections_kept],
                     "dropped": [s.heading for s in fill.sections_dropped],
                     "undecided": [s.heading for s in fill.sections_undecided]},
        "renumbered": dict(sorted(fill.renumbered.items())),
        "changes": changes,
    }


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data
