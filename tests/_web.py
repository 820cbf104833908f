"""Helpers shared by the web app's tests: a client on a fresh workspace, the CSRF token, uploads."""

from __future__ import annotations

import re
from pathlib import Path

from toolkit.web import ServeConfig, create_app

TEST_HOSTS = ("testserver", "127.0.0.1", "localhost")


def make_app(folder: Path, **options):
    options.setdefault("allowed_hosts", TEST_HOSTS)
    return create_app(ServeConfig(data_dir=folder, **options))


def csrf_of(client) -> str:
    page = client.get("/upload")
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', page.text)
    assert match, "every page carries the CSRF token"
    return match[1]


def upload(client, paths_or_pairs, *, school=None, new_school=None, token=None, wait=True):
    """POST files (paths, or (name, bytes) pairs) and return the batch JSON once they are read."""
    files = []
    for item in paths_or_pairs:
        if isinstance(item, Path):
            files.append(("files", (item.name, item.read_bytes())))
        else:
            files.append(("files", item))
    data = {"csrf_token": token or csrf_of(client)}
    if school is not None:
        data["school"] = str(school)
    if new_school is not None:
        data["new_school"] = new_school
    response = client.post("/upload", data=data, files=files, headers={"Accept": "application/json"})
    assert response.status_code == 200, response.text
    batch = response.json()["batch"]
    if wait:
        client.app.state.policykit.workers.wait(timeout=120)
    return client.get(f"/api/batches/{batch}").json()


def text_of(html: str) -> str:
    """The words of a page, tags dropped and whitespace folded (entities left as they are)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
