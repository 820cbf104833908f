"""Remake docs/web-dashboard.png: the trust dashboard of ``policykit serve --demo`` in headless Chromium.

    PYTHONPATH=. python docs/screenshot.py
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from toolkit.web import ServeConfig, create_app  # noqa: E402
from toolkit.web.demo import load_demo  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(ServeConfig(data_dir=Path(folder)))
        state = app.state.policykit
        load_demo(state.workspace, state.workers, REPO / "source_policies")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                                     args=ARGS)
                page = browser.new_page(viewport={"width": 1200, "height": 800})
                page.goto(f"http://localhost:{port}/")
                page.screenshot(path=str(REPO / "docs" / "web-dashboard.png"))
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)


if __name__ == "__main__":
    main()
