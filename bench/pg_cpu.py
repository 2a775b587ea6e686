"""CPU seconds of the PostgreSQL server processes that work for one benchmark (the server runs on this
machine): the backends of the connections named ``APP`` (a benchmark sets ``PGAPPNAME`` for the processes
it starts), of ``pg_dump`` and ``pg_restore``, and the parallel workers they lead, read from ``/proc``
every half second while they live. Other sessions on the same databases are left out by their name.
What a backend spends after the last sample before it exits (at most half a second of its work), the
WAL writer's and the checkpointer's work are not counted.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

APP = "cchc-bench"
TOOLS = ("pg_dump", "pg_restore", APP)
TICK = 0.5


def proc_cpu(pid: int) -> float | None:
    """utime + stime of one process in seconds, None when it is gone."""
    import os

    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def backend_cpu_s() -> float:
    """CPU seconds (user + system) so far of the PostgreSQL server process behind this process's Django
    connection (the server runs on this machine)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
    cpu = proc_cpu(pid)
    if cpu is None:
        raise RuntimeError(f"the PostgreSQL backend {pid} is not a process of this machine")
    return cpu


@dataclass
class ServerCpu:
    """``with ServerCpu(["db1", "db2"]) as s: …`` then ``s.seconds`` (all backends) and ``s.spans`` (per
    application name: first and last moment seen, seconds from the start)."""

    databases: list[str]
    apps: tuple[str, ...] = TOOLS  # the application names whose backends are counted
    seen: dict[int, float] = field(default_factory=dict)
    base: dict[int, float] = field(default_factory=dict)  # what a backend alive at the start had spent
    names: dict[int, str] = field(default_factory=dict)
    spans: dict[str, list[float]] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _t0: float = 0.0

    def __enter__(self) -> ServerCpu:
        self._conn: Any = None
        if not self.databases:  # nothing to read (SQLite)
            return self
        import psycopg

        self._conn = psycopg.connect(
            host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True, application_name="sampler"
        )
        self._t0 = time.perf_counter()
        self._sample()
        self.base = dict(self.seen)
        self.spans.clear()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._conn is None:
            return
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._sample()
        self._conn.close()

    def _run(self) -> None:
        while not self._stop.wait(TICK):
            self._sample()

    def _sample(self) -> None:
        with self._conn.cursor() as cur:
            cur.execute(
                "SELECT a.pid, coalesce(nullif(a.application_name, ''), l.application_name, '') "
                "FROM pg_stat_activity a LEFT JOIN pg_stat_activity l ON l.pid = a.leader_pid "
                "WHERE a.datname = ANY(%s) "
                "AND (a.application_name = ANY(%s) OR l.application_name = ANY(%s))",
                [self.databases, list(self.apps), list(self.apps)],
            )
            rows = cur.fetchall()
        now = time.perf_counter() - self._t0
        for pid, name in rows:
            cpu = proc_cpu(pid)
            if cpu is None:
                continue
            self.seen[pid] = max(cpu, self.seen.get(pid, 0.0))
            self.names[pid] = name
            span = self.spans.setdefault(name, [now, now])
            span[1] = now

    @property
    def seconds(self) -> float:
        return sum(cpu - self.base.get(pid, 0.0) for pid, cpu in self.seen.items())

    def by_name(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for pid, cpu in self.seen.items():
            out[self.names[pid]] = out.get(self.names[pid], 0.0) + cpu - self.base.get(pid, 0.0)
        return {k: round(v, 1) for k, v in out.items()}
