"""A short fuzz in CI (fixed seed): mutated DOCX, PDF, text and Markdown through every reader,
and mutated cases through the CLI commands. The long run is ``python -m tests.fuzz``
(see tests/fuzz/__main__.py); both share the mutators in tests/fuzz/harness.py.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.harness import FORMATS, Seeds, build_case, judge, mutated
from toolkit.cli import main
from toolkit.errors import ToolkitError
from toolkit.readers import read_document

SEEDS = Seeds.load()
_SETTINGS = dict(derandomize=True, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

@settings(max_examples=200, **_SETTINGS)
@given(seed=st.integers(0, 2**32 - 1), fmt=st.sampled_from(FORMATS))
def test_readers_raise_only_one_line_input_errors(seed, fmt):
    folder = Path(tempfile.mkdtemp(prefix="fuzz-reader-"))
    try:
        path = folder / f"mutated.{fmt}"
        path.write_bytes(mutated(SEEDS, fmt, random.Random(seed)))
        try:
            document = read_document(path)
        except ToolkitError as exc:
            message = str(exc)
            assert "\n" not in message and "\r" not in message, message
            assert str(path) in message, message
        else:
            assert document.source == str(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

@settings(max_examples=60, **_SETTINGS)
@given(number=st.integers(0, 10**6))
def test_commands_end_cleanly_on_mutated_inputs(number):
    folder = Path(tempfile.mkdtemp(prefix="fuzz-cli-"))
    cwd = Path.cwd()
    try:
        case = build_case(number, 13, folder, SEEDS)

        os.chdir(folder)
        result = CliRunner().invoke(main, list(case.args), env={"SOURCE_DATE_EPOCH": "1700000000"})
        stderr = result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            stderr += f"\nTraceback (most recent call last): {result.exception!r}"
        verdict = judge(case, folder, result.exit_code, stderr)
        assert verdict in ("ok", "input-error"), f"{' '.join(case.args)}: {verdict}: {stderr}"
    finally:
        os.chdir(cwd)
        shutil.rmtree(folder, ignore_errors=True)
