"""CPU milliseconds per request of the public pages in the multi-server mix (bench/locust_multi_server.py).

    python bench/bench_public_page_cpu.py measure                # this tree, on $DATABASE_URL
    python bench/bench_public_page_cpu.py compare --baseline DIR  # DIR's code vs this tree, same run
    python bench/bench_public_page_cpu.py compare --baseline DIR --tree cut1=DIR1 …  # more trees in turn
    python bench/bench_public_page_cpu.py measure --profile      # plus a cProfile top list

Why CPU and not wall time: on a shared two-core machine the wall time of a page is mostly queueing for
the CPU (docs/benchmarks.md, "several app servers"); ``time.process_time`` of the one process serving the
request is what a faster page must cut, and it is robust to the other jobs' load.

Each request goes through Django's real WSGI handler (``cchc.wsgi.application``: every middleware of
``settings.MIDDLEWARE``, sessions, CSRF, CSP, templates) with production settings: DEBUG off, a SECRET_KEY,
``REDIS_URL`` on Redis database 12 (emptied at the start: the look-up's limits and the cache live there),
``BEHIND_TLS_PROXY=1`` and a made-up client address per request in X-Forwarded-For, as locust sends. The
browser keeps its cookies (CSRF) between requests, like locust's users. The database is $DATABASE_URL
(a PostgreSQL with the demo's data: ``CCHC_DEMO=1 cchc migrate`` + ``cchc load-demo``, with
``CCHC_DEMO_DOSSIERS`` as small as wanted — the look-up is an index read); only gunicorn's HTTP parsing
is missing.

Pages: the dossier look-up (POST, a real code with its applicant's phone, the page must name the code), the
look-up form, the portal front page, the procedure handbook and one of its entries, the published late
lists and the reform rankings. Each page: ``--warm`` requests unmeasured, then ``--requests`` measured,
in ``--rounds`` rounds; the median and the 10th–90th percentile of the per-request CPU ms are reported, and
the mix's weighted mean (the locust weights 4:1:2:1:1:1:1).

``compare`` runs ``measure`` in a subprocess for each tree (``PYTHONPATH`` first on the tree: the baseline is
a plain export of another commit, e.g. ``git archive main | tar -x -C DIR``), alternating, ``--rounds`` times.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
REDIS_DB = 12
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# locust_multi_server.py's task weights.
WEIGHTS = {
    "lookup (POST)": 4,
    "lookup form (GET)": 1,
    "portal landing": 2,
    "procedure handbook": 1,
    "handbook entry": 1,
    "published late lists": 1,
    "reform rankings": 1,
}
# Measured beside the mix, not in it: a wrong phone for a real code (the answer a guesser gets).
EXTRA = ("lookup not found (POST)",)


def production_env() -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "cchc.settings",
        "SECRET_KEY": "bench-scratch-database-only",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "BEHIND_TLS_PROXY": "1",
    }


def address() -> str:
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


class Browser:
    """One citizen's browser against the WSGI application: keeps its cookies, as locust's users do."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, str]:
        from io import BytesIO

        environ: dict[str, Any] = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_X_FORWARDED_FOR": address(),
            "HTTP_ACCEPT_ENCODING": "gzip, deflate",
            "HTTP_USER_AGENT": "bench",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        if body:
            environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
            environ["CONTENT_LENGTH"] = str(len(body))
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        status: list[str] = []
        headers: list[tuple[str, str]] = []

        def start_response(s: str, h: list[tuple[str, str]], exc_info: Any = None) -> None:
            status.append(s)
            headers.extend(h)

        result = self.app(environ, start_response)
        try:
            content = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        for name, value in headers:
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        code = int(status[0].split()[0])
        encoding = {k.lower(): v for k, v in headers}.get("content-encoding", "")
        if encoding == "gzip":
            import gzip

            content = gzip.decompress(content)
        return code, content.decode("utf-8", "replace")


def sample(handbook_codes: int = 40, pairs: int = 2000) -> tuple[list[tuple[str, str]], list[str]]:
    from django.db import connection

    from cchc.dossiers import handbook
    from cchc.dossiers.models import Dossier

    with connection.cursor() as cur:
        cur.execute(
            f"SELECT code, applicant_phone FROM {Dossier._meta.db_table} "
            "WHERE length(applicant_phone) >= 8 ORDER BY random() LIMIT %s",
            [pairs],
        )
        found = [(str(c), str(p)) for c, p in cur.fetchall()]
    codes = list(handbook.active_procedures().values_list("national_code", flat=True)[:handbook_codes])
    return found, [str(c) for c in codes]


def pages(browser: Browser, pairs: list[tuple[str, str]], codes: list[str]) -> dict[str, Callable[[], None]]:
    from urllib.parse import urlencode

    def get(path: str) -> Callable[[], None]:
        def run() -> None:
            code, _ = browser.request("GET", path)
            if code != 200:
                raise RuntimeError(f"{path}: {code}")

        return run

    token = {"value": ""}

    def form() -> None:
        code, text = browser.request("GET", "/cong-khai/tra-cuu-ho-so/")
        found = TOKEN.search(text)
        if code != 200 or not found:
            raise RuntimeError(f"look-up form: {code}")
        token["value"] = found.group(1)

    def look_up() -> None:
        code, phone = random.choice(pairs)
        body = urlencode({"csrfmiddlewaretoken": token["value"], "code": code, "phone": phone}).encode()
        status, text = browser.request("POST", "/cong-khai/tra-cuu-ho-so/", body)
        if status != 200 or code not in text:
            raise RuntimeError(f"look-up {code}: {status}, shown: {code in text}")

    def not_found() -> None:
        code, _ = random.choice(pairs)
        wrong = "09" + "".join(random.choice("0123456789") for _ in range(8))
        body = urlencode({"csrfmiddlewaretoken": token["value"], "code": code, "phone": wrong}).encode()
        status, text = browser.request("POST", "/cong-khai/tra-cuu-ho-so/", body)
        if status != 200 or 'data-testid="lookup-error"' not in text:
            raise RuntimeError(f"look-up {code} with a wrong phone: {status}")

    def entry() -> None:
        get(f"/cong-khai/so-tay-thu-tuc/{random.choice(codes)}/")()

    form()
    return {
        "lookup (POST)": look_up,
        "lookup form (GET)": form,
        "lookup not found (POST)": not_found,
        "portal landing": get("/cong-khai/"),
        "procedure handbook": get("/cong-khai/so-tay-thu-tuc/"),
        "handbook entry": entry,
        "published late lists": get("/cong-khai/danh-sach-tre-han/"),
        "reform rankings": get("/cong-khai/xep-hang-chi-so-cchc/"),
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def measure(args: argparse.Namespace) -> dict[str, Any]:
    os.environ.update(production_env())
    os.environ.pop("CCHC_TESTING", None)
    import django

    django.setup()
    import redis
    from django.db import connection, reset_queries

    from cchc.wsgi import application

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    random.seed(7)
    pairs, codes = sample()
    browser = Browser(application)
    todo = pages(browser, pairs, codes)
    if args.page:
        todo = {k: v for k, v in todo.items() if k in args.page}
    cpu: dict[str, list[float]] = {name: [] for name in todo}
    queries: dict[str, int] = {}
    # CPU time, not wall time: waiting for PostgreSQL or Redis is not what a faster page must cut.
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    for name, run in todo.items():
        for _ in range(args.warm):
            run()
        # Queries of one request, with the connection's own log (DEBUG is off: force it for one call).
        connection.force_debug_cursor = True
        reset_queries()
        run()
        queries[name] = len(connection.queries)
        connection.force_debug_cursor = False
    for _ in range(args.rounds):
        for name, run in todo.items():
            for _ in range(args.requests):
                if profiler:
                    profiler.enable()
                t0 = time.process_time()
                run()
                cpu[name].append((time.process_time() - t0) * 1000)
                if profiler:
                    profiler.disable()
    rows = {
        name: {
            "median_ms": round(statistics.median(v), 2),
            "p10_ms": round(percentile(v, 0.1), 2),
            "p90_ms": round(percentile(v, 0.9), 2),
            "queries": queries[name],
            "n": len(v),
        }
        for name, v in cpu.items()
    }
    mixed = {n: v for n, v in cpu.items() if n in WEIGHTS}
    weight = sum(WEIGHTS[n] for n in mixed)
    weighted = sum(WEIGHTS[n] * statistics.mean(v) for n, v in mixed.items()) / weight if weight else 0.0
    out = {
        "tree": os.environ.get("PYTHONPATH", "."),
        "pages": rows,
        "mix_mean_ms": round(weighted, 2),
        "load": os.getloadavg()[0],
    }
    if profiler:
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats(args.sort).print_stats(args.top)
        out["profile"] = text.getvalue()
    return out


def compare(args: argparse.Namespace) -> None:
    trees = {"baseline": str(Path(args.baseline).resolve())} if args.baseline else {}
    for given in args.tree:  # LABEL=DIR, in the order given
        label, _, where = given.partition("=")
        trees[label] = str(Path(where).resolve())
    trees["this"] = str(HERE.parent.parent)
    results: dict[str, list[dict[str, Any]]] = {k: [] for k in trees}
    for i in range(args.rounds):
        # Every tree in turn, the order reversed each round (first and last swap places).
        order = list(trees) if i % 2 == 0 else list(reversed(trees))
        for label in order:
            env = {**os.environ, "PYTHONPATH": trees[label]}
            cmd = [sys.executable, str(HERE), "measure", "--requests", str(args.requests), "--rounds", "1"]
            cmd += ["--warm", str(args.warm), "--json"]
            cmd += [arg for page in args.page for arg in ("--page", page)]
            t0, c0 = time.perf_counter(), os.times()
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(done.stderr[-3000:], file=sys.stderr)
                raise SystemExit(f"{label} failed")
            result = json.loads(done.stdout.strip().splitlines()[-1])
            c1 = os.times()
            result["wall_s"] = round(time.perf_counter() - t0, 1)
            result["child_cpu_s"] = round(
                c1.children_user + c1.children_system - c0.children_user - c0.children_system, 1
            )
            results[label].append(result)
            print(
                json.dumps(
                    {
                        "round": i + 1,
                        "tree": label,
                        "mix_mean_ms": result["mix_mean_ms"],
                        "load": result["load"],
                        "wall_s": result["wall_s"],
                        "cpu_s": result["child_cpu_s"],
                    }
                ),
                flush=True,
            )
    summary: dict[str, Any] = {}
    for label, runs in results.items():
        summary[label] = {
            "mix_mean_ms": [r["mix_mean_ms"] for r in runs],
            "pages": {
                name: {
                    "median_ms": statistics.median(r["pages"][name]["median_ms"] for r in runs),
                    "range_ms": [
                        min(r["pages"][name]["median_ms"] for r in runs),
                        max(r["pages"][name]["median_ms"] for r in runs),
                    ],
                    "p10_p90_ms": [runs[0]["pages"][name]["p10_ms"], runs[0]["pages"][name]["p90_ms"]],
                    "queries": runs[0]["pages"][name]["queries"],
                }
                for name in (*WEIGHTS, *EXTRA)
                if name in runs[0]["pages"]
            },
        }
    print(json.dumps(summary, ensure_ascii=False, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("measure", "compare"))
    parser.add_argument("--requests", type=int, default=100, help="measured requests per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--baseline", default="")
    parser.add_argument("--page", action="append", default=[], help="only this page (repeatable)")
    parser.add_argument(
        "--tree", action="append", default=[], help="LABEL=DIR: another tree measured in turn (repeatable)"
    )
    parser.add_argument("--json", action="store_true", help="one JSON line (for compare)")
    args = parser.parse_args()
    if args.what == "compare":
        compare(args)
        return
    result = measure(args)
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "profile"}, ensure_ascii=False))
        return
    print(json.dumps({k: v for k, v in result.items() if k != "profile"}, ensure_ascii=False, indent=1))
    if "profile" in result:
        print(result["profile"])


if __name__ == "__main__":
    main()
