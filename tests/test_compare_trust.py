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


def make_doc(source, *texts, metadata=Metadata()):
    clauses = tuple(Clause(f"c{i}", str(i), None, text, 1, ClauseKind.CLAUSE) for i, text in enumerate(texts, 1))
    return Document(source, "text", metadata, clauses)


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
    same, other = (entry.divergence for entry in report.documents)
    assert same.modified == same.missing == same.extra == 0 and same.unchanged > 50
    assert other.missing > other.unchanged  # a different school's own policy shares little text
    assert other.extra > 0


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
    assert list(data) == ["schema", "documents", "topics", "divergence"]
    assert data["schema"] == "policykit.compare/1"
    assert data["divergence"] is None
    first = data["documents"][0]
    assert list(first) == ["id", "source", "title", "metadata", "overdue"]
    assert first["id"] == "a <b>.txt" and first["source"] == "schools/a <b>.txt"
    assert first["title"] == "Social <Media> Policy" and first["overdue"] is True
    assert first["metadata"]["next_review"] == "2024-03" and first["metadata"]["version"] == "2"
    assert data["documents"][1]["overdue"] is None
    assert len(data["topics"]) == 25
    topic = next(t for t in data["topics"] if t["id"] == "pupil-contact")
    assert list(topic) == ["id", "label", "coverage"]
    assert topic["coverage"]["a <b>.txt"] == {"covered": True, "clauses": ["1"]}
    assert topic["coverage"]["b.txt"] == {"covered": False, "clauses": []}


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
    assert page.count('class="cell covered"') + page.count('class="cell gap"') == 50
    assert "overdue" in page and "@media print" in page and "sortable" in page
    assert 'href="#doc-0-pupil-contact"' in page and 'id="doc-0-pupil-contact"' in page


# -- XLSX -------------------------------------------------------------------------------


def test_xlsx_has_three_sheets_with_frozen_headers_and_colours():
    from openpyxl import load_workbook

    model = make_doc("model.txt", "alpha")
    report = compare_policies(two_documents(), baseline=model, as_of=AS_OF,
                              differ=lambda old, new: SimpleNamespace(changes=[fake_change("removed")]))
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    assert book.sheetnames == ["Coverage", "Governance", "Drift"]
    matrix = book["Coverage"]
    assert matrix.freeze_panes == "C2"
    assert matrix["A2"].value == "A & B Primary" and matrix["C1"].value == "Purpose and aims"
    assert matrix.max_column == 27 and matrix.max_row == 3
    rules = [rule for ranges in matrix.conditional_formatting for rule in ranges.rules]
    assert len(rules) == 2 and all(rule.dxf.fill is not None for rule in rules)
    pupil_column = 2 + 1 + [t.id for t in report.topics].index("pupil-contact")
    assert matrix.cell(row=2, column=pupil_column).value == "covered: 1"
    assert matrix.cell(row=3, column=pupil_column).value == "not found"
    governance = book["Governance"]
    assert governance["J2"].value == "overdue" and governance["J3"].value == "no dated review"
    assert governance["H2"].value.date() == dt.date(2024, 3, 31)  # latest day of "March 2024"
    drift = book["Drift"]
    assert [c.value for c in drift[2]][:5] == ["A & B Primary", 0, 0, 1, 0]


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
        assert "Compared 5 policies on 25 topics" in result.output
    assert json.loads((tmp_path / "trust.json").read_text("utf-8"))["schema"] == "policykit.compare/1"


def test_cli_bad_input_is_one_line_exit_2_and_no_output(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out" / "trust.html"
    result = CliRunner().invoke(main, ["compare", str(sample("mowbray")), str(bad), "-o", str(out)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("policykit: error: ") and "broken.txt" in lines[0]
    assert not out.parent.exists()  # not even cache entries for the good file


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
    click = '<script>document.querySelectorAll("table.matrix th")[1].click();</script></body>'
    path = tmp_path / "sorted.html"
    path.write_text(page.replace("</body>", click), encoding="utf-8")
    try:
        dom = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()],
            capture_output=True, text=True, timeout=60,
        ).stdout
    except subprocess.TimeoutExpired:
        pytest.skip("chromium did not answer in time")
    matrix = dom.split('<table class="matrix')[1].split("</table>")[0]
    counts = [int(n) for n in re.findall(r'<td class="num" data-sort="(\d+)"', matrix)]
    before = [int(n) for n in re.findall(r'<td class="num" data-sort="(\d+)"', page.split("</table>")[0])]
    assert before != sorted(before)  # the sample order is not already sorted, so the click must work
    assert len(counts) == 5 and counts == sorted(before)
    assert 'aria-sort="ascending"' in matrix


def test_demo_comparison_writes_three_reports_and_says_where(tmp_path, txt_samples):
    from toolkit.trust import demo_comparison

    out = tmp_path / "out"
    lines = list(demo_comparison(txt_samples, out, as_of=AS_OF))
    assert lines[0].startswith("Compared 5 policies on 25 topics") and "drift measured against" in lines[0]
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
