"""The dossier-results report read from its summary (``results_summary``) on a large PostgreSQL ledger
that has the summary (migration 0020 or ``cchc rebuild-facts``): the demo leader's scope (the whole
jurisdiction) and one commune's unit, the year to the demo clock's today, per unit, field and
procedure, uncached (nothing of the report is cached), then the page through Django's test
``Client`` (after one warm-up request).
With ``--baseline``, the reading it replaced (``dossier_results.tally``: the plain dossiers in one
grouped query, the others through the engine) once per unit, and a check that the two give the same
counts per unit. Load average before and after.

    BENCH_LISTS_DB=ssum_5m python -m bench.bench_results_summary_5m --rounds 7 [--baseline]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from typing import Any

from bench.bench_list_pages import leader_client, log, setup_django


def _stats(ms: list[float]) -> dict[str, Any]:
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": round(statistics.median(ms), 1),
        "min_ms": round(ordered[0], 1),
        "max_ms": round(ordered[-1], 1),
        "p95_ms": round(p95, 1),
        "n": len(ms),
    }


def main(rounds: int, baseline: bool) -> None:
    from django.db.models import Count

    from cchc.calendar.queries import work_calendar_for
    from cchc.core import demo_clock
    from cchc.dossiers.models import Dossier
    from cchc.lib.dossier_period import Period
    from cchc.org.models import Unit
    from cchc.reports import dossier_results, results_summary
    from cchc.reports.queries import results_dossiers_for, results_units_for
    from cchc.reports.views import _area

    user, client = leader_client()
    today = demo_clock.today()
    period = Period(demo_clock.year_start(), today)
    units = results_units_for(user)
    busiest = (
        Dossier.objects.filter(handling_unit__in=units.values("pk"), received_at__year=today.year)
        .values("handling_unit")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    assert busiest is not None
    one = Unit.objects.filter(pk=busiest["handling_unit"])
    log(load=os.getloadavg(), period=str(period), units=units.count(), one_unit=one.get().code)
    for scope_name, scope in (("jurisdiction", units), ("one unit", one)):
        for by in ("unit", "field", "procedure"):
            ms = []
            for _ in range(rounds):
                t0 = time.perf_counter()
                results_summary.tally(scope, period, by=by)
                ms.append((time.perf_counter() - t0) * 1000)
            log(what=f"summary tally, {scope_name}, by {by}", **_stats(ms), load=os.getloadavg())
    year = {"date_from": period.start.isoformat(), "date_to": period.end.isoformat()}
    # One warm-up request (the process's first: templates compiled, URLs loaded), as bench_pages_p95.
    client.get("/bao-cao/ket-qua-tthc/", {**year, "by": "unit"})
    for by in ("unit", "field", "procedure"):
        ms, cpu = [], []
        for _ in range(rounds):
            t0, c0 = time.perf_counter(), time.process_time()
            r = client.get("/bao-cao/ket-qua-tthc/", {**year, "by": by})
            assert r.status_code == 200, r.status_code
            ms.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        log(
            what=f"page, jurisdiction, by {by}",
            **_stats(ms),
            python_cpu_median_ms=round(statistics.median(cpu), 1),
            load=os.getloadavg(),
        )
    if baseline:
        cal = work_calendar_for(_area(user))
        new = results_summary.tally(units, period, by="unit")
        t0, c0 = time.perf_counter(), time.process_time()
        old = dossier_results.tally(results_dossiers_for(user), period, cal, by="unit")
        log(
            what="before: dossier_results.tally (grouped SQL + engine), jurisdiction, by unit",
            ms=round((time.perf_counter() - t0) * 1000),
            python_cpu_ms=round((time.process_time() - c0) * 1000),
            same_counts={k: v[:9].tolist() for k, v in old.groups.items()}
            == {k: v[:9].tolist() for k, v in new.groups.items()},
            dossiers=old.dossiers,
            load=os.getloadavg(),
        )
        if {k: v[:9].tolist() for k, v in old.groups.items()} != {
            k: v[:9].tolist() for k, v in new.groups.items()
        }:
            for k in sorted(set(old.groups) | set(new.groups), key=str):
                a = old.groups.get(k)
                b = new.groups.get(k)
                if a is None or b is None or a[:9].tolist() != b[:9].tolist():
                    log(
                        unit=k,
                        old=None if a is None else a[:9].tolist(),
                        new=None if b is None else b[:9].tolist(),
                    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--baseline", action="store_true")
    args = parser.parse_args()
    setup_django()
    main(args.rounds, args.baseline)
