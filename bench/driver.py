"""The driver every two-engine benchmark shares: ``python -m bench.bench_x`` runs the measurement once per
engine (PostgreSQL, then SQLite), each in a child process of its own on a scratch database
(``bench.scratch``), so that one engine's caches, connections and memory never colour the other's
figures; ``--engine E --dossiers N`` (or ``--rows N``) is that child.

A benchmark module builds one ``Driver`` and keeps a ``main()`` (what ``python -m bench`` calls):

    DRIVER = Driver("bench.bench_x", "cchc_bench_x", run_engine, default=DOSSIERS)

    def main(n: int | None = None) -> None:
        DRIVER.each_engine(n)

    if __name__ == "__main__":
        DRIVER.command_line()
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.scratch import scratch_database

ENGINES = ("postgres", "sqlite")


@dataclass(frozen=True)
class Driver:
    module: str  # what ``python -m`` runs in the child, e.g. "bench.bench_interagency"
    database: str  # the scratch database's name (PostgreSQL: suffixed with the child's pid)
    run_engine: Callable[..., dict[str, Any]]  # (engine, n) → figures; (engine, n, folder) with_folder
    default: int  # how many dossiers (or rows) without --dossiers / --rows
    count: str = "dossiers"  # the option's name and the word after the number in the engine's heading
    result_prefix: str = ""  # printed before the child's JSON line (a log reader may look for it)
    with_folder: bool = False  # run_engine also takes the scratch work directory

    @property
    def environment(self) -> str:
        """The variable that carries the count from the command line to ``main()`` (BENCH_DOSSIERS…)."""
        return f"BENCH_{self.count.upper()}"

    def child(self, engine: str, n: int) -> int:
        """One engine on a fresh scratch database: its figures as one JSON line on stdout."""
        with scratch_database(engine, self.database) as folder:
            out = self.run_engine(engine, n, folder) if self.with_folder else self.run_engine(engine, n)
            print(self.result_prefix + json.dumps(out, ensure_ascii=False), flush=True)
        return 0

    def each_engine(self, n: int | None = None) -> None:
        """Both engines in turn, each in its own process; a failing child does not stop the other."""
        n = n or int(os.environ.get(self.environment, self.default))
        for engine in ENGINES:
            print(f"-- {engine}, {n:,} {self.count}", flush=True)
            subprocess.run(
                [sys.executable, "-m", self.module, "--engine", engine, f"--{self.count}", str(n)],
                check=False,
            )

    def command_line(self) -> None:
        """``--engine E`` runs the child and exits with its code; without it, both engines."""
        parser = argparse.ArgumentParser()
        parser.add_argument("--engine", choices=ENGINES)
        parser.add_argument(
            f"--{self.count}", type=int, default=self.default, dest="count", metavar=self.count.upper()
        )
        args = parser.parse_args()
        if args.engine:
            sys.exit(self.child(args.engine, args.count))
        os.environ[self.environment] = str(args.count)
        self.each_engine(args.count)


def median_after_check(fn: Callable[[], Any], runs: int = 5) -> float:
    """Seconds, the median of ``runs`` calls after one check call (which also warms the caches)."""
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)
