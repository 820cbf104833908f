"""Generated Word files stay live: references follow their clause, the contents list is a
field, and each person's declaration numbers its own pages.

The LibreOffice test does what a head would do: insert a section into policy.docx before
the clause a reference points at, open it (LibreOffice recomputes REF fields when it lays
the document out), and read the PDF: the reference must show the clause's new number.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from test_adopt_docx import PROFILE as ADOPT_PROFILE
from test_adopt_docx import build_model_a

from toolkit.adopt import adopt_model
from toolkit.generate.api import generate_policy
from toolkit.generate.templates import builtin_samples_dir

STAMP = dt.datetime(2025, 3, 21, 9, 0, tzinfo=dt.UTC)
SAMPLES = builtin_samples_dir()
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("live")
    return generate_policy(SAMPLES / "sample-profile.toml", SAMPLES / "staff.csv", out, timestamp=STAMP, pdf=False)


def _document(path: Path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def test_every_reference_is_a_ref_field_to_a_bookmark_on_its_clause(generated):
    root = _document(generated.outputs["policy.docx"])
    bookmarks = {b.get(_q("name")): b.getparent() for b in root.iter(_q("bookmarkStart"))}
    instructions = [i.text.split() for i in root.iter(_q("instrText")) if i.text.split()[0] == "REF"]
    # Every ref() of the template that points at an automatically numbered clause (all do).
    assert len(instructions) == len(generated.references)
    for words in instructions:
        assert words[2:4] == ["\\w", "\\h"]
        assert words[1] in bookmarks, words
    # The cached result is the number printed, and the bookmark sits on that clause.
    labels = {label: number for _, label, number in generated.references}
    for label in labels:
        paragraph = bookmarks["_Ref_" + label.replace("-", "_")]
        assert paragraph.find(f"{_q('pPr')}/{_q('numPr')}") is not None, label
    results = []
    for p in root.iter(_q("p")):
        inside, text = False, ""
        for element in p.iter(_q("fldChar"), _q("t"), _q("instrText")):
            if element.tag == _q("instrText") and element.text.split()[0] == "REF":
                inside = True
            elif element.tag == _q("fldChar") and element.get(_q("fldCharType")) == "end" and inside:
                results.append(text)
                inside, text = False, ""
            elif element.tag == _q("t") and inside:
                text += element.text
    assert sorted(results) == sorted(number for _, _, number in generated.references)


def test_contents_list_is_a_toc_field(generated):
    root = _document(generated.outputs["policy.docx"])
    toc = [i.text.strip() for i in root.iter(_q("instrText")) if i.text.strip().startswith("TOC")]
    assert toc == ['TOC \\o "1-1" \\h \\z \\u']
    sdt = next(root.iter(_q("sdt")))
    assert sdt.find(f"{_q('sdtPr')}/{_q('docPartObj')}/{_q('docPartGallery')}").get(_q("val")) == "Table of Contents"
    entries = ["".join(t.text for t in p.iter(_q("t"))) for p in sdt.iter(_q("p"))][1:]
    sections = [c for c in generated.document.clauses if c.heading]
    assert entries == [f"{c.number}.{c.heading}" for c in sections]


def _pdf_text(soffice: str, files: list[Path], out: Path, profile: Path) -> dict[str, str]:
    completed = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(out), *map(str, files)], capture_output=True, text=True, timeout=240)
    assert completed.returncode == 0, completed.stderr
    texts = {}
    for path in files:
        pdf = out / (path.stem + ".pdf")
        texts[path.name] = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                          check=True).stdout
    return texts


def _insert_section_before(path: Path, target: Path, bookmark: str, title: str) -> None:
    """A new automatically numbered section heading, put in front of the section that holds
    ``bookmark`` (as a head would insert one in Word)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    marked = next(b for b in root.iter(_q("bookmarkStart")) if b.get(_q("name")) == bookmark).getparent()
    heading = marked
    while heading is not None and (heading.find(f"{_q('pPr')}/{_q('pStyle')}") is None
                                   or heading.find(f"{_q('pPr')}/{_q('pStyle')}").get(_q("val")) != "Heading1"):
        heading = heading.getprevious()
    new = etree.fromstring(
        f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>'
        f'</w:numPr></w:pPr><w:r><w:t>{title}</w:t></w:r></w:p>')
    heading.addprevious(new)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_libreoffice_updates_references_after_a_section_is_inserted(generated, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed")
    numbers = {label: number for _, label, number in generated.references}
    # "clause 12.2 on consent for images": the clause labelled image_consent, in the images section.
    assert numbers["image-consent"] == "12.2" and numbers["images"] == "12"
    edited = tmp_path / "edited.docx"
    _insert_section_before(generated.outputs["policy.docx"], edited, "_Ref_image_consent", "Visitors and volunteers")
    policy = tmp_path / "policy.docx"
    shutil.copyfile(generated.outputs["policy.docx"], policy)
    declarations = tmp_path / "staff-declarations.docx"
    shutil.copyfile(generated.outputs["staff-declarations.docx"], declarations)
    profile = tmp_path / "school.toml"
    profile.write_text(ADOPT_PROFILE, encoding="utf-8")
    adopted = adopt_model(build_model_a(tmp_path / "model-a.docx"), profile, tmp_path / "adopted",
                          mapping=_mapping(tmp_path), timestamp=STAMP).outputs["model-a.docx"]
    texts = _pdf_text(soffice, [policy, edited, declarations, adopted], tmp_path / "pdf", tmp_path / "lo")

    before = " ".join(texts["policy.docx"].split())
    after = " ".join(texts["edited.docx"].split())
    # As generated: the references print the numbers rendered.
    assert "must follow clause 12.2 on consent for images" in before
    assert "12. Visitors and volunteers" not in before
    # After inserting a section before section 12, LibreOffice renumbers the clauses and
    # the references with them.
    assert "12. Visitors and volunteers" in after
    assert "must follow clause 13.2 on consent for images" in after
    assert "clause 12.2" not in after
    # References before the insertion point that point after it move too ("Section 26 lists...").
    legislation = numbers["legislation"]
    assert f"Section {legislation} lists the legislation" in before
    assert f"Section {int(legislation) + 1} lists the legislation" in after

    # Each of the six declarations numbers its own pages: "Page 1 of 1", never "Page 4 of 6".
    pages = re.findall(r"Page (\d+) of (\d+)", texts["staff-declarations.docx"])
    assert len(pages) == 6 and set(pages) == {("1", "1")}, pages

    # The adopted model converts, filled.
    adopted_text = " ".join(texts["model-a.docx"].split())
    assert "every member of staff at Oakfield Primary School" in adopted_text
    assert "The designated safeguarding lead is Mr Ben Example." in adopted_text
    assert "[" not in adopted_text


def _mapping(tmp_path: Path) -> Path:
    path = tmp_path / "mapping.toml"
    path.write_text('[sections]\n"Official school accounts" = false\n', encoding="utf-8")
    return path
