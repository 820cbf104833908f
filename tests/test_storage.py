"""The lossless JSON form of a Document (used by the comparison cache instead of pickle)."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from toolkit import storage
from toolkit.readers import read_document


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.*")), ids=lambda p: p.name)
def test_every_sample_round_trips_exactly(path):
    document = read_document(path)
    again = storage.loads(storage.dumps(document))
    assert again == document
    assert again.warnings == document.warnings
    assert [c.rows for c in again.walk()] == [c.rows for c in document.walk()]


def test_foreign_json_is_refused():
    with pytest.raises(ValueError):
        storage.loads('{"schema": "something-else"}')
