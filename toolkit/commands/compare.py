"""``policykit compare``: a trust's policies side by side (coverage, reviews, drift)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import click

from ..batch import close_executor, executor_for
from ..dates import parse_date
from ..errors import EXIT_SOME_FAILED, FileMissingError, InputError
from ..io import check_not_an_input, display_path
from ..topics import load_catalogue
from ..trust import (
    DEFAULT_OUTPUT,
    SCHOOL_TYPES,
    ComparisonResult,
    TrustReport,
    format_for_path,
    gather,
    load_mapping,
    run_comparison,
)
from ..trust.schools import DEFAULT_SCHOOL_TYPE
from ._progress import working

# More files than this and a progress bar is worth showing.
_PROGRESS_THRESHOLD = 5


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        parsed = parse_date(value)
        day = parsed.as_date() if parsed is not None else None  # None unless the date is complete
        if day is None:
            raise click.BadParameter(f"{value!r} is not a full date; write it like 2024-09-01 or 1 September 2024",
                                     param_hint="'--as-of'") from None
        return day


# Exit statuses of `policykit compare` (documented in --help and the README).
EXIT_OK = 0  # every file read, report written
EXIT_ERROR = 2  # bad input or output: one line on stderr, nothing written
EXIT_NOT_ALL_READ = EXIT_SOME_FAILED  # 3: report written, but some files were not read (listed in it and on stderr)


@click.command("compare")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str), metavar="TRUST_FOLDER_OR_FILES...")
@click.option("--baseline", "baseline", type=click.Path(path_type=str), metavar="MODEL",
              help="The trust's model policy, or a folder of models (one per policy type): each school's "
                   "document is compared with the model of its own type, with a diff page per document.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), default=str(DEFAULT_OUTPUT),
              show_default=True, help="Report file; .html, .xlsx or .json picks the format.")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge review dates as of this day (default: today).")
@click.option("--topics", "topics", metavar="FILE", type=click.Path(path_type=str),
              help="Check every document against this topic catalogue (a TOML or JSON file, or a built-in name) "
                   "instead of the catalogue of its own policy type.")
@click.option("--schools", "schools", metavar="FILE", type=click.Path(dir_okay=False, path_type=str),
              help="School names and types by folder (default: schools.toml in the trust folder, if any).")
@click.option("--school-type", "school_type", type=click.Choice(SCHOOL_TYPES), default=DEFAULT_SCHOOL_TYPE,
              show_default=True, help="Which policies are statutory for schools the mapping does not describe.")
@click.option("--no-cache", is_flag=True, help="Parse every file afresh instead of reusing parsed copies.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Read with N processes (default: one per core; 1 reads in this process).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Read on a Dask cluster, e.g. tcp://10.0.0.5:8786 (needs: pip install 'policykit[dask]').")
def command(inputs: tuple[str, ...], baseline: str | None, output: str, as_of: str | None, topics: str | None,
            schools: str | None, school_type: str, no_cache: bool, jobs: int | None = None,
            scheduler: str | None = None) -> None:
    """A trust's policy register: every school's policies by type, reviews due, topics, drift.

    \b
    Each immediate subfolder of a trust folder is one school (its folder name, unless
    schools.toml says otherwise); files at the top level are placed by the school
    named in them. Folders are searched for .txt, .md, .docx and .pdf files; other
    files, and files that are damaged, encrypted, scanned or empty, are listed as
    "not read" with the reason, and the report is still written.

    \b
    Exit status: 0 report written, every file read;
                 3 report written, but some files were not read;
                 2 bad input or output: nothing written.

    \b
    Examples:
      policykit compare trust/ -o output/register.html
      policykit compare trust/ --baseline models/ -o output/register.xlsx --as-of 2024-09-01
      policykit compare source_policies/ --topics social_media
    """
    as_of_date = _as_of(as_of)
    files, mapping = _checked_inputs(inputs, output, baseline=baseline, topics=topics, schools=schools,
                                     school_type=school_type)
    options: dict[str, Any] = {"baseline": baseline, "as_of": as_of_date, "topics": topics, "use_cache": not no_cache,
                               "mapping": mapping, "school_type": school_type}
    options["jobs"], options["executor"] = jobs, executor_for(jobs, scheduler) if scheduler else None
    click.get_current_context().call_on_close(lambda: close_executor(options["executor"]))
    result = _run(list(inputs), output, len(files), options)
    _warn(result.report)
    _summarise(result)
    if result.report.not_read:
        sys.exit(EXIT_NOT_ALL_READ)


def _checked_inputs(inputs: tuple[str, ...], output: str, *, baseline: str | None, topics: str | None,
                    schools: str | None, school_type: str) -> tuple[list[Path], dict[str, dict] | None]:
    """The files to read and the schools mapping; every usage error (a missing input, a report over an
    input, a bad catalogue) is raised here, before any reading."""
    format_for_path(output)  # refuse an unknown extension before reading anything
    for raw in inputs:
        if not Path(raw).exists():
            raise FileMissingError("no such file or folder", path=raw)
    mapping = load_mapping(schools) if schools else None
    found = gather(list(inputs), mapping=mapping, school_type=school_type, skip_folders=(Path(output).parent,))
    candidates = [path for path, _ in found.files] + [item.path for item in found.skipped]
    # --topics may be JSON and the report may be JSON: never let one replace the other.
    check_not_an_input(output, (*candidates, baseline, topics, schools))
    if baseline and not Path(baseline).exists():
        raise InputError("no such model policy file or folder", path=baseline)
    if topics is not None:
        load_catalogue(topics)  # a bad catalogue is a usage error, before any reading
    return [path for path, _ in found.files], mapping


def _run(inputs: list[str], output: str, count: int, options: dict[str, Any]) -> ComparisonResult:
    """Run the comparison with a progress bar for many files, else a spinner (on a terminal)."""
    if count > _PROGRESS_THRESHOLD and (sys.stderr.isatty() or _force_progress()):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        with Progress(
            TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"),
            console=Console(stderr=True, force_terminal=True if _force_progress() else None), transient=True,
        ) as progress:
            task = progress.add_task("", total=count)
            return run_comparison(
                inputs, output, **options,
                on_document=lambda name: progress.update(task, advance=1, description=name),
            )
    # A few files can still take seconds (long PDFs): a spinner on a terminal, silent elsewhere.
    with working(f"Reading {count} file{'s' if count != 1 else ''}…") as status:
        return run_comparison(
            inputs, output, **options,
            on_document=lambda name: status.update(f"Read {name}…"),
        )


def _warn(report: TrustReport) -> None:
    """Reading warnings, documents in the wrong school's folder, and files not read, on stderr."""
    for entry in report.documents:
        for warning in entry.document.warnings:
            click.echo(f"policykit: warning: {warning}", err=True)
        if entry.school_mismatch:
            row = report.school(entry.school)
            click.echo(f"policykit: warning: {entry.source}: names the school {entry.governance.school!r}, "
                       f"but is in the folder of {row.name if row else entry.school}", err=True)
    for item in report.not_read:
        click.echo(f"policykit: not read: {item.file}: {item.reason}", err=True)


def _summarise(result: ComparisonResult) -> None:
    """What was compared and found, and where the report is."""
    report = result.report
    gaps = sum(1 for entry in report.documents if entry.topics is not None and entry.topics.missing)
    missing = sum(cell.status == "missing" for row in report.register() for cell in row)
    count = len(report.documents)
    topic_note = (f"on {len(report.topics)} topics" if report.topics
                  else "each against the topics of its own policy type")
    click.echo(
        f"Compared {count} polic{'y' if count == 1 else 'ies'} of {len(report.schools)} "
        f"school{'' if len(report.schools) == 1 else 's'} {topic_note}: "
        f"{gaps} with topics not found, {len(report.overdue)} overdue for review, "
        f"{missing} statutory polic{'y' if missing == 1 else 'ies'} missing (as of {report.as_of.isoformat()})."
    )
    if report.not_read:
        click.echo(f"Not read: {len(report.not_read)} file{'s' if len(report.not_read) != 1 else ''} (listed in the report).")
    click.echo(f"Report: {display_path(result.output)}")
    if result.diff_reports:
        click.echo(f"Diff pages against the model: {display_path(result.diff_reports[0].parent)}/ ({len(result.diff_reports)} files)")


def _force_progress() -> bool:
    """POLICYKIT_PROGRESS=1 shows the bar even when stderr is not a terminal (logs, tests)."""
    return os.environ.get("POLICYKIT_PROGRESS") == "1"
