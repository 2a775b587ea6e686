"""The officials' ranking ``/ho-so/xep-hang/can-bo/`` for the demo year, the set-based query against the
step-by-step reading it replaced, in the same run.

    python -m bench bench_official_ranking                          # both engines, 200,000 dossiers
    python -m bench.bench_official_ranking --engine sqlite --dossiers 1000000

Builds the demo organisation and accounts (``cchc load-demo`` steps ``org``) and a demo ledger of N
dossiers for the twelve months to the demo's today (``load_dossier_demo``, the generator behind
``cchc demo-dossiers``), then times, median of 5 runs after one check run that asserts both give the same
rows: ``rankings.official_counts`` (now) and ``official_counts_step_by_step`` (before) over the demo
year's finished dossiers, and the page itself requested by a leader through Django's test ``Client``.
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

from bench.scratch import scratch_database

DOSSIERS = 200_000


def timed(fn: Callable[[], Any], repeat: int = 5) -> tuple[float, list[float]]:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(runs), 1), [round(x, 1) for x in runs]


def leader_client(user: Any) -> Any:
    """The leader signed in with the second factor passed (a device with the test key, as the personas)."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cchc.testing.personas import TOTP_KEY, login_verified

    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="bench", key=TOTP_KEY, confirmed=True)
    return login_verified(Client(SERVER_NAME="localhost"), user)


def run_engine(engine: str, n: int) -> dict[str, object]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from cchc.accounts.demo import load_accounts
    from cchc.accounts.models import User
    from cchc.core import demo_clock
    from cchc.core.roles import Role
    from cchc.dossiers.demo import load_dossier_demo
    from cchc.dossiers.models import Dossier, DossierStep
    from cchc.dossiers.queries import dossiers_for
    from cchc.dossiers.rankings import finished_between, official_counts
    from cchc.dossiers.tests.official_counts_reference import official_counts_step_by_step
    from cchc.org.demo import load_org

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    with demo_clock.pinned(demo_clock.today(), demo_clock.now()):
        load_accounts(load_org())
        load_dossier_demo(n)
        start, end = demo_clock.year_start(), demo_clock.today()
    load_s = time.perf_counter() - t0
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    user = User.objects.filter(role=Role.LEADER, is_active=True).order_by("pk").first()
    assert user is not None, "the demo has no leader"
    year = finished_between(dossiers_for(user), start, end)
    out: dict[str, object] = {
        "engine": engine,
        "dossiers": Dossier.objects.count(),
        "steps": DossierStep.objects.count(),
        "finished_in_year": year.count(),
        "period": f"{start}..{end}",
        "load_s": round(load_s, 1),
        "load_average_start": os.getloadavg()[0],
    }

    def as_set(rows: list[Any]) -> dict[str, tuple[str, str, int, int]]:
        return {r.key: (r.name, r.unit_name, r.finished, r.late) for r in rows}

    new, old = as_set(official_counts(year)), as_set(official_counts_step_by_step(year))
    assert new == old, "the set-based ranking differs from the step-by-step one"
    out["officials"] = len(new)
    out["late_officials"] = sum(1 for v in new.values() if v[3])
    out["set_based_median_ms"], out["set_based_runs_ms"] = timed(lambda: official_counts(year))
    out["step_by_step_median_ms"], out["step_by_step_runs_ms"] = timed(
        lambda: official_counts_step_by_step(year)
    )
    print(json.dumps(out, ensure_ascii=False), flush=True)  # the query figures, should the page fail
    client = leader_client(user)
    params = {"date_from": start.isoformat(), "date_to": end.isoformat()}

    def page() -> None:
        r = client.get("/ho-so/xep-hang/can-bo/", params)
        assert r.status_code == 200, r.status_code

    page()
    out["page_median_ms"], out["page_runs_ms"] = timed(page)
    out["load_average_end"] = os.getloadavg()[0]
    return out


def child(engine: str, n: int) -> int:
    with scratch_database(engine, "cchc_bench_officials"):
        print(json.dumps(run_engine(engine, n), ensure_ascii=False), flush=True)
    return 0


def main(n: int | None = None) -> None:
    n = n or int(os.environ.get("BENCH_DOSSIERS", DOSSIERS))
    for engine in ("postgres", "sqlite"):
        print(f"-- {engine}, {n:,} dossiers", flush=True)
        subprocess.run(
            [sys.executable, "-m", "bench.bench_official_ranking", "--engine", engine, "--dossiers", str(n)],
            check=False,
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=("postgres", "sqlite"))
    parser.add_argument("--dossiers", type=int, default=DOSSIERS)
    args = parser.parse_args()
    if args.engine:
        sys.exit(child(args.engine, args.dossiers))
    main(args.dossiers)
