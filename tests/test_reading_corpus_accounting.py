"""Word accounting on every corpus file: the structure layer (cover, margins, clauses)
loses and invents no word of what the reader handed it, and a Word file's words
are all there compared with the text of its XML parts, read without our reader.
Skips when ../shared/corpus is absent.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter

import pytest
from conftest import shared_dir

from toolkit import accounting
from toolkit.readers import read_blocks, read_document
from toolkit.structure.rules import strip_markers


def _files() -> list[str]:
    shared = shared_dir()
    corpus = shared / "corpus" if shared else None
    if corpus is None or not corpus.is_dir():
        return ["(corpus absent)"]
    return sorted(
        path.relative_to(corpus).as_posix()
        for path in corpus.rglob("*")
        if path.is_file() and not path.name.upper().startswith("LICENSE")
    )


def _path(name: str):
    shared = shared_dir()
    if shared is None or not (shared / "corpus" / name).is_file():
        pytest.skip("../shared/corpus is not present")
    return shared / "corpus" / name


def _stream_words(stream) -> Counter:
    counted: Counter = Counter()
    for block in stream.blocks:
        counted.update(accounting.words(f"{block.number or ''} {strip_markers(block.text).text}"))
        if not block.text:
            for row in block.rows:
                counted.update(word for cell in row for word in accounting.words(cell))
    for item in stream.furniture:
        counted.update(accounting.words(item.text))
    for key, raw in stream.front_matter:
        counted.update(accounting.words(f"{key} {raw}"))
    return counted


@pytest.mark.parametrize("name", _files())
def test_structure_keeps_every_word_the_reader_found(name):
    path = _path(name)
    stream = read_blocks(path)
    document = read_document(path)
    lost, invented = accounting.unaccounted(_stream_words(stream), document)
    assert not lost and not invented, (dict(lost), dict(invented))


_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|<w:(tab|br|cr)\b[^>]*/>|</w:p>")


def _xml_words(path) -> Counter:
    """Words of the document body, headers, footers and notes straight from the XML."""
    counted: Counter = Counter()
    with zipfile.ZipFile(path) as package:
        for part in package.namelist():
            if not re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml", part):
                continue
            xml = package.read(part).decode("utf-8")
            # Deleted text and the "fallback" copy of drawings are not on the page.
            xml = re.sub(r"<w:delText[^>]*>.*?</w:delText>", "", xml, flags=re.DOTALL)
            xml = re.sub(r"<mc:Fallback>.*?</mc:Fallback>", "", xml, flags=re.DOTALL)
            text = "".join(m[1] if m[1] is not None else " " for m in _TEXT.finditer(xml))
            text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            counted.update(accounting.words(text))
    return counted


@pytest.mark.parametrize("name", [name for name in _files() if name.endswith(".docx")] or ["(no docx)"])
def test_word_file_loses_no_word_of_its_xml(name):
    path = _path(name)
    document = read_document(path)
    lost, _ = accounting.unaccounted(_xml_words(path), document)
    # Field codes (PAGE) print a number, not their cached text; nothing else may go missing.
    assert not lost, dict(lost)
