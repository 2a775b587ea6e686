"""Recomputing the risk of every open dossier (issue target: 1,000,000 open dossiers on PostgreSQL in
under 60 s).

    python -m bench bench_earlywarning
    python -m bench.bench_earlywarning --open 1000000 --history 200000

A scratch PostgreSQL database gets the demo organisation, 40 procedures, ``--history`` finished dossiers
(one finished step each, spread over the 180 days before today, 8 % late) and ``--open`` open dossiers
(one open step each, received 0–9 days ago, due between yesterday and 5 days ahead), written with
``INSERT … SELECT generate_series`` in SQL. Then, in the same run:

* **baseline** — what any recomputation must do at least: read the open dossiers' columns and their open
  steps (the same two queries the refresh makes) and write one row per dossier into the risk table
  in one transaction with the refresh's own writer (COPY), with a constant risk (no model);
* **refresh** — ``cchc.earlywarning.refresh.refresh``: read the history into the model, score every open
  dossier and its step, and replace the stored risks (two rows per dossier: the dossier and its step).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time

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
        "{end}, {finished_on}"
    )
    columns = (
        "code, applicant_name, applicant_id_number, applicant_phone, applicant_email, applicant_address, "
        "summary, channel, status, received_at, appointment_at, legal_basis, outcome, late_causes, source, "
        "created_at, updated_at, handling_unit_id, receiving_unit_id, procedure_id, end_at, finished_on"
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


def _baseline(today: dt.date) -> float:
    """Read what the refresh reads for open dossiers, write one constant row per dossier with the same
    writer (COPY on PostgreSQL), in one transaction: the floor under any model."""
    from cchc.earlywarning import compute
    from cchc.earlywarning.refresh import Row, _row, _write
    from cchc.lib.earlywarning.survival import Estimate

    t0 = time.perf_counter()
    zero = Estimate(0.0, "unit", 0, 0.0, 0.0, 0.0, 0.0)
    rows: list[Row] = [
        _row(
            "dossier",
            r.pk,
            zero,
            dossier_id=r.pk,
            unit_id=r.handling_unit_id,
            title=r.code,
            explanation="",
            due_at=r.appointment_at,
            computed_on=today,
        )
        for r in compute.open_dossiers()
    ]
    _write(rows)
    return time.perf_counter() - t0


def run_engine(open_n: int, history_n: int) -> dict[str, object]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from cchc.earlywarning.models import Risk
    from cchc.earlywarning.refresh import refresh

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    _fill(open_n, history_n)
    out: dict[str, object] = {
        "open": open_n,
        "history": history_n,
        "fill_s": round(time.perf_counter() - t0, 1),
        "load_average": round(os.getloadavg()[0], 1),
    }
    today = timezone.localdate()
    out["baseline_s"] = round(_baseline(today), 1)
    print(f"  baseline (read + write {open_n:,} rows): {out['baseline_s']} s", flush=True)
    t0 = time.perf_counter()
    result = refresh(today)
    out["refresh_s"] = round(time.perf_counter() - t0, 1)
    out["rows"] = Risk.objects.count()
    out["at_risk"] = result.at_risk
    print(f"  refresh: {out['refresh_s']} s for {out['rows']:,} risk rows", flush=True)
    return out


def child(open_n: int, history_n: int) -> int:
    with scratch_database("postgres", "cchc_bench_earlywarning"):
        out = run_engine(open_n, history_n)
        print("RESULT " + json.dumps(out, ensure_ascii=False), flush=True)
    return 0


def main() -> None:
    open_n = int(os.environ.get("BENCH_OPEN", OPEN))
    history_n = int(os.environ.get("BENCH_HISTORY", HISTORY))
    print(f"-- postgres, {open_n:,} open dossiers, {history_n:,} finished", flush=True)
    subprocess.run(
        [sys.executable, "-m", "bench.bench_earlywarning", "--child", "--open", str(open_n),
         "--history", str(history_n)],
        check=False,
    )  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--open", type=int, default=OPEN)
    parser.add_argument("--history", type=int, default=HISTORY)
    args = parser.parse_args()
    if args.child:
        sys.exit(child(args.open, args.history))
    os.environ["BENCH_OPEN"], os.environ["BENCH_HISTORY"] = str(args.open), str(args.history)
    main()
