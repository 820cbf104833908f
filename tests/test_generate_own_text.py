"""Text we ship is ours: the model policy and declaration share no passage with the samples.

A run of ten words in common would mean copied prose; shorter runs are titles of
guidance ("... with Children and Young People in Education Settings") and stock phrases.
"""

from __future__ import annotations

import re

from conftest import REPO, SAMPLES

from toolkit.generate import generate_policy, sample_profile_path, sample_staff_path

RUN = 10


def _runs(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_generated_policy_and_declaration_copy_no_sample_prose(tmp_path):
    result = generate_policy(sample_profile_path(), sample_staff_path(), tmp_path, pdf=False)
    ours = _runs(result.outputs["policy.md"].read_text(encoding="utf-8"))
    ours |= _runs(" ".join(clause.full_text for clause in result.document.walk()))
    for template in (REPO / "templates" / "social_media").glob("*.jinja"):  # the declaration too
        ours |= _runs(template.read_text(encoding="utf-8"))
    samples = set().union(*(_runs(path.read_text(encoding="utf-8")) for path in SAMPLES.glob("*.txt")))
    assert len(ours) > 1000  # the check read the whole policy
    assert not ours & samples, sorted(ours & samples)[:5]
