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
4. Checks across servers, each of which fails the run (exit 1) when it does not hold:
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
import urllib.parse
from pathlib import Path
from typing import Any

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
    from django.core.management import call_command
    from django.db import connection

    from cchc.accounts.demo import load_accounts
    from cchc.core import demo_clock
    from cchc.dossiers.demo import load_dossier_demo
    from cchc.org.demo import load_org

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    with demo_clock.pinned(demo_clock.today(), demo_clock.now()):
        load_accounts(load_org())
        load_dossier_demo(base)
    log(demo_ledger=base, seconds=round(time.perf_counter() - t0, 1))
    lists.replicate(copies)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    log(built=True, seconds=round(time.perf_counter() - t0, 1))


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
    return {int(p): proc_cpu(int(p)) for p in out}


def proc_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its children, from /proc."""
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return sum(proc_cpu(p) for p in pids)


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
    workers_before = sum(proc_cpu(w) for w in WORKERS)
    db_before = db_backends()
    load_before = os.getloadavg()[0]
    with open(f"{prefix}.log", "wb") as err:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        # wait4, not wait: the load generator's own CPU seconds, reported beside the servers'.
        _, status, usage = os.wait4(proc.pid, 0)
    load_after = os.getloadavg()[0]
    servers_cpu = sum(tree_cpu(s) for s in SERVERS) - servers_before
    workers_cpu = sum(proc_cpu(w) for w in WORKERS) - workers_before
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


# --- checks across servers --------------------------------------------------------------------------


class Browser:
    """A browser that may talk to either server: one cookie jar, its own client address."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(
        self, port: int, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {
            "X-Forwarded-For": self.address,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        for name, value in r.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        text = r.read().decode("utf-8", "replace")
        return r.status, text + (r.getheader("Location") or "")


LOGIN = "/tai-khoan/dang-nhap/"


def check_lockout() -> dict[str, Any]:
    from cchc.accounts.actions import create_account
    from cchc.accounts.models import LoginFailure, User
    from cchc.accounts.policy import max_failures

    # A real (not demo) account with a known password: the demo accounts' passwords are not usable
    # outside the demo.
    user, password = "bench_lockout", "Bench@MatKhau2026"
    if not User.objects.filter(username=user).exists():
        template = User.objects.get(username="lanhdao")
        create_account(
            User.objects.get(username="vanphong"),
            username=user,
            password=password,
            role=template.role,
            jurisdiction=template.jurisdiction,
        )
    LoginFailure.objects.filter(username=user).delete()
    a, b = PORTS
    before = Browser("198.51.100.20")
    before.request(b, "GET", LOGIN)
    status_before, where_before = before.request(b, "POST", LOGIN, {"username": user, "password": password})
    wrong = Browser("198.51.100.21")
    wrong.request(a, "GET", LOGIN)
    for _ in range(max_failures()):
        wrong.request(a, "POST", LOGIN, {"username": user, "password": "Sai@MatKhau123"})
    after = Browser("198.51.100.22")
    after.request(b, "GET", LOGIN)
    status_after, page_after = after.request(b, "POST", LOGIN, {"username": user, "password": password})
    out = {
        "right_password_on_server_2_before": status_before,
        "passed_to_second_step_before": status_before == 302 and "xac-thuc/" in where_before,
        "wrong_passwords_on_server_1": max_failures(),
        "right_password_on_server_2_after": status_after,
        "refused_with_lockout_after": status_after == 200 and "tạm khoá" in page_after.lower(),
    }
    LoginFailure.objects.filter(username=user).delete()
    out["ok"] = out["passed_to_second_step_before"] and out["refused_with_lockout_after"]
    return out


def check_lookup_limit() -> dict[str, Any]:
    from cchc.portal.views import lookup_rate

    citizen = Browser("198.51.100.30")
    citizen.request(PORTS[0], "GET", "/cong-khai/tra-cuu-ho-so/")
    statuses = []
    pair = json.loads((WORK / "pairs.json").read_text(encoding="utf-8"))[0]
    for i in range(lookup_rate() + 1):
        status, _ = citizen.request(
            PORTS[i % 2], "POST", "/cong-khai/tra-cuu-ho-so/", {"code": pair[0], "phone": pair[1]}
        )
        statuses.append(status)
    limit = lookup_rate()
    ok = statuses[:limit] == [200] * limit and statuses[limit] == 429
    return {"limit_per_hour": limit, "statuses": statuses, "ok": ok}


def wait_tasks(ids: list[str], timeout: float = 900) -> list[Any]:
    from django_tasks_db.models import DBTaskResult

    deadline = time.time() + timeout
    while time.time() < deadline:
        rows = list(DBTaskResult.objects.filter(id__in=ids))
        if all(r.status in ("SUCCESSFUL", "FAILED") for r in rows) and len(rows) == len(ids):
            return rows
        time.sleep(1)
    raise RuntimeError(f"jobs not finished after {timeout} s: {ids}")


def check_imports() -> dict[str, Any]:
    from django.core.files import File

    from cchc.accounts.models import User
    from cchc.dossiers.demo import run as demo_run
    from cchc.dossiers.jobs import import_dossier_file
    from cchc.dossiers.models import Dossier, ImportBatch

    office = User.objects.get(username="vanphong")
    before = Dossier.objects.count()
    batches, ids, rows = [], [], 0
    for year in (2021, 2022, 2023, 2024):
        path = WORK / f"import-{year}.json"
        rows += demo_run(300, seed=year, year=year, out=path).count
        batch = ImportBatch.objects.create(file_name=path.name, submitted_by=office)
        with path.open("rb") as fh:
            batch.file.save(path.name, File(fh), save=True)
        batches.append(batch.pk)
    for pk in [*batches, batches[0]]:  # the first file's job is delivered twice
        ids.append(str(import_dossier_file.enqueue(pk).id))
    done = wait_tasks(ids)
    answers = sorted(str(r.return_value) for r in done)
    workers = sorted({w for r in done for w in r.worker_ids})
    statuses = list(
        ImportBatch.objects.filter(pk__in=batches).values_list("status", "total_rows", "created_count")
    )
    grown = Dossier.objects.count() - before
    # On a ledger that already holds these files (a second run) the rows are updates, not creations.
    ok = (
        answers.count("already claimed") == 1
        and all(s == "done" for s, _, _ in statuses)
        and sum(t for _, t, _ in statuses) == rows
        and sum(c for _, _, c in statuses) == grown
        and all(len(r.worker_ids) == 1 for r in done)
    )
    return {
        "files": len(batches),
        "jobs": len(ids),
        "answers": answers,
        "workers": workers,
        "rows": rows,
        "dossiers_added": grown,
        "batches": statuses,
        "ok": ok,
    }


def check_reminders() -> dict[str, Any]:
    from django.utils import timezone

    from cchc.deadlines.jobs import send_due_reminders
    from cchc.deadlines.models import ReminderSent
    from cchc.notify.models import Notification

    # A scratch ledger: every run starts the day's reminders afresh, so a second run sends them again.
    ReminderSent.objects.all().delete()
    Notification.objects.filter(object_type="deadlines.deadline").delete()
    sent_file = WORK / "mail" / "messages.jsonl"
    mails_before = len(sent_file.read_text(encoding="utf-8").splitlines()) if sent_file.exists() else 0
    ledger_before = ReminderSent.objects.count()
    since = timezone.now()
    ids = [str(send_due_reminders.enqueue().id) for _ in range(4)]
    done = wait_tasks(ids)
    lines = sent_file.read_text(encoding="utf-8").splitlines()[mails_before:] if sent_file.exists() else []
    mails = [json.loads(line) for line in lines]
    messages = [(m["to"], m["subject"], m["body"]) for m in mails]
    notes = Notification.objects.filter(created_at__gte=since, object_type="deadlines.deadline")
    sent = [int(r.return_value or 0) for r in done]
    ok = (
        sum(sent) > 0
        and len(messages) == len(set(messages)) == notes.count() == sum(sent)
        and notes.filter(status="sent").count() == notes.count()
        and ReminderSent.objects.count() > ledger_before
    )
    return {
        "jobs": len(ids),
        "workers": sorted({w for r in done for w in r.worker_ids}),
        "sent_per_job": sent,
        "messages_in_mail_files": len(messages),
        "distinct_messages": len(set(messages)),
        "sending_processes": len({m["pid"] for m in mails}),
        "notifications": notes.count(),
        "notifications_sent": notes.filter(status="sent").count(),
        "ledger_rows_added": ReminderSent.objects.count() - ledger_before,
        "ok": ok,
    }


# --- the run ----------------------------------------------------------------------------------------

# In the order they run. Reminders before imports: each import queues an early-warning recomputation,
# which at 5,000,000 dossiers would hold both workers for many minutes. What each writes to the ledger:
# lockout one account and its failed sign-ins; lookup_limit nothing (Redis only); reminders the day's
# reminders, their messages and the tracked deadlines; imports 1,200 dossiers.
CHECKS = {
    "lockout": check_lockout,
    "lookup_limit": check_lookup_limit,
    "reminders": check_reminders,
    "imports": check_imports,
}


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
            outcomes[name] = {**CHECKS[name](), "seconds": round(time.perf_counter() - t0, 1)}
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
