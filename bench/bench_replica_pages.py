"""Rehearsal of reads from a streaming replica (DATABASE_REPLICA_URL; docs/deploying.md).

    scripts/replica.sh start                       # the local replica on 127.0.0.1:5433
    python -m bench.bench_replica_pages --dossiers 50000
    scripts/replica.sh stop

Needs the replica of ``scripts/replica.sh`` running (skipped otherwise). On the primary it builds a
scratch database (dropped afterwards) with the import benchmark's generator — N dossiers of 100 units
and 40 procedures, imported through the project's importer — a leader and an IOC key; the database
reaches the replica by streaming. Then, in a process configured with DATABASE_REPLICA_URL, through
Django's test client (routing, sessions, second factor, views, templates):

1. every read-only page (public pages, the leader's rankings and results report, the IOC summary) is
   answered from the replica: the replica's own counter of committed transactions for the database
   rises, the page says "Số liệu tính đến" (the IOC answer carries X-Data-As-Of), and its median time
   over 5 requests is printed next to the same page with the replica switched off (primary only);
2. after the leader posts a form, the same browser's next pages read from the primary until the
   replica has replayed past that write (no staleness line on them); another browser keeps the replica;
3. with replay paused on the replica and a write on the primary, once the lag passes
   CCHC_REPLICA_MAX_LAG_SECONDS (set to 30 here) the pages fall back to the primary; resuming replay
   brings them back to the replica.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

from bench.scratch import PSQL

DB = "cchc_bench_replica"
REPLICA_PORT = int(os.environ.get("REPLICA_PORT", "5433"))
PRIMARY_URL = f"postgres://postgres@127.0.0.1:5432/{DB}"
REPLICA_URL = f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/{DB}"
MAX_LAG = 30


def replica_sql(sql: str, db: str = DB) -> str:
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", str(REPLICA_PORT), "-U", "postgres", "-d", db, "-Atc", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def replica_commits() -> int:
    return int(replica_sql(f"SELECT xact_commit FROM pg_stat_database WHERE datname = '{DB}'"))


def build(dossiers: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from bench.bench_dossier_import import HEADER, csv_cell, records, setup_org
    from cchc.dossiers.importing import import_bytes

    call_command("migrate", verbosity=0)
    setup_org()
    lines = [",".join(HEADER)]
    for rec in records(dossiers):
        lines.append(
            ",".join(
                (csv_cell(json.dumps(v, ensure_ascii=False)) if v else "") if isinstance(v, list) else v
                for v in rec.values()
            )
        )
    res = import_bytes(
        ("\n".join(lines) + "\n").encode(), "replica.csv", actor="bench", as_of=dt.date(2026, 1, 31)
    )
    assert res.ok, res.errors[:3]


def rehearse() -> dict[str, Any]:
    import django

    django.setup()
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cchc.accounts.models import User
    from cchc.core import replica
    from cchc.core.roles import Role
    from cchc.feedback.actions.citizen import create_key
    from cchc.feedback.models import KeyPurpose
    from cchc.org.models import Jurisdiction, Unit
    from cchc.testing.personas import TOTP_KEY, login_verified

    area = Jurisdiction.objects.get(code="B1")
    user = User.objects.create_user(
        username="bench-leader", password="bench-leader-password", role=Role.LEADER, jurisdiction=area
    )
    TOTPDevice.objects.create(user=user, name="bench", key=TOTP_KEY, confirmed=True)
    _, raw = create_key("bench", name="Màn hình IOC", jurisdiction=area, purpose=KeyPurpose.IOC)
    time.sleep(2)  # let the new user and key reach the replica
    leader = login_verified(Client(SERVER_NAME="localhost"), user)
    public = Client(SERVER_NAME="localhost")
    ioc = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    pages: list[tuple[str, Any, str, dict[str, Any]]] = [
        ("public home", public, "/cong-khai/", {}),
        ("public late lists", public, "/cong-khai/danh-sach-tre-han/", {}),
        ("public reform rankings", public, "/cong-khai/xep-hang-chi-so-cchc/", {}),
        (
            "leader: unit ranking 2025",
            leader,
            "/ho-so/xep-hang/don-vi/?date_from=2025-01-01&date_to=2025-12-31",
            {},
        ),
        (
            "leader: results report Q2",
            leader,
            "/bao-cao/ket-qua-tthc/?date_from=2025-04-01&date_to=2025-06-30&by=unit",
            {},
        ),
        ("IOC summary 2025", public, "/ioc/v1/tong-hop?tu=2025-01-01&den=2025-12-31", ioc),
    ]
    out: dict[str, Any] = {"pages": {}}

    def served_by_replica(client: Any, url: str, extra: dict[str, Any]) -> tuple[bool, bool, float]:
        """(the page says it was read from the replica, the replica committed reads meanwhile, seconds)."""
        before = replica_commits()
        t0 = time.perf_counter()
        response = client.get(url, **extra)
        elapsed = time.perf_counter() - t0
        assert response.status_code == 200, (url, response.status_code)
        marked = "Số liệu tính đến" in response.content.decode() or "X-Data-As-Of" in response
        time.sleep(1.2)  # pg_stat_database counters are flushed by the replica about every second
        return marked, replica_commits() > before, elapsed

    print("1. read-only pages", flush=True)
    for label, client, url, extra in pages:
        on_replica = [served_by_replica(client, url, extra) for _ in range(5)]
        replica.READ_ONLY_VIEWS, saved = frozenset(), replica.READ_ONLY_VIEWS
        primary = []
        for _ in range(5):
            t0 = time.perf_counter()
            client.get(url, **extra)
            primary.append(time.perf_counter() - t0)
        replica.READ_ONLY_VIEWS = saved
        row = {
            "marked_runs": f"{sum(m for m, _, _ in on_replica)}/5",
            "replica_read_runs": f"{sum(r for _, r, _ in on_replica)}/5",
            "replica_ms": round(statistics.median(t for _, _, t in on_replica) * 1000),
            "primary_ms": round(statistics.median(primary) * 1000),
        }
        out["pages"][label] = row
        print(f"   {label}: {row}", flush=True)

    print("2. a write pins this browser to the primary until the replica has it", flush=True)
    url = "/cong-khai/xep-hang-chi-so-cchc/"
    posted = leader.post("/tai-khoan/dang-xuat/")
    assert replica.WROTE_COOKIE in posted.cookies, "a POST must set the write cookie"
    leader = login_verified(Client(SERVER_NAME="localhost"), user)
    leader.cookies[replica.WROTE_COOKIE] = f"{time.time() + 3600:.3f}"  # a write the replica lacks
    pinned = "Số liệu tính đến" not in leader.get(url).content.decode()
    other = "Số liệu tính đến" in public.get(url).content.decode()
    leader.cookies[replica.WROTE_COOKIE] = f"{time.time() - 10:.3f}"  # a write the replica holds
    back = "Số liệu tính đến" in leader.get(url).content.decode()
    out["pinning"] = {
        "writer_on_primary": pinned,
        "other_on_replica": other,
        "writer_back_after_replay": back,
    }
    print(f"   {out['pinning']}", flush=True)

    print(f"3. replay paused, lag beyond {MAX_LAG} s: fall back to the primary", flush=True)
    replica_sql("SELECT pg_wal_replay_pause()")
    try:
        Unit.objects.filter(code="U000").update(name="Đơn vị 0 (đổi khi bản sao dừng)")
        time.sleep(MAX_LAG + 3)
        lagging = replica_sql("SELECT round(extract(epoch FROM now() - pg_last_xact_replay_timestamp()))")
        fallback = "Số liệu tính đến" not in public.get(url).content.decode()
    finally:
        replica_sql("SELECT pg_wal_replay_resume()")
    time.sleep(3)
    recovered = "Số liệu tính đến" in public.get(url).content.decode()
    out["lag"] = {
        "replica_behind_s": lagging,
        "fell_back": fallback,
        "back_on_replica_after_resume": recovered,
    }
    print(f"   {out['lag']}", flush=True)
    return out


def main() -> None:
    dossiers = int(os.environ.get("BENCH_ROWS", 50_000))
    try:
        replica_sql("SELECT 1", db="postgres")
    except (subprocess.CalledProcessError, FileNotFoundError):
        print("   skipped: no replica on port", REPLICA_PORT, "(scripts/replica.sh start)")
        return
    subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {DB}"], check=True)
    subprocess.run([*PSQL, f"CREATE DATABASE {DB}"], check=True)
    base = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cchc.settings",
        "SECRET_KEY": "bench-scratch-database-only",
        "DATABASE_URL": PRIMARY_URL,
        "CCHC_LEAGUE_CACHE_SECONDS": "0",
        "CCHC_IOC_CACHE_SECONDS": "0",
    }
    try:
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bench.bench_replica_pages", "--build", str(dossiers)],
            env=base,
            check=True,
        )
        print(
            f"   built {dossiers:,} dossiers on the primary in {time.perf_counter() - t0:.0f} s", flush=True
        )
        env = {**base, "DATABASE_REPLICA_URL": REPLICA_URL, "CCHC_REPLICA_MAX_LAG_SECONDS": str(MAX_LAG)}
        subprocess.run([sys.executable, "-m", "bench.bench_replica_pages", "--rehearse"], env=env, check=True)
    finally:
        subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"], check=False)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=50_000)
    parser.add_argument("--build", type=int)
    parser.add_argument("--rehearse", action="store_true")
    args = parser.parse_args()
    if args.build:
        build(args.build)
    elif args.rehearse:
        result = rehearse()
        print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    else:
        os.environ["BENCH_ROWS"] = str(args.dossiers)
        main()
