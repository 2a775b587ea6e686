"""Two workers (or requests) at the same instant, for the tests of what must happen once: each thread waits
at one barrier, then calls; results and exceptions are collected (an exception in a thread would
otherwise vanish), and each thread closes its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection


def at_once(call: Callable[[], Any], n: int = 2) -> tuple[list[Any], list[BaseException]]:
    """``call()`` in ``n`` threads released together: what they returned and what they raised."""
    start = threading.Barrier(n)
    results: list[Any] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            results.append(call())
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors
