"""Fuzz policykit at length.

    python -m tests.fuzz --cases 5000 --memory-gb 2            # the issue-13 acceptance run
    python -m tests.fuzz --cases 300 --seed 7 --keep failures/  # keep the inputs of every failing case

Each case (tests/fuzz/harness.py) runs in a worker process limited to ``--memory-gb``
of address space; a case still running after ``--timeout`` seconds is a hang (the
worker is killed and restarted). Prints a count per verdict and the failing cases;
exit status 1 when any case was an internal error, a hang, unclear or partial.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.fuzz.harness import REPO, Seeds, build_case, judge

_BAD = ("internal", "hang", "unclear", "partial", "crash", "memory")


class Worker:
    def __init__(self, memory_bytes: int) -> None:
        self.memory_bytes = memory_bytes
        self.process: subprocess.Popen | None = None
        self.served = 0

    def _start(self) -> None:
        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (self.memory_bytes, self.memory_bytes))
            os.setsid()

        env = dict(os.environ, PYTHONPATH=str(REPO))
        env.pop("POLICYKIT_DEBUG", None)
        self.process = subprocess.Popen([sys.executable, "-m", "tests.fuzz.worker"], cwd=REPO, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        preexec_fn=limit, text=True)
        self.served = 0

    def stop(self) -> None:
        if self.process is not None:
            try:
                os.killpg(self.process.pid, 9)
            except ProcessLookupError:
                pass
            self.process.wait()
            self.process = None

    def run(self, folder: Path, args: tuple[str, ...], timeout: float) -> tuple[int | None, str, float]:
        """(exit code or None for a hang, stderr, seconds); exit code -9 when the worker died."""
        if self.process is None or self.served >= 200:  # a fresh worker now and then: no drift
            self.stop()
            self._start()
        assert self.process is not None and self.process.stdin and self.process.stdout
        started = time.monotonic()
        self.process.stdin.write(json.dumps({"folder": str(folder), "args": list(args)}) + "\n")
        self.process.stdin.flush()
        self.served += 1
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            self.stop()
            return None, "", time.monotonic() - started
        line = self.process.stdout.readline()
        if not line:
            self.stop()
            return -9, "worker died", time.monotonic() - started
        answer = json.loads(line)
        return answer["rc"], answer["stderr"], time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.splitlines()[1])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--start", type=int, default=0, help="first case number (to resume or reproduce)")
    parser.add_argument("--memory-gb", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds before a case counts as a hang")
    parser.add_argument("--max-minutes", type=float, default=None, help="stop early, reporting how many ran")
    parser.add_argument("--keep", type=Path, default=None, help="copy failing cases' folders here")
    parser.add_argument("--log", type=Path, default=None, help="write one JSON line per case here")
    options = parser.parse_args(argv)

    seeds = Seeds.load()
    worker = Worker(int(options.memory_gb * 1024 ** 3))
    counts: collections.Counter[str] = collections.Counter()
    by_command: collections.Counter[tuple[str, str]] = collections.Counter()
    failures: list[str] = []
    slowest = 0.0
    deadline = time.monotonic() + options.max_minutes * 60 if options.max_minutes else None
    log = open(options.log, "w") if options.log else None
    ran = 0
    try:
        for number in range(options.start, options.start + options.cases):
            if deadline and time.monotonic() > deadline:
                break
            folder = Path(tempfile.mkdtemp(prefix=f"fuzz-{number}-"))
            try:
                case = build_case(number, options.seed, folder, seeds)
                code, stderr, seconds = worker.run(folder, case.args, options.timeout)
                slowest = max(slowest, seconds)
                if code == -9:
                    verdict = "crash"
                elif "MemoryError" in stderr:
                    verdict = "memory"
                    worker.stop()
                else:
                    verdict = judge(case, folder, code, stderr)
                counts[verdict] += 1
                by_command[(case.command, verdict)] += 1
                ran += 1
                if log:
                    log.write(json.dumps({"case": number, "command": case.command, "verdict": verdict, "rc": code,
                                          "seconds": round(seconds, 2), "stderr": stderr[-500:]}) + "\n")
                    log.flush()
                if verdict in _BAD:
                    failures.append(f"case {number} ({' '.join(case.args)}): {verdict}: {stderr.strip()[-300:]!r}")
                    if options.keep:
                        shutil.copytree(folder, options.keep / f"case-{number}", dirs_exist_ok=True)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        worker.stop()
        if log:
            log.close()
    print(f"ran {ran} cases (seed {options.seed}, from {options.start}; {options.memory_gb:g} GB, "
          f"{options.timeout:g} s limit; slowest {slowest:.1f} s)")
    for verdict in ("ok", "input-error", *_BAD):
        print(f"  {verdict:12} {counts[verdict]}")
    commands = sorted({command for command, _ in by_command})
    for command in commands:
        print(f"  {command:9} " + ", ".join(f"{v} {n}" for (c, v), n in sorted(by_command.items()) if c == command))
    for line in failures[:50]:
        print(line)
    return 1 if any(counts[v] for v in _BAD) else 0


if __name__ == "__main__":
    sys.exit(main())
