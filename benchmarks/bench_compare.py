"""Benchmark: ``policykit compare`` over 50 policies, first run against the cached rerun.

    PYTHONPATH=. python benchmarks/bench_compare.py [--copies 50] [--baseline]

The 50 policies are copies of the samples in source_policies/ and of any other
renditions of them there (.md, .docx, .pdf), each made byte-distinct (a last
line, a ZIP comment, bytes after %%EOF) so that the content cache cannot share
entries between copies: the first run really parses 50 files. Prints wall-clock figures and the cached/first ratio.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from _timing import distinct_copies  # noqa: E402  (benchmarks/ is on the path when run as a script)

from toolkit.readers import supported_extensions  # noqa: E402
from toolkit.trust import CACHE_DIRNAME, run_comparison  # noqa: E402


def make_corpus(folder: Path, count: int) -> list[Path]:
    samples = REPO / "source_policies"
    extensions = set(supported_extensions())
    sources = sorted(p for p in samples.iterdir() if p.suffix.lower() in extensions)
    return distinct_copies(sources, folder, count, width=2)


def timed(label: str, **kwargs) -> float:
    start = time.perf_counter()
    result = run_comparison(**kwargs)
    elapsed = time.perf_counter() - start
    count = len(result.report.documents)
    print(f"{label:<34} {elapsed:7.2f} s  {elapsed / count * 1000:7.1f} ms/policy  "
          f"(cache hits {result.cache_hits}, misses {result.cache_misses})")
    return elapsed


def stage_breakdown(folder: Path) -> None:
    """Where the time goes: parsing the files, then classifying their clauses."""
    from toolkit.topics import TopicClassifier
    from toolkit.trust import read_policies

    start = time.perf_counter()
    documents = read_policies([folder])
    parsed = time.perf_counter() - start
    classifier = TopicClassifier()
    start = time.perf_counter()
    for document in documents:
        classifier.classify(document)
    classified = time.perf_counter() - start
    clauses = sum(1 for document in documents for _ in document.walk())
    print(f"{'stage: parse only':<34} {parsed:7.2f} s  ({clauses} clauses)")
    print(f"{'stage: classify only':<34} {classified:7.2f} s  {classified / clauses * 1e6:7.0f} us/clause")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--baseline", action="store_true", help="also measure drift against the Hampshire model")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="policykit-bench-") as tmp:
        folder = Path(tmp) / "policies"
        folder.mkdir()
        make_corpus(folder, args.copies)
        output = Path(tmp) / "out"
        baseline = REPO / "source_policies" / "hampshire-model-school-social-media-policy-2022.txt" if args.baseline else None
        print(f"policykit compare over {args.copies} policies ({folder})")
        stage_breakdown(folder)
        for fmt in ("html", "xlsx", "json"):
            shutil.rmtree(output / CACHE_DIRNAME, ignore_errors=True)
            common = dict(inputs=[folder], output=output / f"trust.{fmt}", baseline=baseline)
            first = timed(f"first run, cold cache (.{fmt})", **common)
            cached = timed(f"rerun, cached (.{fmt})", **common)
            uncached = timed(f"rerun, --no-cache (.{fmt})", use_cache=False, **common)
            print(f"  cached rerun / first run = {cached / first:.2f}; no-cache / first = {uncached / first:.2f}")


if __name__ == "__main__":
    main()
