"""Start-up cost: a small `policykit parse` must not pay for what it does not use."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

HEAVY = ("openpyxl", "jinja2", "pdfplumber", "pdfminer", "pydantic", "rich")


def _imported_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('LOADED:', *(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    last = out.stdout.splitlines()[-1]
    assert last.startswith("LOADED:"), out.stdout
    return set(last.split()[1:])


def test_import_toolkit_imports_no_heavy_module():
    assert _imported_after("import toolkit") == set()


def test_public_names_still_resolve_lazily():
    code = "import toolkit\nassert toolkit.read_document and toolkit.Document and toolkit.compare_policies"
    # Touching the trust API must load it (and only then): its HTML report's templates come
    # with it; the workbook library waits until a report is rendered as XLSX.
    loaded = _imported_after(code)
    assert "jinja2" in loaded and "openpyxl" not in loaded


def test_parse_of_a_text_file_skips_generation_and_pdf(tmp_path):
    policy = tmp_path / "p.txt"
    policy.write_text("Policy\n\n1. Purpose\n1.1 Staff must follow it.\n", encoding="utf-8")
    code = (
        f"import sys\nfrom toolkit.cli import main\nsys.argv=['policykit','parse',{str(policy)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert _imported_after(code) == set()


def test_unknown_attribute_is_an_attribute_error():
    out = subprocess.run([sys.executable, "-c", "import toolkit; toolkit.nope"], cwd=REPO,
                         capture_output=True, text=True)
    assert out.returncode == 1 and "has no attribute 'nope'" in out.stderr
