"""Every function in toolkit/ is small enough to change safely (issue 9).

Limits: 60 lines and cyclomatic complexity 20 (radon's measure), checked by
scripts/code_shape.py, which also says how to run the check alone.
"""

from __future__ import annotations

import importlib.util
import textwrap

from conftest import REPO

_spec = importlib.util.spec_from_file_location("code_shape", REPO / "scripts" / "code_shape.py")
assert _spec and _spec.loader
code_shape = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(code_shape)


def test_no_function_in_toolkit_is_over_the_limits():
    problems = code_shape.offenders()
    assert not problems, "split these functions:\n" + "\n".join(problems)


def test_the_check_finds_a_long_function_and_a_branchy_one(tmp_path):
    long_body = "\n".join(f"    x{i} = {i}" for i in range(61))
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(21))
    source = f"def long():\n{long_body}\n\n\ndef branchy(x):\n{branches}\n    return -1\n"
    (tmp_path / "sample.py").write_text(source)
    (tmp_path / "fine.py").write_text(textwrap.dedent("""
        class A:
            def small(self, x):
                return 1 if x else 2
    """))
    found = code_shape.offenders([tmp_path])
    assert len(found) == 2, found
    assert "long: 62 lines" in found[0]
    assert "branchy: complexity 22" in found[1]
