"""Recomputing the risk of every open dossier (issue target: 1,000,000 open dossiers on PostgreSQL in
under 60 s).

    python -m bench bench_earlywarning
    python -m bench.bench_earlywarning --open 1000000 --history 200000 --row-by-row

A scratch PostgreSQL database gets the demo organisation, 40 procedures, ``--history`` finished dossiers
(one finished step each, spread over the 180 days before today, 8 % late) and ``--open`` open dossiers
(one open step each, received 0–9 days ago, due between yesterday and 5 days ahead), written with
``INSERT … SELECT generate_series`` in SQL. Then, in the same run:

* **baseline** — what any recomputation must do at least: read the open dossiers' columns and their open
  steps (the same two binary ``COPY … TO STDOUT`` queries the refresh makes) and write one row per
  dossier and per step into the risk table in one transaction with the refresh's own writer (staged
  binary COPY, then one ``INSERT … SELECT`` that makes titles and links), with constant numbers;
* **refresh, row by row** — ``cchc.earlywarning.refresh.refresh`` with the SQLite write path forced:
  read the history, score every open dossier and its step on arrays, then delete the stored risks and
  insert the new ones (two rows per dossier: the dossier and its step) into the indexed table;
* **refresh** — the same with PostgreSQL's own write path: the new rows go into a second, unindexed
  table whose indexes are then built by sorting, and it is swapped in.

Each phase records its wall time, this process's CPU seconds, the PostgreSQL server process's CPU
seconds and the load average before it (the machine is shared). Parallel query and parallel index
builds are switched off for the session, so every CPU-second the server spends is in the one server
process measured (a parallel worker's time would otherwise go uncounted).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from typing import Any

from bench.pg_cpu import backend_cpu_s
from bench.scratch import scratch_database

OPEN = 1_000_000
HISTORY = 200_000


def _fill(open_n: int, history_n: int) -> None:
    from django.db import connection

    from cchc.dossiers.models import Procedure
    from cchc.org.demo import load_org
    from cchc.org.models import Unit

    load_org()
    Procedure.objects.bulk_create(
        [Procedure(national_code=f"B.{i:03d}", name=f"Thủ tục thử {i}", limit_value=5) for i in range(40)]
    )
    procs = list(Procedure.objects.values_list("pk", flat=True))
    units = list(Unit.objects.filter(kind="ward").values_list("pk", flat=True))
    p_arr, u_arr = f"(ARRAY{procs})", f"(ARRAY{units})"
    common = (
        "'', '', '', '', '', '', 1, {status}, {received}, {appointment}, 'nd118', {outcome}, '[]', "
        "{source}, now(), now(), {u}[1 + g % {nu}], {u}[1 + g % {nu}], {p}[1 + (g / 7) % {np}], "
        "{end}, {finished_on}, false"
    )
    columns = (
        "code, applicant_name, applicant_id_number, applicant_phone, applicant_email, applicant_address, "
        "summary, channel, status, received_at, appointment_at, legal_basis, outcome, late_causes, source, "
        "created_at, updated_at, handling_unit_id, receiving_unit_id, procedure_id, end_at, finished_on, "
        "named_cause"
    )
    history = common.format(
        status=9,
        received="now() - ((g % 180) + 8) * interval '1 day'",
        appointment="now() - ((g % 180) + 1) * interval '1 day'",
        outcome="CASE WHEN g % 25 < 2 THEN 'late' ELSE 'on_time' END",
        source="'bench-h'",
        u=u_arr,
        nu=len(units),
        p=p_arr,
        np=len(procs),
        end="now() - ((g % 180) + 1) * interval '1 day' + (CASE WHEN g % 25 < 2 THEN 2 ELSE -(g % 5) END) "
        "* interval '1 day'",
        finished_on="(now() - ((g % 180) + 1) * interval '1 day')::date",
    )
    open_rows = common.format(
        status=4,
        received="now() - (g % 10) * interval '1 day' - interval '2 hours'",
        appointment="now() + ((g % 7) - 1) * interval '1 day'",
        outcome="''",
        source="'bench-o'",
        u=u_arr,
        nu=len(units),
        p=p_arr,
        np=len(procs),
        end="NULL",
        finished_on="NULL",
    )
    step_cols = (
        "dossier_id, seq, unit_id, unit_name, official_name, position, content, started_at, finished_at, "
        "deadline_at, external"
    )
    with connection.cursor() as c:
        c.execute(f"INSERT INTO dossiers_dossier ({columns}) SELECT 'H-' || g, {history} "
                  f"FROM generate_series(1, {history_n}) g")  # fmt: skip
        c.execute(f"INSERT INTO dossiers_dossier ({columns}) SELECT 'O-' || g, {open_rows} "
                  f"FROM generate_series(1, {open_n}) g")  # fmt: skip
        c.execute(
            f"INSERT INTO dossiers_dossierstep ({step_cols}) SELECT id, 1, handling_unit_id, '', '', '', '', "
            "received_at, end_at, appointment_at - interval '1 day', false FROM dossiers_dossier"
        )
        c.execute("ANALYZE")


def _timed(fn: object) -> dict[str, float]:
    """Wall time, this process's CPU time and the database server's CPU time of ``fn()``."""
    load = os.getloadavg()[0]
    cpu0, db0, t0 = time.process_time(), backend_cpu_s(), time.perf_counter()
    fn()  # type: ignore[operator]
    return {
        "wall_s": round(time.perf_counter() - t0, 1),
        "python_cpu_s": round(time.process_time() - cpu0, 1),
        "db_cpu_s": round(backend_cpu_s() - db0, 1),
        "load_average_before": round(load, 1),
    }


def _baseline(today: dt.date) -> None:
    """Read the open dossiers' and open steps' columns as the refresh does (binary COPY out) and write
    one row per dossier and per step with the refresh's own writer (staged COPY in, one INSERT … SELECT
    that makes titles and links), constant numbers, no history and no model: the floor under any model."""
    import numpy as np

    from cchc.earlywarning import bulk, compute
    from cchc.earlywarning.refresh import Stage, write

    where = bulk.open_where(compute.OPEN)
    od, st = bulk.dossiers(where, finished=False), bulk.steps(where, finished=False)
    n, m = od.shape[0], st.shape[0]

    def ints(a: Any, b: Any) -> Any:
        return np.concatenate((np.broadcast_to(a, n), np.broadcast_to(b, m))).astype(np.int64)

    zero = np.zeros(n + m)
    cols = {
        "kind": ints(bulk.KIND_DOSSIER, bulk.KIND_STEP), "dossier_id": ints(od[:, 0], st[:, 1]),
        "step_id": ints(0, st[:, 0]), "unit_id": ints(od[:, 2], st[:, 3]), "official_id": ints(0, 0),
        "receiving_unit_id": ints(od[:, 3], 0), "risk": zero, "consequence": zero, "priority": zero,
        "level": ints(0, 0), "compared": ints(0, 0), "typical": zero, "expected_more": zero, "spent": zero,
        "time_left": zero, "expected_finish": ints(bulk.day_number(today), bulk.day_number(today)),
        "apology_by": ints(bulk.NONE, bulk.NONE),
    }  # fmt: skip
    write(Stage(cols, n, m), [], today)


def run_engine(open_n: int, history_n: int, row_by_row: bool = True) -> dict[str, object]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from cchc.earlywarning import bulk
    from cchc.earlywarning.models import Risk
    from cchc.earlywarning.refresh import refresh

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    _fill(open_n, history_n)
    out: dict[str, object] = {
        "open": open_n,
        "history": history_n,
        "fill_s": round(time.perf_counter() - t0, 1),
        "nproc": os.cpu_count(),
    }
    today = timezone.localdate()
    with connection.cursor() as c:
        c.execute("SET max_parallel_maintenance_workers = 0")
        c.execute("SET max_parallel_workers_per_gather = 0")
    out["baseline"] = _timed(lambda: _baseline(today))
    out["baseline_rows"] = Risk.objects.count()
    print(f"  baseline (read + write): {out['baseline']}", flush=True)
    if row_by_row:
        real = bulk.swaps
        bulk.swaps = lambda: False
        try:
            out["refresh_row_by_row"] = _timed(lambda: refresh(today))
        finally:
            bulk.swaps = real
        print(f"  refresh, row by row: {out['refresh_row_by_row']}", flush=True)
    result: list[object] = []
    out["refresh"] = _timed(lambda: result.append(refresh(today)))
    out["rows"] = Risk.objects.count()
    out["at_risk"] = result[0].at_risk  # type: ignore[attr-defined]
    print(f"  refresh: {out['refresh']} for {out['rows']:,} risk rows", flush=True)
    return out


def child(open_n: int, history_n: int, row_by_row: bool) -> int:
    with scratch_database("postgres", "bench_hew_earlywarning"):
        out = run_engine(open_n, history_n, row_by_row)
        print("RESULT " + json.dumps(out, ensure_ascii=False), flush=True)
    return 0


def main() -> None:
    open_n = int(os.environ.get("BENCH_OPEN", OPEN))
    history_n = int(os.environ.get("BENCH_HISTORY", HISTORY))
    row_by_row = os.environ.get("BENCH_ROW_BY_ROW", "1") == "1"
    print(f"-- postgres, {open_n:,} open dossiers, {history_n:,} finished", flush=True)
    subprocess.run(
        [sys.executable, "-m", "bench.bench_earlywarning", "--child", "--open", str(open_n),
         "--history", str(history_n), *(["--row-by-row"] if row_by_row else [])],
        check=False,
    )  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--open", type=int, default=OPEN)
    parser.add_argument("--history", type=int, default=HISTORY)
    parser.add_argument("--row-by-row", action="store_true", help="also time the old write path")
    args = parser.parse_args()
    if args.child:
        sys.exit(child(args.open, args.history, args.row_by_row))
    os.environ["BENCH_OPEN"], os.environ["BENCH_HISTORY"] = str(args.open), str(args.history)
    os.environ["BENCH_ROW_BY_ROW"] = "1" if args.row_by_row else "0"
    main()
