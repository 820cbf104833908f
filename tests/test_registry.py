"""The one registry style: explicit tables, looked up by name or extension, loaded on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

from toolkit.registry import Entry, Registry


def test_lookup_by_name_and_extension_in_listed_order():
    registry = Registry("toolkit", (Entry("b", (".b", ".bb"), "dates:parse_date"), Entry("a", (".a",), "dates:PartialDate")))
    assert registry.names() == ["a", "b"]
    assert [entry.name for entry in registry] == ["b", "a"]
    assert registry.for_extension(".BB").name == "b"  # a file's suffix matches in any case
    assert registry.for_extension(".c") is None
    assert registry.extensions() == [".a", ".b", ".bb"]
    assert registry.get("missing") is None
    from toolkit.dates import parse_date

    assert registry.load(registry.get("b")) is parse_date


def test_a_name_listed_twice_is_refused():
    with pytest.raises(ValueError, match="listed twice"):
        Registry("toolkit", (Entry("a", (), "x:y"), Entry("a", (), "x:z")))


def test_listing_formats_imports_no_reader_or_renderer():
    code = (
        "import sys, toolkit.readers as r, toolkit.render as d\n"
        "r.supported_extensions(); d.diff_renderers()\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('toolkit.readers.', 'toolkit.render.diff_')))\n"
        "print(loaded)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['toolkit.readers.options']"


def test_every_listed_target_exists():
    from toolkit.readers import _READERS
    from toolkit.render import _DIFF_RENDERERS
    from toolkit.trust.render import _RENDERERS

    for registry in (_READERS, _DIFF_RENDERERS, _RENDERERS):
        for entry in registry:
            assert callable(registry.load(entry)), entry
