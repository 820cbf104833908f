"""Topic coverage on real policies nobody here wrote, against labels made by reading them.

tests/fixtures/topics/corpus_coverage.toml holds the labels and says which documents were
used for tuning ("tune") and which were not ("held-out"); figures are printed apart.
Skips cleanly when ../shared/corpus is absent.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict

import pytest
from conftest import FIXTURES, corpus_dir, shared_dir

from toolkit.topics import TopicClassifier, builtin_catalogue

LABELS = tomllib.loads((FIXTURES / "topics" / "corpus_coverage.toml").read_text("utf-8"))


def test_labels_name_every_topic_of_their_catalogue():
    for name, entry in LABELS.items():
        catalogue = builtin_catalogue(entry["catalogue"])
        assert sorted(entry["covered"]) == sorted(catalogue.ids), name
        assert entry["split"] in ("tune", "held-out")


def test_topic_agreement_and_recall_on_the_corpus(capsys):
    if shared_dir() is None:
        pytest.skip("../shared/corpus is not here")
    from toolkit.readers import read_document

    # (catalogue group, split) -> [cells, agree, present, present found]
    stats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    wrong = []
    for relative, entry in LABELS.items():
        folder, name = relative.split("/")
        result = TopicClassifier(entry["catalogue"]).classify(read_document(corpus_dir(folder) / name))
        groups = ["social_media"] if entry["catalogue"] == "social_media" else [entry["catalogue"], "other catalogues"]
        for topic_id, label in entry["covered"].items():
            found = result[topic_id].covered
            for group in groups:
                cell = stats[(group, entry["split"])]
                cell[0] += 1
                cell[1] += found == label
                cell[2] += label
                cell[3] += label and found
            if found != label:
                wrong.append(f"{entry['split']}: {relative}: {topic_id}: read {label}, classifier {found}")
    with capsys.disabled():
        print()
        for (group, split), (cells, agree, present, found) in sorted(stats.items()):
            print(f"topics {group} {split}: agreement {agree}/{cells} = {agree / cells:.3f}; "
                  f"present topics found {found}/{present} = {found / max(present, 1):.3f}")
        for line in wrong:
            print("  disagrees:", line)
    cells, agree, present, found = stats[("social_media", "held-out")]
    assert agree / cells >= 0.92 and found / present >= 0.85, wrong
    cells, agree, present, found = stats[("other catalogues", "held-out")]
    assert agree / cells >= 0.85 and found / present >= 0.9, wrong
