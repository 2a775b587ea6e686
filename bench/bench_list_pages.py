"""The ranking and list pages at 5,000,000 dossiers on PostgreSQL, each with the query it replaced (where one
was replaced) as the baseline in the same run.

    python -m bench.bench_list_pages build      # the ledger, once (about half an hour on a shared machine)
    python -m bench.bench_list_pages measure    # the pages, as often as wanted, on the same ledger
    python -m bench.bench_list_pages more-officials  # the officials' read with 10 times the facts
    python -m bench.bench_list_pages drop       # the database, at the end (about 10 GB)

The ledger: the demo organisation and accounts, the demo generator's twelve months of 200,000 dossiers
(``load_dossier_demo``: steps, supplements, late causes naming officials, daily facts), then copied 24
times inside PostgreSQL (``INSERT … SELECT``; codes suffixed ``-ck``, the same units, days, officials and
causes), so 5,000,000 dossiers with the demo's distribution at 25 times the volume. The daily facts are
multiplied by 25 (the copies fall on the same unit, procedure and days), the per-official facts rebuilt
with ``official_facts.rebuild`` (timed), then ``ANALYZE``. The database persists between runs
(``cchc_bench_lists``) because the build takes long; ``drop`` removes it.

``measure`` times, median of 7 after one (the late list: 3), each page requested by the demo leader
through Django's test ``Client`` (routing, session, second factor, view, template), the leader's
jurisdiction holding every demo unit, and records the load average before and after every page; the
reading of the steps the officials' ranking replaced runs once, last.
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
from typing import Any

from bench.demo_ledger import load_demo_ledger

DB = os.environ.get("BENCH_LISTS_DB", "cchc_bench_lists")
BASE = 200_000
COPIES = 25
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc"]


def setup_django(db: str | None = None, *, app: str | None = None) -> None:
    """Django on a bench database: ``db`` a database name of the local PostgreSQL (``DB`` when not
    given) or a URL (``sqlite:///…``, a trial run); ``app`` the connection's name on the server, so
    that the CPU of one benchmark's connections counts apart (``bench.pg_cpu``)."""
    name = db or DB
    os.environ["DATABASE_URL"] = name if "://" in name else f"postgres://postgres@127.0.0.1:5432/{name}"
    if app:
        os.environ["PGAPPNAME"] = app
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    # A throw-away database needs no real secret; production settings otherwise refuse to start.
    os.environ.setdefault("SECRET_KEY", "bench-scratch-database-only")
    os.environ.setdefault("CCHC_TESTING", "1")
    import django

    django.setup()


def log(**kw: Any) -> None:
    print(json.dumps({"at": time.strftime("%H:%M:%S", time.gmtime()), **kw}, ensure_ascii=False), flush=True)


def columns(cur: Any, table: str) -> list[str]:
    cur.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [r[0] for r in cur.fetchall()]


def replicate(copies: int) -> None:
    """Copies 1…copies-1 of every dossier with its steps and supplements; daily facts × copies."""
    from django.db import connection, transaction

    from cchc.dossiers.facts import FACT_COLUMNS
    from cchc.dossiers.models import DailyFact, Dossier, DossierStep, Supplement, UnitDailyFact

    d, s, sup = Dossier._meta.db_table, DossierStep._meta.db_table, Supplement._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"SELECT max(id) FROM {d}")
        top = int(cur.fetchone()[0])
        d_cols = [c for c in columns(cur, d) if c not in ("id", "code")]
        s_cols = [c for c in columns(cur, s) if c not in ("id", "dossier_id")]
        sup_cols = [c for c in columns(cur, sup) if c not in ("id", "dossier_id")]
        cause = "dossiers_dossiercause"
        c_cols = [c for c in columns(cur, cause) if c not in ("id", "dossier_id")]
    for k in range(1, copies):
        t0 = time.perf_counter()
        shift = k * top
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {d} (id, code, {', '.join(d_cols)}) "
                f"SELECT id + {shift}, code || '-c{k}', {', '.join(d_cols)} FROM {d} WHERE id <= {top}"
            )
            cur.execute(
                f"INSERT INTO {s} (dossier_id, {', '.join(s_cols)}) "
                f"SELECT dossier_id + {shift}, {', '.join(s_cols)} FROM {s} WHERE dossier_id <= {top}"
            )
            cur.execute(
                f"INSERT INTO {sup} (dossier_id, {', '.join(sup_cols)}) "
                f"SELECT dossier_id + {shift}, {', '.join(sup_cols)} FROM {sup} WHERE dossier_id <= {top}"
            )
            if c_cols:  # the causes' rows (``DossierCause``), on a checkout that has them
                cur.execute(
                    f"INSERT INTO {cause} (dossier_id, {', '.join(c_cols)}) "
                    f"SELECT dossier_id + {shift}, {', '.join(c_cols)} FROM {cause} WHERE dossier_id <= {top}"
                )
        log(copy=k, seconds=round(time.perf_counter() - t0, 1), load=os.getloadavg()[0])
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{d}', 'id'), (SELECT max(id) FROM {d}))")
        times = ", ".join(f"{c} = {c} * {copies}" for c in FACT_COLUMNS)
        cur.execute(f"UPDATE {DailyFact._meta.db_table} SET {times}")
        cur.execute(f"UPDATE {UnitDailyFact._meta.db_table} SET {times}")


def build(base: int, copies: int) -> None:
    subprocess.run([*PSQL, f"CREATE DATABASE {DB}"], check=True)
    setup_django()
    log(demo_ledger=base, seconds=round(load_demo_ledger(base), 1))
    finish(copies)


def finish(copies: int) -> None:
    """After the demo ledger: the copies, the inter-agency step deadlines, the per-official facts."""
    from django.core.management import call_command
    from django.db import connection

    from cchc.core import demo_clock
    from cchc.dossiers import interagency, official_facts
    from cchc.dossiers.models import Dossier

    call_command("migrate", verbosity=0)
    if Dossier.objects.filter(code__endswith="-c1").exists():
        log(copies="already made")
    else:
        replicate(copies)
    # Statistics before the reads below: without them the planner scanned all 20 million steps for each
    # batch of the per-official rebuild (07/12/2026: 3 % done after 36 minutes).
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    with demo_clock.pinned(demo_clock.today(), demo_clock.now()):
        t0 = time.perf_counter()
        opened = interagency.refresh().opened
        log(interagency_opened=opened, seconds=round(time.perf_counter() - t0, 1))
    t0 = time.perf_counter()
    out = official_facts.rebuild()
    log(official_facts=out, seconds=round(time.perf_counter() - t0, 1))
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    log(built=True)


def drop() -> None:
    subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {DB}"], check=False)


def timed(fn: Callable[[], Any], repeat: int = 7) -> dict[str, Any]:
    """Median of ``repeat`` runs after one; ``repeat`` 0: one run, no warm-up."""
    if repeat:
        fn()
    runs, cpu = [], []
    load = [os.getloadavg()[0]]
    for _ in range(max(repeat, 1)):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    load.append(os.getloadavg()[0])
    ranked = sorted(runs)
    return {
        "median_ms": round(statistics.median(runs), 1),
        # Nearest rank: with 7 runs the slowest, with 21 the second slowest.
        "p95_ms": round(ranked[max(0, -(-len(ranked) * 95 // 100) - 1)], 1),
        "min_ms": round(min(runs), 1),
        "max_ms": round(max(runs), 1),
        # This process's CPU (Python: routing, view, template, decoding rows), not the database server's.
        "python_cpu_ms": round(statistics.median(cpu), 1),
        "load": load,
    }


def leader_client() -> tuple[Any, Any]:
    """The demo leader signed in with the second factor passed (a device with the test key)."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cchc.accounts.models import User
    from cchc.testing.personas import TOTP_KEY, login_verified

    user = User.objects.get(username="lanhdao")
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="bench", key=TOTP_KEY, confirmed=True)
    return user, login_verified(Client(SERVER_NAME="localhost"), user)


def measure(only: str) -> None:
    from django.test.utils import override_settings

    from cchc.core import demo_clock
    from cchc.dossiers.models import Dossier, DossierStep, OfficialDailyFact
    from cchc.dossiers.queries import dossiers_for
    from cchc.dossiers.rankings import finished_between, official_counts, official_league

    wanted = set(filter(None, only.split(",")))
    user, client = leader_client()
    log(
        dossiers=Dossier.objects.count(),
        steps=DossierStep.objects.count(),
        official_fact_rows=OfficialDailyFact.objects.count(),
        load=os.getloadavg(),
    )
    with demo_clock.pinned(demo_clock.today(), demo_clock.now()):
        start, end = demo_clock.year_start(), demo_clock.today()
        year = {"date_from": start.isoformat(), "date_to": end.isoformat()}

        def get(url: str, params: dict[str, str] | None = None) -> Callable[[], None]:
            def fetch() -> None:
                r = client.get(url, params or {})
                assert r.status_code == 200, (url, r.status_code)

            return fetch

        pages: list[tuple[str, Callable[[], Any], int]] = [
            ("officials_ranking_page", get("/ho-so/xep-hang/can-bo/", year), 7),
            ("officials_ranking_read", lambda: official_league(user, start, end), 7),
            ("dossier_list_first_page", get("/ho-so/"), 7),
            # What the list counted before the cap: every dossier of the reader's scope.
            ("dossier_list_full_count_before", lambda: dossiers_for(user).count(), 3),
            ("dossier_list_page_40", get("/ho-so/", {"trang": "40"}), 7),
            ("late_list_first_page", get("/ho-so/tre-han/"), 3),
            ("unit_ranking_page_uncached", get("/ho-so/xep-hang/don-vi/", year), 7),
            ("interagency_ranking_page", get("/ho-so/lien-thong/"), 7),
            # Last, once and without a warm-up run: the reading of the steps takes minutes at this size.
            (
                "officials_ranking_read_before",
                lambda: official_counts(finished_between(dossiers_for(user), start, end)),
                0,
            ),
        ]
        with override_settings(CCHC_LEAGUE_CACHE_SECONDS=0):
            for name, fn, repeat in pages:
                if wanted and name not in wanted:
                    continue
                log(page=name, **timed(fn, repeat))


def more_officials(times: int = 10) -> None:
    """The ranking's read with the per-official facts ``times`` as large: shifted copies of every row (new
    account ids, suffixed names) inside a transaction that is rolled back afterwards."""
    from django.db import connection, transaction

    from cchc.accounts.models import User
    from cchc.core import demo_clock
    from cchc.dossiers.models import OfficialDailyFact
    from cchc.dossiers.rankings import official_league

    table = OfficialDailyFact._meta.db_table
    user = User.objects.get(username="lanhdao")
    with demo_clock.pinned(demo_clock.today(), demo_clock.now()), transaction.atomic():
        start, end = demo_clock.year_start(), demo_clock.today()
        with connection.cursor() as cur:
            cur.execute(f"SELECT max(id) FROM {table}")
            top = cur.fetchone()[0]
            for k in range(1, times):
                cur.execute(
                    f"INSERT INTO {table} (day, handling_unit_id, receiving_unit_id, official_id, name_key, "
                    f"finished, late, first_step) SELECT day, handling_unit_id, receiving_unit_id, "
                    f"official_id + {k} * 1000000, "
                    f"CASE WHEN name_key = '' THEN '' ELSE name_key || '#{k}' END, "
                    f"finished, late, first_step FROM {table} WHERE id <= %s",
                    [top],
                )
            cur.execute(f"ANALYZE {table}")
        rows = OfficialDailyFact.objects.count()
        officials = len(official_league(user, start, end, min_finished=1).ranked)
        log(
            page="officials_ranking_read_more_officials",
            rows=rows,
            officials=officials,
            **timed(lambda: official_league(user, start, end), 5),
        )
        transaction.set_rollback(True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    # finish: the steps after the demo ledger, should a build have stopped after it
    parser.add_argument("what", choices=("build", "finish", "measure", "more-officials", "drop"))
    parser.add_argument("--base", type=int, default=BASE)
    parser.add_argument("--copies", type=int, default=COPIES)
    parser.add_argument("--only", default="", help="comma-separated page names to measure")
    args = parser.parse_args()
    if args.what == "build":
        build(args.base, args.copies)
    elif args.what == "finish":
        setup_django()
        finish(args.copies)
    elif args.what == "more-officials":
        setup_django()
        more_officials()
    elif args.what == "drop":
        drop()
    else:
        setup_django()
        measure(args.only)
    sys.exit(0)
