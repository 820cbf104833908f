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
