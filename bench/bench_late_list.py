"""The late list ``/ho-so/tre-han/`` on a large PostgreSQL ledger, with the reading it replaced as the
baseline in the same run.

    python -m bench.bench_late_list migrate   # the schema of this checkout on the ledger (timed)
    python -m bench.bench_late_list measure   # the pages and their queries
    python -m bench.bench_late_list measure --only filters,page_official,plan_filters
        # the filters by official and by cause: pages, reads now and before, query plans
    python -m bench.bench_late_list profile   # per case: each query's plan and time, the view's profile
    python -m bench.bench_late_list order     # the pages with and without the causes' order indexes

The ledger is one ``bench.bench_list_pages build`` made (``BENCH_LISTS_DB`` names the database; its
``--copies`` sets the size: 5 for 1,000,000 dossiers, 25 for 5,000,000). Each page is requested by the
demo leader (jurisdiction-wide) through Django's test ``Client``: median of 7 after one. The baseline
runs the three queries the page ran before the stored flag and the partial indexes — the first page
ordered by a text match on the causes (every late dossier sorted), the exact count of the rows and the
exact count of those without an apology letter — median of 3 after one, on the same ledger.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from bench.bench_list_pages import leader_client, log, setup_django, timed
from bench.pg_cpu import backend_cpu_s


def migrate() -> None:
    from django.core.management import call_command
    from django.db import connection

    t0 = time.perf_counter()
    call_command("migrate", verbosity=1)
    log(migrate_seconds=round(time.perf_counter() - t0, 1), load=os.getloadavg()[0])
    with connection.cursor() as cur:
        cur.execute("ANALYZE dossiers_dossier")


def before_queries(user: Any, now: dt.datetime) -> dict[str, Callable[[], Any]]:
    """The late list's three queries as they were written before the stored flag."""
    from django.db.models import Case, IntegerField, Q, Value, When

    from cchc.dossiers.models import Outcome
    from cchc.dossiers.queries import (
        DEADLINE,
        OPEN_STATUSES,
        dossiers_for,
        with_apology_flag,
        with_deadline,
        without_apology,
    )

    open_overdue = Q(status__in=OPEN_STATUSES) & (
        Q(effective_appointment_at__lt=now) | Q(effective_appointment_at__isnull=True, appointment_at__lt=now)
    )
    late = Q(outcome=Outcome.LATE) | (
        Q(outcome__in=["", Outcome.OPEN_WITHIN, Outcome.OPEN_OVERDUE]) & open_overdue
    )
    qs = dossiers_for(user).filter(late)
    named = Q()
    for kind in ("step_overrun", "software_closing", "second_supplement"):
        named |= Q(late_causes__icontains=kind)
    rows = (
        with_apology_flag(with_deadline(qs))
        .annotate(unexplained=Case(When(named, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("unexplained", DEADLINE.desc(), "-pk")
        .select_related("procedure", "handling_unit")
    )
    return {
        "before_first_page_rows": lambda: list(rows[:50]),
        "before_count_rows": lambda: rows.count(),
        "before_count_without_apology": lambda: without_apology(qs).count(),
    }


def after_queries(user: Any, now: dt.datetime) -> dict[str, Callable[[], Any]]:
    from cchc.dossiers import late_rows as module
    from cchc.dossiers.late_rows import LateFilters, late_rows, missing_apology_count
    from cchc.dossiers.paging import list_count_cap

    rows, before_missing = late_rows(user, LateFilters(), now, now.date())
    cap = list_count_cap()
    out: dict[str, Callable[[], Any]] = {
        "now_first_page_rows": lambda: list(rows[:50]),
        "now_count_rows_capped": lambda: rows[: cap + 1].count(),
        "now_count_without_apology_capped": lambda: missing_apology_count(before_missing),
    }
    counts = getattr(module, "late_counts", None)  # absent from a checkout before 07/12/2026 (baseline)
    if counts is not None:
        # The page's two counts in one read, as the page runs them since then.
        out["now_both_counts_one_read"] = lambda: counts(rows, before_missing)
    return out


def filter_reads(user: Any, now: dt.datetime, official: Any) -> dict[str, Callable[[], Any]]:
    """The late list's reads for one official (the rankings' link) and for two causes — its first 50
    rows and its two capped counts (``late_counts``) — through the causes' rows (``late_rows``, "now")
    and through the reading they replaced (``tests/late_filters_reference``, "before"), same ledger,
    same process."""
    from cchc.dossiers import late_rows as module
    from cchc.dossiers.late_rows import LateFilters, late_counts, late_rows
    from cchc.dossiers.tests.late_filters_reference import old_late_rows

    # Since 07/12/2026 (second round) the counts of these lists are read from the causes' rows alone,
    # as the page does; absent from an older checkout (the baseline).
    cause_rows = getattr(module, "cause_rows", None)
    cause_row_counts = getattr(module, "cause_row_counts", None)
    rows_by_causes = getattr(module, "RowsByCauses", None)  # the page's ids from those rows too

    def read(rows_of: Callable[..., Any], f: Any, ordered: bool) -> Callable[[], Any]:
        def run() -> Any:
            rows, before_missing = rows_of(user, f, now, now.date())
            marks = cause_rows(user, f, now) if cause_rows and rows_of is late_rows else None
            if marks is not None and cause_row_counts is not None:
                page = rows_by_causes(rows, marks, f.missing_apology) if rows_by_causes else rows
                return list(page[:50]), cause_row_counts(marks, f.missing_apology)
            return list(rows[:50]), late_counts(rows, before_missing, ordered)

        return run

    wanted = {
        "official": LateFilters(official=official.full_name, official_id=official.pk),
        "cause_software_closing": LateFilters(cause="software_closing"),
        "cause_unattributed": LateFilters(cause="unattributed"),
    }
    out: dict[str, Callable[[], Any]] = {}
    for name, f in wanted.items():
        out[f"now_read_{name}"] = read(late_rows, f, not f.reads_causes)
        out[f"before_read_{name}"] = read(old_late_rows, f, True)
    return out


def module_rows() -> Any:
    from cchc.dossiers import late_rows

    return late_rows


def explain(rows: Any, limit: int = 50) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        sql, params = rows[:limit].query.sql_with_params()
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        print("\n".join(r[0] for r in cur.fetchall()), flush=True)


def measure(only: str) -> None:
    from django.utils import timezone

    from cchc.core import demo_clock
    from cchc.dossiers.models import Dossier
    from cchc.org.models import Official, Unit

    wanted = set(filter(None, only.split(",")))
    user, client = leader_client()
    now = timezone.now()
    late = Dossier.objects.filter(outcome="late").count()
    log(dossiers=Dossier.objects.count(), finished_late=late, load=os.getloadavg())
    busiest = (
        Dossier.objects.filter(outcome="late")
        .values_list("handling_unit", flat=True)
        .order_by("handling_unit")
        .first()
    )
    unit = Unit.objects.get(pk=int(busiest or 0))
    # The official the causes of the newest late dossiers blame most often (a link of the rankings).
    blamed = Counter(
        c["official_id"]
        for causes in Dossier.objects.filter(outcome="late", named_cause=True)
        .order_by("-pk")
        .values_list("late_causes", flat=True)[:2000]
        for c in causes or []
        if isinstance(c, dict) and isinstance(c.get("official_id"), int)
    )
    official = Official.objects.get(pk=blamed.most_common(1)[0][0])
    log(official=official.pk, blamed_in=blamed.most_common(1)[0][1], of_newest=2000)

    def get(params: dict[str, str]) -> Callable[[], None]:
        def fetch() -> None:
            r = client.get("/ho-so/tre-han/", params)
            assert r.status_code == 200, r.status_code

        return fetch

    with demo_clock.pinned(demo_clock.today(), demo_clock.now()):
        pages: list[tuple[str, Callable[[], Any], int]] = [
            ("page_first", get({}), 7),
            ("page_40", get({"trang": "40"}), 7),
            ("page_unit", get({"unit": str(unit.pk)}), 7),
            ("page_missing_apology", get({"missing_apology": "on"}), 7),
            ("page_finished_only", get({"kind": "finished"}), 7),
            ("page_open_only", get({"kind": "open"}), 7),
            # Median of 7 after one (2 before the causes' rows, when each request took 6–35 s).
            ("page_official", get({"official": official.full_name, "official_id": str(official.pk)}), 7),
            (
                "page_official_open",
                get({"official": official.full_name, "official_id": str(official.pk), "kind": "open"}),
                7,
            ),
            ("page_cause_software_closing", get({"cause": "software_closing"}), 7),
            ("page_cause_unattributed", get({"cause": "unattributed"}), 7),
        ]
        if wanted & {"filters", "now_filters"}:
            # The filter reads, "now" median of 7 after one, "before" (seconds each) median of 2 after one.
            for k, fn in filter_reads(user, now, official).items():
                if k.startswith("now_") or "filters" in wanted:
                    pages.append((k, fn, 7 if k.startswith("now_") else 2))
                    wanted.add(k)
        pages += [(k, fn, 7) for k, fn in after_queries(user, now).items()]
        pages += [(k, fn, 3) for k, fn in before_queries(user, now).items()]
        for name, fn, repeat in pages:
            if wanted and name not in wanted:
                continue
            log(page=name, **timed(fn, repeat))
        if not wanted or "plan" in wanted:
            from cchc.dossiers.late_rows import LateFilters, late_rows

            rows, _ = late_rows(user, LateFilters(), now, now.date())
            explain(rows)
        if "plan_filters" in wanted:
            from cchc.dossiers.late_rows import LateFilters, late_rows

            for f in (
                LateFilters(official=official.full_name, official_id=official.pk),
                LateFilters(cause="software_closing"),
                LateFilters(cause="unattributed"),
            ):
                log(plan=repr(f))
                explain(late_rows(user, f, now, now.date())[0])
                marks = getattr(module_rows(), "cause_rows", lambda *a: None)(user, f, now)
                if marks is not None:
                    log(plan_count_from_cause_rows=repr(f))
                    explain(marks.values("dossier_id").distinct(), limit=10_001)
        if "plan_open" in wanted:
            from cchc.dossiers.late_rows import LateFilters, late_rows

            rows, _ = late_rows(user, LateFilters(kind="open"), now, now.date())
            explain(rows)
            explain(rows.order_by(), limit=10_001)


# The causes' rows' indexes in the list's order (migration 0018), dropped for the baseline inside a
# transaction that is rolled back (``without_order_indexes``).
ORDER_INDEXES = ("dossier_cause_kind_order_idx", "dossier_cause_acct_order_idx")


def cases(official: Any, unit: Any) -> dict[str, dict[str, str]]:
    """The late list's cases the issue names: the whole jurisdiction, one unit, one official, one cause,
    open overdue only."""
    return {
        "whole": {},
        "unit": {"unit": str(unit.pk)},
        "official": {"official": official.full_name, "official_id": str(official.pk)},
        "official_open": {"official": official.full_name, "official_id": str(official.pk), "kind": "open"},
        "cause_software_closing": {"cause": "software_closing"},
        "cause_step_overrun": {"cause": "step_overrun"},
        "open": {"kind": "open"},
    }


def subjects() -> tuple[Any, Any]:
    """The busiest unit and the official the newest late dossiers' causes blame most (as ``measure``)."""
    from cchc.dossiers.models import DossierCause
    from cchc.org.models import Official, Unit

    unit_id = (
        DossierCause.objects.filter(outcome="late")
        .values_list("handling_unit", flat=True)
        .order_by("handling_unit")
        .first()
    )
    official_id = Counter(
        DossierCause.objects.filter(official__isnull=False, outcome="late")
        .order_by("-dossier_id")
        .values_list("official_id", flat=True)[:2000]
    ).most_common(1)[0][0]
    return Official.objects.get(pk=official_id), Unit.objects.get(pk=int(unit_id or 0))


class Recorder:
    """Every query of a request with its wall time in this process (``connection.execute_wrapper``)."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, Any, float]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((sql, params, (time.perf_counter() - t0) * 1000))


def profile() -> None:
    """Per case: the page's wall and CPU time, each query's time seen from Django and its
    ``EXPLAIN (ANALYZE, BUFFERS)`` execution time (the server's own), and the view's top functions by
    own time (``cProfile``) — where a request's time goes beyond the queries."""
    import cProfile
    import io
    import pstats

    from django.db import connection

    from cchc.core import demo_clock

    _, client = leader_client()
    official, unit = subjects()
    log(official=official.pk, unit=unit.pk, load=os.getloadavg())
    with demo_clock.pinned(demo_clock.today(), demo_clock.now()):
        for name, params in cases(official, unit).items():
            client.get("/ho-so/tre-han/", params)  # warm
            rec = Recorder()
            t0, c0 = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(rec):
                r = client.get("/ho-so/tre-han/", params)
            wall, cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
            assert r.status_code == 200, r.status_code
            db = sum(q[2] for q in rec.queries)
            log(
                case=name,
                wall_ms=round(wall, 1),
                cpu_ms=round(cpu, 1),
                queries=len(rec.queries),
                query_wall_ms=round(db, 1),
                load=os.getloadavg()[0],
            )
            for sql, params_, ms in rec.queries:
                if not sql.lstrip().upper().startswith("SELECT") or ms < 2:
                    continue
                with connection.cursor() as cur:
                    cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params_)
                    plan = [row[0] for row in cur.fetchall()]
                executed = next((p for p in plan if p.startswith("Execution Time")), "")
                log(case=name, query_ms=round(ms, 1), explain=executed, sql=sql[:160])
                print("\n".join(plan[:14]), flush=True)
            prof = cProfile.Profile()
            prof.enable()
            client.get("/ho-so/tre-han/", params)
            prof.disable()
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(12)
            print("\n".join(out.getvalue().splitlines()[:32]), flush=True)


class without_order_indexes:
    """The causes' order indexes dropped inside a transaction rolled back on exit: the baseline on the
    same ledger, in the same process, without rebuilding them."""

    def __enter__(self) -> None:
        from django.db import connection, transaction

        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        with connection.cursor() as cur:
            for name in ORDER_INDEXES:
                cur.execute(f"DROP INDEX IF EXISTS {name}")

    def __exit__(self, *exc: Any) -> None:
        from django.db import transaction

        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)


def order(repeat: int, rounds: int) -> None:
    """The cases' pages, and the page's ids alone for the filters through the causes' rows, with the order
    indexes and without them (baseline), in alternating rounds: with, without, with, …"""
    from contextlib import nullcontext

    from django.utils import timezone

    from cchc.core import demo_clock
    from cchc.dossiers.late_rows import LateFilters, RowsByCauses, cause_rows, late_rows

    user, client = leader_client()
    official, unit = subjects()
    now = timezone.now()
    log(official=official.pk, unit=unit.pk, load=os.getloadavg())

    def page(params: dict[str, str]) -> Callable[[], None]:
        def fetch() -> None:
            r = client.get("/ho-so/tre-han/", params)
            assert r.status_code == 200, r.status_code

        return fetch

    def ids(f: LateFilters) -> Callable[[], Any]:
        def run() -> Any:
            rows, _ = late_rows(user, f, now, now.date())
            marks = cause_rows(user, f, now)
            assert marks is not None
            return RowsByCauses(rows, marks, f.missing_apology)[0:50]

        return run

    reads = {
        "ids_official": ids(LateFilters(official=official.full_name, official_id=official.pk)),
        "ids_cause_software_closing": ids(LateFilters(cause="software_closing")),
        "ids_cause_step_overrun": ids(LateFilters(cause="step_overrun")),
    }
    with demo_clock.pinned(demo_clock.today(), demo_clock.now()):
        for i in range(rounds):
            label, ctx = ("with", nullcontext) if i % 2 == 0 else ("without", without_order_indexes)
            with ctx():
                for name, params in cases(official, unit).items():
                    t0 = server_cpu_ms()
                    got = timed(page(params), repeat)
                    log(round=label, page=name, server_cpu_ms=per_run(t0, repeat), **got)
                for name, fn in reads.items():
                    t0 = server_cpu_ms()
                    got = timed(fn, repeat)
                    log(round=label, read=name, server_cpu_ms=per_run(t0, repeat), **got)


def server_cpu_ms() -> float:
    """CPU ms of this connection's PostgreSQL backend so far (``/proc``: same machine, 10 ms ticks)."""
    return backend_cpu_s() * 1000


def per_run(start: float, repeat: int) -> float:
    """The backend's mean CPU per request over ``timed``'s runs (the warm-up counted)."""
    return round((server_cpu_ms() - start) / (repeat + 1), 1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("migrate", "measure", "profile", "order"))
    parser.add_argument("--only", default="", help="comma-separated names to measure")
    parser.add_argument("--repeat", type=int, default=7, help="runs after one warm-up (order)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds, with first (order)")
    args = parser.parse_args()
    setup_django()
    if args.what == "migrate":
        migrate()
    elif args.what == "profile":
        profile()
    elif args.what == "order":
        order(args.repeat, args.rounds)
    else:
        measure(args.only)
    sys.exit(0)
