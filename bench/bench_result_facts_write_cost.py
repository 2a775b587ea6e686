"""What keeping the results report's summary (``cchc.dossiers.result_facts``) adds to an import of new
dossiers: the same generated file (``bench_dossier_import``'s) imported into an empty PostgreSQL ledger
twice, each in its own process and scratch database — once as it is, once with the summary's hook
turned off in that process (the import as it was before) — with this process's and the database
backend's CPU seconds. Read-write on a scratch database only (created and dropped here).

    python -m bench.bench_result_facts_write_cost --rows 200000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

DB = os.environ.get("BENCH_DATABASE", "ssum_import_cost")
WORKDIR = Path(os.environ.get("BENCH_DIR", "/tmp/ssum-bench"))
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc"]


def one(mode: str, rows: int) -> None:
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    os.environ.setdefault("SECRET_KEY", "bench-scratch-database-only")
    os.environ.setdefault("CCHC_TESTING", "1")
    import django

    django.setup()
    from django.core.management import call_command

    from bench import bench_dossier_import as b
    from cchc.dossiers import result_facts
    from cchc.dossiers.importing import import_path
    from cchc.dossiers.models import ResultDailyFact

    call_command("migrate", verbosity=0)
    b.setup_org()
    WORKDIR.mkdir(parents=True, exist_ok=True)
    src = WORKDIR / f"dossiers-{rows}.csv"
    if not src.exists():
        b.generate(src, rows)
    if mode == "off":
        result_facts.add_new = lambda codes: None
    load = os.getloadavg()[0]
    db0 = b._db_cpu()
    res, wall, cpu = b._timed(lambda: import_path(src, actor="bench", as_of=dt.date(2026, 1, 31)))
    assert res.ok, res.errors[:3]
    out = {
        "mode": mode,
        "rows": rows,
        "path": res.path,
        "wall_s": round(wall, 1),
        "python_cpu_s": round(cpu, 1),
        "db_cpu_s": round(b._db_cpu() - db0, 1),
        "summary_rows": ResultDailyFact.objects.count(),
        "load": [round(load, 1), round(os.getloadavg()[0], 1)],
        "at": time.strftime("%H:%M:%S", time.gmtime()),
    }
    print(json.dumps(out), flush=True)


def main(rows: int) -> None:
    for mode in ("off", "on"):
        subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {DB}"], check=True)
        subprocess.run([*PSQL, f"CREATE DATABASE {DB}"], check=True)
        try:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.bench_result_facts_write_cost",
                    "--one",
                    mode,
                    "--rows",
                    str(rows),
                ],
                check=True,
            )
        finally:
            subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {DB}"], check=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--one", choices=("off", "on"))
    args = parser.parse_args()
    if args.one:
        one(args.one, args.rows)
    else:
        main(args.rows)
