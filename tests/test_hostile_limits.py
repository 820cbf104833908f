"""Unit tests of the bounds on hostile input: decoders, numbering values, style chains, time, templates, demo."""

from __future__ import annotations

import time
import zlib

import pytest

from toolkit.errors import InputError, TemplateError, TooLargeError
from toolkit.limits import document_time_limit
from toolkit.ooxml.number_formats import MAX_START, format_number, parse_start
from toolkit.ooxml.package import bounded_int, clamp_level
from toolkit.readers.pdf import pdfminer_chars as _pdfchars


def test_corrupted_checksum_keeps_the_text_like_pdfminer():
    data = b"BT (Staff must keep pupils safe.) Tj ET " * 50
    damaged = zlib.compress(data)[:-4] + b"\x00\x00\x00\x00"
    _pdfchars._budget.remaining = _pdfchars.MAX_INFLATED_BYTES
    assert _pdfchars._decompress_corrupted(damaged) == data
    with pytest.raises(zlib.error):
        _pdfchars._decompress_corrupted(b"\x78\x9c" + b"\xff" * 50)
    _pdfchars._budget.remaining = None


def test_outside_a_read_pdfminer_decodes_without_a_budget():
    """Other pdfminer users in the process (the benchmarks' pdfplumber) are not charged."""
    _pdfchars._budget.remaining = None
    bomb = zlib.compress(b"\0" * (8 * 1024 * 1024))
    for _ in range(10):
        assert len(_pdfchars._inflate(bomb)) == 8 * 1024 * 1024
    assert _pdfchars._budget.remaining is None


def test_inflation_counts_against_one_budget():
    bomb = zlib.compress(b"\0" * (4 * 1024 * 1024))
    _pdfchars._budget.remaining = 10 * 1024 * 1024
    _pdfchars._inflate(bomb)
    _pdfchars._inflate(bomb)
    with pytest.raises(_pdfchars._InflationLimit):
        _pdfchars._inflate(bomb)  # the third 4 MB passes the 10 MB budget
    _pdfchars._budget.remaining = None


def test_truncated_flate_still_raises_for_pdfminers_recovery():
    with pytest.raises(zlib.error):
        whole = zlib.compress(bytes(range(256)) * 64 + b"".join(b"%d" % i for i in range(5000)))
        _pdfchars._inflate(whole[: len(whole) // 2])


def test_run_length_is_decoded_and_bounded():
    assert _pdfchars._run_length(b"\x02abc\xfdz\x80") == b"abc" + b"z" * 4
    _pdfchars._budget.remaining = 100
    with pytest.raises(_pdfchars._InflationLimit):
        _pdfchars._run_length(b"\x81z" * 10)  # 10 runs of 128
    _pdfchars._budget.remaining = None


@pytest.mark.parametrize(("text", "expected"), [
    ("1", 1), ("0", 0), ("-5", 0), ("40000", MAX_START), ("9" * 5000, MAX_START), ("x", 1), ("²", 1), ("", 1),
    (None, 1), (" 12 ", 12),
])
def test_list_starts_are_clamped_as_word_does(text, expected):
    assert parse_start(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("0", 0), ("8", 8), ("9", 8), ("7" * 4400, 8), ("x", None), ("٣", None), ("-1", None), (None, None), ("007", 7),
])
def test_levels_are_clamped_to_words_nine(text, expected):
    assert clamp_level(text) == expected


def test_bounded_int_never_parses_thousands_of_digits():
    assert bounded_int("0" * 5000 + "3", 9) == 3
    assert bounded_int("1" + "0" * 5000, 9) == 9


def test_labels_stay_short():
    assert format_number(26, "lowerLetter") == "z"
    assert format_number(27, "lowerLetter") == "aa"
    assert format_number(10**8, "lowerLetter") == str(10**8)  # past 31 letters: digits
    assert format_number(32767, "upperRoman").startswith("MMMMM")
    assert format_number(10**4000, "upperRoman") == str(10**4000)


def test_time_budget_names_the_file():
    started = time.monotonic()
    with pytest.raises(TooLargeError, match=r"slow\.pdf: took longer than 0\.2 seconds"):
        with document_time_limit("slow.pdf", 0.2):
            while True:
                pass
    assert time.monotonic() - started < 5


def test_time_budget_leaves_quick_work_alone():
    with document_time_limit("quick.txt", 5):
        total = sum(range(1000))
    assert total == 499500


def _user_set(tmp_path, policy: str):
    from toolkit.generate.templates import load_template_set

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "template.toml").write_text('name = "m"\nversion = "1"\ntitle = "M"\npolicy = "p.md.jinja"\n'
                                          'declaration = "p.md.jinja"\n')
    (folder / "p.md.jinja").write_text(policy)
    return load_template_set(folder)


@pytest.mark.parametrize(("source", "problem"), [
    ("{{ 'x' * 10**9 }}", "repeating a value"),
    ("{{ 9 ** 999999 }}", "too large"),
    ("{{ 'x' | center(10**9) }}", "too large"),
    ("{% for i in range(10**9) %}{% endfor %}", "too large"),
    ("{% for i in range(0, 10**7, 1) %}{% endfor %}", "too large"),
])
def test_template_sandbox_limits(tmp_path, source, problem):
    from toolkit.generate.templates import make_environment, render_template

    template_set = _user_set(tmp_path, source)
    with pytest.raises(TemplateError, match=problem):
        render_template(make_environment(template_set), "p.md.jinja", {})


def test_template_sandbox_allows_a_small_power_of_a_decimal(tmp_path):
    # The size check once called int.bit_length on a float and crashed on ``2.5 ** 3``.
    from toolkit.generate.templates import make_environment, render_template

    template_set = _user_set(tmp_path, "{{ 2.5 ** 3 }}")
    assert render_template(make_environment(template_set), "p.md.jinja", {}).strip() == "15.625"


def test_template_folder_with_a_link_outside_is_refused(tmp_path):
    from toolkit.generate.templates import load_template_set

    _user_set(tmp_path, "# Policy\n")
    (tmp_path / "elsewhere.txt").write_text("secret")
    (tmp_path / "mine" / "notes.md.jinja").symlink_to(tmp_path / "elsewhere.txt")
    with pytest.raises(TemplateError, match="links outside the template folder"):
        load_template_set(tmp_path / "mine")


def test_demo_reports_unreadable_samples_and_goes_on(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from tests._pdf_build import encrypted_pdf
    from toolkit import demo as demo_module
    from toolkit.cli import main

    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "good.txt").write_text("Staff Social Media Policy\n\n1. Staff must keep pupils safe online.\n")
    (samples / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (samples / "locked.pdf").write_bytes(encrypted_pdf())
    # The later steps are not the subject here (they have their own tests).
    monkeypatch.setattr(demo_module, "generate_and_diff", lambda output: iter(()))
    monkeypatch.setattr("toolkit.trust.demo_comparison", lambda samples, output: iter(()))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["demo", "--samples", "samples", "-o", "out"])
    assert result.exit_code == 3, result.output
    assert (tmp_path / "out" / "parsed" / "good.txt.json").is_file()
    errors = [line for line in result.stderr.splitlines() if line.startswith("policykit: error: ")]
    assert len(errors) == 2
    assert any("broken.docx" in line and "damaged" in line for line in errors)
    assert any("locked.pdf" in line and "password" in line for line in errors)
    assert "skipped samples/broken.docx" in result.stdout
    assert issubclass(TooLargeError, InputError)
