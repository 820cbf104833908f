"""The register end to end: a trust folder of three schools with mixed policy types, a
damaged PDF and an old .doc; the cells, the "not read" list and the exit status.

Corpus files are used where ../shared/corpus is present; otherwise renditions of the
samples and short policies written here stand in, so the test always runs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, sample, shared_dir

from toolkit.cli import main

AS_OF = "2024-09-01"

# Short policies of our own for when the corpus is absent (never copied from anywhere).
OWN_COMPLAINTS = """Complaints Procedure
Date of next review: July 2023

1. Stage 1: informal
Parents should first speak to the class teacher about a concern.

2. Stage 2: formal complaint
Write to the headteacher, who will reply in writing within 10 school days.
"""
OWN_WHISTLEBLOWING = """Whistleblowing Policy

1. Raising a concern
Staff may raise a concern about malpractice with the headteacher or the chair of governors.
"""
OWN_SAFEGUARDING = """Child Protection and Safeguarding Policy
Next review: September 2023

1. Designated safeguarding lead
The designated safeguarding lead is the deputy headteacher.
"""


def build_trust(root: Path) -> dict[str, dict[str, str]]:
    """The trust folder; returns, per school folder, file name -> the policy type read from its title."""
    corpus = shared_dir()
    corpus = corpus / "corpus" if corpus and (corpus / "corpus" / "decoy-primary").is_dir() else None
    plan: dict[str, dict[str, str]] = {"oakfield": {}, "riverside": {}, "hilltop": {}}
    for name in plan:
        (root / name).mkdir(parents=True)
    if corpus is not None:
        copies = {
            "oakfield": [("decoy-primary/Complaints-Procedure-2019.pdf", "complaints"),
                         ("decoy-primary/2019-anti-bullying-policy.pdf", "anti_bullying")],
            "riverside": [("newstead-preschool/safeguarding_children_2015-01-08.md", "child_protection_safeguarding"),
                          ("newstead-preschool/whistleblowing.md", "whistleblowing")],
            "hilltop": [("positive-progress-docx/pp_data_protection_gdpr.docx", "data_protection")],
        }
        for school, files in copies.items():
            for relative, kind in files:
                shutil.copy(corpus / relative, root / school / Path(relative).name)
                plan[school][Path(relative).name] = kind
    else:
        (root / "oakfield" / "complaints.txt").write_text(OWN_COMPLAINTS, "utf-8")
        plan["oakfield"]["complaints.txt"] = "complaints"
        shutil.copy(sample("cherry-trees", "docx"), root / "oakfield" / "social-media.docx")
        plan["oakfield"]["social-media.docx"] = "social_media"
        (root / "riverside" / "safeguarding.txt").write_text(OWN_SAFEGUARDING, "utf-8")
        (root / "riverside" / "whistleblowing.txt").write_text(OWN_WHISTLEBLOWING, "utf-8")
        plan["riverside"].update({"safeguarding.txt": "child_protection_safeguarding", "whistleblowing.txt": "whistleblowing"})
    shutil.copy(sample("westhaven", "pdf"), root / "hilltop" / "social-media.pdf")
    plan["hilltop"]["social-media.pdf"] = "social_media"
    # One damaged PDF (cut short) and one old Word file: listed, never fatal.
    (root / "hilltop" / "damaged.pdf").write_bytes(sample("westhaven", "pdf").read_bytes()[:2000])
    (root / "oakfield" / "old-policy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old Word file")
    (root / "schools.toml").write_text('[schools.oakfield]\nname = "Oakfield Primary School"\ntype = "maintained"\n', "utf-8")
    return plan


@pytest.fixture
def register(tmp_path):
    trust = tmp_path / "trust"
    plan = build_trust(trust)
    out = tmp_path / "out" / "register.json"
    result = CliRunner().invoke(main, ["compare", str(trust), "-o", str(out), "--as-of", AS_OF])
    return trust, plan, out, result


def test_register_cells_not_read_list_and_exit_status(register):
    trust, plan, out, result = register
    assert result.exit_code == 3, result.output  # report written, some files not read
    assert "Traceback" not in result.output
    data = json.loads(out.read_text("utf-8"))
    assert data["schema"] == "policykit.compare/2"

    # Schools are the folders; the mapping names one and makes it maintained.
    schools = {row["id"]: row for row in data["schools"]}
    assert set(schools) == {"oakfield", "riverside", "hilltop"}
    assert schools["oakfield"]["name"] == "Oakfield Primary School" and schools["oakfield"]["type"] == "maintained"
    assert schools["hilltop"]["type"] == "academy"

    # Not read: the damaged PDF and the .doc, each with a one-line reason.
    not_read = {Path(item["file"]).name: item for item in data["not_read"]}
    assert set(not_read) == {"damaged.pdf", "old-policy.doc"}
    assert not_read["old-policy.doc"]["school"] == "oakfield" and ".docx" in not_read["old-policy.doc"]["reason"]
    assert not_read["damaged.pdf"]["school"] == "hilltop" and "\n" not in not_read["damaged.pdf"]["reason"]
    assert "policykit: not read: " in result.output

    # Every document read lands in its folder's school, in the cell of its own type.
    cells = {(cell["school"], cell["policy_type"]): cell for cell in data["register"]}
    documents = {doc["id"]: doc for doc in data["documents"]}
    for school, files in plan.items():
        for name, kind in files.items():
            assert documents[name]["school"] == school, name
            assert documents[name]["policy_type"]["id"] == kind, name
            assert name in cells[(school, kind)]["documents"], (school, kind)
            assert cells[(school, kind)]["status"] in ("present", "overdue", "undated")
    # A statutory type nobody holds is missing; one not statutory for that kind of school is not.
    assert cells[("hilltop", "behaviour")]["status"] == "missing"
    assert cells[("oakfield", "teachers_pay")]["status"] == "missing"  # statutory for maintained schools
    assert cells[("hilltop", "teachers_pay")]["status"] == "not-required"  # not for academies
    # Reviews: the sample's next review (2026) is in date as of 2024-09-01.
    assert cells[("hilltop", "social_media")]["status"] == "present"
    if shared_dir() is not None and "2019-anti-bullying-policy.pdf" in plan["oakfield"]:
        assert cells[("oakfield", "anti_bullying")]["status"] == "overdue"  # next review September 2020
        assert cells[("riverside", "child_protection_safeguarding")]["status"] == "overdue"
        # Documents name their own schools; a folder's name is what the register uses, and differences show.
        assert documents["Complaints-Procedure-2019.pdf"]["school_mismatch"] is True
        assert "Complaints-Procedure-2019.pdf" in schools["oakfield"]["mismatched_documents"]
    else:
        assert cells[("oakfield", "complaints")]["status"] == "overdue"  # next review July 2023
    # Each document is checked against its own type's catalogue, never another's.
    for doc in data["documents"]:
        assert doc["catalogue"] in (doc["policy_type"]["id"], None)


def test_register_html_links_each_cell_to_the_document_detail(register, tmp_path):
    trust, plan, out, result = register
    html = tmp_path / "out" / "register.html"
    again = CliRunner().invoke(main, ["compare", str(trust), "-o", str(html), "--as-of", AS_OF])
    assert again.exit_code == 3
    page = html.read_text("utf-8")
    assert page.count('<tr data-school="') >= 3 and "Not read (2)" in page
    import re

    for anchor in set(re.findall(r'<td class="rcell [^"]+"[^>]*>\s*<a href="#(doc-\d+)"', page)):
        assert f'id="{anchor}"' in page
    assert "old-policy.doc" in page and "damaged.pdf" in page


def test_a_folder_of_models_is_matched_by_type_and_never_a_school(register, tmp_path):
    trust, plan, out, result = register
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(sample("hampshire"), models / "model-social-media.txt")
    out2 = tmp_path / "out2" / "register.json"
    result = CliRunner().invoke(main, ["compare", str(trust), "--baseline", str(models), "-o", str(out2), "--as-of", AS_OF])
    assert result.exit_code == 3, result.output
    data = json.loads(out2.read_text("utf-8"))
    assert [model["policy_type"] for model in data["models"]] == ["social_media"]
    assert all(doc["id"] != "model-social-media.txt" for doc in data["documents"])
    drifted = {doc["id"] for doc in data["documents"] if doc["model"]}
    social = {doc["id"] for doc in data["documents"] if doc["policy_type"]["id"] == "social_media"}
    assert drifted == social and set(data["divergence"]) == social


def test_exit_status_zero_when_every_file_is_read(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(SAMPLES / sample("mowbray").name, folder)
    out = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["compare", str(folder), "-o", str(out), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text("utf-8"))["not_read"] == []


def test_a_bad_school_mapping_is_one_line_exit_2(tmp_path):
    trust = tmp_path / "trust"
    (trust / "a").mkdir(parents=True)
    shutil.copy(sample("mowbray"), trust / "a")
    (trust / "schools.toml").write_text('[schools.a]\nname = "A"\ntype = "free school"\n', "utf-8")
    result = CliRunner().invoke(main, ["compare", str(trust), "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 2 and "schools.toml" in result.output and "type" in result.output
    assert not (tmp_path / "r.json").exists()


def test_html_filters_by_school_and_type_in_a_real_browser(register, tmp_path):
    """Choose a school and a policy type in headless Chromium: other rows and columns hide."""
    import re
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("no chromium on this machine")
    trust, plan, out, result = register
    html = tmp_path / "out" / "register.html"
    CliRunner().invoke(main, ["compare", str(trust), "-o", str(html), "--as-of", AS_OF])
    choose = ('<script>var s=document.getElementById("filter-school");s.value="riverside";'
              's.dispatchEvent(new Event("change"));var t=document.getElementById("filter-type");'
              't.value="whistleblowing";t.dispatchEvent(new Event("change"));</script></body>')
    page = html.read_text("utf-8").replace("</body>", choose)
    path = tmp_path / "filtered.html"
    path.write_text(page, encoding="utf-8")
    try:
        dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()],
                             capture_output=True, text=True, timeout=60).stdout
    except subprocess.TimeoutExpired:
        pytest.skip("chromium did not answer in time")
    register_table = dom.split('<table class="register')[1].split("</table>")[0]
    rows = re.findall(r'<tr data-school="([^"]+)"( hidden="")?', register_table)
    assert {school for school, hidden in rows if not hidden} == {"riverside"}
    columns = re.findall(r'<th class="sortable ptype"[^>]*>', register_table)
    visible = [re.search(r'data-ptype="([^"]+)"', tag).group(1) for tag in columns if " hidden" not in tag]
    assert visible == ["whistleblowing"], visible


def test_a_report_written_inside_the_trust_folder_is_not_a_school(tmp_path, monkeypatch):
    trust = tmp_path / "trust"
    (trust / "a").mkdir(parents=True)
    shutil.copy(sample("mowbray"), trust / "a")
    monkeypatch.chdir(trust)
    for _ in range(2):  # the second run finds the first run's output folder in the trust folder
        result = CliRunner().invoke(main, ["compare", ".", "-o", "output/register.json", "--as-of", AS_OF])
        assert result.exit_code == 0, result.output
    data = json.loads((trust / "output" / "register.json").read_text("utf-8"))
    assert [row["id"] for row in data["schools"]] == ["a"] and data["not_read"] == []
