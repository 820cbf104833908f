"""``policykit parse``: one policy file into clauses."""

from __future__ import annotations

import click

from ..readers import read_document
from ..render.document import DOCUMENT_RENDERERS
from ._progress import working


@click.command("parse")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(DOCUMENT_RENDERERS)),
    default="tree",
    show_default=True,
    help="json: the policykit.document/1 contract; text: one clause per line; tree: an outline.",
)
def command(file: str, output_format: str) -> None:
    """Parse FILE (.txt, .md, .docx, .pdf) into numbered clauses and print them.

    \b
    Examples:
      policykit parse policy.docx
      policykit parse policy.pdf --format json > policy.json
    """
    with working(f"Reading {file}…"):
        document = read_document(file)
    for warning in document.warnings:
        click.echo(f"policykit: warning: {warning}", err=True)
    click.echo(DOCUMENT_RENDERERS[output_format](document), nl=False)
