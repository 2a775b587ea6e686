"""Start-up cost of ``cchc`` commands: CPU seconds (user + system, of the child process) to start Django
and run a file command that does next to nothing, in this tree and in a baseline tree (another checkout,
e.g. a worktree of the commit before) in the same run, alternating, 5 runs each; median and spread.

Run: ``CCHC_BENCH_BASELINE=/path/to/old/checkout .venv/bin/python -m bench bench_startup``.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

RUNS = 5
COMMANDS = [
    ["-c", "import os; os.environ['DJANGO_SETTINGS_MODULE']='cchc.settings'; import django; django.setup()"],
    ["-m", "cchc", "workdays", "--help"],
    ["-m", "cchc", "read-directive", "--help"],
]


def cpu(tree: Path, args: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.setdefault("SECRET_KEY", "bench start-up")
    subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    baseline = os.environ.get("CCHC_BENCH_BASELINE")
    trees = [("baseline", Path(baseline))] if baseline else []
    trees.append(("this tree", here))
    print(f"load average {os.getloadavg()[0]:.1f}; {RUNS} runs each, CPU seconds (user + system)")
    for args in COMMANDS:
        times: dict[str, list[float]] = {name: [] for name, _ in trees}
        for _ in range(RUNS):
            for name, tree in trees:
                times[name].append(cpu(tree, args))
        label = " ".join(args) if args[0] == "-m" else "django.setup()"
        for name, _ in trees:
            t = sorted(times[name])
            spread = f"min {t[0]:.2f}, max {t[-1]:.2f}"
            print(f"{label:40} {name:10} median {statistics.median(t):.2f} s ({spread})")
    print(f"load average {os.getloadavg()[0]:.1f}")
