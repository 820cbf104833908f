"""read_many and compare on a Dask cluster give what one process gives.

Runs on an in-process LocalCluster when the optional extra is installed
(``pip install 'policykit[dask]'``) and skips otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from toolkit.batch import TopicClassify, read_many
from toolkit.cli import main
from toolkit.readers import read_document
from toolkit.topics import TopicClassifier
from toolkit.trust import report_data, run_comparison

distributed = pytest.importorskip("distributed")

AS_OF = dt.date(2024, 9, 1)


@pytest.fixture(scope="module")
def cluster():
    # Threads in this process: pdfium is serialised by the reader's own lock.
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as local:
        yield local


@pytest.fixture
def files(tmp_path):
    names = sorted(SAMPLES.glob("*.txt"))[:2] + sorted(SAMPLES.glob("*.docx"))[:1] + sorted(SAMPLES.glob("*.pdf"))[:2]
    paths = []
    for source in names:
        paths.append(tmp_path / source.name)
        shutil.copyfile(source, paths[-1])
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    return paths, broken


def test_read_many_on_a_cluster_matches_one_process(cluster, files):
    paths, broken = files
    classifier = TopicClassifier()
    with distributed.Client(cluster) as client:
        items = read_many([*paths, broken], executor=client.get_executor(), classify=TopicClassify())
    assert [item.path for item in items] == [str(path) for path in (*paths, broken)]
    for item, path in zip(items, paths):
        expected = read_document(path)
        assert item.document == expected
        assert item.topics == classifier.classify(expected)
    assert items[-1].document is None and "broken.docx" in str(items[-1].error)


def test_compare_on_a_cluster_gives_the_same_register(cluster, files, tmp_path):
    paths, _ = files
    one = run_comparison(paths, tmp_path / "one" / "r.json", as_of=AS_OF, jobs=1, use_cache=False)
    with distributed.Client(cluster) as client:
        dask = run_comparison(paths, tmp_path / "dask" / "r.json", as_of=AS_OF, executor=client.get_executor(),
                              use_cache=False)
    assert report_data(dask.report) == report_data(one.report)


def test_cli_scheduler_option(cluster, files, tmp_path):
    paths, _ = files
    reports = []
    for extra in (["--jobs", "1"], ["--scheduler", f"dask:{cluster.scheduler_address}"]):
        out = tmp_path / f"r{len(reports)}.json"
        result = CliRunner().invoke(main, ["compare", *map(str, paths), "-o", str(out), "--as-of", "2024-09-01",
                                           "--no-cache", *extra])
        assert result.exit_code == 0, result.output
        reports.append(json.loads(out.read_text("utf-8")))
    assert reports[1] == reports[0]


def test_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKIT_DASK_TIMEOUT", "2s")
    sample = min(SAMPLES.glob("*.txt"))
    result = CliRunner().invoke(main, ["compare", str(sample), "-o", str(tmp_path / "r.json"),
                                       "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code != 0
    assert "scheduler" in result.output and "Traceback" not in result.output
