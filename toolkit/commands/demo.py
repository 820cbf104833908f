"""``policykit demo``: every feature on the bundled samples, outputs under output/."""

from __future__ import annotations

from pathlib import Path

import click

from ..demo import run_demo


@click.command("demo")
@click.option(
    "--samples",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("source_policies"),
    show_default=True,
    help="Folder of sample policies.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder to write everything to.",
)
def command(samples: Path, output: Path) -> None:
    """Run policykit on the bundled sample policies and say where each output is."""
    for line in run_demo(samples, output):
        click.echo(line)
