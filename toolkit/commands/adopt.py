"""``policykit adopt``: a trust's model policy (Word or Markdown) filled in for one school."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..adopt import adopt_model, scan_model, suggest_field, suggested_mapping
from ..errors import ProfileError
from ..io import display_path
from .generate import _Timestamp, report_profile

EXIT_UNFILLED = 1


def _list(model: Path) -> None:
    result = scan_model(model)
    places = result.unfilled
    click.echo(f"{display_path(model)}: {len(places)} place{'' if len(places) == 1 else 's'} to fill, "
               f"{len(result.notes_kept)} drafting note{'' if len(result.notes_kept) == 1 else 's'}, "
               f"{len(result.sections_undecided)} optional section{'' if len(result.sections_undecided) == 1 else 's'}")
    for place in places:
        where = f"{place.part} " if not place.part.endswith(("document.xml", ".md", ".markdown")) else ""
        target = suggest_field(place.name) or "? (no profile field: give it under [values])"
        click.echo(f"  {where}{'line' if place.part.endswith(('.md', '.markdown')) else 'paragraph'} "
                   f"{place.paragraph}: {place.text}  [{place.kind}]  -> {target}")
    for note in result.notes_kept:
        click.echo(f"  paragraph {note.paragraph}: drafting note {note.text[:70]!r}")
    for section in result.sections_undecided:
        click.echo(f"  paragraph {section.paragraph}: optional section \"{section.heading}\" "
                   f"({section.paragraphs} paragraph{'' if section.paragraphs == 1 else 's'})")
    if not (places or result.sections_undecided):
        click.echo("Nothing to fill: the model has no places in a form policykit knows "
                   "([brackets], <<angle brackets>>, highlights, content controls, merge fields).")
        return
    click.echo("\nSuggested mapping file (save as mapping.toml, edit, pass with --mapping):\n")
    click.echo(suggested_mapping(result), nl=False)


@click.command("adopt")
@click.argument("model", type=click.Path(path_type=Path))
@click.option("--profile", "-p", "profile", type=click.Path(path_type=Path),
              help="The school profile (TOML); create one with `policykit init`.")
@click.option("--mapping", "-m", type=click.Path(path_type=Path),
              help="A TOML file mapping the model's place names to profile fields, texts and section choices.")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True, help="Folder to write into; files go in <folder>/<school-slug>/.")
@click.option("--list", "list_only", is_flag=True,
              help="Only list the model's places, drafting notes and optional sections, with a suggested mapping.")
@click.option("--allow-unfilled", is_flag=True, help="Exit 0 even when some places are left unfilled.")
@click.option("--timestamp", type=_Timestamp(),
              help="Date/time stamped on the outputs (ISO 8601 or Unix seconds). Default: $SOURCE_DATE_EPOCH, else now.")
def command(model: Path, profile: Path | None, mapping: Path | None, out_dir: Path, list_only: bool,
            allow_unfilled: bool, timestamp) -> None:
    """Fill a trust's model policy (MODEL.docx or .md) with a school's details.

    The Word file itself is filled: every style, list, header, footer, table and
    image of the model is kept. Places are found as [square brackets],
    <<angle brackets>>, highlighted text, content controls and mail-merge fields.
    Bracketed drafting notes are removed (keep them with drafting_notes = "keep"
    under [adopt] in the profile); optional sections (a highlighted heading, or
    one tagged [Optional] / [Optional: name]) are kept or dropped as the
    mapping's [sections] or the profile's options say.

    \b
    Writes into OUTPUT/<school-slug>/:
      MODEL.docx            the adopted policy
      MODEL-changes.html    the governors' view: what changed from the model
      MODEL-changes.docx    the same as tracked changes in Word
      MODEL-adopt.json      what was filled, dropped and left

    Every place left unfilled is listed (file, paragraph, text) and the exit
    status is 1, unless --allow-unfilled; bad input exits 2.

    \b
    Examples:
      policykit adopt --list trust-model.docx
      policykit adopt trust-model.docx --profile school.toml --mapping mapping.toml
    """
    if list_only:
        _list(model)
        return
    if profile is None:
        raise ProfileError("give the school profile with --profile (or use --list to see the model's places)",
                           path=model)
    result = adopt_model(model, profile, out_dir, mapping=mapping, timestamp=timestamp)
    fill = result.fill
    click.echo(f"Adopted {display_path(model)} for {result.profile.school_name}: {len(fill.filled)} place"
               f"{'' if len(fill.filled) == 1 else 's'} filled, {len(fill.notes_removed)} drafting note"
               f"{'' if len(fill.notes_removed) == 1 else 's'} removed, {len(fill.sections_dropped)} optional "
               f"section{'' if len(fill.sections_dropped) == 1 else 's'} dropped.")
    for path in result.outputs.values():
        click.echo(f"  {display_path(path)}")
    report_profile(profile, result.profile)
    if result.unfilled:
        click.echo(f"{len(result.unfilled)} left unfilled:", err=True)
        for item in result.unfilled:
            click.echo(f"  {item.line()}", err=True)
        if not allow_unfilled:
            sys.exit(EXIT_UNFILLED)
