"""Staff lists as spreadsheets really export them: Excel's quoting, byte-order marks,
Windows-1252, semicolons, and staff without an email address.

The Excel cases are the bytes Excel writes ("CSV UTF-8": a byte-order mark, CRLF,
quotes doubled inside quoted cells; "CSV" on an English machine: Windows-1252; with a
decimal-comma locale: semicolons). The LibreOffice cases are made by LibreOffice itself
from a workbook built here (skipped when it is not installed).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from toolkit.errors import ProfileError
from toolkit.generate.staff import load_staff

PEOPLE = [
    ("Name", "Role", "Email"),
    ('Grace "Gracie" ONeill', "Teaching assistant", "g.oneill@example.org"),
    ("José Álvarez", "Caretaker", None),
    ("Smith, Jo", "Teacher; Year 5", "jo.smith@example.org"),
]
EXPECTED = [
    ('Grace "Gracie" ONeill', "Teaching assistant", "g.oneill@example.org"),
    ("José Álvarez", "Caretaker", ""),
    ("Smith, Jo", "Teacher; Year 5", "jo.smith@example.org"),
]


def _read(path: Path):
    return [(m.name, m.role, m.email) for m in load_staff(path)]


EXCEL_UTF8 = ('\ufeffName,Role,Email\r\n"Grace ""Gracie"" ONeill",Teaching assistant,g.oneill@example.org\r\n'
              'José Álvarez,Caretaker,\r\n"Smith, Jo",Teacher; Year 5,jo.smith@example.org\r\n').encode("utf-8")
EXCEL_CP1252 = ('Name,Role,Email\r\n"Grace ""Gracie"" ONeill",Teaching assistant,g.oneill@example.org\r\n'
                'José Álvarez,Caretaker,\r\n"Smith, Jo",Teacher; Year 5,jo.smith@example.org\r\n').encode("cp1252")
EXCEL_SEMICOLON = ('Name;Role;Email\r\n"Grace ""Gracie"" ONeill";Teaching assistant;g.oneill@example.org\r\n'
                   'José Álvarez;Caretaker;\r\nSmith, Jo;"Teacher; Year 5";jo.smith@example.org\r\n').encode("cp1252")


@pytest.mark.parametrize("data", [EXCEL_UTF8, EXCEL_CP1252, EXCEL_SEMICOLON], ids=["utf8-bom", "cp1252", "semicolon"])
def test_excel_exports(tmp_path, data):
    path = tmp_path / "staff.csv"
    path.write_bytes(data)
    assert _read(path) == EXPECTED


def test_doubled_quotes_in_the_header_line_too(tmp_path):
    # The sniffer used to see one line only and guess doublequote=False from it.
    path = tmp_path / "staff.csv"
    path.write_text('name,role,email\n"Grace ""Gracie"" ONeill",TA,g@example.org\n', encoding="utf-8")
    assert _read(path) == [('Grace "Gracie" ONeill', "TA", "g@example.org")]


def test_no_email_column_at_all(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text("name,role\nAnn Lee,Caretaker\n", encoding="utf-8")
    assert _read(path) == [("Ann Lee", "Caretaker", "")]


def test_a_bad_email_is_still_refused(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text("name,role,email\nAnn Lee,Caretaker,not-an-email\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="line 2: email 'not-an-email' is not an email address"):
        load_staff(path)


# LibreOffice's CSV filter options: separator, quote, character set (76 UTF-8, 1 Windows-1252), first line.
LIBREOFFICE = {"utf8-comma": "44,34,76,1", "cp1252-semicolon": "59,34,1,1", "utf8-tab": "9,34,76,1"}


@pytest.fixture(scope="module")
def libreoffice_exports(tmp_path_factory):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("lo-csv")
    workbook = openpyxl.Workbook()
    for row in PEOPLE:
        workbook.active.append(row)
    source = folder / "staff.xlsx"
    workbook.save(source)
    exports = {}
    for name, options in LIBREOFFICE.items():
        out = folder / name
        subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--norestore", "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}", "--outdir",
                        str(out), str(source)], capture_output=True, timeout=120, check=True)
        exports[name] = out / "staff.csv"
    return exports


@pytest.mark.parametrize("name", sorted(LIBREOFFICE))
def test_libreoffice_exports(libreoffice_exports, name):
    path = libreoffice_exports[name]
    raw = path.read_bytes()
    assert b'""Gracie""' in raw  # LibreOffice doubled the quotes, as Excel does
    assert _read(path) == EXPECTED
