"""Trust-wide comparison: governance, drift, the three renderers, caching and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, sample

from toolkit.cli import main
from toolkit.model import Clause, ClauseKind, Document, Metadata, MetaValue
from toolkit.trust import (
    CACHE_DIRNAME,
    DocumentCache,
    compare_policies,
    divergence_of,
    expand_inputs,
    governance_of,
    render,
    report_data,
    run_comparison,
)

AS_OF = dt.date(2024, 9, 1)


@pytest.fixture
def txt_samples(tmp_path):
    """The five text samples alone in a folder (source_policies/ may also hold DOCX/PDF renditions)."""
    folder = tmp_path / "samples"
    folder.mkdir()
    for path in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def make_doc(source, *texts, metadata=None):
    clauses = tuple(Clause(f"c{i}", str(i), None, text, 1, ClauseKind.CLAUSE) for i, text in enumerate(texts, 1))
    return Document(source, "text", metadata or Metadata(), clauses)


def meta(**values):
    fields = {}
    for name, raw in values.items():
        from toolkit.dates import parse_date

        value = parse_date(raw) if name in ("approved", "next_review", "last_review") else raw
        fields[name] = MetaValue(raw, value if value is not None else raw)
    return Metadata(**fields)


# -- governance -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "next_review, as_of, overdue",
    [
        ("March 2024", dt.date(2024, 3, 31), False),  # a month-only date runs to its last day
        ("March 2024", dt.date(2024, 4, 1), True),
        ("21/03/2026", AS_OF, False),
        ("Spring Term 2023", AS_OF, True),
        ("When necessary", AS_OF, None),  # not a date: unknown, not overdue
    ],
)
def test_overdue_uses_the_latest_day_the_review_date_could_mean(next_review, as_of, overdue):
    governance = governance_of(make_doc("a.txt", "x", metadata=meta(next_review=next_review)), as_of)
    assert governance.overdue is overdue
    assert governance.next_review == next_review


def test_governance_without_metadata_is_all_unknown():
    governance = governance_of(make_doc("a.txt", "x"), AS_OF)
    assert (governance.title, governance.school, governance.approved, governance.approved_by, governance.overdue) == (None,) * 5


def test_governance_of_the_samples_read_from_their_front_matter(txt_samples):
    report = compare_policies([txt_samples], as_of=AS_OF)
    rows = {entry.id: entry.governance for entry in report.documents}
    westhaven = rows["westhaven-school-social-media-and-networking-policy-2024.txt"]
    assert (westhaven.version, westhaven.approved_iso, westhaven.next_review_iso, westhaven.overdue) == ("1", "2024-03-21", "2026-03-21", False)
    mowbray = rows["mowbray-education-trust-social-media-policy-2022.txt"]
    assert mowbray.next_review_latest == dt.date(2024, 3, 31) and mowbray.overdue is True
    assert rows["south-end-junior-school-social-media-policy-2022.txt"].overdue is None  # "When necessary"


# -- drift ----------------------------------------------------------------------------


def fake_change(status, modified=False):
    return SimpleNamespace(status=status, modified=modified)


def test_divergence_maps_diff_statuses_to_model_shares():
    from toolkit.diff import Status

    diff = SimpleNamespace(changes=[
        fake_change(Status.UNCHANGED), fake_change(Status.RENUMBERED), fake_change(Status.MOVED),
        fake_change(Status.MOVED, modified=True), fake_change(Status.MODIFIED, modified=True),
        fake_change(Status.REMOVED), fake_change(Status.REMOVED), fake_change(Status.ADDED),
    ])
    d = divergence_of(diff)
    assert d.as_dict() == {"unchanged": 3, "modified": 2, "missing": 2, "extra": 1}
    assert d.model_clauses == 7 and d.share("missing") == pytest.approx(2 / 7)


def test_drift_with_a_stand_in_differ_reaches_the_json_contract():
    model = make_doc("model.txt", "alpha", "beta")
    school = make_doc("school.txt", "alpha", "gamma")

    def differ(old, new):
        assert old is model
        return SimpleNamespace(changes=[fake_change("unchanged"), fake_change("removed"), fake_change("added")])

    report = compare_policies([school], baseline=model, as_of=AS_OF, differ=differ)
    assert report_data(report)["divergence"] == {"school.txt": {"unchanged": 1, "modified": 0, "missing": 1, "extra": 1}}


def test_drift_with_the_real_diff_engine_on_the_samples():
    model = sample("hampshire")
    report = compare_policies([model, sample("south-end")], baseline=model, as_of=AS_OF)
    # The model file is never one of the schools: it is compared with them, not with itself.
    assert [entry.id for entry in report.documents] == [sample("south-end").name]
    assert [entry.id for entry in report.baselines] == [model.name]
    other = report.documents[0].divergence
    assert other.missing > other.unchanged  # a different school's own policy shares little text
    assert other.extra > 0 and report.documents[0].model == model.name
    copy = make_doc("copy.txt", *(clause.full_text for clause in report.baselines[0].document.walk()),
                    metadata=meta(title="Social Media Policy"))
    same = compare_policies([copy], baseline=model, as_of=AS_OF).documents[0].divergence
    assert same.modified == same.missing == same.extra == 0 and same.unchanged > 50


# -- JSON -------------------------------------------------------------------------------


def two_documents():
    school = make_doc(
        "schools/a <b>.txt",
        "Staff must not accept friend requests from pupils.",
        metadata=meta(title="Social <Media> Policy", school="A & B Primary", next_review="March 2024", version="2"),
    )
    other = make_doc("b.txt", "The weather was pleasant.")
    return [school, other]


def test_json_contract_shape():
    data = json.loads(render(compare_policies(two_documents(), as_of=AS_OF), "json"))
    # /1's keys first, unchanged in meaning; /2 adds the register around them.
    assert list(data)[:4] == ["schema", "documents", "topics", "divergence"]
    assert set(data) == {"schema", "documents", "topics", "divergence", "as_of", "catalogue", "schools",
                         "policy_types", "register", "models", "not_read"}
    assert data["schema"] == "policykit.compare/2"
    assert data["divergence"] is None and data["not_read"] == [] and data["catalogue"] == "by policy type"
    first = data["documents"][0]
    assert list(first)[:5] == ["id", "source", "title", "metadata", "overdue"]
    assert first["id"] == "a <b>.txt" and first["source"] == "schools/a <b>.txt"
    assert first["title"] == "Social <Media> Policy" and first["overdue"] is True
    assert first["metadata"]["next_review"] == "2024-03" and first["metadata"]["version"] == "2"
    assert first["policy_type"]["id"] == "social_media" and first["catalogue"] == "social_media"
    assert first["topics"]["pupil-contact"]["covered"] and first["topics"]["pupil-contact"]["mandatory"]
    second = data["documents"][1]
    assert second["overdue"] is None and second["policy_type"]["id"] == "other"
    # A document of a type with no catalogue is never scored against another type's topics.
    assert second["catalogue"] is None and second["topics"] is None
    assert len(data["topics"]) == 25
    topic = next(t for t in data["topics"] if t["id"] == "pupil-contact")
    assert list(topic) == ["id", "label", "coverage", "catalogue", "mandatory"]
    assert topic["coverage"] == {"a <b>.txt": {"covered": True, "clauses": ["1"]}}
    cells = {(cell["school"], cell["policy_type"]): cell for cell in data["register"]}
    school = next(row["id"] for row in data["schools"] if row["name"] == "A & B Primary")
    assert cells[(school, "social_media")]["status"] == "overdue"
    assert cells[(school, "complaints")]["status"] == "missing" and cells[(school, "complaints")]["statutory"]


def test_same_file_name_in_two_folders_gets_distinct_ids():
    report = compare_policies([make_doc("x/policy.txt", "a"), make_doc("y/policy.txt", "b")], as_of=AS_OF)
    assert [entry.id for entry in report.documents] == ["x/policy.txt", "y/policy.txt"]


# -- HTML -------------------------------------------------------------------------------


def test_html_is_one_self_contained_escaped_page():
    page = render(compare_policies(two_documents(), as_of=AS_OF), "html")
    assert page.startswith("<!DOCTYPE html>")
    # No external request of any kind: no URLs, no src=, no link/import of resources.
    assert not re.search(r"(https?:)?//[a-z0-9]", page, re.IGNORECASE)
    assert " src=" not in page and "<link" not in page and "@import" not in page and "url(" not in page
    # Document text is escaped.
    assert "Social <Media> Policy" not in page and "Social &lt;Media&gt; Policy" in page
    assert "A &amp; B Primary" in page and "a &lt;b&gt;.txt" in page
    assert page.count('<tr id="doc-0-') == 25 and '<tr id="doc-1-' not in page  # b.txt has no catalogue
    assert "No topic catalogue for Other policies" in page
    assert "overdue" in page and "@media print" in page and "sortable" in page
    assert 'id="doc-0-pupil-contact"' in page and 'href="#doc-0"' in page
    assert 'id="filter-school"' in page and 'id="filter-type"' in page


# -- XLSX -------------------------------------------------------------------------------


def test_xlsx_sheets_each_have_a_file_column_and_print_setup():
    from openpyxl import load_workbook

    model = make_doc("model.txt", "alpha")
    report = compare_policies(two_documents(), baseline=model, as_of=AS_OF,
                              differ=lambda old, new: SimpleNamespace(changes=[fake_change("removed")]))
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    assert book.sheetnames == ["Register", "Documents", "Coverage", "Drift", "Not read"]
    for sheet in book.worksheets:
        headers = [cell.value for cell in sheet[1]]
        assert "File" in headers or "Files" in headers, sheet.title
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows in ("1:1", "$1:$1") and sheet.freeze_panes in ("A2", "B2")
    register = book["Register"]
    headers = [cell.value for cell in register[1]]
    row = next(r for r in register.iter_rows(min_row=2, values_only=True) if r[0] == "A & B Primary")
    social = row[headers.index("Social media")]
    assert social.startswith("overdue") and "a <b>.txt" in social
    assert row[headers.index("Complaints")] == "missing"
    docs = book["Documents"]
    assert [c.value for c in docs[2]][:3] == ["a <b>.txt", "A & B Primary", "Social media"]
    coverage = book["Coverage"]
    pupil = next(r for r in coverage.iter_rows(min_row=2, values_only=True) if r[0] == "a <b>.txt" and r[4] == "No personal online contact with pupils")
    assert pupil[5] == "yes" and pupil[6] == "covered" and pupil[7] == "1"
    other = next(r for r in coverage.iter_rows(min_row=2, values_only=True) if r[0] == "b.txt")
    assert other[3] == "none for this type"
    drift = book["Drift"]
    assert [c.value for c in drift[2]][:8] == ["a <b>.txt", "A & B Primary", "Social media", "model.txt", 0, 0, 1, 0]


# -- run_comparison: outputs, cache ---------------------------------------------------


def test_run_comparison_writes_report_and_diff_pages_and_reuses_the_cache(tmp_path, txt_samples):
    out = tmp_path / "out" / "trust.html"
    first = run_comparison([txt_samples], out, baseline=sample("hampshire"), as_of=AS_OF)
    assert first.output == out.resolve() and out.is_file()
    # The model is one of the samples: same content, so it is parsed once.
    assert first.cache_misses == 5 and first.cache_hits == 1
    assert len(first.diff_reports) == 5 and all(path.is_file() for path in first.diff_reports)
    page = out.read_text("utf-8")
    for path in first.diff_reports:
        assert f'href="trust-diffs/{path.name}"' in page
        diff_page = path.read_text("utf-8")
        assert diff_page.startswith("<!DOCTYPE html>") and "Changes to" in diff_page  # the diff renderer's page
    cached = list((tmp_path / "out" / CACHE_DIRNAME).glob("*.json"))
    assert len(cached) == 5
    second = run_comparison([txt_samples], out, baseline=sample("hampshire"), as_of=AS_OF)
    assert second.cache_hits == 6 and second.cache_misses == 0
    assert report_data(second.report) == report_data(first.report)


def test_corrupt_cache_entry_is_a_miss_and_is_rewritten(tmp_path):
    cache = DocumentCache(tmp_path / "cache")
    document = cache.read(sample("mowbray"))
    assert not (tmp_path / "cache").exists()  # nothing is written before flush()
    cache.flush()
    [entry] = list((tmp_path / "cache").glob("*.json"))
    entry.write_bytes(b"{not json at all")
    again = DocumentCache(tmp_path / "cache")
    assert again.read(sample("mowbray")) == document
    assert again.stats.misses == 1
    again.flush()
    third = DocumentCache(tmp_path / "cache")
    third.read(sample("mowbray"))
    assert third.stats.hits == 1


def test_cache_key_follows_content_not_path(tmp_path):
    copy = tmp_path / "renamed.txt"
    shutil.copy(sample("westhaven"), copy)
    cache = DocumentCache(tmp_path / "cache")
    original = cache.read(sample("westhaven"))
    cache.flush()
    moved = cache.read(copy)
    assert cache.stats.hits == 1 and moved.source == str(copy) and moved.clauses == original.clauses
    copy.write_text(copy.read_text("utf-8") + "\n99. A new clause at the end.\n", encoding="utf-8")
    cache.read(copy)
    assert cache.stats.misses == 2


def test_folders_expand_to_supported_files_skipping_hidden_and_lock_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / ".policykit-cache").mkdir()
    shutil.copy(sample("mowbray"), tmp_path / "a" / "one.txt")
    shutil.copy(sample("mowbray"), tmp_path / ".policykit-cache" / "hidden.txt")
    (tmp_path / "~$lock.txt").write_text("x")
    (tmp_path / "notes.csv").write_text("x")
    assert [p.name for p in expand_inputs([tmp_path])] == ["one.txt"]


# -- CLI ----------------------------------------------------------------------------------


def test_cli_compare_writes_each_format(tmp_path, txt_samples):
    runner = CliRunner()
    for name in ("trust.html", "trust.xlsx", "trust.json"):
        out = tmp_path / name
        result = runner.invoke(main, ["compare", str(txt_samples), "-o", str(out), "--as-of", "2024-09-01"])
        assert result.exit_code == 0, result.output
        assert out.is_file() and f"Report: {out}" in result.output
        assert "Compared 5 policies of 5 schools each against the topics of its own policy type" in result.output
    assert json.loads((tmp_path / "trust.json").read_text("utf-8"))["schema"] == "policykit.compare/2"


def test_cli_one_bad_file_is_listed_not_read_and_the_report_is_still_written(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out" / "trust.json"
    result = CliRunner().invoke(main, ["compare", str(sample("mowbray")), str(bad), "-o", str(out)])
    assert result.exit_code == 3, result.output  # report written, some files not read
    assert f"policykit: not read: {bad}:" in result.output and "Traceback" not in result.output
    data = json.loads(out.read_text("utf-8"))
    assert [item["file"] for item in data["not_read"]] == [str(bad)]
    assert [doc["id"] for doc in data["documents"]] == [sample("mowbray").name]


@pytest.mark.parametrize(
    "args, needle",
    [
        (["nowhere/"], "nowhere"),
        (["-o", "report.pdf"], "report.pdf"),
        (["--topics", "missing-catalogue.toml"], "missing-catalogue.toml"),
        (["--baseline", "no-model.txt"], "no-model.txt"),
    ],
)
def test_cli_user_mistakes_name_the_file(tmp_path, monkeypatch, args, needle):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["compare", str(sample("mowbray"))] + args)
    assert result.exit_code == 2, result.output
    assert needle in result.output and "Traceback" not in result.output
    assert not (tmp_path / "output").exists()


def test_cli_rejects_a_vague_as_of_date(tmp_path):
    result = CliRunner().invoke(main, ["compare", str(sample("mowbray")), "--as-of", "March 2024", "-o", str(tmp_path / "t.json")])
    assert result.exit_code == 2 and "not a full date" in result.output


def test_cli_progress_bar_on_stderr_for_many_files(tmp_path, monkeypatch):
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(6):
        shutil.copy(sample("mowbray"), folder / f"school-{index}.txt")
    monkeypatch.setenv("POLICYKIT_PROGRESS", "1")
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    result = runner.invoke(main, ["compare", str(folder), "-o", str(tmp_path / "t.json"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "reading" in result.stderr and "6/6" in result.stderr
    assert "reading" not in result.stdout
    assert not (tmp_path / CACHE_DIRNAME).exists()


def test_html_columns_sort_in_a_real_browser(tmp_path, txt_samples):
    """Click the 'Covered' heading in headless Chromium; the rows come back in ascending order."""
    import shutil as _shutil
    import subprocess

    browser = _shutil.which("chromium") or _shutil.which("chromium-browser") or _shutil.which("google-chrome")
    if browser is None:
        pytest.skip("no chromium on this machine")
    page = render(compare_policies([txt_samples], as_of=AS_OF), "html")
    click = '<script>document.querySelectorAll("table.register th")[1].click();</script></body>'
    path = tmp_path / "sorted.html"
    path.write_text(page.replace("</body>", click), encoding="utf-8")
    try:
        dom = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()],
            capture_output=True, text=True, timeout=60,
        ).stdout
    except subprocess.TimeoutExpired:
        pytest.skip("chromium did not answer in time")
    matrix = dom.split('<table class="register')[1].split("</table>")[0]
    names = re.findall(r'<th scope="row" data-sort="([^"]+)"', matrix)
    before = re.findall(r'<th scope="row" data-sort="([^"]+)"', page.split('<table class="register')[1].split("</table>")[0])
    counts = [int(n) for n in re.findall(r'<td class="num" data-sort="(\d+)"', matrix)]
    assert len(names) == 5 and sorted(names) == sorted(before)
    assert counts == sorted(counts)  # rows now in ascending order of missing policies
    assert 'aria-sort="ascending"' in matrix


def test_demo_comparison_writes_three_reports_and_says_where(tmp_path, txt_samples):
    from toolkit.trust import demo_comparison

    out = tmp_path / "out"
    lines = list(demo_comparison(txt_samples, out, as_of=AS_OF))
    # The model sits among the samples; it is the baseline, never a school's row.
    assert lines[0].startswith("Compared 4 policies of 4 schools") and "drift measured against" in lines[0]
    for ext in ("html", "xlsx", "json"):
        assert (out / f"trust-report.{ext}").is_file()
        assert any(line.strip() == str((out / f"trust-report.{ext}").resolve()) for line in lines)
    assert (out / "trust-report-diffs").is_dir()


def test_cli_topics_file_replaces_the_catalogue(tmp_path):
    from conftest import FIXTURES

    out = tmp_path / "t.json"
    result = CliRunner().invoke(main, ["compare", str(sample("mowbray")), "-o", str(out),
                                       "--topics", str(FIXTURES / "topics" / "custom_catalogue.toml")])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    assert [topic["id"] for topic in data["topics"]] == ["timescales", "review"]
    review = data["topics"][1]["coverage"]["mowbray-education-trust-social-media-policy-2022.txt"]
    assert review == {"covered": True, "clauses": []}  # covered by the next review date in its metadata
