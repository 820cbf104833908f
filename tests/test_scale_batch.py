"""read_many: many documents through an executor, the same results as one process.

The expectation is always the plain one-process reading (``read_document`` and
the classifier called directly), never the batch's own output.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from toolkit.batch import TopicClassify, read_many
from toolkit.cli import main
from toolkit.readers import read_document
from toolkit.topics import TopicClassifier
from toolkit.trust import DocumentCache, report_data, run_comparison

AS_OF = dt.date(2024, 9, 1)


@pytest.fixture
def mixed(tmp_path):
    """The samples in three formats, and a damaged PDF in the middle."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = sorted(SAMPLES.glob("*.txt"))[:3] + sorted(SAMPLES.glob("*.docx"))[:1] + sorted(SAMPLES.glob("*.pdf"))[:2]
    paths = []
    for source in names:
        paths.append(folder / source.name)
        shutil.copyfile(source, paths[-1])
    broken = folder / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really a PDF\n")
    paths.insert(2, broken)
    return paths


def _expected(paths):
    return [None if path.name == "broken.pdf" else read_document(path) for path in paths]


@pytest.mark.parametrize("jobs", [1, 2])
def test_documents_match_one_process_in_input_order(mixed, jobs):
    expected = _expected(mixed)
    items = read_many(mixed, jobs=jobs)
    assert [item.path for item in items] == [str(path) for path in mixed]
    for item, want in zip(items, expected):
        if want is None:
            assert item.document is None and item.error is not None
            message = str(item.error)
            assert "broken.pdf" in message and "\n" not in message and "Traceback" not in message
        else:
            assert item.ok and item.document == want


def test_any_executor_and_topics_classified_where_read(mixed):
    classify = TopicClassify()
    classifier = TopicClassifier()
    good = [path for path in mixed if path.name != "broken.pdf"]
    with ThreadPoolExecutor(max_workers=2) as executor:
        items = read_many(good, executor=executor, classify=classify)
    for item, path in zip(items, good):
        assert item.topics == classifier.classify(read_document(path))
        assert classify(item.document) is item.topics  # remembered: compare does not classify again


def test_topic_results_are_cached_with_the_document(mixed, tmp_path, monkeypatch):
    good = [path for path in mixed if path.name != "broken.pdf"]
    folder = tmp_path / "cache"
    first_cache = DocumentCache(folder)
    first = read_many(good, jobs=1, cache=first_cache, classify=TopicClassify())
    first_cache.flush()
    assert len(list((folder / "topics").glob("*.json"))) == len(good)

    calls = []
    from toolkit import batch

    real = batch._classifier
    monkeypatch.setattr(batch, "_classifier", lambda *args: calls.append(args) or real(*args))
    again = read_many(good, jobs=1, cache=DocumentCache(folder), classify=TopicClassify())
    assert calls == [], "a rerun over unchanged files classifies nothing"
    assert all(item.from_cache for item in again)
    assert [item.topics for item in again] == [item.topics for item in first]
    assert [item.document for item in again] == [item.document for item in first]

    # Another catalogue is another key: classified afresh.
    other = read_many(good[:1], jobs=1, cache=DocumentCache(folder), classify=_Other())
    assert calls and other[0].topics == first[0].topics


class _Other(TopicClassify):
    def __init__(self):
        super().__init__()
        self.fingerprint = "another-catalogue"


def test_failed_run_leaves_no_topic_entries(mixed, tmp_path, monkeypatch):
    import toolkit.trust

    def fail(*_args, **_kwargs):
        raise OSError("the disk filled up while writing the report")

    # Everything read and classified, then the run fails: nothing may be cached.
    monkeypatch.setattr(toolkit.trust, "render", fail)
    good = [path for path in mixed if path.name != "broken.pdf"]
    with pytest.raises(OSError, match="disk filled up"):
        run_comparison(good, tmp_path / "out" / "trust.json", as_of=AS_OF, jobs=2)
    assert not [path for path in (tmp_path / "out").rglob("*") if path.is_file()]


def test_compare_with_two_processes_matches_one(mixed, tmp_path):
    good = [path for path in mixed if path.name != "broken.pdf"]
    one = run_comparison(good, tmp_path / "a" / "r.json", as_of=AS_OF, jobs=1, use_cache=False)
    two = run_comparison(good, tmp_path / "b" / "r.json", as_of=AS_OF, jobs=2, use_cache=False)
    assert report_data(two.report) == report_data(one.report)


def test_cli_jobs_option(mixed, tmp_path):
    good = [str(path) for path in mixed if path.name != "broken.pdf"]
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.json"
        result = CliRunner().invoke(main, ["compare", *good, "-o", str(out), "--as-of", "2024-09-01", "--jobs", jobs])
        assert result.exit_code == 0, result.output
        reports.append(json.loads(out.read_text("utf-8")))
    assert reports[0] == reports[1]
    result = CliRunner().invoke(main, ["compare", *good, "--jobs", "0"])
    assert result.exit_code != 0 and "--jobs" in result.output


class _CrashOn:
    """A classifier that kills its worker process on one file, as a crash in native code would."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, document):
        import os

        if document.source.endswith(self.name):
            os._exit(3)
        return len(document.clauses)


def test_a_worker_killed_by_one_file_fails_only_that_file(mixed):
    good = [path for path in mixed if path.name != "broken.pdf"]
    victim = good[1].name
    items = read_many(good, jobs=2, classify=_CrashOn(victim))
    assert [item.path for item in items] == [str(path) for path in good]
    for item, path in zip(items, good):
        if path.name == victim:
            assert item.error is not None and victim in str(item.error) and "worker" in str(item.error)
        else:
            assert item.ok and item.topics == len(read_document(path).clauses)


def test_identical_files_are_parsed_once(tmp_path):
    source = min(SAMPLES.glob("*.txt"))
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copyfile(source, first)
    shutil.copyfile(source, second)
    cache = DocumentCache(tmp_path / "cache")
    items = read_many([first, second], jobs=1, cache=cache, classify=TopicClassify())
    assert (cache.stats.misses, cache.stats.hits) == (1, 1)
    classifier = TopicClassifier()
    for item, path in zip(items, (first, second)):
        assert item.document == read_document(path)
        assert item.topics == classifier.classify(read_document(path))


def test_topic_results_for_classifiers_chosen_after_reading(mixed, tmp_path, monkeypatch):
    """TopicResults: the cache for callers that pick a classifier per document in this process."""
    from toolkit.batch import TopicResults

    good = [path for path in mixed if path.name != "broken.pdf"]
    classifier = TopicClassifier()
    expected = [classifier.classify(read_document(path)) for path in good]
    folder = tmp_path / "cache"
    cache = DocumentCache(folder)
    results = TopicResults(cache)
    items = read_many(good, jobs=1, cache=cache)
    results.remember(items)
    assert [results.classify(classifier, item.document) for item in items] == expected
    cache.flush()

    again_cache = DocumentCache(folder)
    again = TopicResults(again_cache)
    items = read_many(good, jobs=1, cache=again_cache)
    again.remember(items)
    monkeypatch.setattr(TopicClassifier, "classify", lambda *_: pytest.fail("classified again"))
    assert [again.classify(classifier, item.document) for item in items] == expected
