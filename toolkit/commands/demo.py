"""``policykit demo``: every feature on the bundled samples, outputs under output/."""

from __future__ import annotations

from pathlib import Path

import click

from ..demo import run_demo
from ..errors import EXIT_SOME_FAILED, InputError
from ._progress import working

_DEFAULT_SAMPLES = Path("source_policies")


def _samples_folder(given: Path | None) -> Path:
    """The folder given, else ./source_policies, else the checkout's own samples.

    Run from a source checkout but another folder (``cd /tmp && policykit demo``),
    the samples beside the package are the ones meant; an installed wheel carries
    none, and then the demo says to run it from the repository or pass --samples.
    """
    if given is not None:
        return given
    if _DEFAULT_SAMPLES.is_dir():
        return _DEFAULT_SAMPLES
    checkout = Path(__file__).resolve().parents[2] / "source_policies"
    return checkout if checkout.is_dir() else _DEFAULT_SAMPLES


@click.command("demo")
@click.option(
    "--samples",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of sample policies.  [default: source_policies]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder to write everything to.",
)
def command(samples: Path | None, output: Path) -> None:
    """Run policykit on the bundled sample policies and say where each output is.

    A sample that cannot be read is listed with the reason and the others go on.

    \b
    Exit status: 0 all went well, 2 trouble, 3 some files failed (listed on stderr).

    \b
    Examples:
      policykit demo
      policykit demo --samples my-policies/ -o demo-output/
    """
    # The demo takes several seconds before its first line; a spinner says it is
    # working. Lines go to stdout as each step finishes.
    failures: list[InputError] = []
    with working("Running the demo on the sample policies…"):
        for line in run_demo(_samples_folder(samples), output, failures):
            click.echo(line)
    if failures:
        for error in failures:
            click.echo(f"policykit: error: {error}", err=True)
        click.echo(f"policykit: {len(failures)} file(s) could not be read; the rest ran", err=True)
        raise SystemExit(EXIT_SOME_FAILED)
