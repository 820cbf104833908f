"""Writes that survive kill -9: stale staged files are cleaned up, a set of outputs is published whole."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toolkit import io as toolkit_io
from toolkit.io import atomic_write, publish_folder, remove_stale

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "templates" / "samples"


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_staged_files_of_dead_writers_are_removed(tmp_path):
    dead = _dead_pid()
    stale = tmp_path / f".report.html.{dead}.k3j2h1.tmp"
    stale.write_text("staff data")
    old_style = tmp_path / ".report.html.abc123xy.tmp"  # written before PIDs were recorded
    old_style.write_text("staff data")
    hour_ago = time.time() - 7200
    os.utime(old_style, (hour_ago, hour_ago))
    alive = tmp_path / f".report.html.{os.getppid()}.zz9.tmp"  # a writer still running
    alive.write_text("in progress")
    other = tmp_path / f".other.html.{dead}.aa1.tmp"  # belongs to another output
    other.write_text("x")
    atomic_write(tmp_path / "report.html", "<p>new</p>")
    assert not stale.exists() and not old_style.exists()
    assert alive.exists() and other.exists()
    assert (tmp_path / "report.html").read_text() == "<p>new</p>"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == sorted([alive.name, other.name])


def test_staged_name_records_the_writer(tmp_path, monkeypatch):
    seen: list[str] = []
    real_replace = os.replace

    def spy(source, target):
        seen.append(Path(source).name)
        return real_replace(source, target)

    monkeypatch.setattr(toolkit_io.os, "replace", spy)
    atomic_write(tmp_path / "a.txt", "x")
    assert seen and seen[0].startswith(f".a.txt.{os.getpid()}.") and seen[0].endswith(".tmp")


def test_publish_replaces_the_whole_set_and_keeps_other_files(tmp_path):
    folder = tmp_path / "school"
    publish_folder(folder, {"policy.md": "v1", "manifest.json": "m1", "extra.docx": "old"})
    (folder / "notes.txt").write_text("the head's own notes")
    publish_folder(folder, {"policy.md": "v2", "manifest.json": "m2"})
    assert (folder / "policy.md").read_text() == "v2" and (folder / "manifest.json").read_text() == "m2"
    assert (folder / "notes.txt").read_text() == "the head's own notes"
    assert (folder / "extra.docx").read_text() == "old"  # not ours to delete
    assert [p.name for p in tmp_path.iterdir()] == ["school"]


def test_swap_cut_between_renames_is_completed_by_the_next_run(tmp_path, monkeypatch):
    """Where the set cannot be swapped in one step, a kill between the two renames leaves
    only the old set aside; the next run puts it back rather than leaving nothing."""
    folder = tmp_path / "school"
    publish_folder(folder, {"policy.md": "v1", "manifest.json": "m1"})
    monkeypatch.setattr(toolkit_io, "_exchange", lambda a, b: False)
    real_rename = os.rename
    calls = {"n": 0}

    def killed_on_second(source, target):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # stands in for the kill: the first rename happened
        return real_rename(source, target)

    monkeypatch.setattr(toolkit_io.os, "rename", killed_on_second)
    with pytest.raises(KeyboardInterrupt):
        publish_folder(folder, {"policy.md": "v2", "manifest.json": "m2"})
    monkeypatch.setattr(toolkit_io.os, "rename", real_rename)
    aside = [p for p in tmp_path.iterdir() if p.name.endswith(".old")]
    assert not folder.exists() and len(aside) == 1
    # The killed writer's PID is dead in real life; make it so here.
    dead = aside[0].with_name(aside[0].name.replace(f".{os.getpid()}.", f".{_dead_pid()}."))
    aside[0].rename(dead)
    remove_stale(tmp_path, "school")
    assert (folder / "policy.md").read_text() == "v1" and (folder / "manifest.json").read_text() == "m1"


def _consistent(folder: Path) -> str:
    """'empty', or the policy version of a set whose every file matches its manifest."""
    if not folder.exists():
        return "empty"
    manifest = json.loads((folder / "manifest.json").read_text())
    for name, digest in manifest["outputs"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, f"{name} is from another run"
    return manifest["policy_version"]


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9")
def test_kill_9_during_generate_never_leaves_a_mix(tmp_path):
    profile_text = (SAMPLES / "sample-profile.toml").read_text()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    rng = random.Random(13)
    folder = tmp_path / "out" / "oakfield-primary-school"
    versions = []
    for attempt in range(6):
        version = f"{attempt + 1}.0"
        profile = tmp_path / "school.toml"
        profile.write_text(profile_text.replace('version = "2.0"', f'version = "{version}"'))
        command = [sys.executable, "-m", "toolkit", "generate", "-p", str(profile), "--staff",
                   str(SAMPLES / "staff.csv"), "-o", "out", "--no-pdf", "--timestamp", "1700000000"]
        child = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if attempt:  # the first run completes; later ones are killed at a random moment
            time.sleep(rng.uniform(0.3, 2.5))
            child.send_signal(signal.SIGKILL)
        child.wait()
        versions.append(_consistent(folder))
    assert versions[0] == "1.0"
    assert all(v != "empty" for v in versions)
    # The next complete run cleans up whatever the killed ones left beside the folder.
    subprocess.run(command, cwd=tmp_path, env=env, check=True, capture_output=True)
    leftovers = [p.name for p in (tmp_path / "out").iterdir() if p.name != "oakfield-primary-school"]
    assert leftovers == []
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
