"""Scale: ``compare`` over 50/200/500 files, first run and cached, one process against every core;
and the CLI's start-up.

    PYTHONPATH=. python benchmarks/bench_scale.py [--sizes 50,200,500] [--jobs N] [--rounds R] [--skip-before]
    PYTHONPATH=. python benchmarks/bench_scale.py --startup-only

The files are byte-distinct copies (so the content cache cannot share entries)
of the shared corpus PDFs (../shared/corpus/decoy-primary, when present) and
the sample renditions in source_policies/, in a temporary folder. For each size:

* before: one process, PDF characters from pdfminer (``POLICYKIT_PDF_CHARS=pdfminer``);
* first run, one process (``jobs=1``) and every core (``jobs=N``);
* cached rerun as before this change: documents from the cache, topics
  classified again in one process (the topic entries removed first);
* cached rerun now: documents and topic results from the cache.

Ratios are between runs of this one invocation, so the machine's load mostly
cancels out; the load average is printed with them (the machine may be shared).
Start-up: ``policykit --help`` and ``policykit parse`` of a one-page text file,
each a fresh process, against ``python -c pass`` (wall and CPU time, best of 5).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from _timing import distinct_copies  # noqa: E402  (benchmarks/ is on the path when run as a script)


def sources() -> list[Path]:
    from toolkit.readers import supported_extensions

    shared = Path(os.environ.get("POLICYKIT_SHARED", REPO.parent / "shared"))
    extensions = set(supported_extensions())
    found = sorted((shared / "corpus" / "decoy-primary").glob("*.pdf"))
    found += sorted(p for p in (REPO / "source_policies").iterdir() if p.suffix.lower() in extensions)
    return found


def make_corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    pool = sources()
    return distinct_copies(pool, folder, count, width=3)


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f}/{five:.2f} on {os.cpu_count()} cores"


def timed(label: str, files: list[Path], out: Path, **kwargs) -> float:
    from toolkit.trust import run_comparison

    cpu = _own_cpu()
    start = time.perf_counter()
    result = run_comparison(files, out / "trust.json", as_of=None, **kwargs)
    elapsed = time.perf_counter() - start
    cpu = _own_cpu() - cpu
    count = len(result.report.documents)
    # This process's CPU time: with one process it is the work itself, whatever the
    # load (workers of a pool are not this process's children, so not counted).
    print(f"  {label:<48} {elapsed:8.2f} s  {count / elapsed:7.1f} files/s  cpu here {cpu:6.2f} s  "
          f"(cache hits {result.cache_hits}, misses {result.cache_misses}; {load()})", flush=True)
    return elapsed


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench_compare(size: int, jobs: int, skip_before: bool, root: Path, rounds: int = 1) -> None:
    from toolkit.trust import CACHE_DIRNAME

    files = make_corpus(root / f"in-{size}", size)
    print(f"compare over {size} files ({sum(p.suffix == '.pdf' for p in files)} PDFs):", flush=True)
    before = None
    if not skip_before:
        os.environ["POLICYKIT_PDF_CHARS"] = "pdfminer"
        try:
            before = timed("before: first run, 1 process, pdfminer chars", files, root / f"before-{size}", jobs=1,
                           use_cache=False)
        finally:
            os.environ.pop("POLICYKIT_PDF_CHARS", None)
    one = many = float("inf")
    for round_ in range(rounds):
        # Alternating rounds, best of each: a burst of load on a shared machine hits both.
        for name in (f"one-{size}", f"many-{size}"):
            shutil.rmtree(root / name, ignore_errors=True)
        one = min(one, timed(f"first run, 1 process (round {round_ + 1})", files, root / f"one-{size}", jobs=1))
        many = min(many, timed(f"first run, {jobs} processes (round {round_ + 1})", files, root / f"many-{size}",
                               jobs=jobs))
    shutil.rmtree(root / f"many-{size}" / CACHE_DIRNAME / "topics", ignore_errors=True)
    old_cached = timed("cached rerun as before (topics classified again)", files, root / f"many-{size}", jobs=1)
    cached = timed(f"cached rerun now ({jobs} processes allowed)", files, root / f"many-{size}", jobs=jobs)
    print(f"  ratios: {jobs} processes vs 1: x{one / many:.2f};  cached rerun now vs before: x{old_cached / cached:.2f};"
          f"  first run vs cached now: x{many / cached:.1f}"
          + (f";  1 process now vs before: x{before / one:.2f};  {jobs} processes now vs before: x{before / many:.2f}"
             if before else ""), flush=True)


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_startup(root: Path, repeat: int = 5) -> None:
    page = root / "one-page.txt"
    page.write_text("Social media policy\n\n1. Purpose\n\nStaff must not post about pupils online.\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    commands = [
        ("python -c pass (floor)", [sys.executable, "-c", "pass"]),
        ("policykit --help", [sys.executable, "-m", "toolkit", "--help"]),
        ("policykit parse one-page.txt", [sys.executable, "-m", "toolkit", "parse", str(page)]),
    ]
    print(f"CLI start-up, best of {repeat} ({load()}):")
    floor = None
    for label, argv in commands:
        best_wall, best_cpu = float("inf"), float("inf")
        for _ in range(repeat):
            cpu = _child_cpu()
            start = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=root)
            best_wall = min(best_wall, time.perf_counter() - start)
            best_cpu = min(best_cpu, _child_cpu() - cpu)
        floor = floor or best_cpu
        print(f"  {label:<32} wall {best_wall:6.3f} s  cpu {best_cpu:6.3f} s  (x{best_cpu / floor:4.1f} of the floor)")


def main() -> int:
    from toolkit.batch import default_jobs

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50", help="comma-separated file counts (the issue's: 50,200,500)")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="processes for the parallel runs")
    parser.add_argument("--skip-before", action="store_true", help="skip the pdfminer baseline (the slowest run)")
    parser.add_argument("--rounds", type=int, default=1, help="alternating first-run rounds; the best of each is kept")
    parser.add_argument("--startup-only", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="policykit-bench-scale-") as temp:
        root = Path(temp)
        bench_startup(root)
        if not args.startup_only:
            for size in (int(value) for value in args.sizes.split(",")):
                bench_compare(size, args.jobs, args.skip_before, root, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
