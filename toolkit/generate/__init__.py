"""Generating a school's own policy, staff declarations and sign-off sheet from the model.

    from toolkit.generate import generate_policy, sample_profile_path
    result = generate_policy(sample_profile_path(), sample_staff_path(), "output")
    result.outputs["policy.docx"]  # -> Path

See ``api.py`` for the pure rendering steps, ``profile.py`` for the profile
file, ``templates.py`` for template sets and ``structure.py`` for how rendered
Markdown becomes a numbered Document.
"""

from __future__ import annotations

from pathlib import Path

from .api import (
    BatchResult,
    GenerationResult,
    generate_policies,
    generate_policy,
    model_docx,
    render_declarations,
    render_policy,
)
from .profile import SchoolProfile, load_profile
from .templates import builtin_samples_dir


def sample_profile_path() -> Path:
    """The bundled sample school's profile (used by ``policykit demo``)."""
    return builtin_samples_dir() / "sample-profile.toml"


def sample_staff_path() -> Path:
    """The bundled sample staff list (name, role, email)."""
    return builtin_samples_dir() / "staff.csv"


__all__ = [
    "BatchResult",
    "GenerationResult",
    "SchoolProfile",
    "generate_policies",
    "generate_policy",
    "load_profile",
    "model_docx",
    "render_declarations",
    "render_policy",
    "sample_profile_path",
    "sample_staff_path",
]
