"""Writing outputs safely: atomically, all-or-nothing, and never outside the output folder."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
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


def check_not_an_input(target: str | os.PathLike[str], inputs) -> None:
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


def _stage(target: Path, data: bytes | str, created: list[Path]) -> str:
    """Write ``data`` to a temporary file beside ``target``; return its path."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _make_parents(target.parent, created)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
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
