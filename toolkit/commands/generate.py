"""``policykit generate``: a school's own policy, declarations and sign-off sheet from its profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from rich.console import Console

from ..errors import EXIT_SOME_FAILED, ToolkitError
from ..generate.api import ALL_OUTPUTS, generate_policies, generate_policy
from ..io import display_path
from ._progress import working


class _Timestamp(click.ParamType):
    name = "TIMESTAMP"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.datetime):
            return value
        text = str(value).strip()
        if text.isdigit():
            return dt.datetime.fromtimestamp(int(text), tz=dt.UTC)
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            self.fail(f"{value!r} is not a date, date-time (2025-03-21T09:00:00) or Unix time", param, ctx)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _stale_outputs(result) -> list[Path]:
    """Our own output files in the school's folder that this run did not write: a
    policy.pdf from before a --no-pdf run, or a sign-off sheet from before --staff
    was dropped, would otherwise sit beside the new files looking current.
    They are the user's files now, so they are pointed out, not deleted."""
    return sorted(result.folder / name for name in set(ALL_OUTPUTS) - set(result.outputs) if (result.folder / name).is_file())


def report_profile(path: Path, profile) -> None:
    """What loading the profile noticed: dates read from English forms (said back so a
    misreading is caught) and answers that contradict each other (kept, but named)."""
    for note in profile.notes:
        click.echo(f"policykit: note: {display_path(path)}: {note}", err=True)
    for warning in profile.warnings:
        click.echo(f"policykit: warning: {display_path(path)}: {warning}", err=True)


@click.command("generate")
@click.option("--profile", "-p", "profiles", multiple=True, type=click.Path(path_type=Path),
              help="The school profile (TOML); create one with `policykit init`. Give it several times "
                   "for several schools.")
@click.option("--profiles", "profile_dirs", multiple=True, type=click.Path(path_type=Path), metavar="DIR",
              help="Every profile (*.toml) in this folder, one school each.")
@click.option("--schools", "schools_csvs", multiple=True, type=click.Path(path_type=Path), metavar="CSV",
              help="A CSV with one row per school; its columns are the profile's fields "
                   "(school_name, school_type, trust, headteacher, ..., official_accounts, ...).")
@click.option("--staff", type=click.Path(path_type=Path),
              help="A CSV of staff (columns name, role, email): one declaration page each, plus signoff.xlsx. "
                   "With one school only.")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True, help="Folder to write into; files go in <folder>/<school-slug>/.")
@click.option("--templates", type=click.Path(path_type=Path),
              help="Use your own template folder (with template.toml) instead of the built-in model; "
                   "it is rendered in a sandbox.")
@click.option("--timestamp", type=_Timestamp(),
              help="Date/time stamped on the outputs (ISO 8601 or Unix seconds) for byte-identical "
                   "regeneration. Default: $SOURCE_DATE_EPOCH, else now.")
@click.option("--pdf/--no-pdf", default=True, show_default=True,
              help="Also make policy.pdf with LibreOffice when it is installed.")
@click.option("--model", "include_model", is_flag=True,
              help="Also write model.docx (the model policy with default options) so that "
                   "`policykit diff model.docx policy.docx` shows this school's local variations.")
def command(profiles: tuple[Path, ...], profile_dirs: tuple[Path, ...], schools_csvs: tuple[Path, ...],
            staff: Path | None, out_dir: Path, templates: Path | None,
            timestamp: dt.datetime | None, pdf: bool, include_model: bool) -> None:
    """Generate a school's staff social media policy and staff declarations.

    \b
    Writes into OUTPUT/<school-slug>/:
      policy.docx   Word, with automatic clause numbering, cover table, header and page numbers
      policy.md     Markdown (good for version control)
      policy.html   one self-contained, print-ready page
      policy.pdf    when LibreOffice (soffice) is installed
      declaration.docx         a blank staff declaration
      staff-declarations.docx  with --staff: one declaration page per member of staff
      signoff.xlsx             with --staff: a sheet to track who has signed
      manifest.json            what was used (profile hash, template version, options)
      model.docx               with --model: the model policy, to diff against policy.docx

    \b
    Several schools in one run (one LibreOffice start for all the PDFs):
      policykit generate -p oakfield.toml -p riverside.toml
      policykit generate --profiles profiles/      every *.toml in the folder
      policykit generate --schools schools.csv     one row per school
    A schools CSV has a header row naming profile fields: school_name, school_type,
    trust, headteacher, designated_safeguarding_lead, deputy_safeguarding_lead,
    data_protection_officer, chair_of_governors, approving_body, approval_date,
    review_cycle_years, version, pupil_age_range, and the options official_accounts,
    personal_devices_at_break, all_pupils_under_13, legislation_appendix
    (true/false, yes/no). A blank cell is a field not given. A bad profile or row is
    reported (file and row) and the others go on.

    \b
    Exit status: 0 all made, 2 trouble (nothing made), 3 some schools failed (listed on stderr).

    \b
    Example:
      policykit init school.toml
      policykit generate --profile school.toml --staff staff.csv
    """
    if len(profiles) == 1 and not profile_dirs and not schools_csvs:
        _one_school(profiles[0], staff, out_dir, templates, timestamp, pdf, include_model)
        return
    if not (profiles or profile_dirs or schools_csvs):
        raise click.UsageError("give the school's profile with --profile FILE (or several schools with "
                               "--profiles DIR or --schools CSV)")
    if staff is not None:
        raise click.UsageError("--staff is for one school; generate the other schools without it, then each "
                               "school with its own --profile and --staff")
    _many_schools(list(profiles), list(profile_dirs), list(schools_csvs), out_dir, templates, timestamp, pdf,
                  include_model)


def _one_school(profile: Path, staff: Path | None, out_dir: Path, templates: Path | None,
                timestamp: dt.datetime | None, pdf: bool, include_model: bool) -> None:
    console = Console(stderr=True)
    with console.status("Generating…") as status:
        result = generate_policy(
            profile, staff, out_dir, templates=templates, timestamp=timestamp, pdf=pdf,
            include_model=include_model,
            progress=lambda message: status.update(message[0].upper() + message[1:] + "…"),
        )
    click.echo(f"Generated {result.template.title} for {result.profile.school_name} "
               f"(template {result.template.name} {result.template.version}):")
    for path in result.outputs.values():
        click.echo(f"  {display_path(path)}")
    if result.pdf_skipped:
        click.echo(f"PDF skipped: {result.pdf_skipped}.")
    report_profile(profile, result.profile)
    for stale in _stale_outputs(result):
        click.echo(f"policykit: warning: {display_path(stale)} is from an earlier run and was not made this time; "
                   f"delete it or it may be taken for the current version", err=True)
    if result.staff_count:
        click.echo(f"{result.staff_count} staff declaration{'' if result.staff_count == 1 else 's'}, one per page.")


def _many_schools(profiles: list[Path], profile_dirs: list[Path], schools_csvs: list[Path], out_dir: Path,
                  templates: Path | None, timestamp: dt.datetime | None, pdf: bool, include_model: bool) -> None:
    from ..generate.schools import collect_sources, profiles_in_folder

    failures: list[ToolkitError] = []
    files = list(profiles)
    for folder in profile_dirs:
        try:
            files += profiles_in_folder(folder)
        except ToolkitError as exc:
            failures.append(exc)
    with working("Reading the profiles…") as status:
        sources, bad = collect_sources(files, schools_csvs)
        batch = generate_policies(
            sources, out_dir, templates=templates, timestamp=timestamp, pdf=pdf, include_model=include_model,
            failures=failures + bad, progress=lambda message: status.update(message[0].upper() + message[1:] + "…"),
        )
    if batch.results:
        template = batch.results[0].template
        count = len(batch.results)
        click.echo(f"Generated {template.title} (template {template.name} {template.version}) "
                   f"for {count} school{'' if count == 1 else 's'}:")
    for result in batch.results:
        click.echo(f"  {result.profile.school_name}: {display_path(result.folder)}/ "
                   f"({', '.join(result.outputs)})")
    if batch.results and batch.pdf_skipped:
        click.echo(f"PDF skipped: {batch.pdf_skipped}.")
    for result in batch.results:
        label = batch.sources.get(result.folder, "")
        report_profile(Path(label), result.profile)
        for stale in _stale_outputs(result):
            click.echo(f"policykit: warning: {display_path(stale)} is from an earlier run and was not made this "
                       f"time; delete it or it may be taken for the current version", err=True)
    for error in batch.failures:
        click.echo(f"policykit: error: {error}", err=True)
    if batch.failures:
        made = len(batch.results)
        click.echo(f"policykit: {len(batch.failures)} school(s) could not be generated"
                   + (f"; the other {made} were" if made else ""), err=True)
        raise SystemExit(EXIT_SOME_FAILED if made else 2)
