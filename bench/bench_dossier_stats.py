"""`dossier-stats` and the league-table page for a year at 5,000,000 dossiers:
median < 200 ms.

    python -m bench bench_dossier_stats                      # both engines
    python -m bench.bench_dossier_stats --engine postgres --dossiers 5000000

The daily facts of 5M dossiers received in 2025 by 150 units (25 procedures each, out of 300) are
generated with numpy following exactly the rules of ``cchc.dossiers.facts.contribute`` (received on
day R; finished on day E by outcome; open within time from R until min(A+1, E), overdue from A+1 until
E) and loaded into ``DailyFact`` with the project's own bulk writer; ``UnitDailyFact`` is then filled
by ``facts.roll_up_units`` (what ``rebuild`` does). Timed, median of 11 runs after one check run:

* ``stats.unit_stats`` — the query behind ``cchc dossier-stats`` — for the whole year, a quarter and
  one unit (no procedure filter, so it reads ``UnitDailyFact``), and for reference the year with a
  filter on every procedure (the same sums read from ``DailyFact``);
* the unit league-table page ``/ho-so/xep-hang/don-vi/`` for the year, requested through Django's test
  ``Client`` (URL routing, session, authentication and second-factor middleware, the view, the template)
  by a leader whose jurisdiction holds the 150 units: with the league cache off
  (``CCHC_LEAGUE_CACHE_SECONDS=0``, every request sums the facts) and on (the default, after the first
  request);
* the same leader's first page ``/?thang=2025-12`` and ``?thang=2025-06`` (month and year-to-date
  league sums, docs/dashboard.md), cache off and on.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from typing import Any

import numpy as np

from bench.driver import Driver

DOSSIERS = 5_000_000
UNITS = 150
PROCS_PER_UNIT = 25
PROCEDURES = 300
YEAR = 2025
SPAN = 400  # days from 1/1/2025 that facts may fall on (ends run into January 2026)


def _add(out: Any, index: tuple[Any, ...], by: int) -> None:
    np.add.at(out, index, by)


def make_facts(n: int, seed: int = 5) -> np.ndarray:
    """Dense counts [pair, day, 7] for n dossiers; pair = unit × its procedure."""
    rng = np.random.default_rng(seed)
    pairs = UNITS * PROCS_PER_UNIT
    pair = rng.integers(0, pairs, n)
    r = rng.integers(0, 365, n)
    limit = rng.integers(3, 16, n)
    a = r + limit + limit // 2
    finished = rng.random(n) < 0.95
    e = r + rng.integers(0, 30, n)
    e = np.minimum(e, SPAN - 1)
    late = finished & (e > a)
    early = finished & (e < a)
    on_time = finished & (e == a)
    online = rng.random(n) < 0.35
    out = np.zeros((pairs, SPAN + 1, 7), dtype=np.int32)
    _add(out, (pair, r, 0), 1)
    _add(out, (pair[online], r[online], 1), 1)
    _add(out, (pair[early], e[early], 2), 1)
    _add(out, (pair[on_time], e[on_time], 3), 1)
    _add(out, (pair[late], e[late], 4), 1)
    od = a + 1
    stop = np.where(finished, np.minimum(od, e), od)  # within time on [r, stop)
    w = stop > r
    _add(out, (pair[w], r[w], 5), 1)
    _add(out, (pair[w], stop[w], 5), -1)
    ostart = np.maximum(od, r)
    o = ~finished | (e > ostart)
    o_end = o & finished
    _add(out, (pair[o], np.minimum(ostart[o], SPAN), 6), 1)
    _add(out, (pair[o_end], e[o_end], 6), -1)
    return out


def setup_org() -> tuple[list[int], list[int]]:
    from decimal import Decimal

    from cchc.dossiers.models import LimitUnit, Procedure
    from cchc.org.models import Jurisdiction, JurisdictionLevel, Unit, UnitKind

    area = Jurisdiction.objects.create(code="B2", name="Tỉnh đo hiệu năng", level=JurisdictionLevel.PROVINCE)
    units = [
        Unit.objects.create(code=f"S{u:03d}", name=f"Đơn vị {u}", kind=UnitKind.AGENCY, jurisdiction=area).pk
        for u in range(UNITS)
    ]
    procs = [
        Procedure.objects.create(
            national_code=f"8.{p:06d}",
            name=f"Thủ tục {p}",
            limit_value=Decimal(5),
            limit_unit=LimitUnit.WORKING_DAYS,
        ).pk
        for p in range(PROCEDURES)
    ]
    return units, procs


def load(dense: np.ndarray, units: list[int], procs: list[int]) -> int:
    from django.db import transaction

    from cchc.dossiers import bulk
    from cchc.dossiers.facts import FACT_COLUMNS
    from cchc.dossiers.models import DailyFact

    base = dt.date(YEAR, 1, 1)
    days = [base + dt.timedelta(days=i) for i in range(SPAN + 1)]
    nz_pair, nz_day = np.nonzero(dense.any(axis=2))

    def rows():
        for p, d in zip(nz_pair.tolist(), nz_day.tolist(), strict=True):
            unit = units[p // PROCS_PER_UNIT]
            proc = procs[((p // PROCS_PER_UNIT) * 7 + p % PROCS_PER_UNIT) % PROCEDURES]
            yield (unit, proc, days[d], *dense[p, d].tolist())

    with transaction.atomic():
        bulk.insert_rows(DailyFact._meta.db_table, ("unit_id", "procedure_id", "day", *FACT_COLUMNS), rows())
    return len(nz_pair)


def roll_up() -> int:
    from django.db import transaction

    from cchc.dossiers.facts import roll_up_units

    with transaction.atomic():
        return roll_up_units()


def leader_client(area_code: str) -> Any:
    """A signed-in leader of the bench province (second factor passed), as the view tests have one."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cchc.accounts.models import User
    from cchc.core.roles import Role
    from cchc.org.models import Jurisdiction
    from cchc.testing.personas import TOTP_KEY, login_verified

    user = User.objects.create_user(
        username="bench-leader",
        password="bench-leader-password",
        role=Role.LEADER,
        jurisdiction=Jurisdiction.objects.get(code=area_code),
    )
    TOTPDevice.objects.create(user=user, name="bench", key=TOTP_KEY, confirmed=True)
    # "localhost" is in the default ALLOWED_HOSTS; the test environment (which adds "testserver") is
    # not set up here because it instruments template rendering.
    return login_verified(Client(SERVER_NAME="localhost"), user)


def timed(fn, repeat: int = 11) -> tuple[float, list[float]]:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs), runs


def run_engine(engine: str, n: int) -> dict[str, object]:
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from cchc.dossiers.models import Procedure
    from cchc.dossiers.stats import unit_stats
    from cchc.org.models import Unit

    call_command("migrate", verbosity=0)
    units, procs = setup_org()
    t0 = time.perf_counter()
    dense = make_facts(n)
    gen_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    fact_rows = load(dense, units, procs)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    unit_rows = roll_up()
    roll_up_s = time.perf_counter() - t0
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    out: dict[str, object] = {
        "engine": engine,
        "dossiers": n,
        "fact_rows": fact_rows,
        "unit_fact_rows": unit_rows,
        "generate_s": round(gen_s, 1),
        "load_s": round(load_s, 1),
        "roll_up_s": round(roll_up_s, 1),
        "load_average_start": os.getloadavg()[0],
    }
    year = (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    every_procedure = list(Procedure.objects.values_list("pk", flat=True))
    rows, total = unit_stats(*year)
    assert total.received == n, (total.received, n)
    assert len(rows) == UNITS
    by_procedure_rows, _ = unit_stats(*year, procedures=every_procedure)
    assert [r.as_dict() for r in rows] == [r.as_dict() for r in by_procedure_rows]
    out["year_median_ms"], runs = timed(lambda: unit_stats(*year))
    out["year_runs_ms"] = [round(x, 1) for x in runs]
    q2 = (dt.date(YEAR, 4, 1), dt.date(YEAR, 6, 30))
    out["quarter_median_ms"], _ = timed(lambda: unit_stats(*q2))
    one = Unit.objects.get(code="S042").subtree()
    out["one_unit_year_median_ms"], _ = timed(lambda: unit_stats(*year, units=one))
    out["year_daily_fact_median_ms"], _ = timed(lambda: unit_stats(*year, procedures=every_procedure))

    client = leader_client("B2")
    url = "/ho-so/xep-hang/don-vi/"
    params = {"date_from": year[0].isoformat(), "date_to": year[1].isoformat()}

    def page() -> None:
        r = client.get(url, params)
        assert r.status_code == 200, r.status_code

    first = client.get(url, params)
    assert first.status_code == 200, first.status_code
    html = first.content.decode()
    assert "Đơn vị 42" in html, "the league page does not list the bench units"
    out["league_page_bytes"] = len(first.content)
    with override_settings(CCHC_LEAGUE_CACHE_SECONDS=0):
        out["league_page_uncached_median_ms"], runs = timed(page)
    out["league_page_uncached_runs_ms"] = [round(x, 1) for x in runs]
    cache.clear()
    page()  # fills the cache
    out["league_page_cached_median_ms"], _ = timed(page)

    # The leader's first page reads the same league sums (month and year to date) and the month check.
    def home(params: dict[str, str]) -> Any:
        def get() -> None:
            r = client.get("/", params)
            assert r.status_code == 200, r.status_code

        return get

    with override_settings(CCHC_LEAGUE_CACHE_SECONDS=0):
        for label, params in (
            ("home_dec_uncached", {"thang": "2025-12"}),
            ("home_jun_uncached", {"thang": "2025-06"}),
        ):
            home(params)()
            out[f"{label}_median_ms"], _ = timed(home(params))
    cache.clear()
    shown = client.get("/", {"thang": "2025-12"}).content.decode()
    assert 'data-testid="slipping-row"' in shown, "the leader's first page lists no unit"
    out["home_dec_cached_median_ms"], _ = timed(home({"thang": "2025-12"}))
    for k in (
        "year_median_ms",
        "quarter_median_ms",
        "one_unit_year_median_ms",
        "year_daily_fact_median_ms",
        "league_page_uncached_median_ms",
        "league_page_cached_median_ms",
        "home_dec_uncached_median_ms",
        "home_jun_uncached_median_ms",
        "home_dec_cached_median_ms",
    ):
        out[k] = round(float(out[k]), 1)  # type: ignore[arg-type]
    out["load_average_end"] = os.getloadavg()[0]
    return out


DRIVER = Driver("bench.bench_dossier_stats", "cchc_bench_stats", run_engine, default=DOSSIERS)


def main(n: int | None = None) -> None:
    DRIVER.each_engine(n)


if __name__ == "__main__":
    DRIVER.command_line()
