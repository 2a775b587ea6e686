"""Every ranking and list page that grows with the dossiers, at 5,000,000 dossiers on PostgreSQL: the p95
the issue asks for, from enough requests to have one.

    BENCH_LISTS_DB=ledger5m python -m bench.bench_pages_p95 --rounds 21

The ledger is one ``bench.bench_list_pages build`` made. Each page is requested by the demo leader
(jurisdiction-wide: every demo unit) through Django's test ``Client`` (routing, session, second factor,
view, template), the league cache off. The pages are asked in turn, one request each per round, after one
warm-up round, so a burst of load elsewhere on the machine falls on every page alike rather than on one.
Per page: median, p95 (nearest rank: with 21 requests the second slowest) and the slowest, the Python
process's CPU (``time.process_time``) and the load average before and after the run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from bench.bench_late_list import cases, subjects
from bench.bench_list_pages import leader_client, log, setup_django


def nearest_rank(sorted_ms: list[float], pct: int) -> float:
    return sorted_ms[max(0, -(-len(sorted_ms) * pct // 100) - 1)]


def pages(year: dict[str, str]) -> list[tuple[str, str, dict[str, str]]]:
    official, unit = subjects()
    late = [
        (f"late list: {name}", "/ho-so/tre-han/", params) for name, params in cases(official, unit).items()
    ]
    return [
        ("officials' ranking (year)", "/ho-so/xep-hang/can-bo/", year),
        ("units' ranking (year, uncached)", "/ho-so/xep-hang/don-vi/", year),
        ("inter-agency ranking", "/ho-so/lien-thong/", {}),
        ("inter-agency overdue steps", "/ho-so/lien-thong/buoc-qua-han/", {}),
        ("dossier list, first page", "/ho-so/", {}),
        ("dossier list, page 40", "/ho-so/", {"trang": "40"}),
        ("dossier list, one unit", "/ho-so/", {"unit": str(unit.pk)}),
        *late,
        ("monthly late lists", "/ho-so/danh-sach-tre-han/", {}),
        ("procedure results report (year)", "/bao-cao/ket-qua-tthc/", year),
        ("Decision 766 overview", "/chi-so/766/", {}),
        ("leader's home", "/", {}),
    ]


def main(rounds: int, only: str, skip: str) -> None:
    from django.test.utils import override_settings

    from cchc.core import demo_clock
    from cchc.dossiers.models import Dossier

    _, client = leader_client()
    load0 = os.getloadavg()
    log(dossiers=Dossier.objects.count(), load=load0, rounds=rounds)
    with (
        demo_clock.pinned(demo_clock.today(), demo_clock.now()),
        override_settings(CCHC_LEAGUE_CACHE_SECONDS=0),
    ):
        year = {"date_from": demo_clock.year_start().isoformat(), "date_to": demo_clock.today().isoformat()}
        todo = [
            page
            for page in pages(year)
            if (not only or any(w in page[0] for w in only.split(",")))
            and not (skip and any(w in page[0] for w in skip.split(",")))
        ]
        wall: dict[str, list[float]] = {name: [] for name, _, _ in todo}
        cpu: dict[str, list[float]] = {name: [] for name, _, _ in todo}

        def request(url: str, params: dict[str, str]) -> Callable[[], None]:
            def fetch() -> None:
                r = client.get(url, params)
                assert r.status_code == 200, (url, params, r.status_code)

            return fetch

        for name, url, params in todo:  # the warm-up round, not counted
            t0 = time.perf_counter()
            request(url, params)()
            log(warm=name, ms=round((time.perf_counter() - t0) * 1000, 1))
        for _ in range(rounds):
            for name, url, params in todo:
                t0, c0 = time.perf_counter(), time.process_time()
                request(url, params)()
                wall[name].append((time.perf_counter() - t0) * 1000)
                cpu[name].append((time.process_time() - c0) * 1000)
    load1 = os.getloadavg()
    rows: list[dict[str, Any]] = []
    for name, url, params in todo:
        ms = sorted(wall[name])
        rows.append(
            {
                "page": name,
                "url": url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""),
                "median_ms": round(statistics.median(ms), 1),
                "p95_ms": round(nearest_rank(ms, 95), 1),
                "max_ms": round(ms[-1], 1),
                "python_cpu_ms": round(statistics.median(cpu[name]), 1),
            }
        )
    for row in rows:
        print(json.dumps(row, ensure_ascii=False), flush=True)
    log(load_before=load0, load_after=load1, over_300=[r["page"] for r in rows if r["p95_ms"] >= 300])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--only", default="", help="comma-separated words: pages whose name holds one")
    parser.add_argument("--skip", default="", help="comma-separated words: pages whose name holds one")
    args = parser.parse_args()
    setup_django()
    main(args.rounds, args.only, args.skip)
    sys.exit(0)
