"""The whole path on real files: an edited copy of the Hampshire sample, written as a
drafter would (numbers retyped), read back by the reader and compared.

Unlike the in-memory tests, clause ids here come from re-reading each file, so a
renumbered clause has a different id in each version: alignment must not rely on ids.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import sample

from toolkit.cli import main
from toolkit.diff import Status, diff_documents
from toolkit.readers import read_document


def edited_hampshire(text: str) -> str:
    lines = text.split("\n")

    def find(prefix: str) -> int:
        hits = [k for k, line in enumerate(lines) if line.startswith(prefix)]
        assert len(hits) == 1, prefix
        return hits[0]

    def retype(prefix: str, number: str) -> None:
        k = find(prefix)
        lines[k] = lines[k].replace(prefix.split()[-1], number, 1)

    def reword(prefix: str, old: str, new: str) -> None:
        k = find(prefix)
        assert old in lines[k]
        lines[k] = lines[k].replace(old, new, 1)

    reword("- 2.1 ", "important part", "vital part")
    reword("- 3.1 ", "safely, lawfully", "safely, lawfully, ethically")
    reword("6.1.2 ", "safe working environment", "safe and supportive working environment")
    # delete 1.2; 1.3 closes up
    del lines[find("- 1.2 ")]
    retype("- 1.3 ", "1.2")
    # insert a new 3.2
    lines.insert(find("- 3.1 ") + 1, "- 3.2 Each school will publish a short summary of this policy for parents.")
    # move 4.2 to become 2.2: both sections renumber
    moved = lines.pop(find("- 4.2 ")).replace("4.2", "2.2", 1)
    retype("- 4.3 ", "4.2")
    retype("- 4.4 ", "4.3")
    retype("- 2.3 ", "2.4")
    retype("- 2.2 ", "2.3")
    lines.insert(find("- 2.1 ") + 1, moved)
    reword("Reviewed Jan 2022", "for review Jan 2023", "for review Jan 2024")
    return "\n".join(lines)


@pytest.fixture()
def versions(tmp_path):
    old = tmp_path / "policy-2023.txt"
    new = tmp_path / "policy-2024.txt"
    text = sample("hampshire").read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(edited_hampshire(text), encoding="utf-8")
    return old, new


def test_edited_file_reports_every_edit_and_nothing_else(versions):
    old, new = versions
    diff = diff_documents(read_document(old), read_document(new))
    reported = sorted(
        (c.status.value, c.old.number if c.old else None, c.new.number if c.new else None)
        for c in diff.changes if c.status is not Status.UNCHANGED
    )
    assert reported == sorted([
        ("modified", "2.1", "2.1"), ("modified", "3.1", "3.1"), ("modified", "6.1.2", "6.1.2"),
        ("removed", "1.2", None), ("renumbered", "1.3", "1.2"),
        ("added", None, "3.2"),
        ("moved", "4.2", "2.2"),
        ("renumbered", "2.2", "2.3"), ("renumbered", "2.3", "2.4"),
        ("renumbered", "4.3", "4.2"), ("renumbered", "4.4", "4.3"),
    ])
    assert [(m.field, m.old, m.new) for m in diff.metadata_changes] == [("next_review", "Jan 2023", "Jan 2024")]


def test_cli_json_on_files(versions):
    old, new = versions
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["summary"] == {"unchanged": data["summary"]["unchanged"], "renumbered": 5, "modified": 3,
                               "added": 1, "removed": 1, "moved": 1}
    assert data["old"]["source"] == str(old) and data["new"]["source"] == str(new)
