"""`policykit adopt` on two Word models written here, in the forms trusts' models use.

Model A (python-docx): placeholders split across runs, a run-level content control,
<<angle brackets>>, a highlighted placeholder, a drafting note, an image, a table, a
header placeholder, Word's own list numbering, typed section numbers, and a highlighted
optional section with a typed cross-reference after it.
Model B (raw WordprocessingML): mail-merge fields (simple and complex), a block-level
content control named by its title, automatic heading numbering, an [Optional: name]
section decided by a profile option, a kept drafting note, a footer placeholder.

Expectations are written from the models as built below, not from the program's output.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from lxml import etree

from toolkit.adopt import adopt_model, scan_model
from toolkit.cli import main
from toolkit.diff import Status, diff_documents
from toolkit.readers import read_document

STAMP = dt.datetime(2025, 9, 15, 9, 0, tzinfo=dt.UTC)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

PROFILE = """\
school_name = "Oakfield Primary School"
school_type = "primary"
trust = "Northway Learning Trust"
headteacher = "Ms Ada Example"
designated_safeguarding_lead = "Mr Ben Example"
deputy_safeguarding_lead = "Mrs Cara Example"
data_protection_officer = "Schools DPO Service"
chair_of_governors = "Dr Dev Example"
approving_body = "full governing board"
approval_date = "15/09/2025"
review_cycle_years = 1
version = "2.0"
pupil_age_range = "4-11"

[options]
official_accounts = false
"""


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _run_sdt(tag: str, shown: str):
    sdt = etree.SubElement(etree.Element("x"), qn("w:sdt"))
    props = etree.SubElement(sdt, qn("w:sdtPr"))
    etree.SubElement(props, qn("w:tag")).set(qn("w:val"), tag)
    etree.SubElement(props, qn("w:showingPlcHdr"))
    etree.SubElement(props, qn("w:text"))
    content = etree.SubElement(sdt, qn("w:sdtContent"))
    run = etree.SubElement(content, qn("w:r"))
    rpr = etree.SubElement(run, qn("w:rPr"))
    etree.SubElement(rpr, qn("w:rStyle")).set(qn("w:val"), "PlaceholderText")
    etree.SubElement(run, qn("w:t")).text = shown
    return sdt


def build_model_a(path: Path) -> Path:
    document = docx.Document()
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.add_run("Online Safety Policy: ")
    header.add_run("[School")
    header.add_run(" name]")
    section.footer.paragraphs[0].add_run("Model policy of the trust, September 2025")

    document.add_paragraph("Online Safety Policy", style="Title")
    intro = document.add_paragraph("This policy applies to every member of staff at ")
    intro.add_run("[Scho")
    intro.add_run("ol na").bold = True
    intro.add_run("me]")
    intro.add_run(", whatever their role.")

    document.add_heading("1. Purpose", level=1)
    document.add_paragraph("Staff use the internet safely and model safe use to pupils.")
    document.add_paragraph("[Drafting note: schools should adapt this section to their own arrangements.]")

    document.add_heading("2. Roles", level=1)
    dsl = document.add_paragraph("The designated safeguarding lead is ")
    dsl._p.append(_run_sdt("DSL", "Click or tap here to enter text."))
    dsl.add_run(".")
    head = document.add_paragraph("The headteacher, <<Head")
    head.add_run("teach").italic = True
    head.add_run("er>>, approves the filtering and monitoring arrangements.")
    dpo = document.add_paragraph("Data protection questions go to ")
    dpo.add_run("Data Protection Officer").font.highlight_color = WD_COLOR_INDEX.YELLOW
    dpo.add_run(".")
    document.add_paragraph("Staff report concerns as set out in section 4.")
    document.add_paragraph("Staff read this policy every year.", style="List Number")
    document.add_paragraph("Staff complete online safety training.", style="List Number")
    document.add_picture(io.BytesIO(_png()))

    heading = document.add_heading("", level=1)
    heading.add_run("3. Official school accounts").font.highlight_color = WD_COLOR_INDEX.YELLOW
    inside = document.add_paragraph()
    inside.add_run("[School name] runs accounts on social media sites.").font.highlight_color = WD_COLOR_INDEX.YELLOW
    document.add_paragraph("Only approved staff post on the school's accounts.", style="List Number")

    document.add_heading("4. Reporting", level=1)
    document.add_paragraph("Staff report any concern to the designated safeguarding lead the same day.")
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Approved"
    table.cell(0, 1).text = "[Date approved]"
    table.cell(1, 0).text = "Next review"
    table.cell(1, 1).text = "[Review date]"
    document.core_properties.title = "Online Safety Policy"
    document.save(path)
    return path


# --- Model B: raw WordprocessingML --------------------------------------------------------

_B_DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Acceptable Use Policy</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Adopted by </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD SchoolName \\* MERGEFORMAT "><w:r><w:rPr><w:noProof/></w:rPr><w:t>«SchoolName»</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve">, a member of </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD  Trust </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>«Trust»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Scope</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>This policy covers every device the school provides.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>[Note: trusts may add their own device list here.]</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">[Optional: official_accounts] </w:t></w:r><w:r><w:t>Official accounts</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>The school's accounts are run by named staff.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Contacts</w:t></w:r></w:p>
<w:sdt><w:sdtPr><w:alias w:val="Chair of governors"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>Enter the chair's name.</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t xml:space="preserve">Questions about data go to </w:t></w:r><w:r><w:t>&lt;&lt;DPO&gt;&gt;</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>The policy is reviewed every year.</w:t></w:r></w:p>
<w:sectPr><w:footerReference w:type="default" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>
</w:body></w:document>
"""

_B_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:rPr><w:sz w:val="40"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/></w:style>
</w:styles>
"""

_B_NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>
"""

_B_FOOTER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="{W}"><w:p><w:r><w:t>[School name] acceptable use policy</w:t></w:r></w:p></w:ftr>
"""

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def build_model_b(path: Path) -> Path:
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.styles+xml"/>'
            '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.numbering+xml"/>'
            '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.footer+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/numbering" Target="numbering.xml"/>'
            f'<Relationship Id="rId9" Type="{_REL}/footer" Target="footer1.xml"/></Relationships>'),
        "word/document.xml": _B_DOCUMENT,
        "word/styles.xml": _B_STYLES,
        "word/numbering.xml": _B_NUMBERING,
        "word/footer1.xml": _B_FOOTER,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return path


# --- helpers ------------------------------------------------------------------------------


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _paragraphs(data: bytes) -> list:
    return list(etree.fromstring(data).iter(f"{{{W}}}p"))


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))


def _all_text(path: Path) -> str:
    parts = _parts(path)
    return "\n".join(_text(p) for name, data in parts.items()
                     if name.startswith("word/") and name.endswith(".xml") and b"<w:p" in data
                     for p in _paragraphs(data))


@pytest.fixture
def profile(tmp_path) -> Path:
    path = tmp_path / "school.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


# --- model A --------------------------------------------------------------------------------


def test_model_a_places_are_listed_with_suggested_fields(tmp_path):
    model = build_model_a(tmp_path / "model-a.docx")
    found = scan_model(model)
    names = sorted(p.name for p in found.unfilled)
    # The school's name: in the header, the introduction and the optional section.
    assert names == sorted(["School name", "School name", "School name", "DSL", "Headteacher", "Data Protection Officer",
                            "Date approved", "Review date"])
    kinds = {p.name: p.kind for p in found.unfilled}
    assert kinds["DSL"] == "content-control" and kinds["Data Protection Officer"] == "highlight"
    assert kinds["Headteacher"] == "angle"
    assert [s.heading for s in found.sections_undecided] == ["3. Official school accounts"]
    assert len(found.notes_kept) == 1
    result = CliRunner().invoke(main, ["adopt", "--list", str(model)])
    assert result.exit_code == 0, result.output
    assert '"Headteacher" = "headteacher"' in result.output
    assert '"DSL" = "designated_safeguarding_lead"' in result.output
    assert '"Review date" = "next_review_date"' in result.output


def test_model_a_adopted_fully(tmp_path, profile):
    model = build_model_a(tmp_path / "model-a.docx")
    before = model.read_bytes()
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[sections]\n"Official school accounts" = "official_accounts"\n', encoding="utf-8")
    result = adopt_model(model, profile, tmp_path / "out", mapping=mapping, timestamp=STAMP)
    assert model.read_bytes() == before  # the model is never changed
    assert result.unfilled == ()
    adopted = result.outputs["model-a.docx"]

    text = _all_text(adopted)
    for mark in ("[", "]", "<<", ">>", "Click or tap"):
        assert mark not in text
    assert "This policy applies to every member of staff at Oakfield Primary School, whatever their role." in text
    assert "The designated safeguarding lead is Mr Ben Example." in text
    assert "The headteacher, Ms Ada Example, approves" in text
    assert "Data protection questions go to Schools DPO Service." in text
    assert "Online Safety Policy: Oakfield Primary School" in text  # the header
    assert "15 September 2025" in text and "15 September 2026" in text  # the table
    # The optional section went, and the typed numbers after it closed the gap.
    assert "Official school accounts" not in text and "runs accounts" not in text
    assert "3. Reporting" in text and "4. Reporting" not in text
    assert "as set out in section 3." in text
    assert "Drafting note" not in text

    old, new = _parts(model), _parts(adopted)
    # Styles, lists, settings, the image and the footer are the model's, byte for byte.
    for name in ("word/styles.xml", "word/numbering.xml", "word/settings.xml", "word/footer1.xml"):
        if name in old:
            assert new[name] == old[name], name
    assert [n for n in old if n.startswith("word/media/")] == [n for n in new if n.startswith("word/media/")]
    for name in (n for n in old if n.startswith("word/media/")):
        assert new[name] == old[name]
    # Untouched paragraphs are the model's XML exactly.
    untouched = ("Online Safety Policy", "Staff use the internet safely and model safe use to pupils.",
                 "2. Roles", "Staff read this policy every year.", "Staff complete online safety training.",
                 "Staff report any concern to the designated safeguarding lead the same day.")
    old_ps = {_text(p): etree.tostring(p) for p in _paragraphs(old["word/document.xml"])}
    new_ps = {_text(p): etree.tostring(p) for p in _paragraphs(new["word/document.xml"])}
    for wording in untouched:
        assert new_ps[wording] == old_ps[wording], wording
    # The picture is still in the body.
    assert b"<a:blip" in new["word/document.xml"] or b"blip" in new["word/document.xml"]


def test_model_a_diff_lists_exactly_the_filled_places_and_the_dropped_section(tmp_path, profile):
    model = build_model_a(tmp_path / "model-a.docx")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[sections]\n"Official school accounts" = false\n', encoding="utf-8")
    result = adopt_model(model, profile, tmp_path / "out", mapping=mapping, timestamp=STAMP)
    diff = diff_documents(read_document(model), read_document(result.outputs["model-a.docx"]))
    changed = {c.status: [] for c in diff.changes}
    for change in diff.changes:
        clause = change.old or change.new
        changed[change.status].append((clause.heading or "") + clause.text)
    removed = changed.get(Status.REMOVED, [])
    modified = [c for c in diff.changes if c.modified]
    # What was filled (by reading the model): the intro, DSL, headteacher, DPO and the
    # reference to section 4 (now 3); the drafting note and the section (its heading,
    # paragraph and list item) are gone; "4. Reporting" is only renumbered.
    assert sorted(text for text in removed) == sorted([
        "[Drafting note: schools should adapt this section to their own arrangements.]",
        "Official school accounts", "[School name] runs accounts on social media sites.",
        "Only approved staff post on the school's accounts."]), removed
    modified_old = sorted((c.old.heading or "") + c.old.text for c in modified)
    assert len(modified_old) == 5, modified_old
    for expected in ("This policy applies to every member of staff at [School name]",
                     "The designated safeguarding lead is", "<<Headteacher>>", "go to Data Protection Officer",
                     "as set out in section 4."):
        assert any(expected in text for text in modified_old), (expected, modified_old)
    # The Approved / Next review table and the running header are read as the policy's
    # metadata: their three places (the school's name now also names the school).
    assert sorted((m.field, m.old or "", m.new) for m in diff.metadata_changes) == [
        ("Online Safety Policy", "[School name]", "Oakfield Primary School"),
        ("approved", "[Date approved]", "15 September 2025"),
        ("next_review", "[Review date]", "15 September 2026"),
        ("school", "", "Oakfield Primary School")]
    assert Status.ADDED not in changed
    html = result.outputs["model-a-changes.html"].read_text(encoding="utf-8")
    assert "Oakfield Primary School" in html
    assert "policykit-adopt-" not in html and "oakfield-primary-school/model-a.docx" in html  # named as written
    with zipfile.ZipFile(result.outputs["model-a-changes.docx"]) as archive:
        body = archive.read("word/document.xml")
    assert b"<w:ins " in body and b"<w:del " in body


def test_unfilled_places_are_named_and_exit_1(tmp_path):
    model = build_model_a(tmp_path / "model-a.docx")
    profile = tmp_path / "school.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    # No mapping: the optional section stays undecided; a profile without a DPO value mapping
    # still fills it, so blank the table's review date with a name nothing knows.
    result = CliRunner().invoke(main, ["adopt", str(model), "--profile", str(profile), "-o", str(tmp_path / "o"),
                                       "--timestamp", "2025-09-15T09:00:00Z"])
    assert result.exit_code == 1, result.output
    assert 'optional section "3. Official school accounts"' in result.output
    assert "model-a.docx: paragraph" in result.output
    allowed = CliRunner().invoke(main, ["adopt", str(model), "--profile", str(profile), "-o", str(tmp_path / "o"),
                                        "--allow-unfilled"])
    assert allowed.exit_code == 0, allowed.output


def test_a_place_with_no_field_is_reported_with_its_paragraph(tmp_path, profile):
    model = tmp_path / "m.docx"
    document = docx.Document()
    document.add_paragraph("Intro.")
    document.add_paragraph("Call the LADO on [LADO telephone] at once.")
    # Not places: a citation, a footnote marker, a list marker, [sic].
    document.add_paragraph("A child is anyone under 18 [Source: https://www.legislation.gov.uk/] [1] [a] [sic].")
    document.save(model)
    result = adopt_model(model, profile, tmp_path / "out", timestamp=STAMP)
    assert [(u.paragraph, u.text) for u in result.unfilled] == [(2, "[LADO telephone]")]
    assert "Call the LADO on [LADO telephone] at once." in result.unfilled[0].line()
    mapping = tmp_path / "map.toml"
    mapping.write_text('[values]\n"LADO telephone" = "01234 567890"\n', encoding="utf-8")
    again = adopt_model(model, profile, tmp_path / "out", mapping=mapping, timestamp=STAMP)
    assert again.unfilled == ()
    assert "Call the LADO on 01234 567890 at once." in _all_text(again.outputs["m.docx"])


# --- model B --------------------------------------------------------------------------------


def test_model_b_merge_fields_content_control_and_optional_section(tmp_path, profile):
    model = build_model_b(tmp_path / "model-b.docx")
    found = scan_model(model)
    assert sorted((p.kind, p.name) for p in found.unfilled) == sorted([
        ("merge-field", "SchoolName"), ("merge-field", "Trust"), ("content-control", "Chair of governors"),
        ("angle", "DPO"), ("brackets", "School name")])
    assert [s.name for s in found.sections_undecided] == ["official_accounts"]

    profile.write_text(PROFILE + '\n[adopt]\ndrafting_notes = "keep"\n', encoding="utf-8")
    result = adopt_model(model, profile, tmp_path / "out", timestamp=STAMP)
    assert result.unfilled == ()
    adopted = _parts(result.outputs["model-b.docx"])
    old = _parts(model)
    paragraphs = [_text(p) for p in _paragraphs(adopted["word/document.xml"])]
    assert paragraphs == [
        "Acceptable Use Policy",
        "Adopted by Oakfield Primary School, a member of Northway Learning Trust.",
        "Scope",
        "This policy covers every device the school provides.",
        "[Note: trusts may add their own device list here.]",  # kept: drafting_notes = "keep"
        "Contacts",
        "Dr Dev Example",
        "Questions about data go to Schools DPO Service.",
        "The policy is reviewed every year.",
    ]
    assert b"MERGEFIELD" not in adopted["word/document.xml"] and b"showingPlcHdr" not in adopted["word/document.xml"]
    assert _text(_paragraphs(adopted["word/footer1.xml"])[0]) == "Oakfield Primary School acceptable use policy"
    # The third heading keeps its automatic numbering (Word prints "2." now: no gap to close by hand).
    old_ps = _paragraphs(old["word/document.xml"])
    new_ps = _paragraphs(adopted["word/document.xml"])
    assert etree.tostring(new_ps[5]) == etree.tostring(old_ps[7])
    for name in ("word/styles.xml", "word/numbering.xml"):
        assert adopted[name] == old[name].encode() if isinstance(old[name], str) else adopted[name] == old[name]
    # The reader sees the renumbered headings as Word would show them.
    numbers = [c.number for c in read_document(result.outputs["model-b.docx"]).clauses if c.heading]
    assert numbers[:2] == ["1", "2"]


def test_bad_model_is_one_line(tmp_path, profile):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    result = CliRunner().invoke(main, ["adopt", str(bad), "--profile", str(profile), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and "broken.docx" in result.output
    other = tmp_path / "model.pdf"
    other.write_bytes(b"%PDF-1.4")
    result = CliRunner().invoke(main, ["adopt", str(other), "--profile", str(profile)])
    assert result.exit_code == 2 and "model.pdf: a model must be a Word (.docx) or Markdown (.md)" in result.output


def test_mapping_file_errors_name_the_entry(tmp_path, profile):
    model = build_model_b(tmp_path / "model-b.docx")
    mapping = tmp_path / "map.toml"
    mapping.write_text('[placeholders]\n"DPO" = "data_protection_oficer"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["adopt", str(model), "--profile", str(profile), "--mapping", str(mapping)])
    assert result.exit_code == 2
    assert "did you mean 'data_protection_officer'?" in result.output





def test_paragraphs_in_a_drafting_note_style_are_notes(tmp_path, profile):
    model = tmp_path / "styled.docx"
    document = docx.Document()
    document.styles.add_style("Guidance for schools", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Staff follow this policy at [School name].")
    document.add_paragraph("Say here how your school records concerns.", style="Guidance for schools")
    document.add_paragraph("The end.")
    document.save(model)
    assert [n.text for n in scan_model(model).notes_kept] == ["Say here how your school records concerns."]
    result = adopt_model(model, profile, tmp_path / "out", timestamp=STAMP)
    assert [_text(p) for p in _paragraphs(_parts(result.outputs["styled.docx"])["word/document.xml"])] == [
        "Staff follow this policy at Oakfield Primary School.", "The end."]
    assert result.report["drafting_notes"] == {"removed": 1, "kept": 0}


def test_policykits_own_model_adopts_like_a_trusts(tmp_path, profile):
    """The model policy `generate --model` writes has the placeholders a trust's would."""
    from toolkit.generate.api import model_docx

    model = tmp_path / "model.docx"
    model.write_bytes(model_docx(timestamp=STAMP))
    found = scan_model(model)
    assert {p.name for p in found.unfilled} >= {"School name", "Headteacher", "Designated safeguarding lead"}
    result = adopt_model(model, profile, tmp_path / "out", timestamp=STAMP)
    assert result.unfilled == ()
    text = _all_text(result.outputs["model-adopted.docx"])
    assert "[" not in text and "Mr Ben Example" in text and "Oakfield Primary School" in text
    old, new = _parts(model), _parts(result.outputs["model-adopted.docx"])
    assert new["word/numbering.xml"] == old["word/numbering.xml"]
    assert new["word/styles.xml"] == old["word/styles.xml"]
