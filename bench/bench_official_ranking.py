"""The officials' ranking ``/ho-so/xep-hang/can-bo/`` for the demo year: the read from the per-official
daily facts against the set-based reading of the steps it replaced, in the same run.

    python -m bench bench_official_ranking                          # both engines, 200,000 dossiers
    python -m bench.bench_official_ranking --engine sqlite --dossiers 1000000

Builds the demo organisation and accounts (``cchc load-demo`` steps ``org``) and a demo ledger of N
dossiers for the twelve months to the demo's today (``load_dossier_demo``, the generator behind
``cchc demo-dossiers``, whose writes keep the per-official facts), times a rebuild of those facts
(``official_facts.rebuild``, what ``cchc rebuild-facts`` adds), then, after one check run that asserts
both give the same rows, median of 5 runs: ``rankings.official_league`` for the demo leader (now: the
facts) and ``rankings.official_counts`` over the leader's finished dossiers of the year (before: one
grouped count over the steps), and the page itself requested by the leader through Django's test
``Client``. At 5,000,000 dossiers see ``bench/bench_list_pages.py``.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench.driver import Driver

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
    from cchc.dossiers import official_facts
    from cchc.dossiers.demo import load_dossier_demo
    from cchc.dossiers.models import Dossier, DossierStep, OfficialDailyFact
    from cchc.dossiers.queries import dossiers_for
    from cchc.dossiers.rankings import finished_between, official_counts, official_league
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

    kept = OfficialDailyFact.objects.count()
    t0 = time.perf_counter()
    out["official_fact_rows"] = official_facts.rebuild()["official_rows"]
    out["rebuild_s"] = round(time.perf_counter() - t0, 1)
    assert out["official_fact_rows"] == kept, "the write path kept other facts than a rebuild gives"

    def league() -> list[Any]:
        found = official_league(user, start, end, min_finished=1)
        return [*found.ranked, *found.too_few]

    new, old = as_set(league()), as_set(official_counts(year))
    assert new == old, "the ranking from the facts differs from the reading of the steps"
    out["officials"] = len(new)
    out["late_officials"] = sum(1 for v in new.values() if v[3])
    out["facts_median_ms"], out["facts_runs_ms"] = timed(league)
    out["set_based_median_ms"], out["set_based_runs_ms"] = timed(lambda: official_counts(year))
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


DRIVER = Driver("bench.bench_official_ranking", "cchc_bench_officials", run_engine, default=DOSSIERS)


def main(n: int | None = None) -> None:
    DRIVER.each_engine(n)


if __name__ == "__main__":
    DRIVER.command_line()
