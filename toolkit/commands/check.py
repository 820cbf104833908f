"""``policykit check FILES...``: does a policy cite superseded guidance or a repealed Act?"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..citations import (
    AsOf,
    Finding,
    Register,
    approval_date,
    finding_json,
    judge,
    load_register,
)
from ..dates import parse_date, uk_long_date
from ..errors import InputError, ToolkitError
from ..readers import read_document, supported_extensions
from ._progress import working

SCHEMA = "policykit.citations/1"


def _as_of_option(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    if value.strip().lower() == "today":
        return dt.date.today()
    parsed = parse_date(value)
    if parsed is None or not parsed.is_complete:
        raise click.BadParameter(f"{value!r} is not a full date; write it as 2024-09-01 or 1 September 2024")
    return parsed.as_date()


def _files(paths: tuple[Path, ...]) -> list[Path]:
    """Files as given; a folder stands for the policy files directly inside it, in name order."""
    extensions = set(supported_extensions())
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            result.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in extensions))
        else:
            result.append(path)
    return result


def _edition_line(label: str, finding: Finding, then: bool) -> str:
    edition = finding.applied_then if then else finding.applies_now
    if edition is not None:
        return f"{label}{edition.describe()}"
    if finding.citation.year is None:
        return f"{label}(no edition to compare)"
    return f"{label}{finding.cited} (still in force)" if not finding.stale else f"{label}nothing in its place"


def _grouped(findings: list[Finding]) -> list[list[Finding]]:
    """Findings citing the same edition the same way, together: one entry with every place it occurs."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.cited, finding.reason), []).append(finding)
    return list(groups.values())


def _cited(finding: Finding) -> str:
    """``"KCSiE (Sept 2019)" (KCSIE 2019)``: as printed, and the edition it means when that reads differently."""
    printed = finding.citation.text
    if printed.lower() == finding.cited.lower():
        return f'"{printed}"'
    return f'"{printed}" ({finding.cited})'


def _places(group: list[Finding]) -> str:
    places = list(dict.fromkeys(f.citation.where for f in group))
    if len(places) <= 3:
        return "; ".join(places)
    return "; ".join(places[:3]) + f"; and {len(places) - 3} more place{'s' if len(places) > 4 else ''}"


def _render_document(source: str, as_of: AsOf, findings: tuple[Finding, ...], show_all: bool) -> list[str]:
    lines = [f"{source}", f"  judged as of {as_of.describe()}"]
    stale = [f for f in findings if f.stale]
    later = [f for f in findings if not f.stale and f.superseded_since]
    for group in _grouped(stale):
        lines += _stale_lines(group)
    for group in _grouped(later):
        first = group[0]
        lines += [
            f"  SINCE SUPERSEDED  cites {_cited(first)}, in force on that date",
            f"         where:        {_places(group)}",
            _edition_line("         applies now:  ", first, False),
        ]
    rest = [f for f in findings if not f.stale and not f.superseded_since]
    if show_all:
        for finding in rest:
            lines.append(f"  {finding.status}: {finding.citation.where}: \"{finding.citation.text}\" — {finding.reason}")
    if not findings:
        lines.append("  no citations of registered legislation or guidance found")
        return lines
    lines.append(_summary(stale, later, rest, show_all))
    return lines


def _stale_lines(group: list[Finding]) -> list[str]:
    """One stale citation (every place it occurs) with what applied then and what applies now."""
    first = group[0]
    lines = [
        f"  STALE  cites {_cited(first)}: {first.reason}",
        f"         where:        {_places(group)}",
    ]
    if first.applied_then == first.applies_now:
        lines.append(_edition_line("         applies then and now: ", first, True))
    else:
        lines += [_edition_line("         applied then: ", first, True),
                  _edition_line("         applies now:  ", first, False)]
    return lines


def _summary(stale: list[Finding], later: list[Finding], rest: list[Finding], show_all: bool) -> str:
    """The count line closing a document's findings."""
    summary = f"  {len(stale)} stale citation{'s' if len(stale) != 1 else ''}"
    if later:
        summary += f"; {len(later)} in force then but superseded since (update at the next review)"
    if rest:
        counts: dict[str, int] = {}
        for finding in rest:
            counts[finding.status] = counts.get(finding.status, 0) + 1
        summary += "; others: " + ", ".join(f"{n} {status}" for status, n in counts.items())
        if not show_all:
            summary += " (list them with --all)"
    return summary


def _document_json(path: Path, when: AsOf, findings: tuple[Finding, ...]) -> dict[str, Any]:
    return {
        "source": str(path),
        "as_of": when.date.isoformat(),
        "as_of_basis": when.basis,
        "as_of_printed": when.raw,
        "stale": sum(1 for f in findings if f.stale),
        "findings": [finding_json(f) for f in findings],
    }


@dataclass
class _CheckRun:
    """What checking the files found: one report (JSON) or block (text) per file read, and the errors."""

    reports: list[dict[str, Any]] = field(default_factory=list)
    text_blocks: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    any_stale: bool = False


def _check_files(paths: list[Path], as_of: dt.date | None, register: Register, today: dt.date, output_format: str,
                 show_all: bool) -> _CheckRun:
    """Judge each file's citations; a file that cannot be read is reported (on stderr) and the rest go on."""
    run = _CheckRun()
    with working("Checking citations…", quiet=output_format == "json") as status:
        for path in paths:
            status.update(f"Checking {path}…")
            try:
                document = read_document(path)
            except ToolkitError as exc:
                run.errors.append(str(exc))
                click.echo(f"policykit: error: {exc}", err=True)
                continue
            when = AsOf(as_of, "given") if as_of else approval_date(document, today)
            findings = judge(document, when, today=today, register=register)
            run.any_stale = run.any_stale or any(f.stale for f in findings)
            if output_format == "json":
                run.reports.append(_document_json(path, when, findings))
            else:
                run.text_blocks.append("\n".join(_render_document(str(path), when, findings, show_all)))
    return run


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", callback=_as_of_option, metavar="DATE",
              help="Judge every file at this date (e.g. 2024-09-01, or 'today') instead of each policy's "
                   "approval date.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: findings for people; json: the policykit.citations/1 contract.")
@click.option("--all", "show_all", is_flag=True, help="Also list citations that are in force, undated or historical.")
@click.option("--register", "register_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this legislation register instead of the bundled one (a trust's own copy with next "
                   "September's edition added).")
@click.pass_context
def command(ctx: click.Context, files: tuple[Path, ...], as_of: dt.date | None, output_format: str, show_all: bool,
            register_path: Path | None) -> None:
    """Find citations of superseded guidance or repealed Acts in policy FILES.

    Each policy is judged at its approval date (from its cover or metadata table;
    else its review date; else today — the output says which). A citation is
    STALE when a newer edition applied on that date (KCSIE 2018 in a policy
    approved in 2022) or the Act had been repealed (Data Protection Act 1998
    after 25 May 2018). A mention that describes a change ("replaces the 2015
    guidance") is historical and never flagged. A citation without a year is
    not judged unless the thing cited had been withdrawn altogether.

    \b
    Exit status: 0 nothing stale, 1 at least one stale citation,
                 2 a file could not be read (the others are still checked).

    \b
    Examples:
      policykit check safeguarding-policy.pdf
      policykit check policies/ --as-of today
      policykit check *.docx --format json > citations.json
    """
    register = load_register(register_path) if register_path else load_register()
    today = dt.date.today()
    paths = _files(files)
    if not paths:
        raise InputError("no policy files found in the folders given", path=", ".join(str(f) for f in files))
    run = _check_files(paths, as_of, register, today, output_format, show_all)
    if output_format == "json":
        click.echo(json.dumps({"schema": SCHEMA, "today": today.isoformat(), "documents": run.reports,
                               "errors": run.errors}, indent=2, ensure_ascii=False))
    else:
        if run.text_blocks:
            click.echo("\n\n".join(run.text_blocks))
            click.echo(f"\nRegister: {register.path} (dates and sources for every edition; "
                       f"today is {uk_long_date(today)})")
    ctx.exit(2 if run.errors else (1 if run.any_stale else 0))
