"""Benchmark: the web app, in process (Starlette's test client, no network).

    PYTHONPATH=. python benchmarks/bench_web.py [--files 50] [--documents 500]

1. Upload to register: 50 byte-distinct policies (copies of the samples in every
   format, made as bench_compare makes them) posted to ten schools, read in the
   background, until the dashboard lists them; against reading the same files
   with ``read_document`` one after another in this process (the library's floor).
2. Dashboard with 500 documents (50 schools x 10 policies): the best of five page
   loads, against the best of five loads of the upload page (a page with no data).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from _timing import best_of  # noqa: E402
from bench_compare import make_corpus  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from toolkit.readers import read_document  # noqa: E402
from toolkit.web import ServeConfig, create_app  # noqa: E402

HOSTS = ("testserver",)


def _client(folder: Path) -> TestClient:
    return TestClient(create_app(ServeConfig(data_dir=folder, allowed_hosts=HOSTS)))


def _token(client: TestClient) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', client.get("/upload").text)[1]


def upload_to_register(files: list[Path], workspace: Path) -> float:
    with _client(workspace) as client:
        token = _token(client)
        start = time.perf_counter()
        schools = 10
        for index in range(schools):
            chunk = files[index::schools]
            response = client.post("/upload", data={"csrf_token": token, "new_school": f"School {index + 1}"},
                                   files=[("files", (path.name, path.read_bytes())) for path in chunk],
                                   headers={"Accept": "application/json"})
            assert response.status_code == 200, response.text
        while "Still reading" in client.get("/").text:
            time.sleep(0.05)
        page = client.get("/")
        elapsed = time.perf_counter() - start
        assert page.status_code == 200 and len(re.findall(r"<tr data-school=", page.text)) == schools
        errors = client.app.state.policykit.workspace.documents(status="error")
        assert not errors, [e.error for e in errors]
    return elapsed


def dashboard_500(workspace: Path, documents: int) -> tuple[float, float]:
    with _client(workspace) as client:
        state = client.app.state.policykit
        store = state.workspace
        samples = sorted((REPO / "source_policies").glob("*.txt"))
        data = samples[0].read_bytes()
        sha = store.store_file(data, ".txt")
        per_school = 10
        for index in range(documents):
            school = store.school_named(f"School {index // per_school + 1:02d}")
            document_id = store.add_document(school.id, "0" * 32, f"policy-{index}.txt", sha, ".txt", len(data),
                                             status="done")
            month = index % 12 + 1
            store.set_status(document_id, "done", title=f"Policy number {index % per_school + 1}",
                             policy_type="unknown", summary={
                                 "approved": f"{month}/03/2024", "next_review": f"{month}/03/2026",
                                 "next_review_latest": f"2026-{month:02d}-28", "clauses": 40})
        assert client.get("/").status_code == 200
        dashboard = best_of(5, lambda: client.get("/"))
        empty = best_of(5, lambda: client.get("/upload"))
    return dashboard, empty


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--documents", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus = root / "corpus"
        corpus.mkdir()
        files = make_corpus(corpus, args.files)
        start = time.perf_counter()
        for path in files:
            read_document(path)
        library = time.perf_counter() - start
        web = upload_to_register(files, root / "workspace")
        print(f"upload to register, {len(files)} files: {web:.2f} s "
              f"(read_document one by one: {library:.2f} s; web/library {web / library:.2f}x)")
        dashboard, empty = dashboard_500(root / "workspace-500", args.documents)
        print(f"dashboard with {args.documents} documents: {dashboard * 1000:.0f} ms "
              f"(a page with no data: {empty * 1000:.1f} ms; ratio {dashboard / empty:.1f}x)")


if __name__ == "__main__":
    main()
