"""Generating for N schools: N single-profile runs against one batch run, in this one process.

Both make the same files for the same N profiles (the sample school renamed); with
LibreOffice installed both make policy.pdf too, and that is where the batch gains:
the single runs start LibreOffice once a school, the batch once for all of them.
Without LibreOffice (or with --no-pdf) the figure shows what the batch costs or saves
on the rest (template loaded once).

    PYTHONPATH=. python benchmarks/bench_generate_batch.py [--schools 10] [--no-pdf] [--repeats 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from pathlib import Path

from _timing import best_of

from toolkit.generate import generate_policy, sample_profile_path
from toolkit.generate.api import generate_policies
from toolkit.render.pdf import soffice_path

STAMP = dt.datetime(2025, 3, 21, tzinfo=dt.UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schools", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=1, help="best of this many runs of each (LibreOffice is slow)")
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    pdf = not args.no_pdf and soffice_path() is not None

    sample = sample_profile_path().read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "profiles"
        folder.mkdir()
        profiles = []
        for i in range(args.schools):
            path = folder / f"school-{i:03d}.toml"
            path.write_text(sample.replace("Oakfield Primary School", f"Bench School {i}"), encoding="utf-8")
            profiles.append(path)

        def singles() -> None:
            for path in profiles:
                generate_policy(path, None, Path(work) / "single", timestamp=STAMP, pdf=pdf)

        def batch() -> None:
            result = generate_policies(profiles, Path(work) / "batch", timestamp=STAMP, pdf=pdf)
            assert len(result.results) == args.schools and not result.failures, result.failures

        single_seconds = best_of(args.repeats, singles)
        batch_seconds = best_of(args.repeats, batch)

    load = os.getloadavg()
    print(f"{args.schools} schools, PDF {'with LibreOffice' if pdf else 'not made'}; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'':24} {'total':>9} {'per school':>11}")
    print(f"{'N single-profile runs':24} {single_seconds:8.2f}s {single_seconds / args.schools * 1000:9.0f}ms")
    print(f"{'one batch run':24} {batch_seconds:8.2f}s {batch_seconds / args.schools * 1000:9.0f}ms")
    print(f"batch is {single_seconds / batch_seconds:.1f}x faster")


if __name__ == "__main__":
    main()
