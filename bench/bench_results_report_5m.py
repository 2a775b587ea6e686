"""The dossier-results report (``/bao-cao/ket-qua-tthc/``) on a large PostgreSQL ledger, read only: the
demo leader's scope (the whole jurisdiction), the year to the demo clock's today.

    BENCH_LISTS_DB=ledger5m python -m bench.bench_results_report_5m --rounds 5 [--baseline] [--explain]

Per round: the counts (``dossier_results.tally``: the plain dossiers in one grouped SQL query, the others
read and judged by the engine), each part timed, then the page through Django's test ``Client``. With
``--baseline`` the former reading (``engine_tally``: every candidate read and judged) once, and a check
that both give the same counts per unit. With ``--explain`` the plan of the grouped query (EXPLAIN
ANALYZE). Load average before and after.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time

from bench.bench_list_pages import leader_client, log, setup_django


def main(rounds: int, baseline: bool, explain: bool) -> None:
    from django.db import connection

    from cchc.calendar.queries import work_calendar_for
    from cchc.core import demo_clock
    from cchc.lib.dossier_period import Period, Tally
    from cchc.reports import dossier_results, results_sql
    from cchc.reports.queries import results_dossiers_for
    from cchc.reports.views import _area

    user, client = leader_client()
    today = demo_clock.today()
    period = Period(demo_clock.year_start(), today)
    scope = results_dossiers_for(user)
    cal = work_calendar_for(_area(user))
    log(load=os.getloadavg(), period=str(period))
    plain = dossier_results.candidates(scope, period).filter(results_sql.plain())
    start = dossier_results._aware(period.start)
    horizon = dossier_results._aware(period.end + dt.timedelta(days=1))
    if explain:
        query = results_sql.grouped(plain, period, start, horizon, dossier_results.LOCAL, by="unit")
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cur:
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            for (line,) in cur.fetchall():
                print(line, flush=True)
    sql_ms, engine_ms, total_ms, page_ms = [], [], [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        part = results_sql.tally(plain, period, start, horizon, dossier_results.LOCAL, by="unit")
        t1 = time.perf_counter()
        rest = Tally()
        for q in results_sql.for_the_engine():
            rest.add(dossier_results.engine_tally(scope.filter(q), period, cal, by="unit"))
        t2 = time.perf_counter()
        sql_ms.append((t1 - t0) * 1000)
        engine_ms.append((t2 - t1) * 1000)
        t3 = time.perf_counter()
        new = dossier_results.tally(scope, period, cal, by="unit")
        total_ms.append((time.perf_counter() - t3) * 1000)
        t4 = time.perf_counter()
        year = {"date_from": period.start.isoformat(), "date_to": period.end.isoformat()}
        r = client.get("/bao-cao/ket-qua-tthc/", year)
        assert r.status_code == 200, r.status_code
        page_ms.append((time.perf_counter() - t4) * 1000)
        log(
            sql_ms=round(sql_ms[-1]),
            engine_ms=round(engine_ms[-1]),
            tally_ms=round(total_ms[-1]),
            page_ms=round(page_ms[-1]),
            plain=part.dossiers,
            by_engine=rest.dossiers,
            load=os.getloadavg(),
        )
    log(
        median_sql_ms=round(statistics.median(sql_ms)),
        median_engine_ms=round(statistics.median(engine_ms)),
        median_tally_ms=round(statistics.median(total_ms)),
        median_page_ms=round(statistics.median(page_ms)),
        slowest_page_ms=round(max(page_ms)),
        load=os.getloadavg(),
    )
    if baseline:
        t0 = time.perf_counter()
        cpu0 = time.process_time()
        old = dossier_results.engine_tally(scope, period, cal, by="unit")
        log(
            baseline_ms=round((time.perf_counter() - t0) * 1000),
            baseline_cpu_ms=round((time.process_time() - cpu0) * 1000),
            dossiers=old.dossiers,
            same_counts={k: v.tolist() for k, v in old.groups.items()}
            == {k: v.tolist() for k, v in new.groups.items()},
            load=os.getloadavg(),
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    setup_django()
    main(args.rounds, args.baseline, args.explain)
