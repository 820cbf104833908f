"""Refactoring leaves behaviour alone: `policykit demo` writes the snapshot's JSON.

The snapshot in tests/fixtures/demo_json was written by scripts/demo_json_snapshot.py
on commit 99ac329, before the structure work of issue 9, so a byte-for-byte match
shows that work changed no output. Replace it only for an intended change of output,
and say so in the commit.
"""

from __future__ import annotations

import importlib.util
import shutil

import pytest
from conftest import REPO

_spec = importlib.util.spec_from_file_location("demo_json_snapshot", REPO / "scripts" / "demo_json_snapshot.py")
assert _spec and _spec.loader
snapshot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snapshot)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="the demo's manifest lists a PDF only when LibreOffice is installed")
def test_demo_json_outputs_match_the_snapshot_byte_for_byte():
    found = snapshot.demo_json()
    assert len(found) >= 15, sorted(found)
    assert snapshot.differences(found) == []


def test_the_comparison_notices_a_changed_byte(tmp_path):
    # The check must be able to fail: one byte changed in one file is reported.
    for path in snapshot.SNAPSHOT.rglob("*.json"):
        target = tmp_path / path.relative_to(snapshot.SNAPSHOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    found = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*.json")}
    assert snapshot.differences(found, tmp_path) == []
    name = "trust-report.json"
    found[name] = found[name].replace(b"present", b"presenT", 1)
    assert snapshot.differences(found, tmp_path) == [f"differs: {name}"]
