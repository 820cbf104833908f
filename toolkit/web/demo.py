"""``policykit serve --demo``: a workspace holding the bundled sample policies, so a new user sees something at once."""

from __future__ import annotations

import re
from pathlib import Path

from ..readers import supported_extensions
from .service import Workers, policy_key
from .store import Workspace

# The county model policy the sample schools adapt: made the trust model in the demo.
DEMO_MODEL_PREFIX = "hampshire-model-school"


def school_from_filename(name: str) -> str:
    """'cherry-trees-school-social-media-policy-2022.txt' -> 'Cherry Trees School'."""
    stem = Path(name).stem
    stem = re.split(r"-(?:social-media|policy)", stem, maxsplit=1)[0]
    return " ".join(word.capitalize() for word in stem.split("-")) or "Sample school"


def load_demo(workspace: Workspace, workers: Workers, samples: Path) -> int:
    """Add the samples (the .txt originals; the DOCX and PDF beside them are the same text) once."""
    if workspace.documents():
        return 0
    files = sorted(path for path in samples.glob("*.txt") if path.suffix in supported_extensions())
    for path in files:
        school = workspace.school_named(school_from_filename(path.name))
        data = path.read_bytes()
        sha256 = workspace.store_file(data, path.suffix)
        document_id = workspace.add_document(school.id, "demo" + "0" * 28, path.name, sha256, path.suffix, len(data))
        workers.read(document_id)
    workers.wait(timeout=120)
    done = workspace.documents(status="done")
    model = next((stored for stored in done if stored.filename.startswith(DEMO_MODEL_PREFIX)), None)
    if model is not None:
        # Every sample is a staff social media policy (read them): the county model is the model for all.
        for key in {policy_key(stored) for stored in done}:
            workspace.set_setting(f"model:{key}", str(model.id))
    return len(files)
