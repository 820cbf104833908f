"""A spinner on stderr for the commands that can take seconds (a long PDF, a demo).

Rich draws it only when stderr is a terminal, so pipes, logs and tests see nothing;
``quiet`` turns it off for commands whose silence is part of their contract.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator


class _Silent:
    def update(self, message: str) -> None:
        pass


@contextlib.contextmanager
def working(message: str, *, quiet: bool = False) -> Iterator:
    if quiet or not sys.stderr.isatty():
        # Rich would draw nothing here anyway; not importing it saves ~15 ms a run.
        yield _Silent()
        return
    from rich.console import Console

    with Console(stderr=True).status(message) as status:
        yield status
