"""QA: every Word (and Excel) file policykit writes is a sound OOXML package that
LibreOffice opens.

Covered: the diff's tracked-changes DOCX, the generated policy, blank and per-staff
declarations, the model policy, the sign-off workbook, and the sample renditions in
source_policies/. Hygiene is checked directly on the ZIP (every XML part parses,
every part has a content type, every override and internal relationship points at
a part that exists, no relationship reaches outside but a link to a file beside it); where soffice is installed
the DOCX files are converted headless to PDF in one LibreOffice run and the PDF
text is checked for words each file must contain.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import REPO, SAMPLES, sample
from toolkit.cli import main

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

OLD = """Staff Social Media Policy
Version: 1.0

1. Purpose
1.1 This policy sets out how staff use social media.

2. Conduct
2.1 Staff must not accept pupils as friends or followers.
2.2 Staff keep their accounts private.
"""
NEW = OLD.replace("Version: 1.0", "Version: 2.0").replace("friends or followers", "friends, followers or contacts") \
    .replace("2.2 Staff keep their accounts private.\n", "") + "\n3. Review\n3.1 Governors review this policy every year.\n"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("docx")
    (root / "old.txt").write_text(OLD, encoding="utf-8")
    (root / "new.txt").write_text(NEW, encoding="utf-8")
    runner = CliRunner()
    diffed = runner.invoke(main, ["diff", str(root / "old.txt"), str(root / "new.txt"), "-o", str(root / "changes.docx")])
    assert diffed.exit_code == 1, diffed.output
    generated = runner.invoke(main, [
        "generate", "-p", str(REPO / "templates" / "samples" / "sample-profile.toml"),
        "--staff", str(REPO / "templates" / "samples" / "staff.csv"), "--model", "--no-pdf",
        "-o", str(root / "gen"), "--timestamp", "2025-03-21T09:00:00",
    ])
    assert generated.exit_code == 0, generated.output
    school = root / "gen" / "oakfield-primary-school"
    return {
        "changes.docx": root / "changes.docx",
        "policy.docx": school / "policy.docx",
        "declaration.docx": school / "declaration.docx",
        "staff-declarations.docx": school / "staff-declarations.docx",
        "model.docx": school / "model.docx",
        "signoff.xlsx": school / "signoff.xlsx",
        "rendition.docx": sample("westhaven", "docx"),
    }


def ooxml_problems(path: Path) -> list[str]:
    """What is wrong with an OOXML package, as a list (empty when sound)."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as package:
        names = {name for name in package.namelist() if not name.endswith("/")}
        if package.testzip() is not None:
            problems.append("a ZIP member fails its CRC check")
        parsed = {}
        for name in names:
            if name.endswith((".xml", ".rels")):
                try:
                    parsed[name] = etree.fromstring(package.read(name))
                except etree.XMLSyntaxError as exc:
                    problems.append(f"{name}: XML does not parse: {exc}")
        types = parsed.get("[Content_Types].xml")
        if types is None:
            return problems + ["no [Content_Types].xml"]
        defaults = {node.get("Extension").lower() for node in types.iter(f"{CT}Default")}
        overrides = {node.get("PartName").lstrip("/") for node in types.iter(f"{CT}Override")}
        problems += [f"content type override for a missing part {name}" for name in sorted(overrides - names)]
        for name in sorted(names - {"[Content_Types].xml"}):
            if name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
                problems.append(f"{name}: no content type")
        if "_rels/.rels" not in names:
            problems.append("no package relationships (_rels/.rels)")
        for name in sorted(n for n in names if n.endswith(".rels")):
            source_folder = posixpath.dirname(posixpath.dirname(name))
            for rel in parsed.get(name, []):
                target = rel.get("Target", "")
                if rel.get("TargetMode") == "External":
                    # Only a hyperlink to a file beside the workbook (the trust report's
                    # diff pages) may point outside; nothing may reach the network.
                    local_link = rel.get("Type", "").endswith("/hyperlink") and not re.match(r"^[a-z][a-z0-9+.-]*:|^//|^/", target, re.I)
                    if not local_link:
                        problems.append(f"{name}: external relationship to {target}")
                    continue
                resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(source_folder, target))
                if resolved not in names:
                    problems.append(f"{name}: relationship {rel.get('Id')} points at missing part {resolved}")
    return problems


@pytest.mark.parametrize("name", ["changes.docx", "policy.docx", "declaration.docx", "staff-declarations.docx",
                                  "model.docx", "signoff.xlsx", "rendition.docx"])
def test_ooxml_package_is_sound(outputs, name):
    assert ooxml_problems(outputs[name]) == []


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.docx")), ids=lambda path: path.name[:20])
def test_every_rendition_is_sound(path):
    assert ooxml_problems(path) == []


def test_checker_catches_a_dangling_relationship(tmp_path, outputs):
    """The hygiene check can fail: drop a part that document.xml.rels points at."""
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(outputs["policy.docx"]) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            if item.filename != "word/styles.xml":
                target.writestr(item, source.read(item.filename))
    problems = ooxml_problems(broken)
    assert any("word/styles.xml" in problem for problem in problems), problems


# Words each converted PDF must hold: proof LibreOffice read the content, not just the wrapper.
EXPECTED_TEXT = {
    "changes.docx": ["contacts", "Governors review this policy every year"],
    "policy.docx": ["Oakfield Primary School", "Staff Social Media Policy"],
    "declaration.docx": ["Staff declaration", "Oakfield Primary School"],
    "staff-declarations.docx": ["Tomasz Nowak", "Kwame Mensah"],
    "model.docx": ["[School name]"],
    "rendition.docx": ["Westhaven"],
}


def test_libreoffice_converts_every_docx(outputs, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path / "in"
    folder.mkdir()
    for name in EXPECTED_TEXT:
        shutil.copyfile(outputs[name], folder / name)
    pdfs = tmp_path / "pdf"
    completed = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(pdfs), *(str(folder / name) for name in EXPECTED_TEXT)],
        capture_output=True, text=True, timeout=180,
    )
    assert completed.returncode == 0, completed.stderr
    pdftotext = shutil.which("pdftotext")
    for name, words in EXPECTED_TEXT.items():
        pdf = pdfs / (Path(name).stem + ".pdf")
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), (name, completed.stdout, completed.stderr)
        if pdftotext:
            text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=30).stdout
            flat = " ".join(text.split())
            for word in words:
                assert word in flat, (name, word, flat[:500])
