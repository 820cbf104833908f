"""Timing shared by the benchmark scripts (run them as ``python benchmarks/X.py``)."""

from __future__ import annotations

import gc
import time


def best_of(repeats: int, func) -> float:
    """The fastest of ``repeats`` runs, in seconds; the minimum is the least noisy figure."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def distinct_copies(sources, folder, count: int, width: int = 3) -> list:
    """``count`` byte-distinct copies of ``sources`` (round robin) in ``folder``, so that a
    content-keyed cache cannot share entries between them; each stays the same document."""
    import shutil
    import zipfile

    files = []
    for index in range(count):
        source = sources[index % len(sources)]
        target = folder / f"{index:0{width}d}-{source.name}"
        suffix = source.suffix.lower()
        if suffix in (".txt", ".md"):
            target.write_text(source.read_text("utf-8") + f"\n\nLocal copy {index} for the benchmark.\n", encoding="utf-8")
        elif suffix == ".docx":
            shutil.copy(source, target)
            with zipfile.ZipFile(target, "a") as archive:  # a ZIP comment: new bytes, same document
                archive.comment = f"benchmark copy {index}".encode()
        elif suffix == ".pdf":
            target.write_bytes(source.read_bytes() + f"\n% benchmark copy {index}\n".encode())  # after %%EOF
        else:
            shutil.copy(source, target)
        files.append(target)
    return files
