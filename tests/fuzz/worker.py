"""A long-lived process running fuzz cases through the real CLI (click's test runner),
one JSON request per line on stdin, one JSON answer per line on stdout.

Started by ``tests/fuzz/__main__.py`` under an address-space limit; the parent kills
and restarts it when a case runs past its time limit or the process dies.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    from click.testing import CliRunner

    from toolkit.cli import main as cli

    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    for line in sys.stdin:
        request = json.loads(line)
        os.chdir(request["folder"])
        result = CliRunner().invoke(cli, request["args"], env={"POLICYKIT_DEBUG": None,
                                                                "SOURCE_DATE_EPOCH": "1700000000"})
        stderr = result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            stderr += f"\nTraceback (most recent call last): escaped the CLI: {result.exception!r}"
        answers.write(json.dumps({"rc": result.exit_code, "stderr": stderr[-4000:]}) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
