"""``policykit diff OLD NEW``: what changed between two versions of a policy, clause by clause."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from ..diff import DiffOptions, DocumentDiff, diff_documents
from ..errors import OutputError
from ..io import atomic_write, check_not_an_input, check_output_file, display_path
from ..readers import read_document
from ..render import DiffRenderer, diff_format_for, diff_renderer
from ._progress import working

_FORMATS = ("text", "json", "md", "html", "docx")


def _refuse_mismatch(fmt: str, output: Path) -> None:
    """``-o changes.docx --format html`` would write a web page Word refuses to open:
    when the extension names a different format and either is a document format
    (docx, html), it is a slip, not a wish. Unknown extensions (.bin) and the plain
    text family (.txt holding json or md) are left to --format."""
    try:
        implied = diff_format_for(output)
    except OutputError:
        return
    if implied != fmt and {implied, fmt} & {"docx", "html"}:
        raise OutputError(f"--format {fmt} does not match the extension {output.suffix} ({implied}); "
                          f"name the file .{fmt} or leave out --format", path=output)


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE (its extension picks the format). Default: text on stdout.")
@click.option("-f", "--format", "fmt", type=click.Choice(_FORMATS),
              help="Report format: text, json, md (CriticMarkup), html (self-contained), docx (tracked changes).")
@click.option("--author", default=DiffOptions.author, show_default=True,
              help="Author name on every tracked change in DOCX output.")
@click.option("--ignore-case", is_flag=True, help="Treat upper and lower case as the same.")
@click.option("--ignore-whitespace", is_flag=True,
              help="Ignore all whitespace (changes in the amount of whitespace are always ignored).")
@click.option("--ignore-punctuation", is_flag=True, help="Ignore punctuation marks.")
@click.option("--ignore-numbering", is_flag=True,
              help="Ignore clause numbers and numbered cross-references: renumbering is not a change.")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), default=DiffOptions.similarity_threshold,
              show_default=True, help="How similar (0-1) two clauses must be to count as one clause edited.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; only the exit status says whether they differ.")
@click.pass_context
def command(ctx: click.Context, old: Path, new: Path, output: Path | None, fmt: str | None, author: str,
            ignore_case: bool, ignore_whitespace: bool, ignore_punctuation: bool, ignore_numbering: bool,
            threshold: float, quiet: bool) -> None:
    """Compare OLD and NEW versions of a policy, clause by clause.

    Renumbered clauses are reported as renumbered, not changed, and a clause
    moved to another section as a move. OLD and NEW may be in different
    formats (a PDF against a DOCX): where a page or line broke, or how a form
    or table was laid out, is never a change. Changed cover details (dates,
    version, approver) come first, then one sentence saying what kind of
    change this is; runs of renumbered clauses are folded into one line
    ("4.2–4.9 renumbered 4.3–4.10"). A handbook holding several policies is
    compared policy by policy.

    \b
    Exit status (as diff(1)): 0 no differences, 1 differences, 2 trouble.

    \b
    Examples:
      policykit diff policy-2023.docx policy-2024.docx
      policykit diff old.pdf new.docx -o changes.html
      policykit diff old.docx new.docx -o tracked.docx --author "Clerk to Governors"
      policykit diff old.txt new.txt --format json > changes.json
    """
    name, renderer = _chosen_format(old, new, output, fmt)
    options = DiffOptions(ignore_case=ignore_case, ignore_whitespace=ignore_whitespace,
                          ignore_punctuation=ignore_punctuation, ignore_numbering=ignore_numbering,
                          similarity_threshold=threshold, author=author)
    with working(f"Reading {old}…", quiet=quiet) as status:
        before = read_document(old)
        status.update(f"Reading {new}…")
        after = read_document(new)
        status.update("Comparing clause by clause…")
        diff = diff_documents(before, after, options)

    if output is None:
        if not quiet:
            _print(diff, name, renderer)
    else:
        atomic_write(output, renderer.render(diff))
        if quiet:
            ctx.exit(0 if diff.identical else 1)
        counts = ", ".join(f"{n} {status}" for status, n in diff.summary.as_dict().items() if n) or "no clauses"
        click.echo(f"policykit: wrote {display_path(output)} ({name}; {counts})", err=True)
    ctx.exit(0 if diff.identical else 1)


def _chosen_format(old: Path, new: Path, output: Path | None, fmt: str | None) -> tuple[str, DiffRenderer]:
    """The report format and its renderer; a bad -o or a binary format for a terminal is refused
    before reading: a wrong -o costs no waiting."""
    if output is not None:
        check_not_an_input(output, (old, new))
        check_output_file(output)
    name = fmt or (diff_format_for(output) if output is not None else "text")
    if fmt and output is not None:
        _refuse_mismatch(fmt, output)
    renderer = diff_renderer(name)
    if output is None and renderer.binary and sys.stdout.isatty():
        raise OutputError(f"{name} output is binary; give -o FILE (e.g. -o changes.{name})")
    return name, renderer


def _print(diff: DocumentDiff, name: str, renderer: DiffRenderer) -> None:
    """The report on stdout: text in colour and at the terminal's width on a terminal, bytes as bytes."""
    if name == "text":
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        width = shutil.get_terminal_size((100, 24)).columns if colour else 100
        click.echo(renderer.render(diff, color=colour, width=width), nl=False)
    elif renderer.binary:
        data = renderer.render(diff)
        assert isinstance(data, bytes), "a binary renderer returns bytes"
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        click.echo(renderer.render(diff), nl=False)
