"""Reading (and classifying) many documents at once, on every core or on a cluster.

    from toolkit.batch import read_many
    for item in read_many(paths, jobs=4):
        print(item.path, item.error or len(item.document.clauses))

``read_many`` hands each file to a ``concurrent.futures.Executor``: processes
of this machine by default (one a core), or any executor given, such as a
Dask cluster's (``distributed.Client(address).get_executor()``). The results
come back in input order and are the same documents one process reads; a
file that cannot be read comes back as an item carrying its one-line error,
and the rest of the batch goes on.

With a ``DocumentCache``, a file whose content was parsed before is loaded
from the cache by this process and not sent anywhere. With ``classify`` (a
``TopicClassify``), topic results are computed where the document is read and
are cached beside the parsed document, keyed by the document's content and a
fingerprint of the catalogue and classifier: a rerun over unchanged files
neither parses nor classifies.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import BrokenExecutor, Executor, Future, as_completed
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import InputError, ToolkitError
from .model import Document, replace

__all__ = ["BatchItem", "TopicClassify", "TopicResults", "close_executor", "default_jobs", "executor_for", "read_many"]


@dataclass(frozen=True)
class BatchItem:
    """One input's outcome: its document (and topics), or the error that stopped it."""

    path: str
    document: Document | None = None
    topics: Any = None
    error: ToolkitError | None = None
    from_cache: bool = False
    key: str | None = None  # the content key in the DocumentCache, when there is one

    @property
    def ok(self) -> bool:
        return self.error is None

    def unwrap(self) -> Document:
        """The document, or the item's error raised."""
        if self.error is not None:
            raise self.error
        assert self.document is not None
        return self.document


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def executor_for(jobs: int | None = None, scheduler: str | None = None) -> Executor | None:
    """The executor ``--jobs`` / ``--scheduler`` ask for; None means read in this process.

    ``scheduler`` is a Dask scheduler's address (``tcp://host:8786``, or with a
    ``dask:`` prefix); it needs the optional extra: ``pip install 'policykit[dask]'``.
    """
    if scheduler:
        address = scheduler.removeprefix("dask:")
        try:
            from distributed import Client  # optional extra
        except ImportError:
            raise InputError("--scheduler needs Dask: pip install 'policykit[dask]'") from None
        try:
            # How long to wait for the scheduler; POLICYKIT_DASK_TIMEOUT overrides it.
            client = Client(address, timeout=os.environ.get("POLICYKIT_DASK_TIMEOUT", "20s"))
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        return client.get_executor()
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise InputError(f"--jobs must be 1 or more, not {jobs}")
    return None if jobs == 1 else _process_pool(jobs)


def close_executor(executor: Executor | None) -> None:
    """Shut an executor made by ``executor_for`` (and its Dask client) down."""
    if executor is None:
        return
    executor.shutdown(wait=True)
    client = getattr(executor, "_client", None)
    if client is not None:
        client.close()


def _process_pool(jobs: int) -> Executor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver where there is one: a fork of a process running threads (a
    # progress bar) can deadlock; workers fork from a clean server instead.
    if "forkserver" in multiprocessing.get_all_start_methods():
        server = multiprocessing.get_context("forkserver")
        # Imported once in the server, not once a worker: each forks with them loaded.
        server.set_forkserver_preload(list(_PRELOAD))
        return ProcessPoolExecutor(max_workers=jobs, mp_context=server)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))


_PRELOAD = ("toolkit.batch", "toolkit.readers", "toolkit.readers.pdf", "toolkit.readers.pdf.pdfium_chars",
            "toolkit.readers.docx", "toolkit.structure", "toolkit.topics")


# -- topics --------------------------------------------------------------------------------


class TopicClassify:
    """Topic coverage of a document by a catalogue: a callable that travels to workers.

    Only the catalogue travels; each worker builds its classifier once. The
    fingerprint names the catalogue's content and the classifier's code, so a
    cached result is never reused under another catalogue or a changed classifier.
    """

    def __init__(self, catalogue: Any = None) -> None:
        from .topics import load_catalogue

        self.catalogue = load_catalogue(catalogue)
        self.fingerprint = _topics_fingerprint(self.catalogue.model_dump_json())
        self._known: dict[int, tuple[Document, Any]] = {}

    def __getstate__(self) -> dict:
        return {"catalogue": self.catalogue, "fingerprint": self.fingerprint}

    def __setstate__(self, state: dict) -> None:
        self.catalogue = state["catalogue"]
        self.fingerprint = state["fingerprint"]
        self._known = {}

    def __call__(self, document: Document):
        known = self._known.get(id(document))
        if known is not None and known[0] is document:
            return known[1]
        return _classifier(self.fingerprint, self.catalogue).classify(document)

    def remember(self, document: Document, topics: Any) -> None:
        """Keep a result worked out elsewhere (a worker, the cache) for ``self(document)``."""
        self._known[id(document)] = (document, topics)


_CLASSIFIERS: dict[str, Any] = {}


def _classifier(fingerprint: str, catalogue):
    classifier = _CLASSIFIERS.get(fingerprint)
    if classifier is None:
        from .topics import TopicClassifier

        classifier = _CLASSIFIERS[fingerprint] = TopicClassifier(catalogue)
    return classifier


@lru_cache(maxsize=8)
def _topics_fingerprint(catalogue_json: str) -> str:
    root = Path(__file__).resolve().parent / "topics"
    digest = hashlib.sha256(catalogue_json.encode())
    for file in sorted(root.glob("*.py")):
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def topics_to_data(topics) -> dict:
    """DocumentTopics as plain JSON data (for the cache: JSON, never pickles)."""
    def evidence(items):
        return [[e.kind, e.text, e.score] for e in items]

    return {
        "source": topics.source,
        "catalogue": topics.catalogue,
        "coverage": [
            {
                "topic_id": c.topic_id,
                "matches": [[m.topic_id, m.clause_id, m.reference, m.clause_heading, m.score, evidence(m.evidence)]
                            for m in c.matches],
                "document_evidence": evidence(c.document_evidence),
            }
            for c in topics.coverage
        ],
    }


def topics_from_data(data: dict):
    from .topics.classifier import DocumentTopics, Evidence, TopicCoverage, TopicMatch

    def evidence(items):
        return tuple(Evidence(str(kind), str(text), float(score)) for kind, text, score in items)

    return DocumentTopics(
        str(data["source"]),
        str(data["catalogue"]),
        tuple(
            TopicCoverage(
                str(c["topic_id"]),
                tuple(TopicMatch(str(t), str(cid), str(ref), None if head is None else str(head), float(score), evidence(ev))
                      for t, cid, ref, head, score, ev in c["matches"]),
                evidence(c["document_evidence"]),
            )
            for c in data["coverage"]
        ),
    )


class _TopicStore:
    """Topic results held beside a DocumentCache's entries, written when it flushes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._pending: dict[Path, dict] = {}

    def entry(self, document_key: str, fingerprint: str) -> Path:
        digest = hashlib.sha256((document_key + "\0" + fingerprint).encode()).hexdigest()
        return self.folder / "topics" / f"{digest}.json"

    def load(self, entry: Path, source: str):
        data = self._pending.get(entry)
        try:
            if data is None:
                data = json.loads(entry.read_bytes())
            topics = topics_from_data(data)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent, truncated or foreign: a miss, rewritten on flush
        return replace(topics, source=source) if topics.source != source else topics

    def hold(self, entry: Path, topics) -> None:
        self._pending[entry] = topics_to_data(topics)

    def load_data(self, entry: Path):
        """A held or stored JSON entry, or None (absent or unreadable: a miss)."""
        data = self._pending.get(entry)
        if data is not None:
            return data
        try:
            return json.loads(entry.read_bytes())
        except (OSError, ValueError):
            return None

    def hold_data(self, entry: Path, data) -> None:
        self._pending[entry] = data

    def flush(self) -> None:
        from .errors import OutputError
        from .io import atomic_write

        for entry, data in self._pending.items():
            try:
                atomic_write(entry, json.dumps(data, ensure_ascii=False).encode())
            except (OutputError, OSError, TypeError, ValueError):
                pass  # the cache only saves time
        self._pending.clear()


def _topic_store(cache) -> _TopicStore | None:
    """The topic store riding on a DocumentCache (made once, flushed with it)."""
    folder = getattr(cache, "folder", None)
    if folder is None:
        return None
    store = getattr(cache, "_batch_topics", None)
    if store is None:
        store = _TopicStore(Path(folder))
        cache._batch_topics = store
        hooks = getattr(cache, "on_flush", None)
        if isinstance(hooks, list):
            hooks.append(store.flush)
    return store


class TopicResults:
    """Topic results cached beside a DocumentCache, for classifiers run in this process.

    For callers that choose a classifier per document (by policy type) after
    reading: ``remember`` the batch's items, then ``classify(classifier, document)``
    returns the cached result when this content was classified by this catalogue
    and classifier code before, and otherwise classifies and holds the result for
    the cache's next flush.
    """

    def __init__(self, cache) -> None:
        self.store = _topic_store(cache)
        self._keys: dict[int, tuple[Document, str]] = {}
        self._fingerprints: dict[int, tuple[Any, str]] = {}
        self._seeded: dict[int, tuple[Document, dict]] = {}

    def remember(self, items: Iterable[BatchItem]) -> None:
        for item in items:
            if item.document is not None and item.key is not None:
                self._keys[id(item.document)] = (item.document, item.key)

    def classify(self, classifier, document: Document):
        seeded = self._seed_of(document)
        if seeded is not None and seeded.get("catalogue") == classifier.catalogue.name and seeded.get("topics"):
            try:
                topics = topics_from_data(seeded["topics"])
                return replace(topics, source=document.source) if topics.source != document.source else topics
            except (KeyError, TypeError, ValueError):
                pass
        known = self._keys.get(id(document))
        if self.store is None or known is None or known[0] is not document:
            return classifier.classify(document)
        entry = self.store.entry(known[1], self._fingerprint(classifier))
        topics = self.store.load(entry, document.source)
        if topics is None:
            topics = classifier.classify(document)
            self.store.hold(entry, topics)
        return topics

    def seed(self, document: Document, derived: dict) -> None:
        """Results a worker worked out with the document (``DerivedByType``), used in place of doing it here."""
        self._seeded[id(document)] = (document, derived)

    def _seed_of(self, document: Document) -> dict | None:
        known = self._seeded.get(id(document))
        return known[1] if known is not None and known[0] is document else None

    def policy_type(self, document: Document):
        """``classify_policy_type(document)``, from the cache when this content was typed before."""
        from .policy_types import PolicyType, TypeEvidence, classify_policy_type

        def to_data(kind) -> dict:
            return {"id": kind.id, "label": kind.label, "confidence": kind.confidence, "runner_up": kind.runner_up,
                    "evidence": [[e.kind, e.text, e.score] for e in kind.evidence]}

        def from_data(data: dict):
            return PolicyType(str(data["id"]), str(data["label"]), float(data["confidence"]),
                              tuple(TypeEvidence(str(k), str(t), float(v)) for k, t, v in data["evidence"]),
                              data["runner_up"])

        return self._derived(document, "policy-type", _code_fingerprint(_POLICY_TYPE_CODE),
                             classify_policy_type, to_data, from_data)

    def citations(self, document: Document):
        """``find_citations(document)``, from the cache when this content was searched before."""
        import dataclasses

        from .citations import Citation, find_citations

        def from_data(data: list):
            return tuple(Citation(**item) for item in data)

        return self._derived(document, "citations", _code_fingerprint(_CITATION_CODE), find_citations,
                             lambda found: [dataclasses.asdict(item) for item in found], from_data)

    def _derived(self, document: Document, kind: str, fingerprint: str, compute, to_data, from_data):
        # What the register works out from a document's text alone (its type, what it
        # cites) is kept beside its topics: a cached rerun does none of it again.
        seeded = self._seed_of(document)
        if seeded is not None and kind in seeded:
            try:
                return from_data(seeded[kind])
            except (KeyError, TypeError, ValueError):
                pass
        known = self._keys.get(id(document))
        if self.store is None or known is None or known[0] is not document:
            return compute(document)
        entry = self.store.entry(known[1], f"{kind}\0{fingerprint}")
        data = self.store.load_data(entry)
        if data is not None:
            try:
                return from_data(data)
            except (KeyError, TypeError, ValueError):
                pass  # a foreign or older entry: a miss, rewritten
        result = compute(document)
        self.store.hold_data(entry, to_data(result))
        return result

    def _fingerprint(self, classifier) -> str:
        known = self._fingerprints.get(id(classifier))
        if known is None or known[0] is not classifier:
            catalogue = classifier.catalogue.model_dump_json()
            options = repr(getattr(classifier, "options", None))
            known = self._fingerprints[id(classifier)] = (classifier, _topics_fingerprint(catalogue + "\0" + options))
        return known[1]


class DerivedByType:
    """Worker side: what the register works out from a document's text alone, as JSON data:
    its policy type, what it cites, and its topics against its own type's catalogue.

    Given to ``read_many`` as ``classify`` so that this work runs on every core (and
    is cached with the document) instead of in the one process that builds the report.
    """

    returns_data = True

    @property
    def fingerprint(self) -> str:
        from .topics import builtin_catalogues
        from .topics.catalogue import builtin_catalogue

        catalogues = "\0".join(builtin_catalogue(name).model_dump_json() for name in builtin_catalogues())
        return _topics_fingerprint(catalogues) + _code_fingerprint(_POLICY_TYPE_CODE) + _code_fingerprint(_CITATION_CODE)

    def __call__(self, document: Document) -> dict:
        import dataclasses

        from .citations import find_citations
        from .policy_types import classify_policy_type
        from .topics.catalogue import catalogue_for_type

        kind = classify_policy_type(document)
        name = catalogue_for_type(kind.id)
        topics = _classifier_named(name).classify(document) if name else None
        return {
            "policy-type": {"id": kind.id, "label": kind.label, "confidence": kind.confidence,
                            "runner_up": kind.runner_up, "evidence": [[e.kind, e.text, e.score] for e in kind.evidence]},
            "citations": [dataclasses.asdict(item) for item in find_citations(document)],
            "catalogue": name,
            "topics": topics_to_data(topics) if topics is not None else None,
        }


_NAMED: dict[str, Any] = {}


def _classifier_named(name: str):
    classifier = _NAMED.get(name)
    if classifier is None:
        from .topics import TopicClassifier

        classifier = _NAMED[name] = TopicClassifier(name)
    return classifier


# The code and data each derived result depends on: an edit to any of them is a miss.
_POLICY_TYPE_CODE = ("policy_types/__init__.py", "data/policy_types.toml", "topics/text.py")
_CITATION_CODE = ("citations/finder.py", "citations/register.py", "data/legislation.toml")


@lru_cache(maxsize=8)
def _code_fingerprint(files: tuple[str, ...]) -> str:
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode())
        try:
            digest.update((root / name).read_bytes())
        except OSError:
            pass
    return digest.hexdigest()[:16]


# -- the batch -----------------------------------------------------------------------------


def _read_one(path: str, options, classify) -> BatchItem:
    """Worker side: one file read (and classified); any failure becomes the item's error."""
    from .readers import read_document

    try:
        document = read_document(path, options)
        topics = classify(document) if classify is not None else None
    except ToolkitError as exc:
        return BatchItem(path, error=exc)
    except Exception as exc:  # noqa: BLE001 - a reader bug on one odd file must not stop the batch
        return BatchItem(path, error=InputError(f"could not be read ({type(exc).__name__}: {exc})", path=path))
    return BatchItem(path, document=document, topics=topics)


def _classify_one(path: str, document: Document, classify) -> BatchItem:
    try:
        return BatchItem(path, document=document, topics=classify(document), from_cache=True)
    except Exception as exc:  # noqa: BLE001 - one document's failure is reported, the batch goes on
        return BatchItem(path, error=InputError(f"could not be classified ({type(exc).__name__}: {exc})", path=path))


_Job = tuple[int, Callable[..., BatchItem], tuple]  # (index in the batch, function, its arguments)


class _Batch:
    """One read_many run: which inputs come from the cache, which to read or classify, and their items."""

    def __init__(self, names: list[str], *, cache: Any, options: Any, classify: Any,
                 progress: Callable[[str], None] | None) -> None:
        self.names = names
        self.cache = cache
        self.options = options
        self.classify = classify
        self.progress = progress
        self.items: list[BatchItem | None] = [None] * len(names)
        self.fingerprint: str | None = getattr(classify, "fingerprint", None)
        self.store = _topic_store(cache) if self.fingerprint else None
        self.reads: list[int] = []  # indices to read
        self.classifies: list[int] = []  # read from the cache, topics still to work out
        self.keys: dict[int, tuple[str | None, Any]] = {}
        self.twins: dict[int, int] = {}  # a file with the same content as an earlier one: parsed once
        self.first_of: dict[str, int] = {}
        self.content_keys: dict[int, str] = {}

    def plan(self) -> None:
        """Take what the cache holds; note what is left to read or to classify."""
        for index, path in enumerate(self.names):
            document, key = _from_cache(self.cache, path)
            if key is not None:
                self.content_keys[index] = key
            if document is None:
                self._plan_read(index, key)
            else:
                self._plan_cached(index, path, document, key)

    def _plan_read(self, index: int, key: str | None) -> None:
        if key is not None and key in self.first_of:
            self.twins[index] = self.first_of[key]
            self.cache.stats.misses -= 1
            self.cache.stats.hits += 1
            return
        self.reads.append(index)
        self.keys[index] = (key, None)
        if key is not None:
            self.first_of[key] = index

    def _plan_cached(self, index: int, path: str, document: Document, key: str | None) -> None:
        topics = None
        if self.store is not None and key is not None and self.fingerprint:
            entry = self.store.entry(key, self.fingerprint)
            if _returns_data(self.classify):
                topics = self.store.load_data(entry)
            else:
                topics = self.store.load(entry, document.source)
            self.keys[index] = (key, entry)
        if self.classify is not None and topics is None:
            self.classifies.append(index)
            self.items[index] = BatchItem(path, document=document, from_cache=True)
            return
        hit = self.items[index] = BatchItem(path, document=document, topics=topics, from_cache=True)
        _done(hit, self.classify, self.progress)

    def work(self) -> list[_Job]:
        # Largest files first: a long PDF started last would leave the other workers idle at the end.
        self.reads.sort(key=lambda index: -_size(self.names[index]))
        work: list[_Job] = [(index, _read_one, (self.names[index], self.options, self.classify))
                           for index in self.reads]
        work += [(index, _classify_one, (self.names[index], _document(self.items[index]), self.classify))
                 for index in self.classifies]
        return work

    def bytes_to_read(self) -> int:
        return sum(_size(self.names[index]) for index in self.reads)

    def finish(self, index: int, item: BatchItem) -> None:
        self.items[index] = item
        _finish(self.items, index, self.keys, self.cache, self.store, self.classify, self.progress)

    def run_here(self, work: list[_Job]) -> None:
        for index, function, args in work:
            self.finish(index, function(*args))

    def run_on(self, executor: Executor, work: list[_Job], *, own_pool: bool) -> None:
        """Run the work on an executor. In a pool of our own, a file whose worker died is retried."""
        futures: dict[Future, int] = {executor.submit(function, *args): index for index, function, args in work}
        broken: list[_Job] = []
        pool_worked = False
        for future in as_completed(futures):
            index = futures[future]
            if own_pool and isinstance(future.exception(), BrokenExecutor):
                broken.append(next(job for job in work if job[0] == index))
                continue
            pool_worked = True
            self.finish(index, _outcome(future, self.names[index]))
        for index, function, args in sorted(broken):
            self.finish(index, _retry(function, args, self.names[index], isolated=pool_worked))

    def results(self) -> list[BatchItem]:
        """The items in input order: twins copied from their first file, each with its content key."""
        for index, first in self.twins.items():
            twin = self.items[index] = _twin(_item(self.items[first]), self.names[index])
            _done(twin, self.classify, self.progress)
        for index, key in self.content_keys.items():
            self.items[index] = replace(_item(self.items[index]), key=key)
        return [item for item in self.items if item is not None]


def _own_pool(batch: _Batch, work: list[_Job], jobs: int | None) -> Executor | None:
    """A process pool for this batch when one pays, else None (read in this process)."""
    if len(work) <= 1:
        return None
    # By default a pool only pays when there is real reading to share out:
    # starting workers costs more than parsing a few text files.
    worth_it = jobs is not None or batch.bytes_to_read() >= _POOL_MIN_BYTES
    jobs = default_jobs() if jobs is None else jobs
    if jobs > 1 and worth_it:
        return _process_pool(min(jobs, len(work)))
    return None


def read_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    executor: Executor | None = None,
    jobs: int | None = None,
    cache: Any = None,
    progress: Callable[[str], None] | None = None,
    classify: Callable[[Document], Any] | None = None,
    options: Any = None,
) -> list[BatchItem]:
    """Read every path (and classify each document), in parallel; items in input order.

    ``executor``: any ``concurrent.futures.Executor`` (kept open: the caller
    owns it). Without one, ``jobs`` processes of this machine (default: one a
    core; 1 reads in this process). ``cache``: a ``toolkit.trust.DocumentCache``.
    ``progress(name)`` is called in this process as each file is done.
    ``classify``: a callable run on each document where it was read; with
    processes or a cluster it must pickle (``TopicClassify`` does).
    """
    names: list[str] = [os.fspath(path) for path in paths]
    options = options if options is not None else getattr(cache, "options", None)
    batch = _Batch(names, cache=cache, options=options, classify=classify, progress=progress)
    batch.plan()
    work = batch.work()
    own = _own_pool(batch, work, jobs) if executor is None else None
    if executor is None:
        executor = own
    try:
        if executor is None:
            batch.run_here(work)
        else:
            batch.run_on(executor, work, own_pool=own is not None)
    finally:
        if own is not None:
            own.shutdown(wait=True, cancel_futures=True)
    return batch.results()


def _twin(item: BatchItem, path: str) -> BatchItem:
    """The result of an identical file, under this one's name."""
    if not item.ok:
        return BatchItem(path, error=type(item.error)(str(item.error).removeprefix(f"{item.path}: "), path=path)
                         if isinstance(item.error, ToolkitError) else item.error)
    original = _document(item)
    document = replace(original, source=path)
    topics = item.topics
    if topics is not None and getattr(topics, "source", None) == original.source:
        topics = replace(topics, source=path)
    return BatchItem(path, document=document, topics=topics, from_cache=True)


# Below this many bytes to read, the default is to read in this process.
_POOL_MIN_BYTES = 256 * 1024


def _retry(function, args, path: str, *, isolated: bool) -> BatchItem:
    """A file whose worker died. When the pool had been working, one file killed
    its worker (a crash in a native library): retry each in a worker of its own,
    so only that file is reported. When no worker ever worked (the pool could not
    start here), read in this process, as ``jobs=1`` would."""
    if not isolated:
        return function(*args)
    single = _process_pool(1)
    try:
        return _outcome(single.submit(function, *args), path)
    finally:
        single.shutdown(wait=True, cancel_futures=True)


def _item(item: BatchItem | None) -> BatchItem:
    assert item is not None
    return item


def _document(item: BatchItem | None) -> Document:
    document = _item(item).document
    assert document is not None
    return document


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _outcome(future: Future, path: str) -> BatchItem:
    try:
        item = future.result()
    except Exception as exc:  # noqa: BLE001 - the worker died (a crash in a native library) or the cluster failed
        return BatchItem(path, error=InputError(f"could not be read: the worker reading it failed ({type(exc).__name__})",
                                                path=path))
    if item.error is not None and getattr(item.error, "path", None) is None:
        item.error.path = path  # an exception keeps only its message when it crosses processes
    return item


def _finish(items: list, index: int, keys: dict, cache, store, classify, progress) -> None:
    item = items[index]
    key, entry = keys.get(index, (None, None))
    if item.ok:
        if not item.from_cache and key is not None:
            _hold(cache, key, item.document)
        if store is not None and key is not None and item.topics is not None:
            entry = entry or store.entry(key, classify.fingerprint)
            if _returns_data(classify):
                store.hold_data(entry, item.topics)
            else:
                store.hold(entry, item.topics)
    _done(item, classify, progress)


def _returns_data(classify) -> bool:
    # A classifier whose results are already JSON data (``returns_data = True``) is
    # cached as that data; otherwise results are DocumentTopics.
    return bool(getattr(classify, "returns_data", False))


def _done(item: BatchItem, classify, progress) -> None:
    if item.ok and item.topics is not None and hasattr(classify, "remember"):
        classify.remember(item.document, item.topics)
    if progress is not None:
        progress(Path(item.path).name)


# -- the parsed-document cache (toolkit.trust.cache.DocumentCache) --------------------------


def _from_cache(cache, path: str) -> tuple[Document | None, str | None]:
    """(document, key): the cached document when this content was parsed before, else None and its key."""
    folder = getattr(cache, "folder", None)
    if folder is None:
        if cache is not None:
            cache.stats.misses += 1
        return None, None
    try:
        from .readers import reader_for

        source = Path(path)
        reader_for(source)
        data = source.read_bytes()
        key = cache.key(source, data)
    except (ToolkitError, OSError):
        cache.stats.misses += 1
        return None, None  # the reader, in the worker, reports it in its own words
    pending, load = getattr(cache, "_pending", None), getattr(cache, "_load", None)
    if not isinstance(pending, dict) or load is None:
        # A cache of another make: its own read, in this process (right, if slower).
        return cache.read(source), None
    entry = Path(folder) / f"{key}.json"
    cached = pending.get(entry) or load(entry)
    if cached is None:
        cache.stats.misses += 1
        return None, key
    cache.stats.hits += 1
    return (replace(cached, source=path) if cached.source != path else cached), key


def _hold(cache, key: str, document: Document) -> None:
    """Keep a parsed document for the cache's next flush (written only if the run succeeds)."""
    cache._pending[Path(cache.folder) / f"{key}.json"] = document


def documents_of(items: Sequence[BatchItem]) -> list[Document]:
    """The documents of a batch in order, raising the first error (all-or-nothing callers)."""
    return [item.unwrap() for item in items]
