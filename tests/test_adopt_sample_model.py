"""The sample trust model shipped in templates/samples adopts cleanly for the sample school."""

from __future__ import annotations

import datetime as dt

from toolkit.adopt import adopt_model
from toolkit.generate.templates import builtin_samples_dir

SAMPLES = builtin_samples_dir()


def test_sample_model_adopts_with_nothing_left(tmp_path):
    result = adopt_model(SAMPLES / "trust-model.md", SAMPLES / "sample-profile.toml", tmp_path,
                         timestamp=dt.datetime(2025, 3, 21, 9, 0, tzinfo=dt.UTC))
    assert result.unfilled == ()
    text = result.outputs["trust-model.md"].read_text(encoding="utf-8")
    assert "| School | Oakfield Primary School |" in text
    assert "The headteacher, Ms Amara Okafor, makes sure" in text
    assert "The designated safeguarding lead, Mr Daniel Reeve, deals with" in text
    # official_accounts = true in the sample profile: the optional section stays, its tag goes.
    assert "## 4. School accounts and devices\n" in text
    assert "The full governing board reviews this policy every 2 years." in text
    assert "Delete this clause" not in text and "::: note" not in text
    assert "see section 5." in text
