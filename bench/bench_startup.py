"""Start-up cost of ``cchc`` commands: CPU seconds (user + system, of the child process) and wall seconds
to start Django and run a command that does next to nothing (a help, Django's system check), in this tree
and in a baseline tree (another checkout, e.g. a worktree of the commit before) in the same run,
alternating, 5 runs each; median and spread. Wall time on a shared machine mostly measures the load.

Run: ``CCHC_BENCH_BASELINE=/path/to/old/checkout .venv/bin/python -m bench bench_startup``.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 5
COMMANDS = [
    ["-c", "import os; os.environ['DJANGO_SETTINGS_MODULE']='cchc.settings'; import django; django.setup()"],
    ["-m", "cchc", "workdays", "--help"],
    ["-m", "cchc", "read-directive", "--help"],
    ["-m", "cchc", "--help"],
    ["-m", "cchc", "import-dossiers", "--help"],
    ["manage.py", "check"],
]


def cpu(tree: Path, args: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.setdefault("SECRET_KEY", "bench start-up")
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    baseline = os.environ.get("CCHC_BENCH_BASELINE")
    trees = [("baseline", Path(baseline))] if baseline else []
    trees.append(("this tree", here))
    print(f"load average {os.getloadavg()[0]:.1f}; {RUNS} runs each, CPU seconds (user + system), wall")
    for args in COMMANDS:
        times: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in trees}
        for _ in range(RUNS):
            for name, tree in trees:
                times[name].append(cpu(tree, args))
        label = "django.setup()" if args[0] == "-c" else " ".join(args)
        for name, _ in trees:
            t = sorted(c for c, _ in times[name])
            w = sorted(wall for _, wall in times[name])
            spread = f"min {t[0]:.2f}, max {t[-1]:.2f}"
            print(
                f"{label:40} {name:10} CPU median {statistics.median(t):.2f} s ({spread}); "
                f"wall median {statistics.median(w):.2f} s"
            )
    print(f"load average {os.getloadavg()[0]:.1f}")
