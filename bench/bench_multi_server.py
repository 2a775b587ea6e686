"""Two app servers and two background workers on one PostgreSQL and one Redis, at 5,000,000 dossiers.

    python -m bench.bench_multi_server build   # the ledger, once (bench_list_pages' way, without the facts)
    python -m bench.bench_multi_server run     # load (locust) + cross-server checks, as often as wanted
    python -m bench.bench_multi_server drop    # the database, at the end (about 8 GB)

``build``: the demo organisation and accounts, the demo generator's 200,000 dossiers, copied 24 times inside
PostgreSQL (``bench_list_pages.replicate``: codes suffixed ``-c1`` … ``-c24``), then ``ANALYZE``. The
per-official facts and the inter-agency deadlines of ``bench_list_pages`` are left out: the public pages
measured here do not read them.

``run`` (docs/deploying.md, "Several app servers", is the same rehearsal by hand) works on the database
``BENCH_MULTI_DB`` names (``multiserver_5m`` by default), so a ledger built another way runs without a
rebuild (``BENCH_MULTI_DB=ledger5m``: bench_list_pages' build, the same 200,000 × 25). What it writes
there: pending migrations (listed first), the removal of jobs left queued, and what the checks chosen
with ``--checks`` write (below); the load itself writes only to Redis.

1. ``migrate``; the directives demo (tasks with deadlines, for the reminders check only); a sample of
   4,000 real dossier codes with their applicants' phones for the look-ups.
2. Redis database 11 is emptied (``FLUSHDB`` on that number only); two gunicorn servers on 127.0.0.1:8101
   and :8102 (each ``--servers-workers`` gthread workers × 4 threads, DEBUG off, ``REDIS_URL`` on database 11,
   ``BEHIND_TLS_PROXY=1``), two ``cchc db_worker`` processes, all with the same environment.
3. Load: ``locust --headless`` (bench/locust_multi_server.py) on the public look-up and portal pages, the
   offered load ``--users`` × ``--rate`` requests a second, for ``--seconds`` after the users have started,
   first against server 1 alone (the baseline), then spread over both, alternating which comes first, for
   ``--rounds`` rounds. Each run records requests/s, the median and p95 of every request, failures, the
   load average, and the CPU seconds of the servers and of locust.
4. Checks across servers (``bench/multi_server_checks.py``), each of which fails the run (exit 1) when it
   does not hold:
   - sign-in lockout: five wrong passwords on server 1, then the right one on server 2 is refused with the
     lockout message (before: the right one on server 2 passed to the second step);
   - the look-up limit: 21 look-ups from one address alternating between the servers, the 21st is refused
     (429) — each server alone has seen only 10 or 11;
   - imports: four files put in the background queue, one of them twice; each file is imported once, by
     one worker, the duplicate job answers "already claimed", and the dossiers grow by the files' rows;
   - reminders: the reminder job put in the queue four times while both workers run; every reminder
     message leaves once (files of Django's file e-mail backend), one per ledger row.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.demo_ledger import load_demo_ledger
from bench.multi_server_checks import CHECKS
from bench.pg_cpu import proc_cpu

DB = os.environ.get("BENCH_MULTI_DB", "multiserver_5m")
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc"]
ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/cchc-bench")) / "multi-server"
REDIS_DB = 11
PORTS = (8101, 8102)


def log(**kw: Any) -> None:
    print(json.dumps({"at": time.strftime("%H:%M:%S", time.gmtime()), **kw}, ensure_ascii=False), flush=True)


def env_for_processes() -> dict[str, str]:
    """One environment for both servers, both workers and this process: what a real installation shares."""
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "DJANGO_SETTINGS_MODULE": "cchc.settings",
        # A throw-away database needs no real secret; production settings otherwise refuse to start.
        "SECRET_KEY": "bench-scratch-database-only",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "BEHIND_TLS_PROXY": "1",
        "MEDIA_ROOT": str(WORK / "media"),
        # Every e-mail of the product goes to one file, a line per message, whichever process sends it.
        "CCHC_EMAIL_CHANNEL": "bench.bench_multi_server.MailToFile",
        "PYTHONPATH": str(ROOT),
    }


class MailToFile:
    """The e-mail channel of the servers and workers in this bench: appends each message to one file
    (O_APPEND: the lines of several processes do not interleave), with the sending process."""

    def send(self, recipient: str, subject: str, body: str) -> None:
        digest = hashlib.sha256(body.encode()).hexdigest()[:16]
        line = json.dumps(
            {"to": recipient, "subject": subject, "body": digest, "pid": os.getpid()}, ensure_ascii=False
        )
        with (WORK / "mail" / "messages.jsonl").open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def setup_django() -> None:
    os.environ.update(env_for_processes())
    os.environ.pop("CCHC_TESTING", None)
    import django

    django.setup()


def build(base: int, copies: int) -> None:
    os.environ["BENCH_LISTS_DB"] = DB
    from bench import bench_list_pages as lists

    subprocess.run([*PSQL, f"CREATE DATABASE {DB}"], check=True)
    lists.setup_django()
    from django.db import connection

    load_s = load_demo_ledger(base)
    log(demo_ledger=base, seconds=round(load_s, 1))
    t0 = time.perf_counter()
    lists.replicate(copies)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    log(built=True, seconds=round(load_s + time.perf_counter() - t0, 1))


def drop() -> None:
    subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {DB}"], check=False)


# --- preparing the run ------------------------------------------------------------------------------


def prepare(checks: list[str]) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django_tasks_db.models import DBTaskResult

    from cchc.core import demo_clock
    from cchc.directives.demo import load_directives_demo
    from cchc.dossiers import handbook
    from cchc.dossiers.models import Dossier

    # On a ledger built earlier (BENCH_MULTI_DB=ledger5m) say what migrate will change before it does.
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    log(database=DB, pending_migrations=[f"{m.app_label}.{m.name}" for m, _ in plan])
    call_command("migrate", verbosity=0)
    # The demo loader queued an early-warning recomputation after each of its batches; at 5,000,000 dossiers
    # each takes the two workers for many minutes (bench_earlywarning measures it). Left in the queue, they
    # would compete with the servers during the load and hold the workers from the checks' jobs.
    leftover = DBTaskResult.objects.exclude(status__in=("SUCCESSFUL", "FAILED"))
    log(queued_jobs_removed=leftover.delete()[0])
    if (
        "reminders" in checks
    ):  # the directives' tasks are what the reminders remind of; nothing else needs them
        with demo_clock.pinned(demo_clock.today(), demo_clock.now()):
            log(directives=load_directives_demo())
    table = Dossier._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {table}")
        dossiers = int(cur.fetchone()[0])
        # A block sample spread over the whole table (not the first rows, which the cache already holds).
        percent = min(100.0, 100.0 * 20_000 / max(dossiers, 1))
        cur.execute(
            f"SELECT code, applicant_phone FROM {table} TABLESAMPLE SYSTEM ({percent:.4f}) "
            "WHERE length(applicant_phone) >= 8 LIMIT 4000"
        )
        pairs = [list(r) for r in cur.fetchall()]
    (WORK / "pairs.json").write_text(json.dumps(pairs, ensure_ascii=False), encoding="utf-8")
    codes = list(handbook.active_procedures().values_list("national_code", flat=True)[:40])
    log(dossiers=dossiers, lookup_pairs=len(pairs), handbook_codes=len(codes))
    return {"dossiers": dossiers, "pairs": len(pairs), "handbook": codes}


# --- processes --------------------------------------------------------------------------------------


def start_server(port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    out = open(WORK / f"gunicorn-{port}.log", "wb")  # noqa: SIM115 (kept open for the server's lifetime)
    cmd = [str(BIN / "gunicorn"), "cchc.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    cmd += ["--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread"]
    cmd += ["--timeout", "60", "--keep-alive", "5"]
    return subprocess.Popen(cmd, env=env_for_processes(), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def start_worker(name: str) -> subprocess.Popen[bytes]:
    out = open(WORK / f"worker-{name}.log", "wb")  # noqa: SIM115
    cmd = [str(BIN / "cchc"), "db_worker", "--interval", "0.5", "--worker-id", name]
    return subprocess.Popen(cmd, env=env_for_processes(), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def wait_ready(port: int) -> None:
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/cong-khai/", headers={"X-Forwarded-For": "192.0.2.1"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"server on {port} did not answer; see {WORK}/gunicorn-{port}.log")


def db_backends() -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving the bench database (the servers' and workers'
    connections, kept open between requests: DB_CONN_MAX_AGE)."""
    out = subprocess.run(
        [*PSQL[:-1], "-tAc", f"SELECT pid FROM pg_stat_activity WHERE datname = '{DB}'"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    return {int(p): proc_cpu(int(p)) or 0.0 for p in out}  # 0: gone since


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its children, from /proc."""
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return sum(proc_cpu(p) or 0.0 for p in pids)


# --- load -------------------------------------------------------------------------------------------


def locust_run(
    label: str, ports: tuple[int, ...], args: argparse.Namespace, handbook: list[str]
) -> dict[str, Any]:
    prefix = WORK / f"locust-{label.replace(' ', '-')}-{time.strftime('%H%M%S')}"
    env = {
        **os.environ,
        "MULTI_HOSTS": ",".join(f"http://127.0.0.1:{p}" for p in ports),
        "MULTI_PAIRS": str(WORK / "pairs.json"),
        "MULTI_RATE": str(args.rate),
        "MULTI_HANDBOOK": json.dumps(handbook),
    }
    cmd = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locust_multi_server.py"), "--headless"]
    cmd += ["-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s", "--reset-stats"]
    cmd += ["--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"]
    servers_before = sum(tree_cpu(s) for s in SERVERS)
    workers_before = sum(proc_cpu(w) or 0.0 for w in WORKERS)
    db_before = db_backends()
    load_before = os.getloadavg()[0]
    with open(f"{prefix}.log", "wb") as err:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        # wait4, not wait: the load generator's own CPU seconds, reported beside the servers'.
        _, status, usage = os.wait4(proc.pid, 0)
    load_after = os.getloadavg()[0]
    servers_cpu = sum(tree_cpu(s) for s in SERVERS) - servers_before
    workers_cpu = sum(proc_cpu(w) or 0.0 for w in WORKERS) - workers_before
    db_cpu = sum(cpu - db_before.get(pid, 0.0) for pid, cpu in db_backends().items())
    rows = {r["Name"]: r for r in csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8"))}  # noqa: SIM115
    agg = rows["Aggregated"]
    with open(f"{prefix}_exceptions.csv", encoding="utf-8") as fh:
        exceptions = sum(int(r["Count"]) for r in csv.DictReader(fh))
    out = {
        "label": label,
        "servers": len(ports),
        "rps": float(agg["Requests/s"]),
        "p50_ms": float(agg["50%"]),
        "p95_ms": float(agg["95%"]),
        "requests": int(agg["Request Count"]),
        "failures": int(agg["Failure Count"]),
        "exceptions": exceptions,
        "load": [round(load_before, 1), round(load_after, 1)],
        "servers_cpu_s": round(servers_cpu, 1),
        "locust_cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "db_cpu_s": round(db_cpu, 1),
        "workers_cpu_s": round(workers_cpu, 1),
        "locust_exit": os.waitstatus_to_exitcode(status),
        "pages": {
            name: {"rps": float(r["Requests/s"]), "p50": float(r["50%"]), "p95": float(r["95%"])}
            for name, r in rows.items()
            if name != "Aggregated"
        },
    }
    log(**out)
    return out


SERVERS: list[int] = []  # the gunicorn masters' pids, for their CPU time
WORKERS: list[int] = []


# --- the run ----------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    for sub in ("mail", "media"):
        (WORK / sub).mkdir(exist_ok=True)
        for f in (WORK / sub).rglob("*"):
            if f.is_file():
                f.unlink()
    setup_django()
    checks = [] if args.no_checks else [c for c in args.checks.split(",") if c]
    unknown = sorted(set(checks) - set(CHECKS))
    if unknown:
        raise SystemExit(f"unknown checks {unknown}; known: {', '.join(CHECKS)}")
    info = prepare(checks)
    subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-n", str(REDIS_DB), "FLUSHDB"], check=True, capture_output=True
    )
    procs = [start_server(p, args.server_workers, 4) for p in PORTS]
    SERVERS.extend(p.pid for p in procs)
    workers = [start_worker(name) for name in ("worker-1", "worker-2")]
    WORKERS.extend(w.pid for w in workers)
    procs += workers
    # Stopped from outside (kill PID): still stop the servers and workers (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results: list[dict[str, Any]] = []
    outcomes: dict[str, Any] = {}
    try:
        for port in PORTS:
            wait_ready(port)
        log(ready=True, load=os.getloadavg()[0])
        one, two = ("one server", PORTS[:1]), ("two servers", PORTS)
        for k in range(args.rounds):
            for label, ports in (one, two) if k % 2 == 0 else (two, one):
                results.append({"round": k + 1, **locust_run(label, ports, args, info["handbook"])})
                # The look-up limit counts per address and hour: start every run from zero.
                subprocess.run(
                    ["redis-cli", "-h", "127.0.0.1", "-n", str(REDIS_DB), "FLUSHDB"],
                    check=True,
                    capture_output=True,
                )
        for name in checks:
            t0 = time.perf_counter()
            outcomes[name] = {**CHECKS[name](PORTS, WORK), "seconds": round(time.perf_counter() - t0, 1)}
            log(check=name, **outcomes[name])
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-n", str(REDIS_DB), "FLUSHDB"], check=False, capture_output=True
        )
    summary = summarise(results)
    log(summary=summary, dossiers=info["dossiers"])
    (WORK / "result.json").write_text(
        json.dumps(
            {"info": info, "runs": results, "summary": summary, "checks": outcomes},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    return 0 if all(c["ok"] for c in outcomes.values()) else 1


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for label in ("one server", "two servers"):
        runs = [r for r in results if r["label"] == label]
        if not runs:
            continue
        rps = [r["rps"] for r in runs]
        p95 = [r["p95_ms"] for r in runs]
        out[label] = {
            "runs": len(runs),
            "rps_median": statistics.median(rps),
            "rps_range": [min(rps), max(rps)],
            "p95_median_ms": statistics.median(p95),
            "p95_range_ms": [min(p95), max(p95)],
            "failures": sum(r["failures"] + r["exceptions"] for r in runs),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("what", nargs="?", default="run", choices=("build", "run", "drop"))
    parser.add_argument("--base", type=int, default=200_000)
    parser.add_argument("--copies", type=int, default=25)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument(
        "--rate", type=float, default=5.0, help="requests a second per user (0: as fast as possible)"
    )
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--no-checks", action="store_true")
    parser.add_argument(
        "--checks",
        default=",".join(CHECKS),
        help="the checks across servers to run after the load, comma-separated (lockout,lookup_limit: "
        "the two that write next to nothing to the ledger)",
    )
    args = parser.parse_args(argv)
    if args.what == "build":
        build(args.base, args.copies)
        return 0
    if args.what == "drop":
        drop()
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
