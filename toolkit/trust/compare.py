"""compare_policies: read a trust's policies, find topic gaps, review dates and drift."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..errors import FileMissingError, InputError
from ..model import Document
from ..batch import TopicClassify, read_many
from ..readers import supported_extensions
from ..topics import Catalogue, TopicClassifier, load_catalogue
from .cache import DocumentCache
from .report import DocumentEntry, TopicInfo, TrustReport, divergence_of, governance_of

PolicyInput = str | os.PathLike[str] | Document


def expand_inputs(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given, and folders expanded (recursively) to the files policykit can read.

    Hidden folders (our own cache among them) and Office lock files are skipped.
    """
    extensions = set(supported_extensions())
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                candidate
                for candidate in path.rglob("*")
                if candidate.is_file()
                and candidate.suffix.lower() in extensions
                and not candidate.name.startswith(("~$", "."))
                and not any(part.startswith(".") for part in candidate.relative_to(path).parts[:-1])
            )
            if not found:
                raise InputError(f"no policy files here (policykit reads {', '.join(sorted(extensions))})", path=path)
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise FileMissingError("no such file or folder", path=path)
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    return list(unique.values())


def _document_ids(documents: Sequence[Document]) -> list[str]:
    """File names; where two share a name, the parent folder tells them apart."""
    names = [Path(document.source).name or "document" for document in documents]
    ids: list[str] = []
    for document, name in zip(documents, names):
        candidate = name
        if names.count(name) > 1:
            candidate = f"{Path(document.source).parent.name}/{name}"
        base, counter = candidate, 2
        while candidate in ids:
            candidate = f"{base} ({counter})"
            counter += 1
        ids.append(candidate)
    return ids


def read_policies(
    inputs: Iterable[PolicyInput],
    cache: DocumentCache | None = None,
    on_document: Callable[[str], None] | None = None,
    *,
    executor=None,
    jobs: int | None = 1,
    classify=None,
) -> list[Document]:
    """Documents for the inputs, in order; folders expanded; parsed once per content.

    ``jobs`` processes (None: one a core) or an ``executor`` read them (``toolkit.batch``)."""
    cache = cache or DocumentCache(None)
    items: list[PolicyInput] = []
    for item in inputs:
        if isinstance(item, Document):
            items.append(item)
        else:
            items.extend(expand_inputs([item]))
    files = [item for item in items if not isinstance(item, Document)]
    read = iter(read_many(files, executor=executor, jobs=jobs, cache=cache, progress=on_document, classify=classify))
    documents: list[Document] = []
    for item in items:
        if isinstance(item, Document) and on_document is not None:
            on_document(Path(item.source).name)
        documents.append(item if isinstance(item, Document) else next(read).unwrap())
    return documents


def compare_policies(
    inputs: Iterable[PolicyInput],
    baseline: PolicyInput | None = None,
    as_of: dt.date | None = None,
    topics: Catalogue | str | os.PathLike[str] | None = None,
    *,
    cache: DocumentCache | None = None,
    on_document: Callable[[str], None] | None = None,
    differ: Callable[[Document, Document], object] | None = None,
    executor=None,
    jobs: int | None = 1,
) -> TrustReport:
    """Compare a trust's policies: topic coverage, governance and (with a baseline) drift.

    ``inputs`` are files, folders or already-read Documents. ``topics`` is a
    catalogue, a built-in catalogue name or a catalogue file (default: staff
    social media). ``differ(model, school)`` returns a ``toolkit.diff``
    DocumentDiff; by default the diff engine's ``compare``.
    """
    as_of = as_of or dt.date.today()
    catalogue = load_catalogue(topics)
    classifier = TopicClassifier(catalogue)
    classify = TopicClassify(catalogue)  # classifies where each file is read; results cached with it
    documents = read_policies(inputs, cache, on_document, executor=executor, jobs=jobs, classify=classify)
    if not documents:
        raise InputError("no policies to compare")
    model: Document | None = None
    if baseline is not None:
        model = baseline if isinstance(baseline, Document) else (cache or DocumentCache(None)).read(baseline)
        if differ is None:
            from ..diff import compare as differ  # noqa: PLC0415 - only drift needs the diff engine
    entries = []
    for document, document_id in zip(documents, _document_ids(documents)):
        diff = differ(model, document) if model is not None and differ is not None else None
        entries.append(
            DocumentEntry(
                id=document_id,
                source=document.source,
                document=document,
                topics=classify(document),
                governance=governance_of(document, as_of),
                divergence=divergence_of(diff) if diff is not None else None,
                diff=diff,
            )
        )
    baseline_entry = None
    if model is not None:
        baseline_entry = DocumentEntry(
            id=Path(model.source).name,
            source=model.source,
            document=model,
            topics=classifier.classify(model),
            governance=governance_of(model, as_of),
        )
    return TrustReport(
        as_of=as_of,
        catalogue=catalogue.name,
        topics=tuple(TopicInfo(topic.id, topic.label, topic.description) for topic in catalogue.topics),
        documents=tuple(entries),
        baseline=baseline_entry,
    )
