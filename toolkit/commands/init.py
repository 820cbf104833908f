"""``policykit init``: ask for a school's details and write its profile file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..errors import OutputError, ProfileError
from ..generate.profile import (
    APPROVING_BODIES,
    OPTION_HELP,
    SCHOOL_TYPES,
    TYPICAL_AGE_RANGES,
    SchoolProfile,
    normalise_age_range,
    parse_profile,
    profile_to_toml,
    read_english_date,
    understood_date,
)
from ..io import atomic_write, display_path


class _Date(click.ParamType):
    """A date typed as an English user types it; the reading is said back, so that a
    date taken the American way round (or a slip of the keyboard) is seen at once."""

    name = "date"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        text = " ".join(str(value).split())
        understood = read_english_date(text)
        if understood is None:
            self.fail(f"{value} is not a date (use 15/09/2025, 15 September 2025 or 2025-09-15)", param, ctx)
        click.echo(f"  Understood {understood_date(text, understood)}.")
        return understood


_QUESTIONS = {
    "official_accounts": "Does the school run official social media accounts?",
    "personal_devices_at_break": "May staff use their own devices for social media at break times?",
    "all_pupils_under_13": "Are all pupils under 13?",
    "legislation_appendix": "Include the appendix listing legislation and guidance?",
}


def _age_range(value: str) -> str:
    normalised = normalise_age_range(str(value))
    if normalised is None:
        raise click.BadParameter(f"'{value}' is not an age range like 4-11")
    return normalised


def _text(prompt: str, default: str | None = None) -> str:
    while True:
        value = click.prompt(prompt, default=default, show_default=default is not None)
        if str(value).strip():
            return str(value).strip()
        click.echo("Please enter a value.", err=True)


@click.command("init")
@click.argument("path", type=click.Path(path_type=Path), default=Path("school.toml"))
@click.option("--force", is_flag=True, help="Replace PATH if it already exists.")
def command(path: Path, force: bool) -> None:
    """Create a school profile (PATH, default school.toml) by answering questions.

    Press Enter to accept the default shown in [brackets]. The file can be
    edited afterwards; `policykit generate --profile PATH` checks it.

    \b
    Examples:
      policykit init
      policykit init profiles/oakfield.toml --force
    """
    # Checked before the questions: finding out only after answering all of them is no help.
    if path.is_dir():
        raise OutputError("is a folder; give a file name such as school.toml", path=path)
    if path.exists() and not force:
        raise OutputError("already exists; use --force to replace it", path=path)
    for ancestor in path.parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise OutputError(f"cannot write here: {ancestor} is a file, not a folder", path=path)
            break
    try:
        profile = _interview(path)
    except click.Abort as exc:
        if isinstance(exc.__context__, EOFError):
            # stdin ran out (a pipe, a script, no terminal): say what happened, not "Aborted!"
            raise ProfileError("the answers ran out before the last question "
                               "(init asks its questions in a terminal: run it there)", path=path) from None
        raise
    atomic_write(path, profile_to_toml(profile))
    for warning in profile.warnings:
        click.echo(f"policykit: warning: {display_path(path)}: {warning}", err=True)
    click.echo(f"Wrote {display_path(path)}. Next: policykit generate --profile {display_path(path)}")


def _interview(path: Path) -> SchoolProfile:
    """Ask every question; the profile the answers make (checked as a whole)."""
    click.echo("About the school")
    school_name = _text("School name")
    school_type = click.prompt("Type of school", type=click.Choice(SCHOOL_TYPES), default="primary")
    trust = click.prompt("Academy trust (leave blank if none)", default="", show_default=False).strip()
    pupil_age_range = click.prompt("Pupil age range", default=TYPICAL_AGE_RANGES[school_type], value_proc=_age_range)
    click.echo("People")
    headteacher = _text("Headteacher")
    dsl = _text("Designated safeguarding lead")
    deputy = _text("Deputy designated safeguarding lead")
    dpo = _text("Data protection officer (a name or a service)")
    chair = _text("Chair of governors")
    click.echo("Approval")
    approving_body = click.prompt("Approved by", type=click.Choice(APPROVING_BODIES), default="full governing board")
    approval_date = click.prompt("Date approved", type=_Date(), default=dt.date.today().strftime("%d/%m/%Y"))
    cycle = click.prompt("Review every how many years", type=click.IntRange(1, 3), default=1)
    version = _text("Policy version", default="1.0")
    click.echo("Options")
    data = {
        "school_name": school_name,
        "school_type": school_type,
        "trust": trust or None,
        "headteacher": headteacher,
        "designated_safeguarding_lead": dsl,
        "deputy_safeguarding_lead": deputy,
        "data_protection_officer": dpo,
        "chair_of_governors": chair,
        "approving_body": approving_body,
        "approval_date": approval_date,
        "review_cycle_years": cycle,
        "version": version,
        "pupil_age_range": pupil_age_range,
    }
    if data["trust"] is None:
        del data["trust"]
    draft = parse_profile({**data}, path=path)  # checks the answers and works out the age default
    options = {}
    for name in OPTION_HELP:
        default = getattr(draft.options, name)
        options[name] = click.confirm(_QUESTIONS[name], default=default)
    return parse_profile({**data, "options": options}, path=path)
