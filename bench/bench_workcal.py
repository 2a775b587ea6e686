"""Adding working days to 1,000,000 instants: ``WorkCalendar.add_working_days_array`` against
``numpy.busday_offset`` on the same input (target no more than 3× numpy's time).

numpy's business-day functions take a Monday–Friday week mask and a holiday list; they cannot make a
Saturday a working day, so their answers differ on the make-up Saturdays (and numpy rolls a start on
a day off forward before stepping, where the Civil Code counts from the day after the start). The
timing compares the same amount of work: one deadline per start, n varying from 1 to 30.

Run: ``.venv/bin/python -m bench bench_workcal`` (or ``make bench``).
"""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from cchc.lib.workcal import KIND_MAKE_UP_WORKING_DAY
from cchc.lib.workdays_csv import calendar_from_csv, parse_workdays_csv

CSV = Path(__file__).resolve().parent.parent / "cchc" / "calendar" / "data" / "vn-workdays-2022-2027.csv"
SIZE = 1_000_000
RUNS = 7


def _interleaved(fns: dict[str, Callable[[], object]], runs: int = RUNS) -> dict[str, list[float]]:
    """Seconds per run for each function, run in turn so that load from other processes on the
    machine falls on all of them alike."""
    for fn in fns.values():
        fn()  # warm-up: first-touch page faults and lazy imports are not what is measured
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return times


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    import os

    return (
        f"nproc={os.cpu_count()}, CPU={cpu}, RAM={ram}, Python {platform.python_version()}, "
        f"numpy {np.__version__}"
    )


def main() -> None:
    rows = parse_workdays_csv(CSV)
    cal = calendar_from_csv(CSV)
    holidays = np.array(
        sorted(r.date for r in rows if r.kind != KIND_MAKE_UP_WORKING_DAY), dtype="datetime64[D]"
    )
    busdaycal = np.busdaycalendar(weekmask="1111100", holidays=holidays)

    rng = np.random.default_rng(2022)
    # Instants spread over 2022–2026 (the years with an official schedule), to the minute.
    first = np.datetime64("2022-01-01T00:00", "m")
    minutes = 5 * 365 * 24 * 60
    instants = first + rng.integers(0, minutes, SIZE).astype("timedelta64[m]")
    days = instants.astype("datetime64[D]")
    n = rng.integers(1, 31, SIZE)

    times = _interleaved(
        {
            "numpy": lambda: np.busday_offset(days, n, roll="forward", busdaycal=busdaycal),
            "numpy_list": lambda: np.busday_offset(days, n, roll="forward", holidays=holidays),
            "ours_days": lambda: cal.add_working_days_array(days, n),
            "ours_instants": lambda: cal.add_working_days_array(instants, n),
        }
    )
    med = {name: statistics.median(runs) for name, runs in times.items()}
    best = {name: min(runs) for name, runs in times.items()}

    ours = cal.add_working_days_array(days, n)
    theirs_backward = np.busday_offset(days, n, roll="backward", busdaycal=busdaycal)
    differ = int((ours != theirs_backward).sum())

    print(f"machine: {machine()}")
    print(f"inputs: {SIZE:,} starts in 2022–2026, n uniform in 1..30, median of {RUNS} runs")
    labels = {
        "numpy": "numpy.busday_offset(busdaycal=…)",
        "numpy_list": "numpy.busday_offset(holidays=…)",
        "ours_days": "add_working_days_array, datetime64[D]",
        "ours_instants": "add_working_days_array, datetime64[m]",
    }
    print(f"{'':42} {'median':>9} {'best':>9}   runs (ms)")
    for name, label in labels.items():
        print(f"{label:42} {med[name] * 1000:7.1f}ms {best[name] * 1000:7.1f}ms   {_fmt(times[name])}")
    print(f"ratio days / numpy (median):     {med['ours_days'] / med['numpy']:.2f}×  (target ≤ 3×)")
    ratio = med["ours_instants"] / med["numpy"]
    print(f"ratio instants / numpy (median): {ratio:.2f}×  (cut-off rule applied too)")
    print(
        f"answers that differ from numpy (roll='backward', same holidays): {differ:,} "
        "— the starts whose deadline crosses a make-up Saturday"
    )


def _fmt(runs: list[float]) -> str:
    return "[" + ", ".join(f"{t * 1000:.1f}" for t in runs) + "]"


if __name__ == "__main__":
    main()
