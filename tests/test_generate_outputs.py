"""policykit generate: the output set, its contents, reproducibility and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import zipfile

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree

from toolkit.cli import main
from toolkit.errors import OutputError, ProfileError
from toolkit.generate.api import generate_policy
from toolkit.generate.profile import load_profile
from toolkit.generate.staff import load_staff
from toolkit.generate.templates import builtin_samples_dir
from toolkit.ooxml import qn
from toolkit.ooxml.fields import field_instructions

SAMPLES = builtin_samples_dir()
PROFILE = SAMPLES / "sample-profile.toml"
STAFF = SAMPLES / "staff.csv"
STAMP = dt.datetime(2025, 3, 21, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return generate_policy(PROFILE, STAFF, out, timestamp=STAMP, pdf=False)


def test_outputs_land_in_the_school_slug_folder(generated):
    assert generated.folder.name == "oakfield-primary-school"
    assert sorted(generated.outputs) == [
        "declaration.docx", "manifest.json", "policy.docx", "policy.html", "policy.md", "signoff.xlsx",
        "staff-declarations.docx",
    ]
    for path in generated.outputs.values():
        assert path.parent == generated.folder.resolve() and path.stat().st_size > 0
    assert generated.pdf_skipped == "not asked for (--no-pdf)"


def test_policy_docx_has_numbering_header_footer_fields_cover_and_properties(generated):
    data = generated.outputs["policy.docx"].read_bytes()
    document = docx.Document(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        numbering = etree.fromstring(archive.read("word/numbering.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
    level_texts = [lvl.find(qn("w:lvlText")).get(qn("w:val")) for lvl in numbering.iter(qn("w:lvl"))][:3]
    assert level_texts == ["%1.", "%1.%2", "%1.%2.%3"]
    heading1 = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Heading1']")
    assert heading1.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val")) == "1"
    # Clause numbers come from Word's numbering, not typed text.
    paragraphs = {p.text: p for p in document.paragraphs}
    assert "Purpose" in paragraphs and not any(text.startswith("1.1") for text in paragraphs)
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Oakfield Primary School"
    assert field_instructions(section.footer._element) == ["PAGE", "NUMPAGES"]
    cover = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cover["Approved by"] == "Full governing board"
    assert cover["Date approved"] == "21 March 2025"
    assert cover["Next review"] == "21 March 2027"
    assert cover["Policy owner"] == "Ms Amara Okafor, headteacher"
    properties = document.core_properties
    assert properties.title == "Staff Social Media Policy"
    assert properties.author == "Oakfield Primary School"
    assert properties.version == "2.0"
    assert properties.created.replace(tzinfo=None) == dt.datetime(2025, 3, 21, 9, 0)


def test_one_declaration_per_member_of_staff(generated):
    staff = load_staff(STAFF)
    document = docx.Document(io.BytesIO(generated.outputs["staff-declarations.docx"].read_bytes()))
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == len(staff) == 6
    # The signature block of each is a form: label | the value on a line (a box for the date).
    forms = [[tuple(cell.text for cell in row.cells) for row in table.rows] for table in document.tables]
    assert [form[0][0] for form in forms] == ["Name:"] * 6
    assert [form[0][1] for form in forms] == [member.name for member in staff]
    assert [form[1][1] for form in forms] == [member.role for member in staff]
    assert all(form[2][0] == "Signature:" and form[3][0] == "Date:" for form in forms)
    date_cell = document.tables[0].rows[3].cells[1]._tc
    borders = date_cell.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}")
    assert [child.tag.split("}")[1] for child in borders] == ["top", "left", "bottom", "right"]  # a box
    # Each person's declaration is a Word section of its own, numbered from page 1:
    # five section breaks in the body plus the final one, each restarting at 1.
    body = document.element.body
    breaks = body.findall(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}")
    assert len(breaks) == len(staff) - 1
    for sect in breaks + [body.find(qn("w:sectPr"))]:
        assert sect.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    footer = document.sections[0].footer._element
    instructions = [t.text.split()[0] for t in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "SECTIONPAGES"]
    blank = docx.Document(io.BytesIO(generated.outputs["declaration.docx"].read_bytes()))
    assert [row.cells[0].text for row in blank.tables[0].rows] == ["Name:", "Role:", "Signature:", "Date:"]
    assert all(row.cells[1].text == "" for row in blank.tables[0].rows)


def test_signoff_sheet_lists_every_member_of_staff(generated):
    workbook = openpyxl.load_workbook(generated.outputs["signoff.xlsx"])
    sheet = workbook["Sign-off"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Name", "Role", "Email")
    assert [row[0] for row in rows[1:]] == [member.name for member in load_staff(STAFF)]
    assert {row[4] for row in rows[1:]} == {"2.0"}
    assert sheet.freeze_panes == "A2"


def test_markdown_and_html_carry_the_same_numbers(generated):
    markdown = generated.outputs["policy.md"].read_text(encoding="utf-8")
    html = generated.outputs["policy.html"].read_text(encoding="utf-8")
    for clause in generated.document.walk():
        if clause.number and clause.number[0].isdigit():
            printed = f"{clause.number}." if clause.level == 1 else clause.number
            assert f"{printed} " in markdown
            assert f'<span class="num">{printed}</span>' in html
    assert "## 14. Safeguarding" in markdown
    assert "\n14.2 Staff must not investigate a concern themselves" in markdown


def test_html_is_self_contained_and_escaped(tmp_path):
    profile = tmp_path / "school.toml"
    text = PROFILE.read_text(encoding="utf-8").replace(
        'school_name = "Oakfield Primary School"', 'school_name = "<script>alert(1)</script> & Co School"'
    )
    profile.write_text(text, encoding="utf-8")
    result = generate_policy(profile, None, tmp_path / "out", timestamp=STAMP, pdf=False)
    html = result.outputs["policy.html"].read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co School" in html
    for external in ("http://", "https://", "src=", "@import", "<link"):
        assert external not in html
    assert "@media print" in html
    assert result.folder.name == "script-alert-1-script-co-school"


def test_manifest_records_what_was_used(generated):
    manifest = json.loads(generated.outputs["manifest.json"].read_text(encoding="utf-8"))
    import hashlib

    assert manifest["profile"] == {"file": "sample-profile.toml",
                                   "sha256": hashlib.sha256(PROFILE.read_bytes()).hexdigest()}
    assert manifest["template"]["name"] == "social_media"
    assert manifest["template"]["version"] == "1.0.0"
    assert manifest["options"] == {"official_accounts": True, "personal_devices_at_break": True,
                                   "all_pupils_under_13": True, "legislation_appendix": True}
    assert manifest["generated_at"] == "2025-03-21T09:00:00Z"
    assert manifest["staff"]["count"] == 6
    assert manifest["outputs"]["policy.docx"] == hashlib.sha256(
        generated.outputs["policy.docx"].read_bytes()).hexdigest()


def test_same_profile_and_timestamp_give_byte_identical_files(generated, tmp_path):
    again = generate_policy(PROFILE, STAFF, tmp_path, timestamp=STAMP, pdf=False)
    for name, path in generated.outputs.items():
        assert again.outputs[name].read_bytes() == path.read_bytes(), name


def test_source_date_epoch_fixes_the_timestamp(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(STAMP.timestamp())))
    first = generate_policy(PROFILE, STAFF, tmp_path / "a", pdf=False)
    second = generate_policy(PROFILE, STAFF, tmp_path / "b", pdf=False)
    for name in first.outputs:
        assert first.outputs[name].read_bytes() == second.outputs[name].read_bytes(), name
    assert json.loads(first.outputs["manifest.json"].read_text())["generated_at"] == "2025-03-21T09:00:00Z"


def test_bad_staff_list_writes_nothing(tmp_path):
    staff = tmp_path / "staff.csv"
    staff.write_text("name,role,email\nAnn,Teacher,ann@example.org\nBo,Cook,not-an-email\n", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        generate_policy(PROFILE, staff, tmp_path / "out", timestamp=STAMP, pdf=False)
    assert str(caught.value) == f"{staff}: line 3: email 'not-an-email' is not an email address"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("content", "message"), [
    ("name,email\nAnn,a@example.org\n", "missing column role (the first row must name the columns name, role, email; "
                                        "it has: name, email)"),
    ("name,role,email\n,Teacher,a@example.org\n", "line 2: name is empty"),
    ("name,role,email\nAnn,Teacher,a@example.org\nBo,Cook,A@example.org\n",
     "line 3: email 'A@example.org' is listed twice (first on line 2)"),
    ("name,role,email\n", "no staff listed under the header row"),
    ("", "the staff list is empty (expected a header row: name,role,email)"),
])
def test_staff_list_errors(tmp_path, content, message):
    path = tmp_path / "staff.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_staff(path)
    assert str(caught.value) == f"{path}: {message}"


def test_staff_list_accepts_excel_exports(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes("\ufeffEmail;Name;Role;Start date\r\nz\u00e9@example.org;Zo\u00e9 Example;Teacher;1/9/24\r\n"
                     .encode("utf-8"))
    assert [(m.name, m.role, m.email) for m in load_staff(path)] == [("Zo\u00e9 Example", "Teacher", "z\u00e9@example.org")]
    path.write_bytes("name,role,email\nJos\xe9,Teacher,j@example.org\n".encode("cp1252"))
    assert load_staff(path)[0].name == "Jos\u00e9"


# --- the CLI -------------------------------------------------------------------------


def test_cli_generate_prints_the_outputs(tmp_path):
    result = CliRunner().invoke(main, ["generate", "--profile", str(PROFILE), "--staff", str(STAFF),
                                       "-o", str(tmp_path), "--timestamp", "2025-03-21T09:00:00Z", "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert "oakfield-primary-school/policy.docx" in result.output
    assert "PDF skipped: not asked for (--no-pdf)." in result.output
    assert "6 staff declarations" in result.output


def test_cli_generate_bad_profile_is_one_line_and_exit_2(tmp_path):
    profile = tmp_path / "school.toml"
    profile.write_text(PROFILE.read_text().replace("review_cycle_years = 2", "review_cycle_years = 9"))
    result = CliRunner().invoke(main, ["generate", "--profile", str(profile), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.strip() == f"policykit: error: {profile}: review_cycle_years must be 1 to 3"
    assert not (tmp_path / "out").exists()


def test_cli_generate_bad_timestamp(tmp_path):
    result = CliRunner().invoke(main, ["generate", "--profile", str(PROFILE), "--timestamp", "soon"])
    assert result.exit_code == 2
    assert "is not a date" in result.output


def test_cli_init_writes_a_profile_that_generates(tmp_path):
    target = tmp_path / "school.toml"
    answers = "\n".join([
        "St Anne's C of E Primary",  # school name
        "",  # type: primary
        "",  # trust: none
        "11 to 4",  # not an age range: asked again
        "",  # age range: 4-11
        "Mrs Head", "Mr Lead", "Ms Deputy", "County DPO", "Rev Chair",
        "",  # approved by: full governing board
        "2025-02-30",  # not a date: asked again
        "2025-01-15",
        "5",  # out of range: asked again
        "2",
        "",  # version 1.0
        "", "n", "", "",  # options
    ]) + "\n"
    result = CliRunner().invoke(main, ["init", str(target)], input=answers)
    assert result.exit_code == 0, result.output
    assert "2025-02-30 is not a date" in result.output
    assert "'11 to 4' is not an age range like 4-11" in result.output
    profile = load_profile(target)
    assert profile.school_name == "St Anne's C of E Primary"
    assert profile.trust is None
    assert profile.next_review_date == dt.date(2027, 1, 15)
    assert profile.options.personal_devices_at_break is False
    assert profile.options.all_pupils_under_13 is True
    # It refuses to overwrite without --force.
    again = CliRunner().invoke(main, ["init", str(target)], input=answers)
    assert again.exit_code == 2
    assert again.output.strip() == f"policykit: error: {target}: already exists; use --force to replace it"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_is_made_when_libreoffice_is_installed(tmp_path):
    result = generate_policy(PROFILE, None, tmp_path, timestamp=STAMP, pdf=True)
    assert result.pdf_skipped is None
    pdf = result.outputs["policy.pdf"].read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(result.outputs["policy.pdf"]), "-"],
                              capture_output=True, check=True, text=True).stdout
        assert "14.   Safeguarding" in text or "14. Safeguarding" in " ".join(text.split())
        assert "Page 1 of" in text


def test_pdf_skipped_message_without_libreoffice(tmp_path, monkeypatch):
    import toolkit.generate.api as api

    monkeypatch.setattr(api, "soffice_path", lambda: None)
    result = generate_policy(PROFILE, None, tmp_path, timestamp=STAMP, pdf=True)
    assert result.pdf_skipped == "LibreOffice (soffice) is not installed"
    assert "policy.pdf" not in result.outputs


def test_output_folder_cannot_escape(tmp_path):
    # Whatever the school is called, the folder is a slug inside the output folder.
    profile = tmp_path / "school.toml"
    profile.write_text(PROFILE.read_text().replace('"Oakfield Primary School"', '"../../etc"'), encoding="utf-8")
    result = generate_policy(profile, None, tmp_path / "out", timestamp=STAMP, pdf=False)
    assert result.folder == tmp_path / "out" / "etc"
    with pytest.raises(OutputError):
        from toolkit.io import safe_join

        safe_join(tmp_path, "../x")
