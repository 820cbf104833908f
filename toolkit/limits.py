"""The time budget of one document in a batch (``compare``, ``demo``).

Memory and size are bounded while a file is read (see the README's "Limits");
time is bounded here: a document that takes longer than ``DOCUMENT_SECONDS`` to
read is reported as too slow, by name, and the batch goes on with the next one.
The budget uses a real-time interval timer, so it applies on the main thread of
a POSIX process (the CLI); elsewhere it does nothing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from typing import NoReturn

from .errors import TooLargeError

DOCUMENT_SECONDS = 30.0


class _OutOfTime(BaseException):
    # BaseException: no reader's ``except Exception`` can swallow it and carry on.
    pass


@contextlib.contextmanager
def document_time_limit(path: str | os.PathLike[str], seconds: float = DOCUMENT_SECONDS) -> Iterator[None]:
    """Raise TooLargeError naming ``path`` if the block runs longer than ``seconds``."""
    usable = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> NoReturn:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OutOfTime:
        raise TooLargeError(f"took longer than {seconds:g} seconds to read (the limit per document in a batch)",
                            path=path) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
