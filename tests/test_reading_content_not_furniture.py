"""Content is never furniture by looks alone: a summary of changes that lists the
sections it changed is what a governor most wants to read, not a contents list."""

from __future__ import annotations

from _pdf_build import layout_pdf

from toolkit.model import FurnitureKind
from toolkit.readers import read_document

SECTIONS = ["Introduction", "Roles and responsibilities", "Online safety", "Peer on peer abuse", "Safer recruitment"]


def _policy_pdf(tmp_path, heading: str):
    first = [(72, 780, "Child Protection Policy", "F2", 14), (72, 740, heading, "F2", 11)]
    first += [(72, 720 - 16 * n, f"{n + 1}.0 {title}", "F1", 10) for n, title in enumerate(SECTIONS)]
    second = []
    y = 780
    for n, title in enumerate(SECTIONS):
        second.append((72, y, f"{n + 1}.0 {title}", "F2", 11))
        second.append((72, y - 16, f"{n + 1}.1 Staff follow the procedure in this section.", "F1", 10))
        y -= 48
    path = tmp_path / "policy.pdf"
    path.write_bytes(layout_pdf([first, second]))
    return read_document(path)


def test_a_summary_of_changes_listing_sections_is_content(tmp_path):
    document = _policy_pdf(tmp_path, "Summary of changes since September 2018")
    contents = [item.text for item in document.furniture if item.kind is FurnitureKind.CONTENTS]
    assert contents == []
    words = " ".join(clause.full_text for clause in document.walk())
    assert "Summary of changes since September 2018" in words
    assert words.count("Peer on peer abuse") == 2


def test_the_same_list_under_a_contents_heading_is_still_a_contents_list(tmp_path):
    document = _policy_pdf(tmp_path, "Contents")
    contents = [item.text for item in document.furniture if item.kind is FurnitureKind.CONTENTS]
    assert "3.0 Online safety" in contents
