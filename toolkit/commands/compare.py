"""``policykit compare``: a trust's policies side by side (coverage, reviews, drift)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from ..dates import parse_date
from ..errors import InputError
from ..io import check_not_an_input, display_path
from ._progress import working
from ..batch import close_executor, executor_for
from ..trust import DEFAULT_OUTPUT, expand_inputs, format_for_path, run_comparison

# More files than this and a progress bar is worth showing.
_PROGRESS_THRESHOLD = 5


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        parsed = parse_date(value)
        if parsed is None or not parsed.is_complete:
            raise click.BadParameter(f"{value!r} is not a full date; write it like 2024-09-01 or 1 September 2024",
                                     param_hint="'--as-of'") from None
        return parsed.as_date()  # type: ignore[return-value]


@click.command("compare")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str), metavar="FILES_OR_FOLDERS...")
@click.option("--baseline", "baseline", type=click.Path(dir_okay=False, path_type=str), metavar="MODEL",
              help="The trust's model policy: measure each school's drift from it and write a diff page per school.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), default=str(DEFAULT_OUTPUT),
              show_default=True, help="Report file; .html, .xlsx or .json picks the format.")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge review dates as of this day (default: today).")
@click.option("--topics", "topics", metavar="FILE", type=click.Path(path_type=str),
              help="Your own topic catalogue (TOML or JSON), or a built-in catalogue name (default: social_media).")
@click.option("--no-cache", is_flag=True, help="Parse every file afresh instead of reusing parsed copies.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Read with N processes (default: one per core; 1 reads in this process).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Read on a Dask cluster, e.g. tcp://10.0.0.5:8786 (needs: pip install 'policykit[dask]').")
def command(inputs: tuple[str, ...], baseline: str | None, output: str, as_of: str | None, topics: str | None, no_cache: bool,
            jobs: int | None = None, scheduler: str | None = None) -> None:
    """Compare policies across a trust: topics covered, reviews due, drift from the model.

    \b
    Folders are searched (with their subfolders) for .txt, .md, .docx and .pdf files.
    Examples:
      policykit compare source_policies/
      policykit compare schools/ --baseline model.docx -o output/trust.xlsx --as-of 2024-09-01
      policykit compare all-schools/ --jobs 8
      policykit compare all-schools/ --scheduler tcp://scheduler:8786
    """
    as_of_date = _as_of(as_of)
    format_for_path(output)  # refuse an unknown extension before reading anything
    files = expand_inputs(inputs)
    # --topics may be JSON and the report may be JSON: never let one replace the other.
    check_not_an_input(output, (*files, baseline, topics))
    if baseline and not Path(baseline).is_file():
        raise InputError("no such model policy file", path=baseline)
    executor = executor_for(jobs, scheduler) if scheduler else None
    click.get_current_context().call_on_close(lambda: close_executor(executor))
    show_progress = len(files) > _PROGRESS_THRESHOLD and (sys.stderr.isatty() or _force_progress())
    if show_progress:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"),
            console=Console(stderr=True, force_terminal=True if _force_progress() else None), transient=True,
        ) as progress:
            task = progress.add_task("", total=len(files))
            result = run_comparison(
                files, output, baseline=baseline, as_of=as_of_date, topics=topics, use_cache=not no_cache,
                on_document=lambda name: progress.update(task, advance=1, description=name), executor=executor, jobs=jobs,
            )
    else:
        # A few files can still take seconds (long PDFs): a spinner on a terminal, silent elsewhere.
        with working(f"Reading {len(files)} file{'s' if len(files) != 1 else ''}…") as status:
            result = run_comparison(
                files, output, baseline=baseline, as_of=as_of_date, topics=topics, use_cache=not no_cache,
                on_document=lambda name: status.update(f"Read {name}…"), executor=executor, jobs=jobs,
            )
    report = result.report
    for entry in report.documents:
        for warning in entry.document.warnings:
            click.echo(f"policykit: warning: {warning}", err=True)
    gaps = sum(1 for entry in report.documents if entry.topics.missing)
    click.echo(
        f"Compared {len(report.documents)} polic{'y' if len(report.documents) == 1 else 'ies'} "
        f"on {len(report.topics)} topics: "
        f"{gaps} with topics not found, {len(report.overdue)} overdue for review (as of {report.as_of.isoformat()})."
    )
    click.echo(f"Report: {display_path(result.output)}")
    if result.diff_reports:
        click.echo(f"Diff pages against the model: {display_path(result.diff_reports[0].parent)}/ ({len(result.diff_reports)} files)")


def _force_progress() -> bool:
    """POLICYKIT_PROGRESS=1 shows the bar even when stderr is not a terminal (logs, tests)."""
    return os.environ.get("POLICYKIT_PROGRESS") == "1"
