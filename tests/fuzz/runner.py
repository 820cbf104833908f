"""Running policykit in a child process with a memory limit and a time limit, and judging the outcome."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GB = 1024 ** 3


@dataclass(frozen=True)
class Outcome:
    returncode: int | None  # None: killed for running past the time limit
    stdout: str
    stderr: str
    seconds: float

    @property
    def hung(self) -> bool:
        return self.returncode is None

    @property
    def internal_error(self) -> bool:
        return ("internal error" in self.stderr or "Traceback (most recent call last)" in self.stderr
                or (self.returncode is not None and self.returncode < 0))

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("policykit: ")]

    def describe(self) -> str:
        return f"exit {self.returncode} after {self.seconds:.1f}s; stderr: {self.stderr[-600:]!r}"


def _limit(memory_bytes: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        os.setsid()

    return apply


def run_cli(args: list[str], *, cwd: Path, memory_bytes: int = GB, timeout: float = 20.0,
            nice: int = 0) -> Outcome:
    """``python -m toolkit ARGS`` from this checkout, limited to ``memory_bytes`` and ``timeout`` seconds."""
    env = dict(os.environ, PYTHONPATH=str(REPO), POLICYKIT_DEBUG="", SOURCE_DATE_EPOCH="1700000000")
    env.pop("POLICYKIT_DEBUG")
    command = [sys.executable, "-m", "toolkit", *args]
    if nice:
        command = ["nice", "-n", str(nice), *command]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=_limit(memory_bytes), text=True, errors="replace")
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        stdout, stderr = process.communicate()
        code = None
    return Outcome(code, stdout, stderr, time.monotonic() - started)
