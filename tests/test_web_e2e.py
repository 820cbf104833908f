"""End-to-end tests of ``policykit serve`` in a real browser: Playwright driving the system Chromium.

They skip cleanly when the ``playwright`` package or a Chromium binary is missing
(``playwright install`` cannot download browsers here; ``.ci/run`` installs the
distribution's Chromium). Expectations were labelled by reading the documents
(``pdftotext -layout`` for the PDFs, the .txt samples as they are).
"""

from __future__ import annotations

import base64
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from _web import make_app
from conftest import SAMPLES, sample, shared_dir

sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    for candidate in (shutil.which("chromium"), "/usr/bin/chromium", shutil.which("chromium-browser"),
                      shutil.which("google-chrome")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium found (install the distribution's chromium package)")
    with sync_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as exc:  # noqa: BLE001 - a browser that will not start is a skip, not a failure
            pytest.skip(f"Chromium would not start: {exc}")
        yield launched
        launched.close()


class LiveServer:
    def __init__(self, folder: Path) -> None:
        self.app = make_app(folder)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


@pytest.fixture
def server(tmp_path):
    with LiveServer(tmp_path / "data") as live:
        yield live


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    yield opened
    context.close()


def _versions_pair():
    """Two versions of one school's policy: corpus PDFs when present, else sample PDF renditions.

    Returns (files oldest first, school, current title, a phrase only the newer version has).
    """
    shared = shared_dir()
    corpus = shared / "corpus" / "decoy-primary" if shared else None
    if corpus and (corpus / "Complaints-Procedure-2016.pdf").is_file() and (corpus / "Complaints-Procedure-2019.pdf").is_file():
        # pdftotext: the 2019 procedure adds a section "The difference between a concern and a complaint".
        return ([corpus / "Complaints-Procedure-2016.pdf", corpus / "Complaints-Procedure-2019.pdf"],
                "Decoy Community Primary School", "Complaints policy",
                "The difference between a concern and a complaint")
    # Fallback: South End's policy, then Cherry Trees' (both titled "Social Media Policy"); only the
    # latter says "Cherry Trees School has implemented this Social Media Policy".
    return ([sample("south-end", "pdf"), sample("cherry-trees", "pdf")], "Decoy Community Primary School",
            "Social Media Policy", "Cherry Trees School has implemented")


def _drop_files(page, selector: str, paths: list[Path]) -> None:
    """Drag and drop files onto the drop zone, as a user does from their file manager."""
    payload = [{"name": path.name, "data": base64.b64encode(path.read_bytes()).decode()} for path in paths]
    transfer = page.evaluate_handle(
        """(files) => { const dt = new DataTransfer();
             for (const f of files) {
               const bytes = Uint8Array.from(atob(f.data), c => c.charCodeAt(0));
               dt.items.add(new File([bytes], f.name, {type: "text/plain"}));
             }
             return dt; }""", payload)
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def _wait_all_read(page) -> None:
    page.wait_for_selector("#batch-summary:has-text('All done')", timeout=180_000)


def test_upload_register_outline_compare_and_generate(server, page, tmp_path):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    samples = sorted(SAMPLES.glob("*.txt"))
    assert len(samples) == 5

    # 1. The five samples into "Sample Trust", by drag and drop.
    page.goto(server.url + "/upload")
    page.fill("#new_school", "Sample Trust")
    _drop_files(page, "#dropzone", samples)
    page.wait_for_selector("#upload-status:has-text('5 files chosen')")
    page.click("button[type=submit]")
    page.wait_for_url("**/batches/*")
    _wait_all_read(page)
    row = page.locator("#batch tr", has_text=sample("westhaven").name)
    assert row.locator(".title").inner_text() == "Social Media and Networking Policy"
    assert row.locator(".approved").inner_text() == "21/03/2024"

    # 2. Two versions of one policy into a second school, with the plain file input.
    versions, school, current_title, known_change = _versions_pair()
    page.goto(server.url + "/upload")
    page.fill("#new_school", school)
    page.set_input_files("#files", [str(path) for path in versions])
    page.click("button[type=submit]")
    page.wait_for_url("**/batches/*")
    _wait_all_read(page)
    assert page.locator("#batch .error").count() == 0

    # 3. The register: a row per school; the second school's policy has two versions; cells are right.
    page.goto(server.url + "/")
    trust_row = page.locator('tr[data-school="Sample Trust"]')
    school_row = page.locator(f'tr[data-school="{school}"]')
    assert trust_row.count() == 1 and school_row.count() == 1
    westhaven_cell = trust_row.locator("td", has_text="Social Media and Networking Policy")
    assert "Next review 21/03/2026" in westhaven_cell.inner_text()
    current = school_row.locator("td", has_text=current_title).first
    assert "2 versions" in current.inner_text()
    column = current.get_attribute("data-policy")
    if "complaint" in current_title.lower():
        # Sample Trust has no complaints procedure: that cell is missing.
        missing = trust_row.locator(f'td[data-policy="{column}"]')
        assert missing.get_attribute("data-state") == "missing"
        assert "Missing" in missing.inner_text()

    # The trust report is made in the background; the page follows its progress, then offers the file.
    page.click("text=Excel (XLSX)")
    page.wait_for_selector("#report-download", timeout=180_000)
    with page.expect_download() as report:
        page.click("#report-download")
    import openpyxl

    assert report.value.suggested_filename.startswith("trust-register-")
    report.value.save_as(tmp_path / "register.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "register.xlsx")
    cells = " ".join(str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value)
    assert "Social Media and Networking Policy" in cells
    page.goto(server.url + "/")
    westhaven_cell = page.locator('tr[data-school="Sample Trust"]').locator("td", has_text="Social Media and Networking Policy")

    # 4. A policy's outline, with its clause numbers as printed (Westhaven: "1.0 OVERVIEW AND INTRODUCTION").
    westhaven_cell.locator("a").click()
    page.wait_for_selector("#outline")
    first = page.locator("#outline li").first
    assert first.locator(".num").inner_text() == "1.0"
    assert "OVERVIEW AND INTRODUCTION" in first.inner_text()

    # 5. Compare the two versions from the policy page: the known change is highlighted.
    page.goto(server.url + "/")
    page.locator(f'tr[data-school="{school}"]').locator("td", has_text=current_title).first.locator("a").click()
    page.click("#compare-previous")
    page.wait_for_selector("#redline")
    inserted = page.locator("#redline ins", has_text=known_change)
    assert inserted.count() >= 1
    assert inserted.first.is_visible()
    page.click("text=side by side")
    page.wait_for_selector("table.side")
    assert page.locator("table.side ins", has_text=known_change).count() >= 1
    with page.expect_download() as tracked:
        page.click("text=Word with tracked changes")
    import docx

    docx.Document(tracked.value.path())

    # 6. Generate: one invalid date (the CLI's message beside the field), then a valid one; download the DOCX.
    page.goto(server.url + "/generate")
    for field, value in (("school_name", "Oakfield Primary School"), ("headteacher", "Ms A. Example"),
                         ("designated_safeguarding_lead", "Mr B. Example"), ("deputy_safeguarding_lead", "Mrs C. Example"),
                         ("data_protection_officer", "D. Example"), ("chair_of_governors", "Dr E. Example"),
                         ("approval_date", "2024-02-30")):
        page.fill(f"#{field}", value)
    page.click("#generate-form button[type=submit]")
    error = page.locator("#approval_date-error")
    assert error.inner_text() == "approval_date: 2024-02-30 is not a date"
    assert page.get_attribute("#approval_date", "aria-invalid") == "true"
    assert page.input_value("#school_name") == "Oakfield Primary School"
    page.fill("#approval_date", "2024-09-01")
    page.click("#generate-form button[type=submit]")
    page.wait_for_selector("text=Your policy is ready", timeout=180_000)
    with page.expect_download() as download:
        page.click("a[href$='/files/policy.docx']")
    saved = tmp_path / "policy.docx"
    download.value.save_as(saved)
    generated = docx.Document(str(saved))
    text = " ".join(p.text for p in generated.paragraphs) + " ".join(
        cell.text for table in generated.tables for row in table.rows for cell in row.cells)
    assert "Oakfield Primary School" in text
    assert dialogs == []


HOSTILE_TEXT = """Staff <script>window.pwned = 1; alert("text")</script> Policy

1. Purpose

Read <a href="javascript:window.pwned=2">this link</a> and [that one](javascript:window.pwned=3).
<img src=x onerror="window.pwned=4"> <svg onload="window.pwned=5"></svg>
"""


def test_hostile_document_text_never_runs_and_posts_need_the_token(server, page, tmp_path):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile_txt = tmp_path / "hostile.txt"
    hostile_md = tmp_path / "hostile <img src=x onerror=alert(9)>.md"
    hostile_txt.write_text(HOSTILE_TEXT)
    hostile_md.write_text(HOSTILE_TEXT)
    page.goto(server.url + "/upload")
    page.fill("#new_school", '<img src=x onerror="window.pwned=6">')
    page.set_input_files("#files", [str(hostile_txt), str(hostile_md)])
    page.click("button[type=submit]")
    page.wait_for_url("**/batches/*")
    _wait_all_read(page)
    visited = [page.url]
    for path in ("/", "/documents/1", "/documents/2", "/compare?old=1&new=2", "/compare?old=1&new=2&view=side"):
        page.goto(server.url + path)
        page.wait_for_load_state("load")
        visited.append(path)
        assert page.evaluate("typeof window.pwned") == "undefined", path
        # The script's words are shown as text (the Markdown reader drops the tags themselves).
        if path != "/":
            assert "window.pwned = 1" in page.inner_text("main"), path
        # No link the document wrote can run script.
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [href for href in hrefs if href.lower().startswith("javascript:")], path
    if page.locator("a", has_text="this link").count():  # were it ever a link, following it must do nothing
        page.click("text=this link")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert dialogs == []

    # POSTs from the page without the token are refused; with it (our own JS path) they pass.
    status = page.evaluate("""async () => {
        const form = new FormData(); form.append("new_school", "X");
        const r = await fetch("/upload", {method: "POST", body: form}); return r.status; }""")
    assert status == 403
    status = page.evaluate("""async () => {
        const r = await fetch("/documents/1/model", {method: "POST", body: new URLSearchParams({csrf_token: "forged"})});
        return r.status; }""")
    assert status == 403


def test_every_control_has_a_label_and_the_keyboard_reaches_the_content(server, page):
    page.goto(server.url + "/upload")
    page.fill("#new_school", "Westhaven School")
    page.set_input_files("#files", [str(sample("westhaven"))])
    page.click("button[type=submit]")
    page.wait_for_url("**/batches/*")
    _wait_all_read(page)
    unlabelled_script = """() => Array.from(document.querySelectorAll('input, select, textarea'))
        .filter(el => el.type !== 'hidden' && !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
        .map(el => el.id || el.name)"""
    for path in ("/", "/upload", "/generate", "/compare", "/schools/1", "/documents/1", "/compare?old=1&new=1"):
        page.goto(server.url + path)
        assert page.evaluate("document.documentElement.lang") == "en-GB"
        assert page.evaluate(unlabelled_script) == [], path
        assert page.locator("h1").count() == 1, path
    # The first Tab lands on "Skip to content", which takes keyboard users past the menu.
    page.goto(server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
