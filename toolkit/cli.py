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

from .errors import TooLargeError, ToolkitError, clear_current_file, current_file

_COMMAND_MODULES = (
    "demo",
    "parse",
    "init",
    "generate",
    "compare",
    "diff",
    "check",
    "serve",
    "adopt",
)


class _Group(click.Group):
    """Commands are imported when they run (or when help lists them), so a small
    `policykit parse` does not import generation, the web app or the trust renderers."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(_COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMAND_MODULES:
            return None
        return importlib.import_module(f"toolkit.commands.{cmd_name}").command

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
            current = current_file()
            if isinstance(exc, (MemoryError, RecursionError)) and current:
                # Bounded by the documented limits, but a file can still find a way: its
                # doing, named like any other input problem.
                error = TooLargeError(f"too large or too deeply nested to process ({type(exc).__name__})", path=current)
                click.echo(f"policykit: error: {error}", err=True)
                sys.exit(2)
            problem = " ".join(str(exc).split())[:300]
            while_ = f" while processing {current}" if current else ""
            click.echo(f"policykit: internal error{while_}: {type(exc).__name__}: {problem} "
                       f"(a bug in policykit; run with POLICYKIT_DEBUG=1 for the details to report)", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=lambda ctx, _param, value: _print_version(ctx) if value else None,
              help="Show the version and exit.")
def main() -> None:
    """Read, compare, diff and generate school policy documents.

    \b
    Trust leads:   policykit compare source_policies/ -o output/trust-report.html
    Governors:     policykit diff old.docx new.docx -o output/changes.html
    Headteachers:  policykit generate --profile school.toml
    Everyone:      policykit demo   (runs everything on the bundled samples)
    """



def _print_version(ctx: click.Context) -> None:
    # The version toolkit/__init__ works out (installed metadata, else a source marker):
    # click's own lookup by package name crashes when run from an uninstalled checkout.
    from . import _version

    click.echo(f"policykit, version {_version()}")
    ctx.exit()
