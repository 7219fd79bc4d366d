"""A per-document time limit: a document that takes too long is a rejection, not a hung batch.

Uses a real-time interval timer (``SIGALRM``), which interrupts pure-Python loops and
fires as soon as a long C call (a parse) returns. Signals exist only in the main thread
of a process (the CLI and every worker of a batch); elsewhere, as when the API is called
from a thread, the limit is not applied.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

from .errors import InputError


#: seconds between repeated alarms once the deadline has passed
REPEAT = 0.05


class DeadlineExceeded(InputError):
    """The document took longer than the configured per-document limit."""


@contextmanager
def deadline(seconds: float, name: str) -> Iterator[None]:
    """Raise :class:`DeadlineExceeded` (naming ``name``) if the block runs longer than ``seconds``."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DeadlineExceeded(f"{name}: took longer than the limit of {seconds:g} s per document")

    previous = signal.signal(signal.SIGALRM, expire)
    # fire again every REPEAT seconds after the deadline: an exception raised where Python
    # cannot propagate it (a garbage-collector or weakref callback) is dropped, so one shot may be lost
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
