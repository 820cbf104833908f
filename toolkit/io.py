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


def _file_mode() -> int:
    # mkstemp creates 0600 files; outputs should get the mode any new file would.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _stage(target: Path, data: bytes | str) -> str:
    """Write ``data`` to a temporary file beside ``target``; return its path."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target.parent.mkdir(parents=True, exist_ok=True)
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
    try:
        tmp = _stage(path, data)
        try:
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=path) from exc
    return path


def write_outputs(root: str | os.PathLike[str], files: Mapping[str, bytes | str]) -> list[Path]:
    """Write several outputs as one unit: every name is checked and every payload
    is staged before the first file appears, so a failure leaves no partial set."""
    targets = [(safe_join(root, name), data) for name, data in files.items()]
    staged: list[tuple[str, Path]] = []
    try:
        for target, data in targets:
            staged.append((_stage(target, data), target))
        for tmp, target in staged:
            os.replace(tmp, target)
    except OSError as exc:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise OutputError(f"cannot write outputs: {exc.strerror or exc}", path=root) from exc
    return [target for target, _ in targets]
