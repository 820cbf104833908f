"""The ``policykit`` command: a thin layer over the Python API.

Each command lives in ``toolkit/commands/<name>.py`` and is listed in
``_COMMAND_MODULES``; this module only wires them up and turns every
``ToolkitError`` into one line on stderr with exit code 2.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from . import __version__
from .errors import ToolkitError, TooLargeError, clear_current_file, current_file

_COMMAND_MODULES = (
    "demo",
    "parse",
    "init",
    "generate",
    "compare",
    "diff",
)


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        clear_current_file()
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            click.echo(f"policykit: error: {exc}", err=True)
            sys.exit(2)
        except click.UsageError as exc:
            # A mistyped option is bad input like any other: one line, exit 2, not
            # click's four-line usage block (the line says where the help is).
            where = exc.ctx.command_path if exc.ctx is not None else ctx.command_path
            message = " ".join(exc.format_message().split())
            click.echo(f"policykit: error: {message} (see '{where} --help')", err=True)
            sys.exit(2)
        except (click.exceptions.Exit, click.Abort, click.ClickException, KeyboardInterrupt, SystemExit):
            raise
        except BrokenPipeError:
            # The reader went away (`policykit compare ... | head -1`): not an error to
            # report. Point stdout at /dev/null so the exit flush cannot complain, and
            # exit as a process killed by SIGPIPE would.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(141)
        except OSError as exc:
            # The machine's doing (permissions, a full disk, a vanished drive), not ours.
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"policykit: error: {where}{exc.strerror or exc}", err=True)
            sys.exit(2)
        except Exception as exc:
            # A bug, not the user's doing: still one line (what broke and how to get the
            # detail for a report), not a screenful of Python. Outputs are only written
            # after everything is rendered, so nothing half-made is left.
            if os.environ.get("POLICYKIT_DEBUG"):
                raise
            where = current_file()
            if isinstance(exc, (MemoryError, RecursionError)) and where:
                # Bounded by the documented limits, but a file can still find a way: its
                # doing, named like any other input problem.
                error = TooLargeError(f"too large or too deeply nested to process ({type(exc).__name__})", path=where)
                click.echo(f"policykit: error: {error}", err=True)
                sys.exit(2)
            problem = " ".join(str(exc).split())[:300]
            while_ = f" while processing {where}" if where else ""
            click.echo(f"policykit: internal error{while_}: {type(exc).__name__}: {problem} "
                       f"(a bug in policykit; run with POLICYKIT_DEBUG=1 for the details to report)", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
# The version toolkit/__init__ works out (installed metadata, else a source marker):
# click's own lookup by package name crashes when run from an uninstalled checkout.
@click.version_option(version=__version__, prog_name="policykit")
def main() -> None:
    """Read, compare, diff and generate school policy documents.

    \b
    Trust leads:   policykit compare source_policies/ -o output/trust-report.html
    Governors:     policykit diff old.docx new.docx -o output/changes.html
    Headteachers:  policykit generate --profile school.toml
    Everyone:      policykit demo   (runs everything on the bundled samples)
    """


for _name in _COMMAND_MODULES:
    main.add_command(importlib.import_module(f"toolkit.commands.{_name}").command)
