"""Time limits for background jobs, and the worker-start signal that lets each app reap dead jobs.

django.tasks has no time limit of its own. A job wraps its work in ``time_limit()``: in the worker's
main thread a SIGALRM raises ``JobTimeLimit`` inside the job, which the job records as its reason.
A worker killed outright (kill -9, out of memory) cannot record anything, so every app that keeps a
"running" state connects to ``worker_starting`` and marks what is still running past the limit as
failed; ``cchc db_worker`` sends it when it starts (core's own db_worker command).
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from django.conf import settings
from django.dispatch import Signal

worker_starting = Signal()


class JobTimeLimit(Exception):
    """Raised inside a job that ran longer than CCHC_JOB_TIME_LIMIT_SECONDS."""


def limit_seconds() -> int:
    return int(getattr(settings, "CCHC_JOB_TIME_LIMIT_SECONDS", 7200))


def limit() -> dt.timedelta:
    return dt.timedelta(seconds=limit_seconds())


def timeout_message() -> str:
    minutes = max(limit_seconds() // 60, 1)
    return f"Công việc chạy quá {minutes} phút nên đã dừng; không có thay đổi nào được ghi. Hãy chia nhỏ tệp."


@contextmanager
def time_limit(seconds: int | None = None) -> Iterator[None]:
    """Raise ``JobTimeLimit`` in this block after ``seconds`` (main thread only; elsewhere a no-op,
    and the reaper is the safety net)."""
    seconds = limit_seconds() if seconds is None else seconds
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise JobTimeLimit(timeout_message())

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
