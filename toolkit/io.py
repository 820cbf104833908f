"""Writing outputs safely: atomically, all-or-nothing, and never outside the output folder.

A write stages each file as a hidden sibling ``.NAME.PID.RANDOM.tmp`` and renames
it into place. A writer killed outright (``kill -9``, a power cut) cannot tidy up,
so every later write first removes the staged siblings whose writer (the PID in
the name) is gone. A set of files that belong together (a school's policy,
declarations and manifest) is published as a whole by ``publish_folder``.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import OutputError


def slugify(name: str, *, fallback: str = "document", max_length: int = 60) -> str:
    """A file-name-safe slug for any name a school might have (accents, slashes, dots)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:max_length].strip("-")
    return slug or fallback


def safe_join(root: str | os.PathLike[str], relative: str) -> Path:
    """``root/relative``, refusing anything that would land outside ``root``."""
    root_path = Path(root).resolve()
    if os.path.isabs(relative) or "\x00" in relative:
        raise OutputError(f"refusing output name {relative!r}: not a relative path", path=root)
    target = (root_path / relative).resolve()
    if target != root_path and root_path not in target.parents:
        raise OutputError(f"refusing output name {relative!r}: it escapes the output folder", path=root)
    return target


def display_path(path: str | os.PathLike[str]) -> str:
    """How every command shows a path it wrote: relative to the current folder when
    inside it (what the user typed, and what they can paste), else absolute."""
    target = Path(path)
    absolute = target if target.is_absolute() else Path.cwd() / target
    try:
        return str(absolute.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(absolute.resolve())


def _file_mode() -> int:
    # mkstemp creates 0600 files; outputs should get the mode any new file would.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def check_output_file(target: str | os.PathLike[str]) -> None:
    """Refuse, before anything is written, a target that is a folder or that needs a
    folder where a file stands (``-o notes.txt/report.html``): OSError's own words
    ("File exists", "Not a directory") would not tell the user which path is wrong.
    Commands call it before their slow work too, so the mistake costs no waiting."""
    target = Path(target)
    if target.is_dir():
        raise OutputError("is a folder; give a file name", path=display_path(target))
    _check_parents(target)


def check_not_an_input(target: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str] | None]) -> None:
    """Refuse an output that is one of the inputs (by any name: links included)."""
    target = Path(target)
    if not target.exists():
        return
    for source in inputs:
        if source is not None and Path(source).exists() and os.path.samefile(source, target):
            raise OutputError("refusing to overwrite an input file with the report", path=display_path(target))


def check_output_folder(folder: str | os.PathLike[str]) -> None:
    """Refuse an output folder that is a file, or lies under one."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError("is a file; give a folder to write into", path=display_path(folder))
    _check_parents(folder)


def _check_parents(target: Path) -> None:
    for ancestor in target.parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise OutputError(f"cannot write here: {display_path(ancestor)} is a file, not a folder",
                                  path=display_path(target))
            return


def _make_parents(folder: Path, created: list[Path]) -> None:
    """Create ``folder`` and its missing parents, recording each one made (outermost first)."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        candidate.mkdir(exist_ok=True)
        created.append(candidate)


def _undo(staged: list[str], created: list[Path]) -> None:
    """Remove temporary files and the folders this write made: a failed write leaves nothing."""
    for tmp in staged:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            pass  # not empty: something else (or an earlier output) lives there


# .NAME.PID.RANDOM.tmp (files) and .NAME.PID.RANDOM.new / .old (folders being published).
_STAGED = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.(?P<kind>tmp|new|old)$")
# Staged files from before PIDs were recorded (.NAME.RANDOM.tmp): removed once this old.
_ORPHAN_AGE = 3600.0


def _writer_gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError, OverflowError):
        return False  # alive, but someone else's (or not ours to judge)
    return False


def remove_stale(folder: Path, name: str | None = None) -> None:
    """Remove what killed writers left in ``folder``: staged ``.tmp`` files and half-published
    folders of outputs named ``name`` (any name when None). A published set whose swap was
    cut short (its ``.old`` folder is all that is left) is put back first."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _STAGED.match(entry.name)
        if match is None:
            if entry.name.endswith(".tmp") and entry.name.startswith(".") and (name is None or entry.name.startswith(f".{name}.")):
                try:
                    if time.time() - entry.stat(follow_symlinks=False).st_mtime > _ORPHAN_AGE and entry.is_file(follow_symlinks=False):
                        os.unlink(entry.path)
                except OSError:
                    pass
            continue
        if name is not None and match["name"] != name or not _writer_gone(int(match["pid"])):
            continue
        try:
            if match["kind"] == "old" and not (Path(folder) / match["name"]).exists():
                os.rename(entry.path, Path(folder) / match["name"])  # the set from before the cut swap
            elif entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            pass


def _stage(target: Path, data: bytes | str, created: list[Path]) -> str:
    """Write ``data`` to a temporary file beside ``target``; return its path."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _make_parents(target.parent, created)
    remove_stale(target.parent, target.name)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, _file_mode())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def atomic_write(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write a file so that readers see either the old file or the whole new one."""
    path = Path(path)
    check_output_file(path)
    created: list[Path] = []
    staged: list[str] = []
    try:
        staged.append(_stage(path, data, created))
        os.replace(staged[0], path)
    except BaseException as exc:  # Ctrl-C included: no temporary file is left behind
        _undo(staged, created)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write: {exc.strerror or exc}", path=path) from exc
        raise
    return path


def write_outputs(root: str | os.PathLike[str], files: Mapping[str, bytes | str]) -> list[Path]:
    """Write several outputs as one unit: every name is checked and every payload
    is staged before the first file appears, so a failure leaves no partial set."""
    targets = [(safe_join(root, name), data) for name, data in files.items()]
    for target, _ in targets:
        check_output_file(target)
    created: list[Path] = []
    staged: list[str] = []
    try:
        for target, data in targets:
            staged.append(_stage(target, data, created))
        for tmp, (target, _) in zip(staged, targets):
            os.replace(tmp, target)
    except BaseException as exc:  # Ctrl-C included: no temporary file is left behind
        _undo(staged, created)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write outputs: {exc.strerror or exc}", path=display_path(root)) from exc
        raise
    return [target for target, _ in targets]


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result: int = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def publish_folder(folder: str | os.PathLike[str], files: Mapping[str, bytes | str],
                   owned: tuple[str, ...] = ()) -> list[Path]:
    """Write ``files`` into ``folder`` as one set: readers (and a run killed half-way)
    see the whole old set or the whole new one, never a mix.

    The set is built in a fresh hidden sibling folder, then swapped into place in one
    step (Linux) or by two renames that the next run completes if cut between them.
    Other files already in ``folder`` are carried over, except names in ``owned`` (outputs
    of an earlier run that this one no longer makes, which would mislead beside it)."""
    folder = Path(folder)
    if folder.is_symlink():
        folder = folder.resolve()  # swap the real folder, not the link to it
    check_output_folder(folder)
    targets = [(safe_join(folder, name), name, data) for name, data in files.items()]
    created: list[Path] = []
    _make_parents(folder.parent, created)
    remove_stale(folder.parent, folder.name)
    stem = f".{folder.name}.{os.getpid()}.{os.urandom(4).hex()}"
    staging = folder.parent / f"{stem}.new"
    try:
        staging.mkdir()
        if folder.is_dir():
            for entry in os.scandir(folder):
                if entry.name in files or entry.name in owned:
                    continue
                source, copy = Path(entry.path), staging / entry.name
                if entry.is_dir(follow_symlinks=False):
                    shutil.copytree(source, copy, symlinks=True)
                elif entry.is_symlink():
                    os.symlink(os.readlink(source), copy)
                else:
                    try:
                        os.link(source, copy)
                    except OSError:
                        shutil.copy2(source, copy)
        for target, _name, data in targets:
            path = staging / os.path.relpath(target, folder.resolve())
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            os.chmod(path, _file_mode())
        if not folder.exists():
            os.rename(staging, folder)
        elif _exchange(staging, folder):
            shutil.rmtree(staging, ignore_errors=True)  # now the old set
        else:
            old = folder.parent / f"{stem}.old"
            os.rename(folder, old)
            os.rename(staging, folder)  # cut between these two renames, the next run restores .old
            shutil.rmtree(old, ignore_errors=True)
    except BaseException as exc:  # Ctrl-C included: nothing half-made is left behind
        shutil.rmtree(staging, ignore_errors=True)
        _undo([], created)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write outputs: {exc.strerror or exc}", path=display_path(folder)) from exc
        raise
    return [target for target, _, _ in targets]
