"""What the pages need, built from the workspace and the library's own API.

Reading runs on a small pool of worker threads so a request never waits for a
parse; each file's status (queued, reading, done, error) is in the database,
where the pages poll it. Parsed documents come from the same parse cache the
CLI uses (``toolkit.trust.cache.DocumentCache``), kept under the data folder:
deleting it costs only the time to read the files again.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ToolkitError
from ..model import Clause, Document, replace
from ..trust.cache import DocumentCache, parser_fingerprint
from ..trust.report import governance_of
from .store import School, StoredDocument, Workspace

UNKNOWN_TYPE = "unknown"


def _policy_type(document: Document) -> str:
    """The kind of policy a document is ("social_media", "complaints"), or "unknown".

    The one place the web app learns a document's policy type, from the same
    recogniser as ``policykit parse`` and the register. A document of no known type
    ("other") is "unknown" here, so that its versions are still told apart by title.
    """
    from ..policy_types import policy_type_of

    value = policy_type_of(document).id
    return value if value and value != "other" else UNKNOWN_TYPE


def policy_type_label(policy_type: str | None) -> str:
    if not policy_type or policy_type == UNKNOWN_TYPE:
        return "Unknown type"
    from ..policy_types import policy_type_info

    try:
        return policy_type_info(policy_type).label
    except (KeyError, LookupError, ValueError):  # a type a later catalogue dropped
        return policy_type.replace("_", " ").replace("-", " ").capitalize()


# Words that say a document is a policy but not which one: "Complaints Procedure"
# and "Complaints policy" are the same policy under two titles.
_GENERIC_WORDS = frozenset({"policy", "policies", "procedure", "procedures", "statement", "the", "and", "for", "of", "school"})


# Until documents carry a policy type, a title naming one of these subjects is
# that subject's policy: "MET Social Media Policy" and "Social Media and Networking
# Policy" are both a school's social media policy. Longer names first.
_SUBJECTS = (
    "social media", "online safety", "e-safety", "anti-bullying", "bullying", "complaints", "whistleblowing",
    "child protection", "safeguarding", "behaviour", "attendance", "data protection", "freedom of information",
    "health and safety", "first aid", "supporting pupils with medical conditions", "special educational needs",
    "accessibility", "equality", "charging and remissions", "admissions", "exclusions", "relationships",
    "staff code of conduct", "code of conduct", "acceptable use", "looked after children", "teachers' pay",
    "pay", "capability", "grievance", "disciplinary", "sickness absence", "lettings", "uniform",
)
_SUBJECT_PATTERNS = tuple((subject, re.compile(r"\b" + re.escape(subject) + r"\b")) for subject in _SUBJECTS)


def title_key(title: str | None) -> str:
    lowered = (title or "").lower().replace("’", "'")
    for subject, pattern in _SUBJECT_PATTERNS:
        if pattern.search(lowered):
            return subject
    words = re.findall(r"[a-z0-9]+", lowered)
    kept = [word for word in words if word not in _GENERIC_WORDS and not word.isdigit()]
    return " ".join(kept) or " ".join(words) or "untitled"


def policy_key(stored: StoredDocument) -> str:
    """Which of a school's policies a file is a version of: its type when known, else its title."""
    if stored.policy_type and stored.policy_type != UNKNOWN_TYPE:
        return "type:" + stored.policy_type
    return "title:" + title_key(stored.title or Path(stored.filename).stem.replace("-", " "))


def policy_label(key: str, titles: list[str]) -> str:
    if key.startswith("type:"):
        return policy_type_label(key[5:])
    if key[6:] in _SUBJECTS:
        return key[6:][0].upper() + key[7:]
    return titles[0] if titles else key[6:]


def kind_label(stored: StoredDocument) -> str:
    """What kind of policy a file is, as the upload and policy pages say it."""
    if stored.policy_type and stored.policy_type != UNKNOWN_TYPE:
        return policy_type_label(stored.policy_type)
    subject = title_key(stored.title)
    if subject in _SUBJECTS:
        return f"{subject[0].upper()}{subject[1:]} (from its title)"
    return "Not recognised"


def summary_of(document: Document) -> dict:
    """The metadata the register shows, in JSON-friendly form (overdue is worked out when shown)."""
    governance = governance_of(document, dt.date.today())
    return {
        "school": governance.school,
        "version": governance.version,
        "approved": governance.approved,
        "approved_iso": governance.approved_iso,
        "last_review": governance.last_review,
        "next_review": governance.next_review,
        "next_review_iso": governance.next_review_iso,
        "next_review_latest": governance.next_review_latest.isoformat() if governance.next_review_latest else None,
        "approved_by": governance.approved_by,
        "format": document.format,
        "clauses": sum(1 for _ in document.walk()),
        "warnings": list(document.warnings),
        # The parser that made this summary: a newer one re-reads the file (see Workers.refresh_stale).
        "parser": parser_fingerprint(),
    }


def is_overdue(summary: dict, today: dt.date | None = None) -> bool | None:
    latest = summary.get("next_review_latest")
    if not latest:
        return None
    return dt.date.fromisoformat(latest) < (today or dt.date.today())


def one_line(exc: BaseException, filename: str) -> str:
    """A reader's error as one line naming the file the user uploaded (not our stored copy)."""
    if isinstance(exc, ToolkitError):
        problem = exc.problem
    elif isinstance(exc, OSError):
        problem = exc.strerror or str(exc)
    else:
        problem = f"internal error ({type(exc).__name__}: {exc}); a bug in policykit"
    return f"{filename}: {' '.join(str(problem).split())[:400]}"


class Library:
    """Parsed documents for stored files, with a small in-memory cache over the parse cache."""

    def __init__(self, workspace: Workspace, size: int = 64) -> None:
        self.workspace = workspace
        self._memory: OrderedDict[tuple[str, str], Document] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def read(self, stored: StoredDocument) -> Document:
        key = (stored.sha256, stored.ext)
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return replace(self._memory[key], source=stored.filename)
        cache = DocumentCache(self.workspace.parse_cache)
        document = cache.read(self.workspace.blob_path(stored.sha256, stored.ext))
        cache.flush()
        with self._lock:
            self._memory[key] = document
            while len(self._memory) > self._size:
                self._memory.popitem(last=False)
        return replace(document, source=stored.filename)


class Workers:
    """The background pool: reading uploads and generating policies, with status in the database."""

    def __init__(self, workspace: Workspace, library: Library, threads: int = 2) -> None:
        self.workspace = workspace
        self.library = library
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="policykit-web")
        self._futures: set[Future] = set()
        self._lock = threading.Lock()

    def _submit(self, func: Callable, *args) -> Future:
        future = self.pool.submit(func, *args)
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._discard)
        return future

    def _discard(self, future: Future) -> None:
        with self._lock:
            self._futures.discard(future)

    def wait(self, timeout: float | None = None) -> None:
        """Block until all submitted work is finished (tests and the demo loader)."""
        deadline = None if timeout is None else dt.datetime.now().timestamp() + timeout
        while True:
            with self._lock:
                pending = list(self._futures)
            if not pending:
                return
            for future in pending:
                remaining = None if deadline is None else max(0.0, deadline - dt.datetime.now().timestamp())
                future.exception(timeout=remaining)

    def read(self, document_id: int) -> Future:
        return self._submit(self._read, document_id)

    def resume(self) -> int:
        """Queue again the files that were waiting when the server stopped."""
        unfinished = self.workspace.unfinished()
        for stored in unfinished:
            self.read(stored.id)
        return len(unfinished)

    def refresh_stale(self) -> int:
        """Re-read, in the background, files whose summary an older parser made (after an upgrade),
        so the register shows what this version of policykit finds in them. They stay listed meanwhile."""
        current = parser_fingerprint()
        stale = [stored for stored in self.workspace.documents(status="done") if stored.summary.get("parser") != current]
        for stored in stale:
            self._submit(self._read, stored.id, False)
        return len(stale)

    def _read(self, document_id: int, show_reading: bool = True) -> None:
        stored = self.workspace.document(document_id)
        if stored is None:
            return
        if show_reading:
            self.workspace.set_status(document_id, "reading")
        try:
            document = self.library.read(stored)
        except Exception as exc:  # noqa: BLE001 - any failure is shown on the file it concerns
            self.workspace.set_status(document_id, "error", error=one_line(exc, stored.filename))
            return
        self.workspace.set_status(document_id, "done", title=document.title, policy_type=_policy_type(document),
                                  summary=summary_of(document))

    def run_job(self, kind: str, func: Callable[[Callable[[str], None]], dict]) -> str:
        """Run ``func(progress)`` in the background as a job whose status pages can poll."""
        job_id = uuid.uuid4().hex
        self.workspace.add_job(job_id, kind)

        def run() -> None:
            self.workspace.update_job(job_id, status="running", progress="starting")
            try:
                result = func(lambda message: self.workspace.update_job(job_id, progress=message))
            except Exception as exc:  # noqa: BLE001 - shown on the job's page
                self.workspace.update_job(job_id, status="error", error=one_line(exc, kind).split(": ", 1)[-1])
                return
            self.workspace.update_job(job_id, status="done", progress="finished", result=result)

        self._submit(run)
        return job_id

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=False)


# -- the register -------------------------------------------------------------------------


@dataclass
class Cell:
    key: str
    state: str  # present | overdue | missing
    current: StoredDocument | None = None
    versions: list[StoredDocument] = field(default_factory=list)


@dataclass
class Register:
    schools: list[School]
    columns: list[tuple[str, str]]  # (policy key, label)
    rows: list[tuple[School, list[Cell]]]  # cells in column order
    pending: int
    errors: int


def policies_of(documents: list[StoredDocument]) -> dict[tuple[int, str], list[StoredDocument]]:
    """Each school's policies: (school id, policy key) -> its versions, oldest upload first."""
    grouped: dict[tuple[int, str], list[StoredDocument]] = {}
    for stored in documents:
        if stored.status == "done":
            grouped.setdefault((stored.school_id, policy_key(stored)), []).append(stored)
    return grouped


def version_notes(documents: list[StoredDocument]) -> dict[int, str]:
    """For each read file: which version of which of its school's policies it is kept as."""
    notes: dict[int, str] = {}
    for (_, key), versions in policies_of(documents).items():
        label = policy_label(key, [versions[-1].display_title])
        for number, stored in enumerate(versions, start=1):
            notes[stored.id] = (f"version {number} of {label}" + (" (current)" if number == len(versions) and number > 1 else "")
                                if len(versions) > 1 else f"{label} (first version)")
    return notes


def versions_of(workspace: Workspace, stored: StoredDocument) -> list[StoredDocument]:
    key = policy_key(stored)
    return [d for d in workspace.documents(school_id=stored.school_id, status="done") if policy_key(d) == key]


# The register's state filter: a cell shown under each choice ("present" includes overdue).
_STATE_SHOWS: dict[str, frozenset[str]] = {
    "present": frozenset({"present", "overdue"}),
    "overdue": frozenset({"overdue"}),
    "missing": frozenset({"missing"}),
}


def _register_columns(grouped: dict[tuple[int, str], list[StoredDocument]],
                      query: str | None) -> list[tuple[str, str]]:
    """(policy key, label) for every policy any school has, by label; only those matching ``query``."""
    titles: dict[str, list[str]] = {}
    for (_, key), versions in grouped.items():
        titles.setdefault(key, []).append(versions[-1].display_title)
    columns = sorted(((key, policy_label(key, names)) for key, names in titles.items()), key=lambda c: c[1].lower())
    if query:
        needle = query.lower()
        columns = [c for c in columns if needle in c[1].lower() or any(needle in t.lower() for t in titles[c[0]])]
    return columns


def _school_cells(school: School, columns: list[tuple[str, str]],
                  grouped: dict[tuple[int, str], list[StoredDocument]], today: dt.date | None) -> list[Cell]:
    cells = []
    for key, _ in columns:
        versions = grouped.get((school.id, key), [])
        if versions:
            current = versions[-1]
            cell_state = "overdue" if is_overdue(current.summary, today) else "present"
            cells.append(Cell(key, cell_state, current, versions))
        else:
            cells.append(Cell(key, "missing"))
    return cells


def _only_state(columns: list[tuple[str, str]], rows: list[tuple[School, list[Cell]]],
                shows: frozenset[str]) -> tuple[list[tuple[str, str]], list[tuple[School, list[Cell]]]]:
    """Only the schools and the columns with at least one cell in one of the states shown."""
    rows = [(school, cells) for school, cells in rows if any(cell.state in shows for cell in cells)]
    shown = [i for i in range(len(columns)) if any(cells[i].state in shows for _, cells in rows)]
    return [columns[i] for i in shown], [(school, [cells[i] for i in shown]) for school, cells in rows]


def build_register(workspace: Workspace, *, school_id: int | None = None, state: str | None = None,
                   query: str | None = None, today: dt.date | None = None) -> Register:
    """The register page: schools x policies, filtered by school, state and a search of the titles."""
    documents = workspace.documents()
    grouped = policies_of(documents)
    columns = _register_columns(grouped, query)
    rows = [(school, _school_cells(school, columns, grouped, today)) for school in workspace.schools()
            if school_id is None or school.id == school_id]
    shows = _STATE_SHOWS.get(state) if state is not None else None
    if shows is not None:
        columns, rows = _only_state(columns, rows, shows)
    pending = sum(1 for d in documents if d.status in ("queued", "reading"))
    errors = sum(1 for d in documents if d.status == "error")
    return Register(workspace.schools(), columns, rows, pending, errors)


# -- outline and diff rows ---------------------------------------------------------------------


def outline(document: Document) -> list[Clause]:
    return list(document.walk())


@dataclass
class DiffRow:
    status: str
    placement: str
    old_number: str | None
    new_number: str | None
    heading: str | None
    words: tuple  # (op, text)
    old_text: str
    new_text: str
    anchor: str


@dataclass
class Fold:
    """A run of clauses with no change a reader needs to see (unchanged, or only renumbered)."""

    rows: list[DiffRow]
    renumbered: int


def diff_rows(diff) -> list[DiffRow | Fold]:
    items: list[DiffRow | Fold] = []
    for placement, change in diff.rows():
        status = change.status.value
        row = DiffRow(
            status=status, placement=str(placement),
            old_number=change.old.number if change.old else None,
            new_number=change.new.number if change.new else None,
            heading=(change.new or change.old).heading if (change.new or change.old) else None,
            words=change.words, old_text=change.old_text, new_text=change.new_text, anchor=change.anchor,
        )
        if status in ("unchanged", "renumbered") and placement.value == "here":
            if items and isinstance(items[-1], Fold):
                items[-1].rows.append(row)
                items[-1].renumbered += status == "renumbered"
            else:
                items.append(Fold([row], int(status == "renumbered")))
        else:
            items.append(row)
    return items
