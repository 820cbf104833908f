"""Shared test helpers: where the samples and the optional shared corpus live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "source_policies"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_dir() -> Path | None:
    """``../shared`` beside the repository (or $POLICYKIT_SHARED), when it exists."""
    candidate = Path(os.environ.get("POLICYKIT_SHARED", REPO.parent / "shared"))
    return candidate if candidate.is_dir() else None


def corpus_dir(name: str) -> Path:
    """A folder of the shared corpus, or skip the test cleanly when it is absent."""
    shared = shared_dir()
    folder = shared / "corpus" / name if shared else None
    if folder is None or not folder.is_dir():
        pytest.skip(f"../shared/corpus/{name} is not present (it is never part of the repository)")
    return folder


SAMPLE_NAMES = {
    "hampshire": "hampshire-model-school-social-media-policy-2022",
    "cherry-trees": "cherry-trees-school-social-media-policy-2022",
    "south-end": "south-end-junior-school-social-media-policy-2022",
    "westhaven": "westhaven-school-social-media-and-networking-policy-2024",
    "mowbray": "mowbray-education-trust-social-media-policy-2022",
}


def sample(key: str, ext: str = "txt") -> Path:
    return SAMPLES / f"{SAMPLE_NAMES[key]}.{ext}"
