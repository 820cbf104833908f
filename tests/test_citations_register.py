"""The legislation register: complete, ordered, sourced, and strict about mistakes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from toolkit.citations import RegisterError, load_register

REQUIRED = {
    "kcsie": {2014, 2015, 2016, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025},
    "wtsc": {2013, 2015, 2018, 2023},
    "dpa": {1998, 2018},
    "gdpr": {2016},
    "prevent": {2015, 2023},
    "send_code": {2014, 2015},
    "svsh": {2018},
    "behaviour": {2022, 2024},
    "attendance": {2022, 2024},
    "rse": {2019, 2025},
    "education_act": {2002},
    "children_act": {1989, 2004},
    "equality_act": {2010},
    "online_safety_act": {2023},
}


def test_the_register_holds_every_required_edition() -> None:
    register = load_register()
    for ident, years in REQUIRED.items():
        assert years <= {e.year for e in register.get(ident).editions}, ident
    assert len(register.get("gswp").editions) >= 2
    assert len(register.get("ssc").editions) >= 2


def test_every_edition_has_a_source_and_a_confidence() -> None:
    for instrument in load_register().instruments:
        for edition in instrument.editions:
            assert edition.source.startswith("http"), edition.label
            assert edition.confidence in {"high", "medium", "low"}


def test_editions_of_reissued_guidance_meet_without_gaps() -> None:
    kcsie = load_register().get("kcsie")
    for earlier, later in zip(kcsie.editions, kcsie.editions[1:], strict=False):
        assert earlier.end == later.start - dt.timedelta(days=1)
    assert kcsie.editions[-1].end is None
    assert kcsie.in_force(dt.date(2021, 8, 31)).year == 2020
    assert kcsie.in_force(dt.date(2021, 9, 1)).year == 2021


def test_withdrawn_guidance_ends_the_day_before_it_was_withdrawn() -> None:
    svsh = load_register().get("svsh")
    assert svsh.editions[-1].end == dt.date(2021, 8, 31)
    assert svsh.in_force(dt.date(2021, 9, 1)) is None


@pytest.mark.parametrize(("text", "problem"), [
    (('[[instrument]]\nid = "x"\ntitle = "X"\nkind = "guidance"\nnames = ["X"]\ncolour = "red"\n'
     '[[instrument.edition]]\nyear = 2020\nfrom = 2020-09-01\nsource = "https://example.org"\n'), "unknown key"),
    (('[[instrument]]\nid = "x"\ntitle = "X"\nkind = "guidance"\nnames = ["X"]\n'
     '[[instrument.edition]]\nyear = 2020\nsource = "https://example.org"\n'), "'from' and 'source'"),
    (('[[instrument]]\nid = "x"\ntitle = "X"\nkind = "guidance"\nnames = ["X"]\n'
     '[[instrument.edition]]\nyear = 2021\nfrom = 2021-09-01\nsource = "s"\n'
     '[[instrument.edition]]\nyear = 2020\nfrom = 2020-09-01\nsource = "s"\n'), "oldest first"),
    (('[[instrument]]\nid = "x"\ntitle = "X"\nkind = "guidance"\nnames = ["X"]\nreplaced_by = "nothing"\n'
     '[[instrument.edition]]\nyear = 2020\nfrom = 2020-09-01\nsource = "s"\n'), "names no instrument"),
    (('[[instrument]]\nid = "x"\ntitle = "X"\nkind = "guidance"\nnames = ["X"]\n'
     '[[instrument.edition]]\nyear = 2020\nfrom = "1 September 2020"\nsource = "s"\n'), "YYYY-MM-DD"),
    ("not toml [", "not valid TOML"),
])
def test_a_broken_register_is_one_clear_error_naming_the_file(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "legislation.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegisterError) as caught:
        load_register(path)
    assert str(path) in str(caught.value) and problem in str(caught.value)


def test_a_trust_can_add_next_septembers_edition(tmp_path: Path) -> None:
    """The README's recipe: copy the last KCSIE edition block and change year, date and source."""
    packaged = Path(load_register().path).read_text(encoding="utf-8")
    marker = 'year = 2025\n  from = 2025-09-01\n'
    assert marker in packaged
    addition = ('\n  [[instrument.edition]]\n  year = 2026\n  from = 2026-09-01\n'
                '  source = "https://www.gov.uk/government/publications/keeping-children-safe-in-education--2"\n'
                '  confidence = "medium"\n')
    start = packaged.index(marker)
    end = packaged.index("[[instrument]]", start)
    path = tmp_path / "legislation.toml"
    path.write_text(packaged[:end] + addition.lstrip("\n") + "\n" + packaged[end:], encoding="utf-8")
    kcsie = load_register(path).get("kcsie")
    assert kcsie.in_force(dt.date(2026, 9, 1)).label == "KCSIE 2026"
    assert kcsie.edition(2025).end == dt.date(2026, 8, 31)
