"""compare_policies: read a trust's policies, find topic gaps, review dates and drift."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ..batch import DerivedByType, TopicResults, read_many
from ..errors import FileMissingError, InputError, ToolkitError
from ..model import Document
from ..policy_types import OTHER, classify_policy_type
from ..readers import supported_extensions
from ..topics.catalogue import Catalogue, catalogue_for_type, load_catalogue
from ..topics.classifier import TopicClassifier
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
    Gathered,
    SchoolInfo,
    SchoolMapping,
    gather,
    name_words,
    same_school,
)

if TYPE_CHECKING:
    from ..citations import Citation, Finding
    from ..diff import DocumentDiff

PolicyInput = str | os.PathLike[str] | Document
# (model, school document) -> the diff of the two; by default toolkit.diff's engine.
Differ = Callable[[Document, Document], "DocumentDiff"]


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


def _check_folders(paths: Sequence[str | os.PathLike[str]]) -> None:
    """Every path exists, and a folder holds at least one file that could be a policy."""
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


def _raise_nothing_read(not_read: Sequence[NotRead], first_error: BaseException | None) -> NoReturn:
    """Nothing at all to put in a register: that is bad input, not a report."""
    if len(not_read) == 1 and isinstance(first_error, ToolkitError):
        raise first_error
    if len(not_read) == 1:
        raise InputError(not_read[0].reason, path=not_read[0].file)
    first = not_read[0]
    raise InputError(f"none of the {len(not_read)} files could be read; the first: {first.file}: {first.reason}")


class _Classifiers:
    """One topic classifier per catalogue, built on first use: the forced catalogue, or each type's own."""

    def __init__(self, forced: Catalogue | None) -> None:
        self.forced = forced
        self.by_name: dict[str, TopicClassifier] = {}

    def for_type(self, type_id: str) -> TopicClassifier | None:
        forced = self.forced
        name = forced.name if forced is not None else catalogue_for_type(type_id)
        if name is None:
            return None
        if name not in self.by_name:
            self.by_name[name] = TopicClassifier(forced if forced is not None else name)
        return self.by_name[name]

    def topic_lists(self) -> dict[str, tuple[TopicInfo, ...]]:
        return {
            name: tuple(TopicInfo(t.id, t.label, t.description, t.mandatory, t.source)
                        for t in classifier.catalogue.topics)
            for name, classifier in self.by_name.items()
        }


@dataclass
class _Models:
    """The trust's model policies, and the paths to leave out of the schools' files."""

    documents: list[Document] = field(default_factory=list)
    paths: set[Path] = field(default_factory=set)
    single: bool = False  # one model asked for (a file or a Document), not a folder of them


@dataclass
class _ModelsByType:
    entries: list[DocumentEntry] = field(default_factory=list)
    by_type: dict[str, Document] = field(default_factory=dict)
    catch_all: Document | None = None  # a single model of no known type: compared with every document

    def match(self, type_id: str) -> Document | None:
        return self.by_type.get(type_id) or self.catch_all


@dataclass
class _Schools:
    """The register's schools: known from folders, or named by the documents themselves."""

    infos: dict[str, SchoolInfo]
    school_type: str
    names_seen: dict[str, list[str]] = field(default_factory=dict)
    mismatched: dict[str, list[str]] = field(default_factory=dict)

    def from_document(self, document: Document) -> str:
        """The school of a file found outside any school folder, added to the register."""
        name = _school_name(document)
        school = _school_key(name)
        known = self.infos.get(school)
        if known is None or (known.folder is None and len(name) > len(known.name)):
            self.infos[school] = SchoolInfo(school, name, self.school_type)
        return school

    def note_printed(self, school: str, printed: str | None, document_id: str) -> bool:
        """Record the school a document names; True when it is not its folder's school."""
        if not printed:
            return False
        seen = self.names_seen.setdefault(school, [])
        if printed not in seen:
            seen.append(printed)
        if same_school(printed, self.infos[school]):
            return False
        self.mismatched.setdefault(school, []).append(document_id)
        return True

    def rows(self) -> tuple[SchoolRow, ...]:
        rows = [
            SchoolRow(
                id=school_id, name=info.name, school_type=info.school_type, folder=info.folder,
                names_in_documents=tuple(self.names_seen.get(school_id, ())),
                mismatched=tuple(self.mismatched.get(school_id, ())),
            )
            for school_id, info in self.infos.items()
        ]
        return tuple(sorted(rows, key=lambda row: row.name.lower()))


@dataclass
class _TrustComparison:
    """The state of one compare_policies run, shared by its steps."""

    as_of: dt.date
    cache: DocumentCache
    classifiers: _Classifiers
    differ: Differ | None
    school_type: str
    topic_results: TopicResults
    not_read: list[NotRead] = field(default_factory=list)

    def read_models(self, baseline: PolicyInput | None) -> _Models:
        models = _Models()
        if baseline is None:
            return models
        if isinstance(baseline, Document):
            models.documents.append(baseline)
            models.single = True
        elif Path(baseline).is_dir():
            found = gather([baseline])
            for path, _ in found.files:
                models.paths.add(path.resolve())
                try:
                    models.documents.append(_read_one(path, self.cache))
                except Exception as exc:  # noqa: BLE001 - one bad model never stops the register
                    self.not_read.append(NotRead(str(path), "(trust model)", _not_read_reason(exc)))
            self.not_read.extend(NotRead(str(item.path), "(trust model)", item.reason) for item in found.skipped)
        else:
            models.paths.add(Path(baseline).resolve())
            models.documents.append(_read_one(Path(baseline), self.cache))  # a model asked for by name must read
            models.single = True
        if models.documents and self.differ is None:
            from ..diff import diff_documents as differ

            self.differ = differ
        return models

    def gather_schools(
        self,
        inputs: Iterable[PolicyInput],
        *,
        exclude: frozenset[Path],
        mapping: SchoolMapping | None,
        skip_folders: tuple[Path, ...],
    ) -> tuple[list[tuple[PolicyInput, str | None]], Gathered]:
        """The inputs to read, each with its school (Documents first, then files found in the folders).

        Files no reader handles go to not_read.
        """
        items: list[tuple[PolicyInput, str | None]] = []
        paths: list[str | os.PathLike[str]] = []
        for item in inputs:
            if isinstance(item, Document):
                items.append((item, None))
            else:
                paths.append(item)
        _check_folders(paths)
        found = gather(paths, mapping=mapping, school_type=self.school_type, exclude=exclude,
                       skip_folders=skip_folders)
        items.extend(found.files)
        self.not_read.extend(NotRead(str(item.path), item.school, item.reason) for item in found.skipped)
        if not items and not self.not_read:
            raise InputError("no policies to compare")
        return items, found

    def read_documents(
        self,
        items: list[tuple[PolicyInput, str | None]],
        *,
        executor: Any,
        jobs: int | None,
        on_document: Callable[[str], None] | None,
    ) -> list[tuple[Document, str | None]]:
        """The documents, each with its school; a file that cannot be read goes to not_read."""
        documents: list[tuple[Document, str | None]] = []
        first_error: BaseException | None = None
        files = [Path(item) for item, _ in items if not isinstance(item, Document)]
        # Without a forced catalogue, each document's type, citations and topics are
        # worked out where it is read (every core) and cached with it.
        derive = DerivedByType() if self.classifiers.forced is None else None
        batch = read_many(files, executor=executor, jobs=jobs, cache=self.cache, progress=on_document,
                          classify=derive)
        self.topic_results.remember(batch)
        for done in batch:
            if derive is not None and done.document is not None and isinstance(done.topics, dict):
                self.topic_results.seed(done.document, done.topics)
        results = iter(batch)
        for item, school in items:
            if isinstance(item, Document):
                if on_document is not None:
                    on_document(Path(item.source).name)
                documents.append((item, school))
                continue
            result = next(results)
            if result.error is not None:  # one bad file never stops the register
                self.not_read.append(NotRead(str(item), school, _not_read_reason(result.error)))
                first_error = first_error or result.error
                continue
            documents.append((result.unwrap(), school))
        if not documents:
            _raise_nothing_read(self.not_read, first_error)
        return documents

    def model_entries(self, models: _Models) -> _ModelsByType:
        found = _ModelsByType()
        for model in models.documents:
            kind = classify_policy_type(model)
            classifier = self.classifiers.for_type(kind.id)
            found.entries.append(DocumentEntry(
                id=Path(model.source).name, source=model.source, document=model,
                topics=classifier.classify(model) if classifier else None,
                governance=governance_of(model, self.as_of), policy_type=kind,
            ))
            if models.single and kind.id == OTHER:
                found.catch_all = model
            found.by_type.setdefault(kind.id, model)
        return found

    def document_entry(
        self, document: Document, school: str | None, document_id: str, models: _ModelsByType, schools: _Schools
    ) -> DocumentEntry:
        kind = self.topic_results.policy_type(document)
        governance = governance_of(document, self.as_of)
        mismatch = False
        if school is None:
            school = schools.from_document(document)
        else:
            mismatch = schools.note_printed(school, governance.school, document_id)
        matched = models.match(kind.id)
        diff = self.differ(matched, document) if matched is not None and self.differ is not None else None
        classifier = self.classifiers.for_type(kind.id)
        return DocumentEntry(
            id=document_id,
            source=document.source,
            document=document,
            topics=self.topic_results.classify(classifier, document) if classifier else None,
            governance=governance,
            divergence=divergence_of(diff) if diff is not None else None,
            diff=diff,
            school=school,
            school_mismatch=mismatch,
            policy_type=kind,
            review=review_status(governance, document, kind.id, self.as_of),
            model=Path(matched.source).name if matched is not None and diff is not None else None,
            stale_citations=_stale_citations(document, self.topic_results.citations(document)),
        )


def compare_policies(
    inputs: Iterable[PolicyInput],
    baseline: PolicyInput | None = None,
    as_of: dt.date | None = None,
    topics: Catalogue | str | os.PathLike[str] | None = None,
    *,
    cache: DocumentCache | None = None,
    on_document: Callable[[str], None] | None = None,
    differ: Differ | None = None,
    mapping: SchoolMapping | None = None,
    school_type: str = DEFAULT_SCHOOL_TYPE,
    skip_folders: tuple[Path, ...] = (),
    executor: Any = None,
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
    run = _TrustComparison(
        as_of=as_of, cache=cache, classifiers=_Classifiers(forced), differ=differ, school_type=school_type,
        topic_results=topic_results,
    )
    models = run.read_models(baseline)

    items, found = run.gather_schools(inputs, exclude=frozenset(models.paths), mapping=mapping,
                                      skip_folders=skip_folders)
    documents = run.read_documents(items, executor=executor, jobs=jobs, on_document=on_document)

    by_type = run.model_entries(models)
    schools = _Schools(dict(found.schools), school_type)
    ids = _document_ids([document for document, _ in documents])
    entries = [
        run.document_entry(document, school, document_id, by_type, schools)
        for (document, school), document_id in zip(documents, ids)
    ]
    catalogues = run.classifiers.topic_lists()
    return TrustReport(
        as_of=as_of,
        catalogue=forced.name if forced is not None else "by policy type",
        topics=catalogues.get(forced.name, ()) if forced is not None else (),
        documents=tuple(entries),
        baseline=by_type.entries[0] if models.single and by_type.entries else None,
        schools=schools.rows(),
        not_read=tuple(run.not_read),
        baselines=tuple(by_type.entries),
        catalogues=catalogues,
    )


def _stale_citations(document: Document, citations: tuple[Citation, ...]) -> tuple[Finding, ...]:
    # Judged at the policy's own date (approval, else review), as `policykit check` does.
    from ..citations import judge

    return tuple(finding for finding in judge(document, citations=citations) if finding.stale)
