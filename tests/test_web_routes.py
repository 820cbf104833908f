"""Route tests for ``policykit serve``: upload, register, policy page, compare, generate, safety.

Expectations come from reading the sample files (their titles and dates as printed),
never from the app's own output.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
import zipfile

import pytest

pytest.importorskip("httpx")
from _web import csrf_of, make_app, text_of, upload  # noqa: E402
from conftest import sample  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

WESTHAVEN = sample("westhaven")


@pytest.fixture
def client(tmp_path):
    with TestClient(make_app(tmp_path / "data")) as test_client:
        yield test_client


def _westhaven_v2(tmp_path):
    """Westhaven's policy with one known edit: 'safely and securely' becomes 'safely, securely and kindly'."""
    text = WESTHAVEN.read_text(encoding="utf-8")
    assert "to use social networking sites safely and securely" in text
    changed = tmp_path / "westhaven-2025.txt"
    changed.write_text(text.replace("safely and securely", "safely, securely and kindly"), encoding="utf-8")
    return changed


def test_upload_reads_each_file_and_shows_title_and_dates(client):
    batch = upload(client, [WESTHAVEN, sample("mowbray")], new_school="Westhaven School")
    assert batch["finished"] and batch["total"] == 2
    rows = {row["filename"]: row for row in batch["files"]}
    westhaven = rows[WESTHAVEN.name]
    # As printed at the top of the file: the title and the "Approved on" / "Date of next review" rows.
    assert westhaven["status"] == "done"
    assert westhaven["title"] == "Social Media and Networking Policy"
    assert westhaven["approved"] == "21/03/2024"
    assert westhaven["next_review"] == "21/03/2026"
    assert rows[sample("mowbray").name]["title"] == "MET Social Media Policy"
    page = client.get(f"/batches/{batch['batch']}")
    assert page.status_code == 200 and "Social Media and Networking Policy" in page.text


def test_files_carry_the_policy_type_the_reader_recognises(client):
    # The same recogniser as `policykit parse` decides the type the register groups by.
    text = (b"Complaints Procedure\n\n1. Purpose\n1.1 This procedure explains how a parent can make a complaint "
            b"about the school and how the governing board's complaints panel hears it.\n"
            b"2. Stage 1\n2.1 Raise the complaint informally with the class teacher.\n"
            b"3. Stage 2\n3.1 A formal complaint is heard by the headteacher.\n"
            b"4. Panel hearing\n4.1 A complaints panel of governors hears the complaint.\n")
    batch = upload(client, [("resolving.txt", text), WESTHAVEN], new_school="Typed School")
    rows = {row["filename"]: row for row in batch["files"]}
    assert rows[WESTHAVEN.name]["policy_type"] == "social_media"
    assert rows["resolving.txt"]["policy_type"] == "complaints"


def test_damaged_file_shows_its_one_line_error_and_the_rest_go_on(client):
    batch = upload(client, [("broken.pdf", b"%PDF-1.4 this is not really a pdf"), ("notes.exe", b"MZ"), WESTHAVEN],
                   new_school="Alpha")
    rows = {row["filename"]: row for row in batch["files"]}
    assert rows[WESTHAVEN.name]["status"] == "done"
    for name in ("broken.pdf", "notes.exe"):
        assert rows[name]["status"] == "error"
        error = rows[name]["error"]
        assert error.startswith(f"{name}: ") and "\n" not in error and "Traceback" not in error
    assert "policykit reads" in rows["notes.exe"]["error"]
    page = client.get(f"/batches/{batch['batch']}").text
    assert "broken.pdf: " in page
    dashboard = client.get("/").text
    assert "could not be read" in dashboard


def test_register_has_schools_by_policies_with_missing_and_overdue(client):
    upload(client, [WESTHAVEN], new_school="Westhaven School")
    upload(client, [sample("mowbray")], new_school="Mowbray Academy")
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    rows = dict(re.findall(r'<tr data-school="([^"]+)">(.*?)</tr>', html, re.S))
    assert set(rows) == {"Westhaven School", "Mowbray Academy"}
    westhaven_cells = re.findall(r'data-state="(\w+)" data-policy="([^"]+)"', rows["Westhaven School"])
    mowbray_cells = re.findall(r'data-state="(\w+)" data-policy="([^"]+)"', rows["Mowbray Academy"])
    assert len(westhaven_cells) == len(mowbray_cells) >= 1
    # Westhaven's next review is printed as 21/03/2026; Mowbray's next revision as March 2024.
    assert "Next review 21/03/2026" in text_of(rows["Westhaven School"])
    assert "Next review March 2024" in text_of(rows["Mowbray Academy"])
    assert "overdue" in {state for state, _ in mowbray_cells}  # March 2024 is past (the tests run after it)
    # Filters: only missing cells, only one school.
    missing = client.get("/?state=missing").text
    assert "Missing" in missing or "Nothing matches" in missing
    only = client.get("/?school=1").text
    assert len(re.findall(r"<tr data-school=", only)) == 1


def test_policy_page_has_outline_versions_and_compare_links(client, tmp_path):
    upload(client, [WESTHAVEN], new_school="Westhaven School")
    batch = upload(client, [_westhaven_v2(tmp_path)], school=1)
    second = batch["files"][0]["id"]
    page = client.get(f"/documents/{second}")
    assert page.status_code == 200
    html = page.text
    # Clause numbers as printed in the file ("1.0 OVERVIEW AND INTRODUCTION", "1.1 The purpose ...").
    outline = html.split('id="outline"', 1)[1]
    assert '<span class="num">1.0</span>' in outline and '<span class="num">1.1</span>' in outline
    assert "OVERVIEW AND INTRODUCTION" in outline
    # The upload to the same school is that policy's next version.
    versions = html.split('class="versions"', 1)[1].split("</ol>", 1)[0]
    assert versions.count("<li>") == 2
    assert f'href="/compare?old=1&amp;new={second}"' in html
    dashboard = client.get("/").text
    assert "2 versions" in dashboard


def test_compare_highlights_the_known_change_and_downloads(client, tmp_path):
    upload(client, [WESTHAVEN], new_school="Westhaven School")
    upload(client, [_westhaven_v2(tmp_path)], school=1)
    for view in ("inline", "side"):
        page = client.get(f"/compare?old=1&new=2&view={view}")
        assert page.status_code == 200
        inserted = re.findall(r"<ins>(.*?)</ins>", page.text, re.S)
        assert any("kindly" in text for text in inserted), view
        assert any("and" in text for text in re.findall(r"<del>(.*?)</del>", page.text, re.S))
        # Unchanged clauses are folded, not listed as changes.
        assert "unchanged" in page.text
    docx_response = client.get("/compare/download/docx?old=1&new=2")
    assert docx_response.status_code == 200
    assert docx_response.headers["content-disposition"].startswith("attachment;")
    import docx  # python-docx opens the tracked-changes file

    document = docx.Document(io.BytesIO(docx_response.content))
    assert document.paragraphs
    assert b"w:ins" in zipfile.ZipFile(io.BytesIO(docx_response.content)).read("word/document.xml")
    data = json.loads(client.get("/compare/download/json?old=1&new=2").content)
    assert data["summary"]["modified"] >= 1
    markdown = client.get("/compare/download/md?old=1&new=2").text
    assert "kindly" in markdown


def test_trust_report_downloads(client):
    upload(client, [WESTHAVEN], new_school="Westhaven School")
    upload(client, [sample("mowbray")], new_school="Mowbray Academy")
    xlsx = client.get("/reports/register.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert 'filename="trust-register-' in xlsx.headers["content-disposition"]
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    cells = " ".join(str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value)
    assert "Social Media and Networking Policy" in cells
    html = client.get("/reports/register.html")
    assert html.status_code == 200 and "MET Social Media Policy" in html.text


def _profile_form(token, **changes):
    form = {
        "csrf_token": token, "school_name": "Oakfield Primary School", "school_type": "primary", "trust": "",
        "headteacher": "Ms A. Example", "designated_safeguarding_lead": "Mr B. Example",
        "deputy_safeguarding_lead": "Mrs C. Example", "data_protection_officer": "D. Example",
        "chair_of_governors": "Dr E. Example", "approving_body": "full governing board",
        "approval_date": "2025-03-21", "review_cycle_years": "1", "version": "1.0", "pupil_age_range": "4-11",
        "official_accounts": "on", "personal_devices_at_break": "on", "legislation_appendix": "on",
        "all_pupils_under_13": "auto",
    }
    form.update(changes)
    return form


def test_generate_shows_the_cli_message_beside_the_field_then_makes_the_files(client):
    token = csrf_of(client)
    bad = client.post("/generate", data=_profile_form(token, approval_date="2024-02-30", review_cycle_years="7"))
    assert bad.status_code == 400
    # The messages `policykit generate` gives for the same profile lines.
    assert 'id="approval_date-error">approval_date: 2024-02-30 is not a date<' in bad.text
    assert "review_cycle_years must be 1 to 3" in bad.text
    assert 'value="Oakfield Primary School"' in bad.text  # what was typed is kept
    staff = ("staff.csv", b"name,role,email\nA Person,Teacher,a.person@example.org\nB Person,TA,b.person@example.org\n")
    good = client.post("/generate", data=_profile_form(token), files={"staff": staff}, follow_redirects=False)
    assert good.status_code == 303
    job_url = good.headers["location"]
    client.app.state.policykit.workers.wait(timeout=120)
    status = client.get("/api/jobs/" + job_url.rsplit("/", 1)[1]).json()
    assert status["status"] == "done", status
    assert {"policy.docx", "declaration.docx", "staff-declarations.docx", "signoff.xlsx"} <= set(status["outputs"])
    page = client.get(job_url).text
    assert "Download everything as a ZIP" in page
    policy = client.get(job_url + "/files/policy.docx")
    assert policy.status_code == 200
    import docx

    words = " ".join(p.text for p in docx.Document(io.BytesIO(policy.content)).paragraphs)
    assert "Oakfield Primary School" in words or "Oakfield Primary School" in policy.content.decode("latin-1")
    archive = zipfile.ZipFile(io.BytesIO(client.get(job_url + "/files/all.zip").content))
    assert "oakfield-primary-school/policy.docx" in archive.namelist()
    assert client.get(job_url + "/files/..%2F..%2Fworkspace.sqlite3").status_code == 404
    assert client.get(job_url + "/files/profile.toml").status_code == 404


def test_generate_reports_a_bad_staff_list_on_its_field(client):
    token = csrf_of(client)
    # A staff row may lack an email (a caretaker), but every list needs a role column.
    staff = ("my staff.csv", b"name,email\nA Person,a@example.org\n")
    response = client.post("/generate", data=_profile_form(token), files={"staff": staff})
    assert response.status_code == 400
    assert 'id="staff-error">my staff.csv: missing column role' in response.text


@pytest.mark.parametrize("path", ["/upload", "/generate", "/documents/1/model", "/documents/1/remove", "/login"])
def test_posts_without_the_csrf_token_are_refused(client, path):
    upload(client, [WESTHAVEN], new_school="Alpha")
    client.get("/")  # the cookie is set
    assert client.post(path, data={"new_school": "X"}).status_code == 403
    assert client.post(path, data={"csrf_token": "x" * 43, "new_school": "X"}).status_code == 403
    # A token from another browser (not this client's cookie) is refused too.
    with TestClient(client.app) as other:
        foreign = csrf_of(other)
    if foreign != csrf_of(client):
        assert client.post(path, data={"csrf_token": foreign}).status_code == 403


def test_upload_limits_give_clear_messages(tmp_path):
    with TestClient(make_app(tmp_path / "data", max_file_bytes=2000, max_files=2)) as small:
        token = csrf_of(small)
        too_many = small.post("/upload", data={"csrf_token": token, "new_school": "A"},
                              files=[("files", (f"f{i}.txt", b"Policy\n\n1. Text.")) for i in range(3)],
                              headers={"Accept": "application/json"})
        assert too_many.status_code == 413
        assert "Too many files" in too_many.json()["error"] and "up to 2 files" in too_many.json()["error"]
        batch = upload(small, [("big.txt", b"word " * 1000), ("small.txt", b"Policy\n\n1. Some text here.\n")],
                       new_school="A", token=token)
        rows = {row["filename"]: row for row in batch["files"]}
        assert rows["big.txt"]["status"] == "error"
        assert rows["big.txt"]["error"].startswith("big.txt: too large") and "per file" in rows["big.txt"]["error"]
        assert rows["small.txt"]["status"] == "done"
        # A request announcing more than the limits allow is refused before it is read.
        huge = small.post("/upload", content=b"x" * 10, headers={"Content-Length": str(10 ** 9),
                                                                  "Content-Type": "multipart/form-data; boundary=x"})
        assert huge.status_code == 413


HOSTILE = """Staff <script>window.pwned = 1; alert("x")</script> Policy

1. Purpose

Click <a href="javascript:alert(1)">here</a> or [this](javascript:alert(2)) and <img src=x onerror=alert(3)>.
"""


def test_hostile_document_text_is_escaped_everywhere(client, tmp_path):
    batch = upload(client, [("hostile.txt", HOSTILE.encode()), ("hostile.md", HOSTILE.encode())], new_school="<b>Evil</b>")
    assert all(row["status"] == "done" for row in batch["files"]), batch
    pages = [client.get("/").text, client.get(f"/batches/{batch['batch']}").text,
             client.get("/documents/1").text, client.get("/compare?old=1&new=2").text,
             client.get("/compare?old=1&new=2&view=side").text]
    for html in pages:
        assert "<script>window" not in html and "<img src=x" not in html and "<b>Evil" not in html
        assert 'href="javascript:' not in html
        assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']
    assert "&lt;script&gt;" in pages[2]
    response = client.get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "unsafe-inline" not in response.headers["content-security-policy"]


def test_downloads_are_attachments_with_safe_names(client):
    upload(client, [("../../etc/passwd\".txt", b"Policy\n\n1. Some text.\n")], new_school="Alpha")
    response = client.get("/documents/1/download")
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and "/" not in disposition.split(";")[1] and '\\"' not in disposition
    assert client.get("/documents/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/documents/999").status_code == 404
    assert client.get("/batches/not-a-batch").status_code == 404


def test_requests_naming_another_host_are_refused(client):
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


def test_access_token_is_asked_for(tmp_path):
    with TestClient(make_app(tmp_path / "data", token="s3cret")) as locked:
        first = locked.get("/", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"].startswith("/login")
        token = re.search(r'name="csrf-token" content="([^"]+)"', locked.get("/login").text)[1]
        wrong = locked.post("/login", data={"csrf_token": token, "password": "nope", "next": "/"})
        assert wrong.status_code == 401 and "not right" in wrong.text
        right = locked.post("/login", data={"csrf_token": token, "password": "s3cret", "next": "//evil.example"},
                            follow_redirects=False)
        assert right.status_code == 303 and right.headers["location"] == "/"
        assert locked.get("/").status_code == 200


def test_restart_keeps_the_workspace_and_a_deleted_parse_cache_is_rebuilt(tmp_path):
    folder = tmp_path / "data"
    with TestClient(make_app(folder)) as first:
        upload(first, [WESTHAVEN], new_school="Westhaven School")
    cache = folder / "parse-cache"
    assert any(cache.iterdir())
    with TestClient(make_app(folder)) as second:
        assert "Social Media and Networking Policy" in second.get("/").text
    shutil.rmtree(cache)
    with TestClient(make_app(folder)) as third:
        page = third.get("/documents/1")
        assert page.status_code == 200 and "OVERVIEW AND INTRODUCTION" in page.text
    assert any(cache.iterdir())


def test_files_left_waiting_are_read_after_a_restart(tmp_path):
    folder = tmp_path / "data"
    with TestClient(make_app(folder)) as first:
        state = first.app.state.policykit
        school = state.workspace.school_named("Alpha")
        data = WESTHAVEN.read_bytes()
        sha = state.workspace.store_file(data, ".txt")
        state.workspace.add_document(school.id, "b" * 32, WESTHAVEN.name, sha, ".txt", len(data))  # never queued
    with TestClient(make_app(folder)) as second:
        second.app.state.policykit.workers.wait(timeout=60)
        assert second.get("/api/batches/" + "b" * 32).json()["files"][0]["status"] == "done"


def test_schema_version_table_and_migration_from_version_1(tmp_path):
    from toolkit.web.store import _MIGRATIONS, SCHEMA_VERSION, Workspace

    old = tmp_path / "old"
    old.mkdir()
    db = sqlite3.connect(old / "workspace.sqlite3")
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    db.execute("INSERT INTO schema_version VALUES (1)")
    db.executescript(_MIGRATIONS[0])
    db.commit()
    db.close()
    workspace = Workspace(old)
    assert workspace.schema_version() == SCHEMA_VERSION == 2
    workspace.set_setting("model:x", "1")  # the table migration 2 adds
    assert workspace.setting("model:x") == "1"


def test_serve_refuses_a_network_host_without_a_token(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from toolkit.cli import main

    monkeypatch.delenv("POLICYKIT_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--data", str(tmp_path), "--no-open"])
    assert result.exit_code == 2
    assert "--token" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_demo_workspace_has_the_samples_and_the_county_model(tmp_path):
    from toolkit.web.demo import load_demo, school_from_filename

    assert school_from_filename("cherry-trees-school-social-media-policy-2022.txt") == "Cherry Trees School"
    with TestClient(make_app(tmp_path / "data")) as demo:
        state = demo.app.state.policykit
        assert load_demo(state.workspace, state.workers, sample("westhaven").parent) == 5
        assert load_demo(state.workspace, state.workers, sample("westhaven").parent) == 0  # only once
        html = demo.get("/").text
        assert len(re.findall(r"<tr data-school=", html)) == 5
        westhaven = next(d for d in state.workspace.documents() if d.filename == WESTHAVEN.name)
        page = demo.get(f"/documents/{westhaven.id}").text
        link = re.search(r'id="compare-model" href="([^"]+)"', page)
        assert link, "the county model is the trust model in the demo"
        compared = demo.get(link[1].replace("&amp;", "&"))
        assert compared.status_code == 200 and "What changed" in compared.text


@pytest.mark.parametrize(("first", "second"), [
    ("Complaints Procedure", "Complaints policy"),  # Decoy Primary's 2016 and 2019 titles
    ("MET Social Media Policy", "Social Media and Networking Policy"),
    ("SOCIAL MEDIA POLICY", "School Social Media Policy"),
])
def test_titles_of_one_policy_share_a_key(first, second):
    from toolkit.web.service import title_key

    assert title_key(first) == title_key(second)


def test_titles_of_different_policies_do_not_share_a_key():
    from toolkit.web.service import title_key

    assert title_key("Complaints Procedure") != title_key("Online Safety Policy")
    assert title_key("Uniform Policy") != title_key("Lettings Policy")
    assert title_key("Marking and Feedback Policy") != title_key("Homework Policy")


def test_a_stored_file_removed_by_hand_gives_a_one_line_problem_not_a_crash(tmp_path):
    folder = tmp_path / "data"
    with TestClient(make_app(folder)) as first:
        upload(first, [WESTHAVEN], new_school="Alpha")
    shutil.rmtree(folder / "files")
    shutil.rmtree(folder / "parse-cache")
    with TestClient(make_app(folder), raise_server_exceptions=False) as second:
        page = second.get("/documents/1")
        assert page.status_code == 409
        assert "Traceback" not in page.text and "no such file" in page.text.lower()


def test_school_page_lists_every_file_with_its_error_and_version(client, tmp_path):
    upload(client, [WESTHAVEN, ("broken.docx", b"PK\x03\x04 not really a zip")], new_school="Westhaven School")
    batch = upload(client, [_westhaven_v2(tmp_path)], school=1)
    assert batch["files"][0]["kept_as"].startswith("version 2 of ")
    page = client.get("/schools/1")
    assert page.status_code == 200
    words = text_of(page.text)
    assert "broken.docx: " in words
    assert "version 1 of" in words and "version 2 of" in words
    assert client.get("/schools/99").status_code == 404


def test_removing_a_file_takes_it_out_of_the_register_and_versions(client, tmp_path):
    upload(client, [WESTHAVEN], new_school="Westhaven School")
    upload(client, [_westhaven_v2(tmp_path)], school=1)
    assert "2 versions" in client.get("/").text
    token = csrf_of(client)
    assert client.post("/documents/2/remove", data={}).status_code == 403
    response = client.post("/documents/2/remove", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/schools/1"
    dashboard = client.get("/").text
    assert "2 versions" not in dashboard and "Social Media and Networking Policy" in dashboard
    assert "Removed" in client.get("/schools/1").text
    assert "was removed" in client.get("/documents/2").text


def test_trust_report_runs_in_the_background_with_progress(client):
    upload(client, [WESTHAVEN], new_school="Westhaven School")
    started = client.get("/reports/new?format=xlsx", follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"].startswith("/reports/jobs/")
    client.app.state.policykit.workers.wait(timeout=60)
    job_id = started.headers["location"].rsplit("/", 1)[1]
    assert client.get(f"/api/jobs/{job_id}").json()["status"] == "done"
    page = client.get(started.headers["location"]).text
    assert "The trust report is ready" in page
    download = client.get(f"/reports/jobs/{job_id}/file")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert client.get("/reports/new?format=exe").status_code == 404
    assert client.get("/reports/jobs/" + "f" * 32 + "/file").status_code == 404


def test_static_files_come_from_a_fixed_list(client):
    script = client.get("/static/app.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert "textContent" in script.text
    assert client.get("/static/app.css").status_code == 200
    for path in ("/static/..%2Fapp.py", "/static/%2E%2E/store.py", "/static/templates"):
        assert client.get(path).status_code == 404


def test_renumbering_is_folded_away_in_the_redline(client):
    old = b"Policy\n\n1. Staff must keep passwords private at all times.\n\n2. Staff must report concerns to the lead.\n\n3. Staff must not befriend pupils online.\n"
    new = (b"Policy\n\n1. Staff must read this policy every year.\n\n2. Staff must keep passwords private at all times.\n\n"
           b"3. Staff must report concerns to the lead.\n\n4. Staff must not befriend pupils online.\n")
    upload(client, [("policy-2023.txt", old)], new_school="Alpha")
    upload(client, [("policy-2024.txt", new)], school=1)
    html = client.get("/compare?old=1&new=2").text
    changes = re.findall(r'<div class="change (\w+)"', html)
    assert changes == ["added"]  # the three old clauses only moved number
    assert re.search(r"<summary>3 clauses unchanged", html)
    assert "<ins>Staff must read this policy every year.</ins>" in html


def test_files_read_by_an_older_parser_are_read_again_on_start(tmp_path):
    folder = tmp_path / "data"
    with TestClient(make_app(folder)) as first:
        upload(first, [WESTHAVEN], new_school="Alpha")
        store = first.app.state.policykit.workspace
        stored = store.document(1)
        store.set_status(1, "done", title="Stale title", policy_type="unknown", summary={**stored.summary, "parser": "old"})
    with TestClient(make_app(folder)) as second:
        second.app.state.policykit.workers.wait(timeout=60)
        refreshed = second.app.state.policykit.workspace.document(1)
        assert refreshed.title == "Social Media and Networking Policy" and refreshed.summary["parser"] != "old"


def test_policy_page_names_superseded_guidance_it_cites(client):
    # Written here: approved in 2022 while citing KCSIE 2018, replaced three times by then.
    text = (b"Child Protection and Safeguarding Policy\nApproved by governors: 10 March 2022\n\n"
            b"1. Legal framework\n1.1 This policy follows Keeping Children Safe in Education 2018.\n")
    batch = upload(client, [("cp.txt", text)], new_school="Gamma")
    page = client.get(batch["files"][0]["url"])
    assert page.status_code == 200
    assert 'id="stale-citations"' in page.text and "KCSIE 2018" in page.text
    assert "KCSIE 2021" in page.text  # what applied on the policy's date


def test_bidi_override_in_a_document_is_shown_not_obeyed(client):
    text = "Policy\n\n1. Staff must report \u202egnikcab\u202c concerns.\n".encode()
    batch = upload(client, [("bidi.txt", text)], new_school="Delta")
    page = client.get(batch["files"][0]["url"])
    assert "\u202e" not in page.text and "[U+202E]" in page.text
