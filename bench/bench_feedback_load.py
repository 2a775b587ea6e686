"""50 concurrent citizens submitting the public petition form for 2 minutes against gunicorn on
127.0.0.1: no errors allowed; latency percentiles recorded in docs/benchmarks.md.

    python -m bench bench_feedback_load
    python -m bench.bench_feedback_load --clients 50 --seconds 120 [--engine postgres|sqlite] [--markdown]

What it does:
  1. a scratch database (PostgreSQL: ``cchc_bench_feedback``, dropped and recreated; SQLite: a file in a
     temporary directory), migrated, with the demo organisation and its petition categories;
  2. gunicorn (gthread workers) on 127.0.0.1 only, with a settings module written to the temporary
     directory that imports the project's settings and changes only what the bench needs:
     ``CCHC_FEEDBACK_TRUST_X_FORWARDED_FOR = True`` (each simulated citizen request carries its own
     fake address in X-Forwarded-For, so the per-address limiter runs but is not tripped — the limits
     stay ON) and ``CCHC_FEEDBACK_MIN_FILL_SECONDS = 0`` (the time trap would refuse a client that posts
     at once); ``ROOT_URLCONF`` is the project's URLs with the petition pages mounted where the lead
     mounts them; SMS acknowledgements go to the recording channel (no gateway on this machine);
  3. ``--clients`` threads (plain ``threading`` + ``http.client``, one keep-alive connection each), each
     looping until the time is up or ``MAX_PER_CLIENT`` submissions: GET the form (CSRF cookie and
     token), POST it (expects 302 to the confirmation), GET the confirmation (expects 200 with the
     tracking code). Every other status, and every exception, is an error;
  4. checks the database holds exactly one petition per successful submission.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DB = "cchc_bench_feedback"
MAX_PER_CLIENT = 5000  # a bound on the loop, whatever the clock says
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
OPTION = re.compile(r'<option value="(\d+)">([^<]+)</option>')
TEXTS = [
    "Vỉa hè đường Ba Cu bị lấn chiếm để bán hàng, người đi bộ phải xuống lòng đường.",
    "Rác thải tồn đọng nhiều ngày ở đầu hẻm đường Hoàng Hoa Thám, bốc mùi hôi.",
    "Đèn chiếu sáng trên đường Võ Thị Sáu bị hỏng, khu vực rất tối.",
    "Quán karaoke trên đường Bình Giã hát đến quá nửa đêm.",
]


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(
        default_factory=lambda: {"form": [], "post": [], "confirmation": []}
    )
    submissions: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(database_url: str, tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench_feedback_settings",
        PYTHONPATH=f"{tmp}{os.pathsep}{ROOT}",
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789",
        CCHC_VAR_DIR=str(tmp),
        CCHC_SMS_CHANNEL="cchc.notify.channels.RecordingChannel",
        CCHC_ZALO_CHANNEL="cchc.notify.channels.RecordingChannel",
        DEBUG="0",
        CCHC_DEMO="0",
        CCHC_TESTING="0",
    )
    return env


def _prepare(engine: str, tmp: Path) -> str:
    (tmp / "bench_feedback_settings.py").write_text(
        textwrap.dedent("""\
        from cchc.settings import *  # noqa: F403

        CCHC_FEEDBACK_TRUST_X_FORWARDED_FOR = True
        CCHC_FEEDBACK_MIN_FILL_SECONDS = 0
        # The project's URLs, with the petition pages mounted if cchc/urls.py does not mount them yet.
        ROOT_URLCONF = "cchc.feedback.tests.urls"
        """)
    )
    if engine == "postgres":
        for sql in (f"DROP DATABASE IF EXISTS {PG_DB}", f"CREATE DATABASE {PG_DB}"):
            subprocess.run(["psql", PG_ADMIN, "-q", "-c", sql], check=True)
        return f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
    return f"sqlite:///{tmp / 'bench.sqlite3'}"


def _setup_db(env: dict[str, str]) -> None:
    subprocess.run([PYTHON, "-m", "cchc", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    script = (
        "import django; django.setup()\n"
        "from cchc.org.demo import load_org\n"
        "from cchc.feedback.demo import load_categories\n"
        "org = load_org(); load_categories(org.city)\n"
    )
    subprocess.run([PYTHON, "-c", script], env=env, check=True, cwd=ROOT)


def _count_petitions(env: dict[str, str]) -> int:
    script = (
        "import django; django.setup()\n"
        "from cchc.feedback.models import Petition\n"
        "print(Petition.objects.count())\n"
    )
    out = subprocess.run(
        [PYTHON, "-c", script], env=env, check=True, cwd=ROOT, capture_output=True, text=True
    )
    return int(out.stdout.strip().splitlines()[-1])


def _start_gunicorn(
    env: dict[str, str], port: int, workers: int, threads: int, tmp: Path
) -> subprocess.Popen[bytes]:
    log = open(tmp / "gunicorn.log", "wb")  # noqa: SIM115 (kept open for the server's lifetime)
    proc = subprocess.Popen(
        [
            GUNICORN,
            "cchc.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--timeout",
            "60",
            "--keep-alive",
            "5",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/cong-khai/phan-anh/gui/")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"gunicorn did not answer; see {tmp / 'gunicorn.log'}")


def _cookies(response: http.client.HTTPResponse, jar: dict[str, str]) -> None:
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]


def _client(n: int, port: int, until: float, stats: Stats) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    jar: dict[str, str] = {}
    for i in range(MAX_PER_CLIENT):
        if time.time() >= until:
            break
        fake_ip = f"10.{n}.{(i // 250) % 250}.{i % 250 + 1}"
        try:
            t0 = time.perf_counter()
            conn.request("GET", "/cong-khai/phan-anh/gui/", headers=_headers(jar, fake_ip))
            r = conn.getresponse()
            body = r.read().decode()
            _cookies(r, jar)
            t1 = time.perf_counter()
            if r.status != 200:
                raise RuntimeError(f"form answered {r.status}")
            options = dict((label, value) for value, label in OPTION.findall(body))
            form = {
                "csrfmiddlewaretoken": CSRF_INPUT.search(body).group(1),  # type: ignore[union-attr]
                "kind": "feedback",
                "category": options["Trật tự đô thị, lấn chiếm lòng lề đường"],
                "ward": options["Phường 1"],
                "location": f"Số {i} đường Ba Cu",
                "text": f"{TEXTS[(n + i) % len(TEXTS)]} (lượt {n}-{i})",
                "citizen_name": f"Người dân thử tải {n}",
                "citizen_phone": f"09{n:03d}{i:05d}",
                "citizen_address": f"{n} Ba Cu, Phường 1",
                "reply_via": "sms",
                "consent_publish": "on",
                "website": "",
                "started": "",
            }
            headers = _headers(jar, fake_ip) | {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{port}/cong-khai/phan-anh/gui/",
            }
            conn.request(
                "POST", "/cong-khai/phan-anh/gui/", body=urllib.parse.urlencode(form), headers=headers
            )
            r = conn.getresponse()
            r.read()
            _cookies(r, jar)
            t2 = time.perf_counter()
            if r.status != 302 or "/da-gui/" not in (r.getheader("Location") or ""):
                raise RuntimeError(f"submission answered {r.status}")
            conn.request("GET", "/cong-khai/phan-anh/da-gui/", headers=_headers(jar, fake_ip))
            r = conn.getresponse()
            page = r.read().decode()
            t3 = time.perf_counter()
            if r.status != 200 or 'data-testid="tracking-code"' not in page:
                raise RuntimeError(f"confirmation answered {r.status}")
            with stats.lock:
                stats.latencies["form"].append(t1 - t0)
                stats.latencies["post"].append(t2 - t1)
                stats.latencies["confirmation"].append(t3 - t2)
                stats.submissions += 1
        except Exception as exc:  # every failure counts, whatever it is
            with stats.lock:
                stats.errors.append(f"client {n} round {i}: {type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)


def _headers(jar: dict[str, str], ip: str) -> dict[str, str]:
    h = {"X-Forwarded-For": ip, "User-Agent": "cchc-bench/1"}
    if jar:
        h["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
    return h


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def run(engine: str, clients: int, seconds: int, workers: int, threads: int) -> dict[str, object]:
    tmp = Path(tempfile.mkdtemp(prefix="cchc-bench-feedback-"))
    try:
        return _run(engine, clients, seconds, workers, threads, tmp)
    finally:
        if engine == "postgres":
            subprocess.run(
                ["psql", PG_ADMIN, "-q", "-c", f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)"], check=False
            )
        shutil.rmtree(tmp, ignore_errors=True)


def _run(engine: str, clients: int, seconds: int, workers: int, threads: int, tmp: Path) -> dict[str, object]:
    database_url = _prepare(engine, tmp)
    env = _env(database_url, tmp)
    _setup_db(env)
    port = _free_port()
    server = _start_gunicorn(env, port, workers, threads, tmp)
    stats = Stats()
    try:
        until = time.time() + seconds
        started = time.time()
        pool = [threading.Thread(target=_client, args=(n, port, until, stats)) for n in range(clients)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        elapsed = time.time() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = _count_petitions(env)
    result: dict[str, object] = {
        "engine": engine,
        "clients": clients,
        "seconds": round(elapsed, 1),
        "gunicorn": f"{workers} gthread workers × {threads} threads",
        "submissions": stats.submissions,
        "submissions_per_second": round(stats.submissions / elapsed, 1),
        "errors": len(stats.errors),
        "first_errors": stats.errors[:5],
        "petitions_stored": stored,
    }
    for name, values in stats.latencies.items():
        result[f"{name}_ms"] = {
            "p50": round(_pct(values, 0.50), 1),
            "p95": round(_pct(values, 0.95), 1),
            "p99": round(_pct(values, 0.99), 1),
            "mean": round(statistics.fmean(values) * 1000, 1) if values else None,
        }
    return result


def markdown(r: dict[str, object]) -> str:
    def row(name: str) -> str:
        v = r[f"{name}_ms"]
        assert isinstance(v, dict)
        return f"| {name} | {v['p50']} | {v['p95']} | {v['p99']} | {v['mean']} |"

    return "\n".join(
        [
            f"Engine {r['engine']}, {r['gunicorn']}, {r['clients']} clients for {r['seconds']} s: "
            f"{r['submissions']} petitions submitted ({r['submissions_per_second']}/s), "
            f"{r['errors']} errors, "
            f"{r['petitions_stored']} stored.",
            "",
            "| request | p50 ms | p95 ms | p99 ms | mean ms |",
            "|---|---|---|---|---|",
            row("form"),
            row("post"),
            row("confirmation"),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2 + 1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--markdown", action="store_true", help="print the docs/benchmarks.md rows too")
    args = parser.parse_args(
        argv if argv is not None else sys.argv[2:] if sys.argv[0].endswith("__main__.py") else None
    )
    result = run(args.engine, args.clients, args.seconds, args.workers, args.threads)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.markdown:
        print(markdown(result))
    ok = result["errors"] == 0 and result["petitions_stored"] == result["submissions"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
