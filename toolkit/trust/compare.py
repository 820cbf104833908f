"""compare_policies: read a trust's policies, find topic gaps, review dates and drift."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..errors import FileMissingError, InputError, ToolkitError
from ..model import Document
from ..policy_types import OTHER, classify_policy_type
from ..readers import supported_extensions
from ..topics import Catalogue, TopicClassifier, load_catalogue
from ..topics.catalogue import catalogue_for_type
from ..batch import DerivedByType, TopicResults, read_many
from .cache import DocumentCache
from .report import (
    DocumentEntry,
    NotRead,
    SchoolRow,
    TopicInfo,
    TrustReport,
    divergence_of,
    governance_of,
    review_status,
)
from .schools import (
    DEFAULT_SCHOOL_TYPE,
    MAPPING_NAMES,
    SchoolInfo,
    gather,
    name_words,
    same_school,
)

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
) -> list[Document]:
    """Documents for the inputs, in order; folders expanded; parsed once per content."""
    cache = cache or DocumentCache(None)
    items: list[PolicyInput] = []
    for item in inputs:
        if isinstance(item, Document):
            items.append(item)
        else:
            items.extend(expand_inputs([item]))
    documents: list[Document] = []
    for item in items:
        document = item if isinstance(item, Document) else cache.read(item)
        if on_document is not None:
            on_document(Path(document.source).name)
        documents.append(document)
    return documents


def _read_one(path: Path, cache: DocumentCache) -> Document:
    return cache.read(path)


def _not_read_reason(exc: BaseException) -> str:
    """One line a trust lead can act on, from whatever stopped the file being read."""
    if isinstance(exc, ToolkitError):
        return " ".join(exc.problem.split())
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    # A reader bug must not stop the register either; say so plainly.
    return f"policykit could not read this file ({type(exc).__name__}); please report it"


def _school_name(document: Document) -> str:
    school = document.metadata.school
    return (school.raw.strip() if school else "") or (document.title or "") or Path(document.source).stem


def _school_key(name: str) -> str:
    """"Cherry Trees" and "Cherry Trees School" are one school: key on the telling words."""
    words = sorted(name_words(name))
    return " ".join(words) if words else name


def compare_policies(
    inputs: Iterable[PolicyInput],
    baseline: PolicyInput | None = None,
    as_of: dt.date | None = None,
    topics: Catalogue | str | os.PathLike[str] | None = None,
    *,
    cache: DocumentCache | None = None,
    on_document: Callable[[str], None] | None = None,
    differ: Callable[[Document, Document], object] | None = None,
    mapping: dict[str, dict] | None = None,
    school_type: str = DEFAULT_SCHOOL_TYPE,
    skip_folders: tuple[Path, ...] = (),
    executor=None,
    jobs: int | None = 1,
) -> TrustReport:
    """Compare a trust's policies: the register of schools x policy types, topic coverage
    against each type's catalogue, review dates and (with models) drift.

    ``inputs`` are files, folders or already-read Documents; a folder's immediate
    subfolders are schools (see ``toolkit.trust.schools``). ``topics`` forces one
    catalogue on every document; by default each document is checked against the
    catalogue of its own policy type, and a type without one is listed as such.
    ``baseline`` is one model file, a folder of models (matched by type) or a Document.
    Files that cannot be read are listed in ``report.not_read``; they never stop the report.
    ``differ(model, school)`` returns a ``toolkit.diff`` DocumentDiff (default: the diff engine).
    """
    as_of = as_of or dt.date.today()
    cache = cache or DocumentCache(None)
    topic_results = TopicResults(cache)  # topic results cached with the parsed documents
    forced = load_catalogue(topics) if topics is not None else None
    classifiers: dict[str, TopicClassifier] = {}

    def classifier_for(type_id: str) -> TopicClassifier | None:
        name = forced.name if forced is not None else catalogue_for_type(type_id)
        if name is None:
            return None
        if name not in classifiers:
            classifiers[name] = TopicClassifier(forced if forced is not None else name)
        return classifiers[name]

    not_read: list[NotRead] = []

    # -- the models ----------------------------------------------------------------
    models: list[Document] = []
    model_paths: set[Path] = set()
    single_model = False
    if baseline is not None:
        if isinstance(baseline, Document):
            models.append(baseline)
            single_model = True
        elif Path(baseline).is_dir():
            found = gather([baseline])
            for path, _ in found.files:
                model_paths.add(path.resolve())
                try:
                    models.append(_read_one(path, cache))
                except Exception as exc:  # noqa: BLE001 - one bad model never stops the register
                    not_read.append(NotRead(str(path), "(trust model)", _not_read_reason(exc)))
            not_read.extend(NotRead(str(item.path), "(trust model)", item.reason) for item in found.skipped)
        else:
            model_paths.add(Path(baseline).resolve())
            models.append(_read_one(Path(baseline), cache))  # a model asked for by name must read
            single_model = True
        if models and differ is None:
            from ..diff import diff_documents as differ

    # -- the schools' files ----------------------------------------------------------
    items: list[tuple[PolicyInput, str | None]] = []
    paths: list[str | os.PathLike[str]] = []
    for item in inputs:
        if isinstance(item, Document):
            items.append((item, None))
        else:
            paths.append(item)
    for raw in paths:
        if not Path(raw).exists():
            raise FileMissingError("no such file or folder", path=raw)
        if Path(raw).is_dir() and not any(
            p.is_file() and not p.name.startswith((".", "~$")) and p.name not in MAPPING_NAMES
            for p in Path(raw).rglob("*")
            if not any(part.startswith(".") for part in p.relative_to(raw).parts[:-1])
        ):
            raise InputError(f"no policy files here (policykit reads {', '.join(sorted(supported_extensions()))})",
                             path=raw)
    found = gather(paths, mapping=mapping, school_type=school_type, exclude=frozenset(model_paths),
                   skip_folders=skip_folders)
    items.extend(found.files)
    not_read.extend(NotRead(str(item.path), item.school, item.reason) for item in found.skipped)
    if not items and not not_read:
        raise InputError("no policies to compare")

    documents: list[tuple[Document, str | None]] = []
    first_error: BaseException | None = None
    files = [Path(item) for item, _ in items if not isinstance(item, Document)]
    # Without a forced catalogue, each document's type, citations and topics are
    # worked out where it is read (every core) and cached with it.
    derive = DerivedByType() if forced is None else None
    batch = read_many(files, executor=executor, jobs=jobs, cache=cache, progress=on_document, classify=derive)
    topic_results.remember(batch)
    for done in batch:
        if derive is not None and done.document is not None and isinstance(done.topics, dict):
            topic_results.seed(done.document, done.topics)
    results = iter(batch)
    for item, school in items:
        if isinstance(item, Document):
            document = item
            if on_document is not None:
                on_document(Path(document.source).name)
        else:
            result = next(results)
            if result.error is not None:  # one bad file never stops the register
                not_read.append(NotRead(str(item), school, _not_read_reason(result.error)))
                first_error = first_error or result.error
                continue
            document = result.document
        documents.append((document, school))

    if not documents:
        # Nothing at all to put in a register: that is bad input, not a report.
        if len(not_read) == 1 and isinstance(first_error, ToolkitError):
            raise first_error
        if len(not_read) == 1:
            raise InputError(not_read[0].reason, path=not_read[0].file)
        first = not_read[0]
        raise InputError(f"none of the {len(not_read)} files could be read; the first: {first.file}: {first.reason}")

    # -- models by type -------------------------------------------------------------------
    model_entries: list[DocumentEntry] = []
    models_by_type: dict[str, Document] = {}
    catch_all: Document | None = None
    for model in models:
        kind = classify_policy_type(model)
        classifier = classifier_for(kind.id)
        model_entries.append(DocumentEntry(
            id=Path(model.source).name, source=model.source, document=model,
            topics=classifier.classify(model) if classifier else None,
            governance=governance_of(model, as_of), policy_type=kind,
        ))
        if single_model and kind.id == OTHER:
            catch_all = model  # a model of no known type is compared with every document
        models_by_type.setdefault(kind.id, model)

    # -- the documents ----------------------------------------------------------------------
    schools: dict[str, SchoolRow] = {}
    infos = dict(found.schools)
    names_seen: dict[str, list[str]] = {}
    mismatched: dict[str, list[str]] = {}
    entries = []
    ids = _document_ids([document for document, _ in documents])
    for (document, school), document_id in zip(documents, ids):
        kind = topic_results.policy_type(document)
        governance = governance_of(document, as_of)
        mismatch = False
        if school is None:
            name = _school_name(document)
            school = _school_key(name)
            known = infos.get(school)
            if known is None or (known.folder is None and len(name) > len(known.name)):
                infos[school] = SchoolInfo(school, name, school_type)
        else:
            printed = governance.school
            if printed:
                names_seen.setdefault(school, [])
                if printed not in names_seen[school]:
                    names_seen[school].append(printed)
                if not same_school(printed, infos[school]):
                    mismatch = True
                    mismatched.setdefault(school, []).append(document_id)
        matched: Document | None = models_by_type.get(kind.id) or catch_all
        diff = differ(matched, document) if matched is not None and differ is not None else None
        classifier = classifier_for(kind.id)
        entries.append(DocumentEntry(
            id=document_id,
            source=document.source,
            document=document,
            topics=topic_results.classify(classifier, document) if classifier else None,
            governance=governance,
            divergence=divergence_of(diff) if diff is not None else None,
            diff=diff,
            school=school,
            school_mismatch=mismatch,
            policy_type=kind,
            review=review_status(governance, document, kind.id, as_of),
            model=Path(matched.source).name if matched is not None and diff is not None else None,
            stale_citations=_stale_citations(document, topic_results.citations(document)),
        ))
    for school_id, info in infos.items():
        schools[school_id] = SchoolRow(
            id=school_id, name=info.name, school_type=info.school_type, folder=info.folder,
            names_in_documents=tuple(names_seen.get(school_id, ())), mismatched=tuple(mismatched.get(school_id, ())),
        )
    catalogues = {
        name: tuple(TopicInfo(t.id, t.label, t.description, t.mandatory, t.source) for t in classifier.catalogue.topics)
        for name, classifier in classifiers.items()
    }
    return TrustReport(
        as_of=as_of,
        catalogue=forced.name if forced is not None else "by policy type",
        topics=catalogues.get(forced.name, ()) if forced is not None else (),
        documents=tuple(entries),
        baseline=model_entries[0] if single_model and model_entries else None,
        schools=tuple(sorted(schools.values(), key=lambda row: row.name.lower())),
        not_read=tuple(not_read),
        baselines=tuple(model_entries),
        catalogues=catalogues,
    )


def _stale_citations(document: Document, citations: tuple) -> tuple:
    # Judged at the policy's own date (approval, else review), as `policykit check` does.
    from ..citations import judge

    return tuple(finding for finding in judge(document, citations=citations) if finding.stale)
