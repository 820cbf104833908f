"""The workspace: an SQLite database of schools and uploaded files, and the files themselves.

Uploaded files are stored once, by the SHA-256 of their content, under
``<data>/files/``; the database records who uploaded what for which school and
what the reader found (title, dates, or the one-line error). Everything a page
shows can be rebuilt from the stored files: the recorded metadata is a summary
refreshed whenever a file is read again.

Schema changes go in ``_MIGRATIONS`` (append only): ``schema_version`` records
how many have run, so an older workspace is brought up to date on open.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..io import atomic_write

_MIGRATIONS: tuple[str, ...] = (
    # 1: schools, uploaded documents and background jobs.
    """
    CREATE TABLE schools (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created TEXT NOT NULL
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        school_id INTEGER NOT NULL REFERENCES schools(id),
        batch TEXT NOT NULL,
        filename TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        ext TEXT NOT NULL,
        size INTEGER NOT NULL,
        uploaded TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'queued',  -- queued | reading | done | error
        error TEXT,
        title TEXT,
        policy_type TEXT,
        summary TEXT  -- JSON: the metadata the register shows
    );
    CREATE INDEX documents_school ON documents(school_id);
    CREATE INDEX documents_batch ON documents(batch);
    CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'queued',  -- queued | running | done | error
        progress TEXT,
        error TEXT,
        created TEXT NOT NULL,
        result TEXT  -- JSON
    );
    """,
    # 2: settings (the trust model policy per policy kind).
    """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
)
SCHEMA_VERSION = len(_MIGRATIONS)
DATABASE_NAME = "workspace.sqlite3"
FILES_DIRNAME = "files"
PARSE_CACHE_DIRNAME = "parse-cache"
JOBS_DIRNAME = "jobs"


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class School:
    id: int
    name: str


@dataclass(frozen=True)
class StoredDocument:
    id: int
    school_id: int
    school: str
    batch: str
    filename: str
    sha256: str
    ext: str
    size: int
    uploaded: str
    status: str
    error: str | None
    title: str | None
    policy_type: str | None
    summary: dict

    @property
    def display_title(self) -> str:
        return self.title or self.filename


@dataclass(frozen=True)
class Job:
    id: str
    kind: str
    status: str
    progress: str | None
    error: str | None
    result: dict


class Workspace:
    """One data folder: the database, the stored files, the parse cache and job outputs."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / FILES_DIRNAME).mkdir(exist_ok=True)
        self.database = self.folder / DATABASE_NAME
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._migrate()

    @property
    def parse_cache(self) -> Path:
        return self.folder / PARSE_CACHE_DIRNAME

    @property
    def jobs_folder(self) -> Path:
        return self.folder / JOBS_DIRNAME

    # -- connection and migrations ---------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.database, timeout=30, isolation_level=None, check_same_thread=False)
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA journal_mode = WAL")
            self._local.connection = connection
        return connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self._connection()
        with self._write_lock:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def _migrate(self) -> None:
        with self._transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = db.execute("SELECT version FROM schema_version").fetchone()
            current = row["version"] if row else 0
            if row is None:
                db.execute("INSERT INTO schema_version (version) VALUES (0)")
            if current > SCHEMA_VERSION:
                raise RuntimeError(f"{self.database}: made by a newer policykit (schema {current}); upgrade policykit")
            for script in _MIGRATIONS[current:]:
                for statement in script.split(";"):
                    if statement.strip():
                        db.execute(statement)
            db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))

    def schema_version(self) -> int:
        return self._connection().execute("SELECT version FROM schema_version").fetchone()["version"]

    # -- files -------------------------------------------------------------------

    def blob_path(self, sha256: str, ext: str) -> Path:
        """Where a stored file lives: named by its hash, never by anything a request sent."""
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a SHA-256")
        if not ext.startswith(".") or not ext[1:].isalnum():
            raise ValueError("not an extension")
        return self.folder / FILES_DIRNAME / sha256[:2] / f"{sha256}{ext}"

    def store_file(self, data: bytes, ext: str) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        path = self.blob_path(sha256, ext)
        if not path.is_file():
            atomic_write(path, data)
        return sha256

    # -- schools -------------------------------------------------------------------

    def schools(self) -> list[School]:
        rows = self._connection().execute("SELECT id, name FROM schools ORDER BY name COLLATE NOCASE").fetchall()
        return [School(row["id"], row["name"]) for row in rows]

    def school(self, school_id: int) -> School | None:
        row = self._connection().execute("SELECT id, name FROM schools WHERE id = ?", (school_id,)).fetchone()
        return School(row["id"], row["name"]) if row else None

    def school_named(self, name: str) -> School:
        """The school of this name, created when new."""
        name = " ".join(name.split())
        with self._transaction() as db:
            row = db.execute("SELECT id, name FROM schools WHERE name = ?", (name,)).fetchone()
            if row is None:
                cursor = db.execute("INSERT INTO schools (name, created) VALUES (?, ?)", (name, _now()))
                return School(int(cursor.lastrowid or 0), name)
            return School(row["id"], row["name"])

    # -- documents -------------------------------------------------------------------

    def add_document(self, school_id: int, batch: str, filename: str, sha256: str, ext: str, size: int,
                     *, status: str = "queued", error: str | None = None) -> int:
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO documents (school_id, batch, filename, sha256, ext, size, uploaded, status, error) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (school_id, batch, filename, sha256, ext, size, _now(), status, error),
            )
            return int(cursor.lastrowid or 0)

    def set_status(self, document_id: int, status: str, *, error: str | None = None, title: str | None = None,
                   policy_type: str | None = None, summary: dict | None = None) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE documents SET status = ?, error = ?, title = ?, policy_type = ?, summary = ? WHERE id = ?",
                (status, error, title, policy_type, json.dumps(summary or {}), document_id),
            )

    _SELECT = ("SELECT d.*, s.name AS school FROM documents d JOIN schools s ON s.id = d.school_id ")

    @staticmethod
    def _document(row: sqlite3.Row) -> StoredDocument:
        return StoredDocument(
            id=row["id"], school_id=row["school_id"], school=row["school"], batch=row["batch"],
            filename=row["filename"], sha256=row["sha256"], ext=row["ext"], size=row["size"],
            uploaded=row["uploaded"], status=row["status"], error=row["error"], title=row["title"],
            policy_type=row["policy_type"], summary=json.loads(row["summary"] or "{}"),
        )

    def document(self, document_id: int) -> StoredDocument | None:
        row = self._connection().execute(self._SELECT + "WHERE d.id = ?", (document_id,)).fetchone()
        return self._document(row) if row else None

    def documents(self, *, school_id: int | None = None, batch: str | None = None,
                  status: str | None = None) -> list[StoredDocument]:
        where, args = [], []
        for column, value in (("d.school_id", school_id), ("d.batch", batch), ("d.status", status)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        sql = self._SELECT + (("WHERE " + " AND ".join(where)) if where else "") + " ORDER BY d.id"
        return [self._document(row) for row in self._connection().execute(sql, args).fetchall()]

    def unfinished(self) -> list[StoredDocument]:
        """Documents queued or being read when the server last stopped: to read again."""
        sql = self._SELECT + "WHERE d.status IN ('queued', 'reading') ORDER BY d.id"
        return [self._document(row) for row in self._connection().execute(sql).fetchall()]

    # -- jobs -------------------------------------------------------------------------

    def add_job(self, job_id: str, kind: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT INTO jobs (id, kind, created) VALUES (?, ?, ?)", (job_id, kind, _now()))

    def update_job(self, job_id: str, *, status: str | None = None, progress: str | None = None,
                   error: str | None = None, result: dict | None = None) -> None:
        with self._transaction() as db:
            row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                return
            db.execute(
                "UPDATE jobs SET status = ?, progress = ?, error = ?, result = ? WHERE id = ?",
                (status or row["status"], progress if progress is not None else row["progress"],
                 error if error is not None else row["error"],
                 json.dumps(result) if result is not None else row["result"], job_id),
            )

    def job(self, job_id: str) -> Job | None:
        row = self._connection().execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            return None
        return Job(row["id"], row["kind"], row["status"], row["progress"], row["error"],
                   json.loads(row["result"] or "{}"))

    # -- settings -----------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        row = self._connection().execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else None

    def set_setting(self, key: str, value: str | None) -> None:
        with self._transaction() as db:
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
