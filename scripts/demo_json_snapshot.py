"""Show that `policykit demo` writes the same JSON, byte for byte, as a snapshot.

Refactoring must not change behaviour; the demo's JSON outputs (parsed samples, trust
report, diff, manifest) cover readers, builder, diff, trust comparison and generation.
Two things in them are not ours to fix, so they are normalised before comparing:
the folder the demo ran in (absolute paths of generated files) and the hash of the
PDF that LibreOffice writes (it stamps its own creation time). Everything else is
reproducible because the run sets $SOURCE_DATE_EPOCH. The parse cache the demo
leaves beside its outputs is not compared.

    python scripts/demo_json_snapshot.py --check   # exit 1 and list files that differ
    python scripts/demo_json_snapshot.py --write   # replace the snapshot (say why in the commit)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SNAPSHOT = REPO / "tests" / "fixtures" / "demo_json"
EPOCH = "1767225600"
# The parse cache is keyed by a fingerprint of the reader and builder source, so any
# code change renames its files; it saves time and is not an output.
CACHE = ".policykit-cache"  # 2026-01-01T00:00:00Z
# A PDF converted by LibreOffice carries its own timestamps, so its hash is not ours.
_PDF_HASH = re.compile(r'("[^"]+\.pdf": ")[0-9a-f]{64}(")')


def demo_json() -> dict[str, bytes]:
    """Run the demo in a scratch folder and return its JSON outputs, normalised."""
    with tempfile.TemporaryDirectory() as tmp:
        run = Path(tmp)
        shutil.copytree(REPO / "source_policies", run / "samples")
        env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
        subprocess.run(
            [sys.executable, "-m", "toolkit", "demo", "--samples", "samples", "-o", "out"],
            cwd=run, env=env, check=True, capture_output=True,
        )
        out = run / "out"
        found: dict[str, bytes] = {}
        for path in sorted(out.rglob("*.json")):
            if CACHE in path.relative_to(out).parts:
                continue
            text = path.read_text(encoding="utf-8").replace(str(run.resolve()), "<run>").replace(str(run), "<run>")
            found[path.relative_to(out).as_posix()] = _PDF_HASH.sub(r"\1<libreoffice>\2", text).encode("utf-8")
        return found


def differences(found: dict[str, bytes], snapshot: Path = SNAPSHOT) -> list[str]:
    """Names that differ from the snapshot, or are missing from either side."""
    stored = {p.relative_to(snapshot).as_posix(): p.read_bytes() for p in snapshot.rglob("*.json")}
    problems = [f"not in snapshot: {n}" for n in sorted(set(found) - set(stored))]
    problems += [f"no longer written: {n}" for n in sorted(set(stored) - set(found))]
    problems += [f"differs: {n}" for n in sorted(set(found) & set(stored)) if found[n] != stored[n]]
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--check", action="store_true")
    group.add_argument("--write", action="store_true")
    args = parser.parse_args()
    found = demo_json()
    if args.write:
        shutil.rmtree(SNAPSHOT, ignore_errors=True)
        for name, data in found.items():
            target = SNAPSHOT / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        print(f"wrote {len(found)} files to {SNAPSHOT.relative_to(REPO)}")
        return 0
    problems = differences(found)
    for line in problems:
        print(line)
    print(f"{len(found)} JSON outputs, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
